import type { Dimension } from '../catalog/types.js';
import { runQuery, type Engine, type QueryRequest } from '../query/plan.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { addDays, formatLocalHour, zonedDate, zonedMidnight } from '../time/zones.js';
import { FORECAST_METHOD, forecastDaily, type ForecastPoint } from './forecast.js';

// Trend companions: the operational changes to mark on a time series, and a revenue forecast
// beyond the period.

export interface Annotation {
  at: string;
  campaign: string;
  kind: string;
  label: string;
  /** the value of the report's time dimension the annotation falls in */
  bucket: string | number | null;
}

const TREND_DIMS: readonly Dimension[] = ['hour', 'date', 'week', 'month'];

export const trendDimension = (by: readonly Dimension[]): Dimension | undefined =>
  by.find((d) => TREND_DIMS.includes(d));

function bucketOf(d: Dimension, ms: number, tz: string): string {
  const day = zonedDate(ms, tz);
  switch (d) {
    case 'hour':
      return formatLocalHour(ms, tz);
    case 'week': {
      const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
      return addDays(day, -dow);
    }
    case 'month':
      return day.slice(0, 7);
    default:
      return day;
  }
}

/** Annotations inside the report's period, for its campaigns (global ones always). */
export async function annotationsFor(
  store: DuckStore,
  req: QueryRequest,
  dim: Dimension,
): Promise<Annotation[]> {
  const start = zonedMidnight(req.from, req.timezone);
  const end = zonedMidnight(addDays(req.to, 1), req.timezone);
  const rows = await store.all<{ at: Date; campaign: string; kind: string | null; label: string }>(
    `SELECT "at", campaign, kind, label FROM annotations WHERE "at" >= $1 AND "at" < $2 ORDER BY "at", campaign, label`,
    [start.toISOString(), end.toISOString()],
  );
  const campaigns = req.where.campaign;
  return rows
    .filter((r) => !r.campaign || !campaigns || campaigns.includes(r.campaign))
    .map((r) => ({
      at: r.at.toISOString(),
      campaign: r.campaign,
      kind: r.kind ?? 'other',
      label: r.label,
      bucket: bucketOf(dim, r.at.getTime(), req.timezone),
    }));
}

export interface RevenueForecast {
  metric: 'revenue';
  method: string;
  horizon_days: number;
  series: { campaign: string | null; training_days: number; points: ForecastPoint[] }[];
}

const HISTORY_DAYS = 84;

/** Daily revenue forecast for the days after the period, per campaign when the report has campaigns. */
export async function revenueForecast(
  engine: Engine,
  req: QueryRequest,
  horizonDays: number,
): Promise<RevenueForecast> {
  const perCampaign = req.by.includes('campaign');
  const history = await runQuery(engine, {
    ...req,
    from: addDays(req.to, -(HISTORY_DAYS - 1)),
    metrics: ['revenue'],
    by: perCampaign ? ['campaign', 'date'] : ['date'],
  });
  const groups = new Map<string | null, { date: string; value: number }[]>();
  for (const r of history.rows) {
    const key = perCampaign ? String(r.campaign) : null;
    const list = groups.get(key) ?? [];
    list.push({ date: String(r.date), value: Number(r.revenue ?? 0) });
    groups.set(key, list);
  }
  const series: RevenueForecast['series'] = [];
  for (const [campaign, points] of groups) {
    // The history must end on the period's last day even when that day had no revenue.
    if (!points.some((p) => p.date === req.to)) points.push({ date: req.to, value: 0 });
    const f = forecastDaily(points, horizonDays);
    series.push({ campaign, training_days: f.trainingDays, points: f.points });
  }
  return { metric: 'revenue', method: FORECAST_METHOD, horizon_days: horizonDays, series };
}
