import { expect, test } from 'vitest';
import { FORECAST_METHOD, forecastDaily, type DailyPoint } from '../../src/reports/forecast.js';

// Every expected number below is worked out by hand from the method (the arithmetic is in the
// comments); z(0.8) = Φ⁻¹(0.9) = 1.28155, z(0.95) = Φ⁻¹(0.975) = 1.95996 from a normal table.

/** Consecutive days from `start` (a YYYY-MM-DD date) carrying `values`. */
function series(start: string, values: readonly number[]): DailyPoint[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return values.map((value, i) => ({
    date: new Date(t0 + i * 86_400_000).toISOString().slice(0, 10),
    value,
  }));
}
const weeks = (n: number, week: readonly number[]): number[] => Array.from({ length: n }, () => week).flat();

test('a pure weekly pattern gives the weekday indexes and reproduces itself with a zero-width interval', () => {
  // 8 weeks from Monday 2026-03-02 to Sunday 2026-04-26: Mon–Fri 1000, Sat 500, Sun 0.
  // Overall mean = (5 × 1000 + 500 + 0) / 7 = 5500/7 = 785.714…; index = weekday mean ÷ that:
  // Mon–Fri 7000/5500 = 14/11 = 1.2727…, Sat 3500/5500 = 7/11 = 0.6364…, Sun 0.
  // Deseasonalised: 5500/7 every open day (Sunday, index 0, says nothing about the level), so the
  // slope is 0, level = 5500/7, forecast = level × index = the pattern again and every residual is 0.
  const f = forecastDaily(series('2026-03-02', weeks(8, [1000, 1000, 1000, 1000, 1000, 500, 0])), 14);
  expect(f.trainingDays).toBe(56);
  expect(f.method).toBe(FORECAST_METHOD);
  const expected = [14 / 11, 14 / 11, 14 / 11, 14 / 11, 14 / 11, 7 / 11, 0];
  f.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 12));
  expect(f.points.map((p) => p.date.slice(5))).toEqual([
    ...['04-27', '04-28', '04-29', '04-30', '05-01', '05-02', '05-03'],
    ...['05-04', '05-05', '05-06', '05-07', '05-08', '05-09', '05-10'],
  ]);
  expect(f.points.map((p) => p.dow)).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6]);
  const pattern = [1000, 1000, 1000, 1000, 1000, 500, 0];
  f.points.forEach((p, i) => {
    expect(p.value).toBeCloseTo(pattern[i % 7]!, 6);
    expect(p.low).toBeCloseTo(p.value, 6);
    expect(p.high).toBeCloseTo(p.value, 6);
  });
});

test('a clear trend is extrapolated from the last day and stops growing after 28 days', () => {
  // 4 weeks from Monday 2026-03-02, one value per week: 100, 170, 240, 310 (t = 0…27).
  // Each weekday sees each week once, so every weekday mean is 820/4 = 205 = the overall mean: index 1.
  // OLS on t: t̄ = 13.5, Sxx = 28(28² − 1)/12 = 1827, ȳ = 205,
  //   Sxy = 70 × Σ_w w × Σ_j (7w + j − 13.5) = 70 × (1 × −24.5 + 2 × 24.5 + 3 × 73.5) = 70 × 245 = 17150,
  //   slope = 17150/1827 = 9.38697 per day; Syy = 7 × 70² × Σ(w − 1.5)² = 7 × 4900 × 5 = 171500,
  //   SSE = Syy − Sxy²/Sxx = 10513.41, se = √(SSE/26/1827) = 0.47045, t = 19.95 ≥ 2: kept.
  // Level = mean of the 28 days = 205 at t̄ = 13.5, i.e. 13.5 days before the last day:
  //   h = 1: 205 + 9.38697 × (13.5 + 1) = 341.111; h ≥ 28: 205 + 9.38697 × 41.5 = 594.559.
  // Fitted = the OLS line, so σ = √(10513.41/27) = 19.7329; h = 1 half-width 1.28155 × 19.7329 × √(29/28).
  const f = forecastDaily(
    series(
      '2026-03-02',
      [100, 170, 240, 310].flatMap((v) => weeks(7, [v])),
    ),
    35,
  );
  expect(f.weights).toEqual([1, 1, 1, 1, 1, 1, 1]);
  expect(f.points[0]!.value).toBeCloseTo(341.111, 3);
  expect(f.points[0]!.value - f.points[0]!.low).toBeCloseTo(1.28155 * 19.7329 * Math.sqrt(29 / 28), 2);
  expect(f.points[6]!.value - f.points[0]!.value).toBeCloseTo(6 * 9.38697, 3);
  expect(f.points[27]!.value).toBeCloseTo(594.559, 3);
  expect(f.points[34]!.value).toBeCloseTo(594.559, 3); // damped: h = 35 adds no more than h = 28
});

test('noise without a trend keeps the slope at 0 and the forecast flat', () => {
  // 28 days alternating 1100, 900 from Monday 2026-03-02. A weekday recurs every 7 (odd) days, so each
  // sees two 1100s and two 900s: every index is 1. Deviations ±100: Sxy = 100 × Σ t(−1)^t = −1400,
  // slope = −1400/1827 = −0.766, SSE = 280000 − 1400²/1827 = 278927, se = √(SSE/26/1827) = 2.423,
  // |t| = 0.316 < 2: no trend. Level = 1000; σ = √(28 × 100²/27) = 101.835;
  // h = 1: 1000 ∓ 1.28155 × 101.835 × √(29/28) = 867.183 … 1132.817.
  const f = forecastDaily(series('2026-03-02', weeks(14, [1100, 900])), 8);
  expect(f.weights).toEqual([1, 1, 1, 1, 1, 1, 1]);
  for (const p of f.points) expect(p.value).toBeCloseTo(1000, 9);
  expect(f.points[0]!.low).toBeCloseTo(867.183, 2);
  expect(f.points[0]!.high).toBeCloseTo(1132.817, 2);
  expect(f.points[7]!.high - f.points[0]!.high).toBeGreaterThan(0); // wider further out
});

test('a date missing inside the history counts as a day that earned 0', () => {
  // 14 days from Monday 2026-03-02 at 700, with Wednesday 2026-03-04 absent, rows out of order.
  // Overall mean = 13 × 700 / 14 = 650; Wednesday mean = (0 + 700)/2 = 350 → index 350/650 = 7/13,
  // the other days 700/650 = 14/13. Deseasonalised: 650 everywhere but Wednesdays 0 and 1300 (t = 2, 9):
  // slope = 650 × 7 / 227.5 = 20, SSE = 2 × 650² − 20 × 4550 = 754000, se = √(754000/12/227.5) = 16.6,
  // t = 1.2 < 2: no trend. Level 650: Wednesday 350, others 700. Residuals ±350 on the two Wednesdays:
  // σ = √(245000/13) = 137.281; Wednesday 2026-03-18 (h = 3): high = 350 + 1.28155 × 137.281 × √(31/28).
  const history = series('2026-03-02', weeks(14, [700])).filter((p) => p.date !== '2026-03-04');
  const f = forecastDaily(history.reverse(), 3);
  expect(f.trainingDays).toBe(14);
  f.weights.forEach((w, i) => expect(w).toBeCloseTo(i === 2 ? 7 / 13 : 14 / 13, 12));
  expect(f.points.map((p) => [p.date, p.dow])).toEqual([
    ['2026-03-16', 0],
    ['2026-03-17', 1],
    ['2026-03-18', 2],
  ]);
  expect(f.points[0]!.value).toBeCloseTo(700, 9);
  expect(f.points[2]!.value).toBeCloseTo(350, 9);
  expect(f.points[2]!.high).toBeCloseTo(535.118, 2);
});

test('under 14 days: weights 1, no trend, σ of the raw values; low is floored at 0', () => {
  // 100, 200, 300, 400, 500: mean 300 (rising, but no trend is fitted); sample σ = √(100000/4) = 158.114.
  // Level 0.8, h = 1: low = 300 − 1.28155 × 158.114 × √(29/28) = 93.782.
  // Level 0.95, h = 28: 300 ∓ 1.95996 × 158.114 × √2 = −138.26 … 738.261, so low is 0.
  const history = series('2026-03-02', [100, 200, 300, 400, 500]);
  const f = forecastDaily(history, 28);
  expect(f.trainingDays).toBe(5);
  expect(f.weights).toEqual([1, 1, 1, 1, 1, 1, 1]);
  for (const p of f.points) expect(p.value).toBeCloseTo(300, 9);
  expect(f.points[0]!.low).toBeCloseTo(93.782, 2);
  const wide = forecastDaily(history, 28, { level: 0.95 }).points[27]!;
  expect(wide.low).toBe(0);
  expect(wide.high).toBeCloseTo(738.261, 2);
});

test('forecast dates continue the calendar across a month end, a leap day and a year end', () => {
  // 2028-02-27 is a Sunday; 2028 is a leap year. 2027-12-31 is a Friday, so 2028-01-01 is a Saturday.
  const leap = forecastDaily(series('2028-02-20', weeks(8, [10])), 4).points;
  expect(leap.map((p) => [p.date, p.dow])).toEqual([
    ['2028-02-28', 0],
    ['2028-02-29', 1],
    ['2028-03-01', 2],
    ['2028-03-02', 3],
  ]);
  const year = forecastDaily(series('2027-12-30', [5, 5]), 2).points;
  expect(year.map((p) => [p.date, p.dow])).toEqual([
    ['2028-01-01', 5],
    ['2028-01-02', 6],
  ]);
});

test('bad input is refused; no history gives no points', () => {
  expect(() => forecastDaily([{ date: '2027-02-29', value: 1 }], 1)).toThrow(/not a date/);
  expect(() => forecastDaily([{ date: '2027-02-28', value: NaN }], 1)).toThrow(/not a number/);
  expect(() => forecastDaily([], -1)).toThrow(/horizon/);
  expect(() => forecastDaily([], 1, { level: 1 })).toThrow(/level/);
  expect(forecastDaily([], 7).points).toEqual([]);
});
