import type { Dimension } from '../catalog/types.js';
import { runQuery, type Engine, type Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { zonedDate, zonedMidnight } from '../time/zones.js';
import { loadAdherence, localDays, type AdherenceRow } from './adherence.js';
import { calendarValue, computedSource, Tally } from './computed.js';

// Adherence compares two interval lists (schedules and agent states) second by second, which is
// interval arithmetic in adherence.ts, not a GROUP BY: computed per agent and local day, then
// summed per report row, so every rate is re-divided from the sums.

const DIMS: ReadonlySet<Dimension> = new Set(['agent', 'team', 'site', 'date', 'week', 'month', 'dow']);

export function adherenceSource(): FactSource {
  return computedSource({
    id: 'adherence',
    table: 'schedules',
    dims: DIMS,
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
      const tally = new Tally(plan, dims, [
        'scheduled_sec',
        'scheduled_work_sec',
        'worked_sec',
        'out_of_adherence_sec',
      ]);
      for (const r of rows) {
        const day = zonedDate(r.bucket_start ?? from.getTime(), tz);
        const value = (d: Dimension) =>
          d === 'agent'
            ? r.agent
            : d === 'team' || d === 'site'
              ? String(info.get(r.agent)?.[d] ?? '')
              : calendarValue(d, day);
        tally.add(value, [r.scheduled_sec, r.scheduled_work_sec, r.worked_sec, r.out_of_adherence_sec]);
      }
      return tally.rows();
    },
  });
}
