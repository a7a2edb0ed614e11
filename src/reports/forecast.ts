import { badInput, usageError } from '../errors.js';

// A deliberately small, explainable forecast of a daily money series (revenue) for the days after the
// history. Pure: the caller queries the daily totals; nothing here touches a database or a time zone.

export const FORECAST_METHOD =
  'Weekly-seasonal level model fitted on the last ≤84 days (missing days = 0): weekday index = weekday ' +
  'mean ÷ overall mean; level = mean of the deseasonalised last 28 days, moved to the last day along the ' +
  'trend; trend = least-squares daily slope of the deseasonalised series, kept only if |t| ≥ 2. ' +
  'Forecast for day h = (level + trend × min(h, 28)) × weekday index, floored at 0, ± z·σ·√(1 + h/28) ' +
  'with σ the in-sample residual deviation (under 14 days: flat mean, no index, σ of the raw values).';

export interface DailyPoint {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  value: number;
}

export interface ForecastPoint {
  date: string;
  /** 0 = Monday … 6 = Sunday, the index into `weights`. */
  dow: number;
  value: number;
  low: number;
  high: number;
}

export interface Forecast {
  points: ForecastPoint[];
  method: string;
  trainingDays: number;
  /** Day-of-week seasonal index, 0 = Monday … 6 = Sunday. */
  weights: number[];
}

const DAY_MS = 86_400_000;
const MAX_TRAINING = 84; // 12 weeks: long enough for a stable weekday index, short enough to follow change
const LEVEL_DAYS = 28; // the level follows the last 4 weeks
const DAMP_DAYS = 28; // a trend is not extrapolated further than the window the level uses
const MIN_SEASONAL = 14; // under two of each weekday an index would be one observation's noise

// Dates are calendar dates, not instants: parse them as UTC midnights so no zone or DST can shift a day.
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== date) throw badInput(`not a date: ${date}`);
  return ms / DAY_MS;
}
const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: number): number => (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9), enough for interval widths. */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + 4.374664141464968) * q + 2.938163982698783) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + 2.506628277459239) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

export function forecastDaily(
  history: readonly DailyPoint[],
  horizonDays: number,
  opts: { level?: number } = {},
): Forecast {
  const level = opts.level ?? 0.8;
  if (!(level > 0 && level < 1)) throw usageError(`forecast level must be between 0 and 1, got ${level}`);
  if (!Number.isInteger(horizonDays) || horizonDays < 0) {
    throw usageError(`forecast horizon must be a whole number of days ≥ 0, got ${horizonDays}`);
  }
  const byDay = new Map<number, number>();
  for (const p of history) {
    if (!Number.isFinite(p.value)) throw badInput(`${p.date}: value ${p.value} is not a number`);
    const day = dayNumber(p.date);
    byDay.set(day, (byDay.get(day) ?? 0) + p.value); // two rows for one date are two parts of its total
  }
  if (byDay.size === 0) {
    return { points: [], method: FORECAST_METHOD, trainingDays: 0, weights: Array<number>(7).fill(1) };
  }
  // A date inside the span with no row had no calls and so earned nothing: it is a 0, not a gap.
  const lastDay = Math.max(...byDay.keys());
  const n = Math.min(MAX_TRAINING, lastDay - Math.min(...byDay.keys()) + 1);
  const days = Array.from({ length: n }, (_, i) => lastDay - n + 1 + i);
  const values = days.map((day) => byDay.get(day) ?? 0);
  const dows = days.map(weekday);
  const seasonal = n >= MIN_SEASONAL;

  // Weekday index: that weekday's mean over the overall mean (ratio-to-moving-average with the moving
  // average simplified to one flat mean, since the window is short and mostly whole weeks).
  const overall = mean(values);
  const dowMean = [0, 1, 2, 3, 4, 5, 6].map((w) => mean(values.filter((_, i) => dows[i] === w)));
  const seen = [0, 1, 2, 3, 4, 5, 6].map((w) => dows.includes(w));
  const weights = dowMean.map((m, w) => (seasonal && overall !== 0 && seen[w] ? m / overall : 1));

  // Deseasonalised series, as value ÷ weekday mean × overall mean so that a pure weekly pattern gives
  // exactly the same number every day. A weekday whose index is 0 (always closed) says nothing about the
  // level: 0 ÷ 0 is left out of the level and the trend rather than counted as 0, which would drag the
  // level down by that weekday's share and turn the weekly phase into a spurious slope.
  const obs: { k: number; y: number }[] = []; // k = position relative to the window's last day (≤ 0)
  values.forEach((v, i) => {
    const w = weights[dows[i]!]!;
    if (w === 0) return;
    const y = seasonal && overall !== 0 ? (v / dowMean[dows[i]!]!) * overall : v;
    obs.push({ k: i - (n - 1), y });
  });

  // Trend: the OLS slope of y on the day, kept only if it is clearly there (|t| ≥ 2); a slope whose
  // change over the whole window is below 1e-9 of the series' size is rounding, not a trend.
  let slope = 0;
  if (seasonal && obs.length >= 3) {
    const kBar = mean(obs.map((o) => o.k));
    const yBar = mean(obs.map((o) => o.y));
    const sxx = obs.reduce((s, o) => s + (o.k - kBar) ** 2, 0);
    const b = obs.reduce((s, o) => s + (o.k - kBar) * (o.y - yBar), 0) / sxx;
    const sse = obs.reduce((s, o) => s + (o.y - yBar - b * (o.k - kBar)) ** 2, 0);
    const t = b / Math.sqrt(sse / (obs.length - 2) / sxx);
    const scale = mean(obs.map((o) => Math.abs(o.y)));
    if (Math.abs(t) >= 2 && Math.abs(b) * (n - 1) > 1e-9 * scale) slope = b;
  }

  // Level: mean of the last 28 days' deseasonalised values. That mean sits at those days' mean position,
  // not at the last day, so with a trend it is moved forward to the last day; otherwise every forecast
  // would lag the series by about two weeks of slope.
  const recent = obs.filter((o) => o.k > -LEVEL_DAYS);
  const base = mean(recent.map((o) => o.y)) - slope * mean(recent.map((o) => o.k));
  const fit = (k: number, w: number): number => (base + slope * Math.min(k, DAMP_DAYS)) * w;

  // σ: residual standard deviation over the window, √(Σr²/(n−1)); with weights 1 and no trend this is
  // the sample standard deviation of the raw values. It widens with √(1 + h/28) as the horizon grows.
  const sse = values.reduce((s, v, i) => s + (v - fit(i - (n - 1), weights[dows[i]!]!)) ** 2, 0);
  const sigma = Math.sqrt(sse / Math.max(n - 1, 1));
  const z = inverseNormal((1 + level) / 2);

  const points = Array.from({ length: horizonDays }, (_, i): ForecastPoint => {
    const h = i + 1;
    const day = lastDay + h;
    const dow = weekday(day);
    const value = Math.max(0, fit(h, weights[dow]!));
    const half = z * sigma * Math.sqrt(1 + h / DAMP_DAYS);
    return { date: isoDate(day), dow, value, low: Math.max(0, value - half), high: value + half };
  });
  return { points, method: FORECAST_METHOD, trainingDays: n, weights };
}
