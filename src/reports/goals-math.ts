import type { Catalog, Metric, Term } from '../catalog/index.js';
import { usageError } from '../errors.js';
import { addDays, zonedDate, zonedMidnight } from '../time/zones.js';

// The arithmetic of goals (spec/metrics.md "Goals"), kept free of the database so every number can
// be checked by hand: month bounds in a zone, elapsed share, pace, attainment, status and the
// day-of-week-weighted month-end projection with its 80 % range.

export const DEFAULT_AMBER_AT = 0.9;
export const DEFAULT_RED_AT = 0.75;
/** Days of history the weekday weights are learned from: 8 of each weekday. */
export const HISTORY_DAYS = 56;
const MIN_RESIDUAL_DAYS = 3; // fewer full days give a standard deviation of no meaning
const Z80 = 1.2816; // standard normal quantile at 0.9: 10 % outside on each side

export const PROJECTION_METHOD =
  'Per base measure: projection = actual to date + remaining weight × run rate, run rate = actual ÷ ' +
  'elapsed weight. Weekday weight = mean daily sum on that weekday ÷ mean daily sum over the 56 local ' +
  'days before the as-of day (missing days = 0; all weights 1 when that mean is 0). Elapsed weight = ' +
  'Σ weights of the full days elapsed + today’s weight × its elapsed fraction; remaining weight = the ' +
  'rest of the month. The metric is evaluated over the projected sums (a rate as Σnumerator ÷ ' +
  'Σdenominator). 80 % range: residual of each full elapsed day = daily sum ÷ (run rate × weight); ' +
  'spread = 1.2816 × sample standard deviation of the residuals ÷ √(days not yet complete, today ' +
  'included); low/high = actual + remaining × (1 ∓ spread), the low floored at actual; for a rate only ' +
  'the numerator varies, and a subtracted term (a cost in net profit) takes the opposite bound; no range ' +
  'under 3 full days. A past month projects to its actual.';

export const STATUS_RULE =
  'attainment = actual ÷ pace (pace ÷ actual when lower is better); green ≥ 1, amber ≥ red_at, ' +
  'red < red_at; band: on_pace ≥ 1, slightly_behind ≥ amber_at, behind ≥ red_at, off_track < red_at';

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function checkPeriod(period: string): string {
  if (!PERIOD_RE.test(period)) throw usageError(`period ${period}: expected a month as YYYY-MM`);
  return period;
}

export interface MonthBounds {
  /** instants of local midnight starting the month and the next one */
  start: Date;
  end: Date;
  /** the month's local dates, YYYY-MM-DD */
  days: string[];
}

export function monthBounds(period: string, tz: string): MonthBounds {
  const first = `${checkPeriod(period)}-01`;
  const days: string[] = [];
  for (let d = first; d.startsWith(period); d = addDays(d, 1)) days.push(d);
  return { start: zonedMidnight(first, tz), end: zonedMidnight(addDays(days.at(-1)!, 1), tz), days };
}

/** The month (YYYY-MM) an instant falls in, in `tz`. */
export const monthOf = (at: Date, tz: string): string => zonedDate(at.getTime(), tz).slice(0, 7);

/** Real time elapsed ÷ the month's real length, so a 745-hour October counts each hour once. */
export function elapsedShare(period: string, asOf: Date, tz: string): number {
  const { start, end } = monthBounds(period, tz);
  const share = (asOf.getTime() - start.getTime()) / (end.getTime() - start.getTime());
  return Math.min(1, Math.max(0, share));
}

/** Sums (a measure, or a signed sum of measures) accrue over the month; rates and averages do not. */
export const isSumMetric = (m: Metric): boolean => m.ratio === undefined && m.variants === undefined;

export function paceOf(m: Metric, target: number, share: number): number {
  return isSumMetric(m) ? target * share : target;
}

type Direction = Metric['direction'];

/** actual ÷ reference, inverted when lower is better (neutral counts as higher); null if undefined. */
export function attainment(
  direction: Direction,
  actual: number | null,
  reference: number | null,
): number | null {
  if (actual == null || reference == null) return null;
  if (direction === 'lower') return actual === 0 ? null : reference / actual;
  return reference === 0 ? null : actual / reference;
}

export type Status = 'green' | 'amber' | 'red' | 'none';
export type Band = 'on_pace' | 'slightly_behind' | 'behind' | 'off_track' | 'none';

export interface GoalThresholds {
  amberAt?: number | null;
  redAt?: number | null;
}

// The spec names green (≥ 1 × pace), amber (≥ amber_at) and red (below red_at) and leaves
// [red_at, amber_at) unnamed. It is not "below red_at", so it cannot be red: the colour is amber
// there too, and the finer band tells the two amber zones apart ('behind' vs 'slightly_behind').
export function goalStatus(a: number | null, t: GoalThresholds = {}): { status: Status; band: Band } {
  if (a == null) return { status: 'none', band: 'none' };
  const amberAt = t.amberAt ?? DEFAULT_AMBER_AT;
  const redAt = t.redAt ?? DEFAULT_RED_AT;
  if (a >= 1) return { status: 'green', band: 'on_pace' };
  if (a < redAt) return { status: 'red', band: 'off_track' };
  return { status: 'amber', band: a >= amberAt ? 'slightly_behind' : 'behind' };
}

/** Where `asOf` sits in the month, as the projection needs it. */
export interface GoalCalendar {
  phase: 'before' | 'during' | 'after';
  share: number;
  /** the month's local dates */
  days: string[];
  /** asOf's local date while the month runs, else null */
  today: string | null;
  /** elapsed fraction of today's real length (DST days have 23 or 25 hours) */
  todayFraction: number;
  /** full days of the month already over (all of them after the month) */
  elapsedDays: string[];
  /** full days of the month after today */
  remainingDays: string[];
  /** the 56 local days the weekday weights come from: those before today (before the next month after it) */
  historyDays: string[];
}

export function goalCalendar(period: string, asOf: Date, tz: string): GoalCalendar {
  const { start, end, days } = monthBounds(period, tz);
  const t = asOf.getTime();
  const history = (anchor: string): string[] =>
    Array.from({ length: HISTORY_DAYS }, (_, i) => addDays(anchor, i - HISTORY_DAYS));
  const base = { share: elapsedShare(period, asOf, tz), days, todayFraction: 0 };
  if (t <= start.getTime())
    return { ...base, phase: 'before', today: null, elapsedDays: [], remainingDays: days, historyDays: [] };
  if (t >= end.getTime()) {
    const next = addDays(days.at(-1)!, 1);
    return {
      ...base,
      phase: 'after',
      today: null,
      elapsedDays: days,
      remainingDays: [],
      historyDays: history(next),
    };
  }
  const today = zonedDate(t, tz);
  const dayStart = zonedMidnight(today, tz).getTime();
  const dayEnd = zonedMidnight(addDays(today, 1), tz).getTime();
  return {
    ...base,
    phase: 'during',
    today,
    todayFraction: (t - dayStart) / (dayEnd - dayStart),
    elapsedDays: days.filter((d) => d < today),
    remainingDays: days.filter((d) => d > today),
    historyDays: history(today),
  };
}

/** 0 = Sunday … 6 = Saturday (the calendar date's own weekday, whatever the zone). */
export const dowOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** weight(dow) = mean daily sum on that weekday ÷ mean daily sum over all the days; 1s without data. */
export function dowWeights(historyDays: readonly string[], daily: (date: string) => number): number[] {
  const sum = [0, 0, 0, 0, 0, 0, 0];
  const n = [0, 0, 0, 0, 0, 0, 0];
  for (const d of historyDays) {
    sum[dowOf(d)]! += daily(d);
    n[dowOf(d)]! += 1;
  }
  const total = sum.reduce((a, b) => a + b, 0);
  if (!historyDays.length || total === 0) return [1, 1, 1, 1, 1, 1, 1];
  const mean = total / historyDays.length;
  return sum.map((s, i) => (n[i] ? s / n[i]! / mean : 1));
}

export interface Projection {
  projected: number | null;
  low: number | null;
  high: number | null;
}
const NONE: Projection = { projected: null, low: null, high: null };

function sampleSd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

/** Month-end projection of one base measure (see PROJECTION_METHOD). */
export function projectMeasure(
  cal: GoalCalendar,
  weights: readonly number[],
  daily: (date: string) => number,
  actual: number,
): Projection {
  if (cal.phase === 'after') return { projected: actual, low: actual, high: actual };
  if (cal.phase === 'before') return NONE;
  const w = (d: string): number => weights[dowOf(d)]!;
  const today = cal.today!;
  const sumW = (ds: readonly string[]): number => ds.reduce((a, d) => a + w(d), 0);
  const elapsed = sumW(cal.elapsedDays) + cal.todayFraction * w(today);
  const remaining = (1 - cal.todayFraction) * w(today) + sumW(cal.remainingDays);
  // Nothing learned yet about this month (first minutes, or only weekdays that never have activity).
  if (elapsed <= 0) return NONE;
  const rate = actual / elapsed;
  const rest = rate * remaining;
  const projected = actual + rest;
  if (rest === 0) return { projected, low: projected, high: projected };
  const residuals = cal.elapsedDays.filter((d) => w(d) > 0).map((d) => daily(d) / (rate * w(d)));
  if (residuals.length < MIN_RESIDUAL_DAYS) return { projected, low: null, high: null };
  // Days still open, today included: on the last day there are no full days left but still a part.
  const spread = (Z80 * sampleSd(residuals)) / Math.sqrt(cal.remainingDays.length + 1);
  return { projected, low: actual + rest * Math.max(0, 1 - spread), high: actual + rest * (1 + spread) };
}

const termParts = (t: Term): [number, string] => (typeof t === 'string' ? [1, t] : t);

/**
 * The metric's projection from its base measures' projections. The range moves only what the
 * goal is about: a sum's terms, a rate's numerator terms (the denominator stays at its
 * projection), each at the bound that lowers the total for `low` — so a cost term of net profit
 * takes its high. low ≤ high by sorting, whatever the metric's direction.
 */
export function projectMetric(
  cat: Catalog,
  metric: Metric,
  variants: Readonly<Record<string, string>>,
  cal: GoalCalendar,
  daily: (measure: string, date: string) => number,
  actualSums: Readonly<Record<string, number | null>>,
): Projection {
  const ratio = cat.ratioOf(metric, variants);
  const terms = ratio?.num ?? metric.sum ?? [metric.measure!];
  const sign = new Map(terms.map((t) => [termParts(t)[1], Math.sign(termParts(t)[0])]));
  const mid: Record<string, number | null> = {};
  const low: Record<string, number | null> = {};
  const high: Record<string, number | null> = {};
  for (const id of cat.measuresOf(metric, variants)) {
    const actual = actualSums[id];
    if (actual == null) return NONE;
    const at = (d: string): number => daily(id, d);
    const p = projectMeasure(cal, dowWeights(cal.historyDays, at), at, actual);
    const s = sign.get(id) ?? 0;
    mid[id] = p.projected;
    low[id] = s > 0 ? p.low : s < 0 ? p.high : p.projected;
    high[id] = s > 0 ? p.high : s < 0 ? p.low : p.projected;
  }
  const projected = cat.evaluate(metric, mid, variants);
  const a = cat.evaluate(metric, low, variants);
  const b = cat.evaluate(metric, high, variants);
  if (projected == null || a == null || b == null) return { projected, low: null, high: null };
  return { projected, low: Math.min(a, b), high: Math.max(a, b) };
}
