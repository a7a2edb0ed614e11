import { runQuery, type Engine, type QueryRequest, type ResultRow } from '../query/plan.js';
import { performanceIndex } from './fairness.js';

// What the ROI report adds beyond its metrics: per campaign, whether it loses money and where one
// more seat-hour earns most; per agent, a financial ranking with the fairness index.

export const COMPARISON_METHOD =
  'marginal revenue per agent hour = least-squares slope of daily revenue against daily login hours over the days of the period with login time (at least 5 days, else n/a); seat_hour_margin = that slope − cost per agent hour; rank 1 earns most from one more seat-hour';

const MIN_DAYS = 5;

/** Slope of y on x by ordinary least squares; null without enough points or spread. */
export function olsSlope(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < MIN_DAYS) return null;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  return sxx > 1e-9 ? sxy / sxx : null;
}

/** Adds at_loss, marginal_revenue_per_agent_hour, seat_hour_margin and seat_hour_rank per campaign. */
export async function addCampaignComparison(
  engine: Engine,
  req: QueryRequest,
  rows: ResultRow[],
): Promise<void> {
  const daily = await runQuery(engine, {
    ...req,
    metrics: ['revenue', 'login_sec', 'labor_cost_per_hour'],
    by: ['campaign', 'date'],
  });
  const series = new Map<string, [number, number][]>();
  for (const r of daily.rows) {
    const hours = Number(r.login_sec ?? 0) / 3600;
    if (hours <= 0) continue;
    const list = series.get(String(r.campaign)) ?? [];
    list.push([hours, Number(r.revenue ?? 0)]);
    series.set(String(r.campaign), list);
  }
  for (const row of rows) {
    const net = row.net_profit;
    row.at_loss = typeof net === 'number' ? net < 0 : null;
    const slope = olsSlope(series.get(String(row.campaign)) ?? []);
    const cost = typeof row.labor_cost_per_hour === 'number' ? row.labor_cost_per_hour : null;
    row.marginal_revenue_per_agent_hour = slope;
    row.seat_hour_margin = slope !== null && cost !== null ? slope - cost : null;
  }
  const ranked = rows
    .filter((r) => typeof r.seat_hour_margin === 'number')
    .sort((a, b) => (b.seat_hour_margin as number) - (a.seat_hour_margin as number));
  for (const r of rows) r.seat_hour_rank = null;
  ranked.forEach((r, i) => (r.seat_hour_rank = i + 1));
}

/** Adds expected_wins and performance_index per agent and orders agents by revenue, ranked. */
export async function addAgentRanking(engine: Engine, req: QueryRequest, rows: ResultRow[]): Promise<void> {
  const fair = await performanceIndex(engine, req);
  for (const row of rows) {
    const f = fair.get(String(row.agent));
    row.expected_wins = f?.expected_wins ?? 0;
    row.performance_index = f?.performance_index ?? null;
  }
  rows.sort((a, b) => Number(b.revenue ?? -Infinity) - Number(a.revenue ?? -Infinity));
  rows.forEach((r, i) => (r.revenue_rank = i + 1));
}
