import type { Dimension } from '../catalog/types.js';
import { runQuery, type Engine, type Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import { col, table } from '../query/sql.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { addDays, zonedDate, zonedMidnight } from '../time/zones.js';
import { loadAdherence, localDays, type AdherenceRow } from './adherence.js';

// Adherence compares two interval lists (schedules and agent states) second by second, which is
// interval arithmetic in adherence.ts, not a GROUP BY: computed per agent and local day, then
// summed per report row, so every rate is re-divided from the sums.

const DIMS: ReadonlySet<Dimension> = new Set(['agent', 'team', 'site', 'date', 'week', 'month', 'dow']);

export function adherenceSource(): FactSource {
  const none = (): never => {
    throw new Error('adherence is computed, not read');
  };
  return {
    id: 'adherence',
    from: table('schedules'),
    joins: [],
    time: null,
    fromRollup: false,
    dim: (d) => (DIMS.has(d) ? col(d) : undefined),
    cond: none,
    counter: none,
    async rows(engine: Engine, plan: Plan, dims: readonly Dimension[]) {
      const tz = plan.req.timezone;
      const reader = { all: engine.all } as Pick<DuckStore, 'all'>;
      const [from, to] = plan.range;
      const agents = await engine.all(`SELECT agent, team, site FROM agents`, []);
      const info = new Map(agents.map((a) => [String(a.agent), a]));
      // Interval arithmetic only for agents with a schedule in the period; everyone else has no
      // adherence, and their worked time comes from the hourly agent-time rollup.
      const scheduled = (
        await engine.all(
          `SELECT DISTINCT agent FROM schedules WHERE starts_at < CAST($1 AS TIMESTAMPTZ) AND ends_at > CAST($2 AS TIMESTAMPTZ)`,
          [to.toISOString(), from.toISOString()],
        )
      ).map((r) => String(r.agent));
      const rows: AdherenceRow[] = await loadAdherence(reader, {
        from,
        to,
        agents: scheduled,
        splitAt: localDays(tz),
      });
      const withSchedule = new Set(scheduled);
      const worked = await runQuery(engine, {
        ...plan.req,
        where: {},
        metrics: ['available_sec', 'state_talk_sec', 'state_hold_sec', 'state_wrap_sec'],
        by: ['agent', 'date'],
      });
      worked.rows.forEach((w, i) => {
        if (withSchedule.has(String(w.agent))) return;
        const sums = worked.rowSums[i]!;
        const sec = ['available_sec', 'state_talk_sec', 'state_hold_sec', 'state_wrap_sec'].reduce(
          (a, k) => a + Number(sums[k] ?? 0),
          0,
        );
        rows.push({
          agent: String(w.agent),
          bucket_start: zonedMidnight(String(w.date), tz).getTime(),
          scheduled_sec: 0,
          scheduled_work_sec: 0,
          worked_sec: sec,
          missed_work_sec: 0,
          worked_in_nonwork_sec: 0,
          out_of_adherence_sec: 0,
          adherence: null,
          conformance: null,
        });
      });
      const out = new Map<string, { dims: (string | number)[]; sums: number[] }>();
      const value = (d: Dimension, agent: string, start: number): string | number => {
        const day = zonedDate(start, tz);
        const isoDow = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
        if (d === 'agent') return agent;
        if (d === 'team' || d === 'site') return String(info.get(agent)?.[d] ?? '');
        if (d === 'date') return day;
        if (d === 'week') return addDays(day, 1 - isoDow);
        if (d === 'month') return `${day.slice(0, 7)}-01`;
        return isoDow;
      };
      for (const r of rows) {
        const start = r.bucket_start ?? from.getTime();
        const keep = Object.entries(plan.req.where).every(([d, v]) =>
          (v as string[]).includes(String(value(d as Dimension, r.agent, start))),
        );
        if (!keep) continue;
        const values = dims.map((d) => value(d, r.agent, start));
        const key = JSON.stringify(values);
        const o = out.get(key) ?? { dims: values, sums: [0, 0, 0, 0] };
        o.sums[0]! += r.scheduled_sec;
        o.sums[1]! += r.scheduled_work_sec;
        o.sums[2]! += r.worked_sec;
        o.sums[3]! += r.out_of_adherence_sec;
        out.set(key, o);
      }
      return [...out.values()].map((o) => ({
        ...Object.fromEntries(o.dims.map((v, i) => [`d${i}`, v])),
        m_scheduled_sec: o.sums[0],
        m_scheduled_work_sec: o.sums[1],
        m_worked_sec: o.sums[2],
        m_out_of_adherence_sec: o.sums[3],
      }));
    },
  };
}
