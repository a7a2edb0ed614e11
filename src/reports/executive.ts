import type { Warning } from '../ingest/warnings.js';
import type { ResultRow } from '../query/plan.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { installationTimezone, zonedDate } from '../time/zones.js';
import { checkPeriod, monthBounds, PROJECTION_METHOD } from './goals-math.js';
import { runGoals, type GoalRow } from './goals.js';
import { runReport } from './run.js';

// The owner's one page: goal statuses, the month's money, the month-end revenue projection and the
// campaigns that earn and lose most. Every figure comes from the goals and roi reports.

export interface ExecutiveOptions {
  readonly period?: string;
  readonly now?: Date;
}

export interface ExecutiveReport {
  report: 'executive';
  period: string;
  from: string;
  to: string;
  timezone: string;
  by: ['campaign'];
  totals: Record<string, number | null>;
  revenue_projection: {
    actual: number | null;
    projection: number | null;
    low: number | null;
    high: number | null;
    method: string;
  };
  goals: GoalRow[];
  /** campaigns by net profit, best first */
  rows: ResultRow[];
  top_campaigns: string[];
  bottom_campaigns: string[];
  warnings: Warning[];
  definitions: Record<string, string>;
  meta: { currency: string | null };
}

const KEEP = ['revenue', 'total_cost', 'net_profit', 'roi_pct', 'cpa', 'wins'] as const;
const RANK_SIZE = 3;

export async function runExecutive(store: DuckStore, opts: ExecutiveOptions = {}): Promise<ExecutiveReport> {
  const now = opts.now ?? new Date();
  const timezone = await installationTimezone(store);
  const today = zonedDate(now.getTime(), timezone);
  const period = opts.period ? checkPeriod(opts.period) : today.slice(0, 7);
  const month = monthBounds(period, timezone);
  const from = `${period}-01`;
  const last = month.days.at(-1)!;
  const to = today < last ? (today < from ? from : today) : last;
  // A past month is judged at its end, so its goals show final figures.
  const asOf = today > last ? month.end : now;

  const [roi, goals] = await Promise.all([
    runReport(store, 'roi', { from, to, timezone, now }),
    runGoals(store, { period, asOf, now }),
  ]);
  const totals = Object.fromEntries(KEEP.map((k) => [k, roi.totals[k] ?? null]));
  const ranked = roi.rows
    .filter((r) => r.campaign !== '' && typeof r.net_profit === 'number')
    .sort((a, b) => (b.net_profit as number) - (a.net_profit as number));
  const rows = ranked.map((r, i) => ({
    campaign: r.campaign ?? null,
    ...Object.fromEntries(KEEP.map((k) => [k, r[k] ?? null])),
    at_loss: r.at_loss ?? null,
    seat_hour_rank: r.seat_hour_rank ?? null,
    net_rank: i + 1,
  }));
  const names = ranked.map((r) => String(r.campaign));
  // "Earning most" never names a campaign that loses money, however few campaigns there are.
  const top = ranked
    .filter((r) => (r.net_profit as number) > 0)
    .slice(0, RANK_SIZE)
    .map((r) => String(r.campaign));
  return {
    report: 'executive',
    period,
    from,
    to,
    timezone,
    by: ['campaign'],
    totals,
    revenue_projection:
      revenueFromGoal(goals.rows, totals.revenue ?? null) ??
      (await revenueFromForecast(store, { from, to, last, timezone, now }, totals.revenue ?? null)),
    goals: goals.rows,
    rows,
    top_campaigns: top,
    // With few campaigns the two lists must not overlap: the least earning are the rest, worst first.
    bottom_campaigns: names
      .filter((n) => !top.includes(n))
      .slice(-RANK_SIZE)
      .reverse(),
    warnings: [...roi.warnings, ...goals.warnings],
    definitions: Object.fromEntries(KEEP.map((k) => [k, roi.definitions[k] ?? ''])),
    meta: { currency: roi.meta.currency ?? null },
  };
}

type Projection = ExecutiveReport['revenue_projection'];

/** The operation-wide revenue goal's projection, so the page and the goal agree. */
function revenueFromGoal(goals: readonly GoalRow[], actual: number | null): Projection | null {
  const g = goals.find((x) => x.scope === '*' && x.metric === 'revenue');
  if (!g || g.projection === null) return null;
  return {
    actual,
    projection: g.projection,
    low: g.projection_low,
    high: g.projection_high,
    method: PROJECTION_METHOD,
  };
}

/** Without a revenue goal: month to date plus the daily forecast of the month's remaining days. */
async function revenueFromForecast(
  store: DuckStore,
  span: { from: string; to: string; last: string; timezone: string; now: Date },
  actual: number | null,
): Promise<Projection> {
  const remaining = Math.round((Date.parse(span.last) - Date.parse(span.to)) / 86_400_000);
  if (remaining <= 0 || actual === null)
    return { actual, projection: actual, low: actual, high: actual, method: 'the month is complete' };
  const r = await runReport(store, 'roi', {
    from: span.from,
    to: span.to,
    timezone: span.timezone,
    now: span.now,
    by: [],
    metrics: ['revenue'],
    forecastDays: remaining,
  });
  const points = r.forecast?.series[0]?.points ?? [];
  const sum = (f: (p: (typeof points)[number]) => number): number =>
    actual + points.reduce((a, p) => a + f(p), 0);
  return {
    actual,
    projection: sum((p) => p.value),
    low: sum((p) => p.low),
    high: sum((p) => p.high),
    method: `month to date plus a forecast of the remaining days: ${r.forecast?.method ?? ''}`,
  };
}
