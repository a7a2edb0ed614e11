import { catalog } from '../catalog/index.js';
import type { Engine, QueryRequest, QueryResult } from '../query/plan.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { performanceIndex } from './fairness.js';
import { runGoals } from './goals.js';
import { flagVsFloor, wilson } from './wilson.js';

// What the agents report adds to its metrics so agents are compared fairly: 95 % Wilson intervals
// for conversion and close rate with a flag when the whole interval is above or below the floor
// (so noise is not coached), the performance index on the same leads, and KPI achievement.

/** Adds `<rate>_low`, `<rate>_high` and `<rate>_vs_floor` for conversion_rate and close_rate. */
export function addIntervals(req: QueryRequest, result: QueryResult): void {
  const cat = catalog();
  for (const id of ['conversion_rate', 'close_rate']) {
    if (!req.metrics.includes(id)) continue;
    const ratio = cat.ratioOf(cat.metric(id), req.variants)!;
    const [num, den] = [ratio.num[0], ratio.den[0]] as [string, string];
    const floor = result.totals[id] ?? null;
    result.rows.forEach((row, i) => {
      const sums = result.rowSums[i]!;
      const interval = wilson(Number(sums[num] ?? 0), Number(sums[den] ?? 0));
      row[`${id}_low`] = interval?.low ?? null;
      row[`${id}_high`] = interval?.high ?? null;
      row[`${id}_vs_floor`] = floor === null ? null : flagVsFloor(interval, floor);
    });
  }
}

/** expected_wins and performance_index per agent row. */
export async function addFairness(engine: Engine, req: QueryRequest, result: QueryResult): Promise<void> {
  const fair = await performanceIndex(engine, req);
  for (const row of result.rows) {
    const f = fair.get(String(row.agent));
    row.expected_wins = f?.expected_wins ?? 0;
    row.performance_index = f?.performance_index ?? null;
  }
}

/**
 * kpi_achievement = targets met ÷ targets set, from the goals of the report's last month whose
 * scope is the agent or the agent's team (a team goal is met or missed by the team as a whole).
 */
export async function addKpiAchievement(
  store: DuckStore,
  to: string,
  result: QueryResult,
  now?: Date,
): Promise<void> {
  const goals = await runGoals(store, { period: to.slice(0, 7), ...(now ? { now } : {}) });
  const teams = new Map(
    (await store.all<{ agent: string; team: string | null }>(`SELECT agent, team FROM agents`)).map((a) => [
      a.agent,
      a.team ?? '',
    ]),
  );
  const bare = (scope: string): string => scope.replace(/^(agent|team):/, '');
  for (const row of result.rows) {
    const agent = String(row.agent);
    const mine = goals.rows.filter(
      (g) =>
        (g.scope_kind === 'agent' && bare(g.scope) === agent) ||
        (g.scope_kind === 'team' && bare(g.scope) === teams.get(agent)),
    );
    const judged = mine.filter((g) => g.attainment !== null);
    row.kpi_targets = mine.length;
    row.kpi_achievement = judged.length
      ? judged.filter((g) => g.attainment! >= 1).length / judged.length
      : null;
    row.kpi_detail = judged.map((g) => `${g.metric} ${Math.round(g.attainment! * 100)} %`).join(', ');
  }
}
