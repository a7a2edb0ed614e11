import { financeInForce } from '../settings/finance.js';
import { reasonKindSql, unknownStatusWarnings } from '../ingest/warnings.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { conversionDenominator } from '../reports/run.js';
import { rollupThresholds } from '../storage/duckdb/rollups.js';
import { installationTimezone } from '../time/zones.js';
import { parse } from './args.js';
import { withStore, type Globals } from './context.js';

// Data health in one screen: what the reports will silently depend on, made visible.

export interface DoctorReport {
  tables: Record<string, number>;
  unknown_statuses: { status: string; campaign: string; calls: number }[];
  rejects_by_reason: { record_type: string; reason: string; rows: number }[];
  agent_time_gaps: { agent: string; days: number; gap_sec: number }[];
  handled_without_agent_time: { agent: string; days: number; calls: number }[];
  rollup_consistent: boolean;
  interrupted_imports: { import_id: number; record_type: string; source: string; rows: number }[];
  settings: Record<string, unknown>;
}

const GAP_LIMIT_SEC = 3600;

export async function doctor(store: DuckStore): Promise<DoctorReport> {
  const tables: Record<string, number> = {};
  for (const t of [
    'calls',
    'agent_states',
    'dispositions',
    'agents',
    'campaigns',
    'lists',
    'finance',
    'goals',
    'rejects',
  ])
    tables[t] = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM "${t}"`))?.n ?? 0;
  const unknown = (await unknownStatusWarnings(store)).map((w) => ({
    status: w.status as string,
    campaign: w.campaign as string,
    calls: w.calls as number,
  }));
  const rejects = await store.all<{ record_type: string; reason: string; rows: number }>(
    `SELECT record_type, ${reasonKindSql('reason')} AS reason, count(*) AS rows
     FROM rejects GROUP BY 1, 2 ORDER BY rows DESC LIMIT 30`,
  );
  // A gap shorter than an hour between two intervals of one agent is time nobody recorded.
  const gaps = await store.all<{ agent: string; days: number; gap_sec: number }>(
    `SELECT agent, count(DISTINCT CAST(started_at AS DATE)) AS days, sum(gap) AS gap_sec FROM (
       SELECT agent, started_at, epoch(started_at) - epoch(lag(ended_at) OVER (PARTITION BY agent ORDER BY started_at)) AS gap
       FROM agent_states) WHERE gap > 0 AND gap < ${GAP_LIMIT_SEC} GROUP BY agent ORDER BY gap_sec DESC LIMIT 20`,
  );
  const missing = await store.all<{ agent: string; days: number; calls: number }>(
    `WITH c AS (SELECT agent, CAST(hour_utc AS DATE) AS d, sum(handled) AS calls FROM call_rollup
                WHERE agent <> '' AND handled > 0 GROUP BY 1, 2),
          t AS (SELECT DISTINCT agent, CAST(hour_utc AS DATE) AS d FROM agent_time_hourly)
     SELECT c.agent, count(*) AS days, sum(c.calls) AS calls FROM c ANTI JOIN t USING (agent, d)
     GROUP BY 1 ORDER BY calls DESC LIMIT 20`,
  );
  const check = await store.one<{ a: number; b: number }>(
    `SELECT (SELECT count(*) FROM calls) AS a, (SELECT coalesce(sum(n), 0) FROM call_rollup) AS b`,
  );
  // Only one process holds the file, so an import still marked running was cut off: its committed
  // batches are in, and running it again completes it.
  const interrupted = await store.all<{
    import_id: number;
    record_type: string;
    source: string;
    rows: number;
  }>(
    `SELECT import_id, record_type, source, accepted + updated + unchanged + rejected AS rows
     FROM imports WHERE status = 'running' ORDER BY import_id`,
  );
  const dispo = await store.one<{ global: number; overrides: number }>(
    `SELECT count(*) FILTER (WHERE campaign = '') AS global, count(*) FILTER (WHERE campaign <> '') AS overrides FROM dispositions`,
  );
  return {
    tables,
    unknown_statuses: unknown,
    rejects_by_reason: rejects,
    agent_time_gaps: gaps,
    handled_without_agent_time: missing,
    rollup_consistent: check?.a === check?.b,
    interrupted_imports: interrupted,
    settings: {
      schema_version: await store.getMeta('schema_version'),
      timezone: await installationTimezone(store),
      rollup_thresholds: (await rollupThresholds(store)) ?? null,
      conversion_denominator: await conversionDenominator(store),
      dispositions: dispo,
      finance: Object.fromEntries(
        (await financeInForce(store, new Date())).map((f) => [
          f.campaign,
          Object.entries(f.values)
            .filter(([, v]) => v != null)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'nothing set',
        ]),
      ),
    },
  };
}

export async function doctorCommand(argv: string[], g: Globals): Promise<number> {
  const { values } = parse('doctor', argv, { format: { type: 'string', default: 'table' } }, false);
  const d = await withStore(g, doctor);
  if (values.format === 'json') return (console.log(JSON.stringify(d, null, 2)), 0);
  const out: string[] = [`callkpi doctor · ${g.db}`, ''];
  out.push(
    'Rows: ' +
      Object.entries(d.tables)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
        .join(', '),
  );
  out.push(`Rollups: ${d.rollup_consistent ? 'consistent with raw calls' : 'OUT OF STEP with raw calls'}`);
  if (d.interrupted_imports.length) {
    out.push(
      '',
      'Interrupted imports (committed batches are kept; run the same import again to complete it):',
    );
    for (const i of d.interrupted_imports)
      out.push(`  #${i.import_id} ${i.record_type} ${i.source}: ${i.rows.toLocaleString('en-US')} rows done`);
  }
  out.push('', `Unknown statuses (counted in dials only): ${d.unknown_statuses.length ? '' : 'none'}`);
  for (const u of d.unknown_statuses)
    out.push(`  ${u.status.padEnd(10)} ${u.campaign.padEnd(12)} ${u.calls} calls`);
  out.push('', `Rejected rows by reason: ${d.rejects_by_reason.length ? '' : 'none'}`);
  for (const r of d.rejects_by_reason)
    out.push(`  ${String(r.rows).padStart(7)}  ${r.record_type}: ${r.reason}`);
  out.push('', `Gaps in agent time (under 1 h between intervals): ${d.agent_time_gaps.length ? '' : 'none'}`);
  for (const r of d.agent_time_gaps)
    out.push(`  ${r.agent.padEnd(14)} ${Math.round(r.gap_sec)} s over ${r.days} day(s)`);
  out.push(
    '',
    `Handled calls on days without agent time: ${d.handled_without_agent_time.length ? '' : 'none'}`,
  );
  for (const r of d.handled_without_agent_time)
    out.push(`  ${r.agent.padEnd(14)} ${r.calls} calls on ${r.days} day(s)`);
  out.push('', 'Settings in force:');
  for (const [k, v] of Object.entries(d.settings)) {
    if (k === 'finance') {
      out.push('  finance (see callkpi settings finance):');
      for (const [c, text] of Object.entries(v as Record<string, string>))
        out.push(`    ${c.padEnd(12)} ${text}`);
    } else out.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  console.log(out.join('\n'));
  return 0;
}
