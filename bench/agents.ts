import { runReport } from '../src/reports/run.js';
import type { DuckStore } from '../src/storage/duckdb/connection.js';
import { median, timeIt } from './stats.js';

// The full agents report (fairness, Wilson intervals, revenue, quality, FCR, adherence, KPI
// achievement) for a month against the funnel over the same data, alternating runs. The month of
// the import benchmark has 400 agents and agent time from roi.ts.

export async function agentsBench(
  store: DuckStore,
  n: number,
  span: { from: string; to: string; timezone: string },
): Promise<{ funnel: number; agents: number; rows: number }> {
  const funnel: number[] = [];
  const agents: number[] = [];
  const f = () => runReport(store, 'funnel', { ...span, by: ['campaign', 'date'] });
  const a = () => runReport(store, 'agents', span);
  await f();
  const rows = (await a()).rows.length;
  for (let i = 0; i < n; i++) {
    funnel.push(await timeIt(f));
    agents.push(await timeIt(a));
  }
  return { funnel: median(funnel), agents: median(agents), rows };
}
