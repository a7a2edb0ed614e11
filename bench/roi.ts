import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { importFile } from '../src/ingest/import.js';
import { runReport } from '../src/reports/run.js';
import type { DuckStore } from '../src/storage/duckdb/connection.js';
import { median, timeIt } from './stats.js';

// The money side must not make reports slow: roi by campaign × day against the funnel by
// campaign × day over the same month, measured alternately in the same run. The benchmark month
// gets finance versions (one changes mid-hour, so some hours are read raw), commission plans of
// every kind and a day of agent time per agent and day.

const FINANCE = [
  'campaign,effective_from,revenue_per_sale,cost_per_call,cost_per_agent_hour,currency,commission',
  '*,2026-01-01T00:00:00Z,40,0.012,25,USD,none',
  'SOLAR,2026-01-01T00:00:00Z,60,0.012,27,USD,"tiered:0-3000@0.02,3000-6000@0.03,6000+@0.04"',
  'INSURE,2026-01-01T00:00:00Z,22,0.012,25.5,USD,flat:1',
  'DEBT,2026-01-01T00:00:00Z,38,0.008,26,USD,percent:0.04',
  'DEBT,2026-10-15T17:37:00Z,41,,26.5,,"graduated:0-2000@0.03,2000+@0.05"',
];

/** Agent states for every agent of the calls: 13:00-21:00 UTC each day in 10-minute states. */
async function writeAgentStates(store: DuckStore, path: string, from: string, days: number): Promise<void> {
  const agents = (
    await store.all<{ agent: string }>(`SELECT DISTINCT agent FROM calls WHERE agent <> ''`)
  ).map((r) => r.agent);
  const out = createWriteStream(path);
  out.write('agent,started_at,ended_at,state,reason\n');
  const states = ['available', 'talk', 'talk', 'wrap', 'available', 'pause'];
  for (let d = 0; d < days; d++) {
    const day = Date.parse(`${from}T13:00:00Z`) + d * 86_400_000;
    for (const a of agents)
      for (let k = 0; k < 48; k++) {
        const s = day + k * 600_000;
        const state = states[k % states.length]!;
        const line = `${a},${new Date(s).toISOString()},${new Date(s + 600_000).toISOString()},${state},${state === 'pause' ? 'break' : ''}\n`;
        if (!out.write(line)) await once(out, 'drain');
      }
  }
  out.end();
  await once(out, 'finish');
}

export async function prepareMoney(store: DuckStore, dir: string, from: string, days: number): Promise<void> {
  const done = await store.one<{ n: number }>(`SELECT count(*) AS n FROM finance`);
  if ((done?.n ?? 0) > 0) return;
  const fin = join(dir, 'bench-finance.csv');
  writeFileSync(fin, FINANCE.join('\n') + '\n');
  await importFile(store, 'finance', fin);
  const st = join(dir, 'bench-agent-states.csv');
  await writeAgentStates(store, st, from, days);
  await importFile(store, 'agent-states', st);
}

export async function roiBench(
  store: DuckStore,
  n: number,
  span: { from: string; to: string; timezone: string },
): Promise<{ funnel: number; roi: number }> {
  const opts = { ...span, by: ['campaign', 'date'] };
  // Alternate the two so drift on a shared machine hits both alike.
  const funnel: number[] = [];
  const roi: number[] = [];
  const f = () => runReport(store, 'funnel', opts);
  const r = () => runReport(store, 'roi', opts);
  await f();
  await r();
  for (let i = 0; i < n; i++) {
    funnel.push(await timeIt(f));
    roi.push(await timeIt(r));
  }
  return { funnel: median(funnel), roi: median(roi) };
}
