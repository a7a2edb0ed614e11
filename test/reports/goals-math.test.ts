import { describe, expect, test } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import {
  attainment,
  dowWeights,
  elapsedShare,
  goalCalendar,
  goalStatus,
  isSumMetric,
  monthBounds,
  paceOf,
  projectMeasure,
  projectMetric,
} from '../../src/reports/goals-math.js';

const cat = catalog();
const H = 3_600_000;
const hours = (p: string, tz: string): number => {
  const b = monthBounds(p, tz);
  return (b.end.getTime() - b.start.getTime()) / H;
};

describe('month bounds and elapsed share', () => {
  test('a month without a DST change has 24 × days hours', () => {
    expect(hours('2026-03', 'UTC')).toBe(744);
    expect(hours('2026-07', 'America/New_York')).toBe(744);
    expect(monthBounds('2026-02', 'UTC').days).toHaveLength(28);
    // 16 July 12:00 EDT (16:00Z) is 15.5 days of 31: exactly half.
    expect(elapsedShare('2026-07', new Date('2026-07-16T16:00:00Z'), 'America/New_York')).toBe(0.5);
  });

  test('October in Berlin has 745 hours (25 October has 25)', () => {
    const b = monthBounds('2026-10', 'Europe/Berlin');
    expect(b.start.toISOString()).toBe('2026-09-30T22:00:00.000Z'); // 1 Oct 00:00 CEST
    expect(b.end.toISOString()).toBe('2026-10-31T23:00:00.000Z'); // 1 Nov 00:00 CET
    expect(hours('2026-10', 'Europe/Berlin')).toBe(745);
    // After 10 full local days (11 Oct 00:00 CEST = 10 Oct 22:00Z): 240 of 745 hours.
    expect(elapsedShare('2026-10', new Date('2026-10-10T22:00:00Z'), 'Europe/Berlin')).toBe(240 / 745);
    // 26 Oct 00:00 CET (25 Oct 23:00Z): 25 local days, one of them 25 hours long = 601 h.
    expect(elapsedShare('2026-10', new Date('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe(601 / 745);
  });

  test('March in New York has 743 hours (8 March has 23)', () => {
    expect(hours('2026-03', 'America/New_York')).toBe(743);
    // 11 Mar 00:00 EDT = 04:00Z; the month began 1 Mar 00:00 EST = 05:00Z: 10 days less 1 hour.
    expect(elapsedShare('2026-03', new Date('2026-03-11T04:00:00Z'), 'America/New_York')).toBe(239 / 743);
  });

  test('0 before the month, 1 after it', () => {
    expect(elapsedShare('2026-03', new Date('2026-02-20T00:00:00Z'), 'UTC')).toBe(0);
    expect(elapsedShare('2026-03', new Date('2026-04-01T00:00:00Z'), 'UTC')).toBe(1);
    expect(elapsedShare('2026-03', new Date('2026-05-01T00:00:00Z'), 'UTC')).toBe(1);
  });

  test('a malformed period is a usage error', () => {
    expect(() => monthBounds('2026-13', 'UTC')).toThrow(/YYYY-MM/);
  });
});

describe('pace and attainment', () => {
  test('a sum accrues with elapsed share; a rate or an average is its target', () => {
    expect(isSumMetric(cat.metric('wins'))).toBe(true);
    expect(isSumMetric(cat.metric('conversion_rate'))).toBe(false);
    expect(isSumMetric(cat.metric('revenue'))).toBe(true); // a sum of measures
    expect(isSumMetric(cat.metric('roi_pct'))).toBe(false);
    expect(paceOf(cat.metric('wins'), 744, 0.5)).toBe(372);
    expect(paceOf(cat.metric('conversion_rate'), 0.2, 0.5)).toBe(0.2);
    expect(paceOf(cat.metric('aht_sec'), 300, 0.1)).toBe(300);
  });

  test('higher is better: actual ÷ pace; lower is better: pace ÷ actual', () => {
    expect(attainment('higher', 90, 100)).toBe(0.9);
    expect(attainment('neutral', 90, 100)).toBe(0.9);
    // aht_sec target 300, actual 400: 300 ÷ 400.
    expect(attainment(cat.metric('aht_sec').direction, 400, 300)).toBe(0.75);
    expect(attainment('lower', 250, 300)).toBe(1.2);
  });

  test('undefined attainment is null', () => {
    expect(attainment('higher', 5, 0)).toBeNull();
    expect(attainment('lower', 0, 300)).toBeNull();
    expect(attainment('higher', null, 10)).toBeNull();
  });
});

describe('status at each boundary', () => {
  test.each([
    [1.0, 'green', 'on_pace'],
    [1.3, 'green', 'on_pace'],
    [0.9999, 'amber', 'slightly_behind'],
    [0.9, 'amber', 'slightly_behind'],
    [0.8999, 'amber', 'behind'],
    [0.75, 'amber', 'behind'],
    [0.7499, 'red', 'off_track'],
    [null, 'none', 'none'],
  ] as const)('default thresholds: %s → %s / %s', (a, status, band) => {
    expect(goalStatus(a)).toEqual({ status, band });
    expect(goalStatus(a, { amberAt: null, redAt: null })).toEqual({ status, band });
  });

  test.each([
    [1.0, 'green', 'on_pace'],
    [0.8, 'amber', 'slightly_behind'],
    [0.7999, 'amber', 'behind'],
    [0.7499, 'amber', 'behind'], // red under the defaults
    [0.6, 'amber', 'behind'],
    [0.5999, 'red', 'off_track'],
  ] as const)('amber_at 0.8, red_at 0.6: %s → %s / %s', (a, status, band) => {
    expect(goalStatus(a, { amberAt: 0.8, redAt: 0.6 })).toEqual({ status, band });
  });
});

describe('calendar', () => {
  test('the 25-hour day counts by real time: 11:30 CET on 25 Oct is half of it', () => {
    // 25 Oct began 00:00 CEST = 24 Oct 22:00Z; 10:30Z is 12.5 of its 25 hours.
    const cal = goalCalendar('2026-10', new Date('2026-10-25T10:30:00Z'), 'Europe/Berlin');
    expect(cal).toMatchObject({ phase: 'during', today: '2026-10-25', todayFraction: 0.5 });
    expect(cal.elapsedDays).toHaveLength(24);
    expect(cal.remainingDays).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
    ]);
    expect([cal.historyDays.length, cal.historyDays[0], cal.historyDays.at(-1)]).toEqual([
      56,
      '2026-08-30',
      '2026-10-24',
    ]);
  });
});

// March 2026 in UTC: 1 March is a Sunday. A "shop week": 10 on weekdays, 5 on Saturdays, 0 on Sundays.
const shop = (d: string): number => [0, 10, 10, 10, 10, 10, 5][new Date(`${d}T00:00:00Z`).getUTCDay()]!;

describe('projection', () => {
  test('weekday weights: mean on the weekday ÷ mean over the 56 days', () => {
    const cal = goalCalendar('2026-03', new Date('2026-03-11T12:00:00Z'), 'UTC');
    // Overall mean (5 × 10 + 5 + 0) ÷ 7 = 55/7: weekdays 10 ÷ 55/7 = 14/11, Saturday 7/11, Sunday 0.
    const w = dowWeights(cal.historyDays, shop);
    const expected = [0, 14 / 11, 14 / 11, 14 / 11, 14 / 11, 14 / 11, 7 / 11];
    w.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 12));
    expect(dowWeights(cal.historyDays, () => 0)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  test('a sum follows the weekday pattern to month end', () => {
    // As of Wed 11 Mar 12:00: 1-10 March hold 7 weekdays (70) and a Saturday (5); today 5 so far: 80.
    // Elapsed weight 7 × 14/11 + 7/11 + ½ × 14/11 = 112/11 → run rate 80 ÷ 112/11 = 55/7.
    // Remaining: ½ × 14/11 + 14 weekdays, 3 Saturdays, 3 Sundays = (7 + 196 + 21)/11 = 224/11 → 160.
    // 80 + 160 = 240 = the whole month's shop pattern (22 weekdays × 10 + 4 Saturdays × 5).
    const cal = goalCalendar('2026-03', new Date('2026-03-11T12:00:00Z'), 'UTC');
    const daily = (_m: string, d: string): number => (d === '2026-03-11' ? 5 : shop(d));
    const p = projectMetric(cat, cat.metric('wins'), {}, cal, daily, { wins: 80 });
    expect(p.projected).toBeCloseTo(240, 9);
    // Every full day sits exactly on the pattern: no spread.
    expect(p.low).toBeCloseTo(240, 9);
    expect(p.high).toBeCloseTo(240, 9);
  });

  test('the 80 % range comes from the residuals of the full days', () => {
    // As of Thu 5 Mar 00:00, flat weights, days 1-4 gave 8, 12, 10, 10 (40): run rate 10,
    // remaining 27 days → 270, projection 310. Residuals 0.8, 1.2, 1, 1: sample variance 0.08/3.
    // spread = 1.2816 × √(0.08/3) ÷ √27 = 1.2816 × √0.08 ÷ 9, so 270 × spread = 30 × 1.2816 × √0.08.
    const cal = goalCalendar('2026-03', new Date('2026-03-05T00:00:00Z'), 'UTC');
    const days: Record<string, number> = {
      '2026-03-01': 8,
      '2026-03-02': 12,
      '2026-03-03': 10,
      '2026-03-04': 10,
    };
    const p = projectMeasure(cal, [1, 1, 1, 1, 1, 1, 1], (d) => days[d] ?? 0, 40);
    const half = 30 * 1.2816 * Math.sqrt(0.08);
    expect(p.projected).toBeCloseTo(310, 9);
    expect(p.low).toBeCloseTo(310 - half, 9);
    expect(p.high).toBeCloseTo(310 + half, 9);
    // Two full days are too few for a spread.
    const early = goalCalendar('2026-03', new Date('2026-03-03T00:00:00Z'), 'UTC');
    expect(projectMeasure(early, [1, 1, 1, 1, 1, 1, 1], (d) => days[d] ?? 0, 20)).toEqual({
      projected: 20 + 10 * 29, // run rate 10 over the 29 days left, today included
      low: null,
      high: null,
    });
  });

  test('a rate is projected as Σnumerator ÷ Σdenominator, only the numerator spreads', () => {
    // conversion_rate (contacts): outbound_wins 2 a day since January, then 1, 3, 2, 2 on 1-4 March;
    // contacts 10 every day. As of Thu 5 Mar 00:00 the 56 days (8 Jan - 4 Mar) give wins the
    // weights Sunday 15/16 (seven 2s and a 1 ÷ 8 ÷ mean 2), Monday 17/16, other days 1.
    // Elapsed weight 15/16 + 17/16 + 1 + 1 = 4 → run rate 8 ÷ 4 = 2; the 27 days left hold 4
    // Sundays and 4 Mondays: 4 × 15/16 + 4 × 17/16 + 19 = 27 → 54 more wins, 62 in all.
    // Contacts: flat, 40 + 27 × 10 = 310. Residuals of wins: 1 ÷ (2 × 15/16) = 8/15,
    // 3 ÷ (2 × 17/16) = 24/17, 1, 1.
    const cal = goalCalendar('2026-03', new Date('2026-03-05T00:00:00Z'), 'UTC');
    const march: Record<string, number> = {
      '2026-03-01': 1,
      '2026-03-02': 3,
      '2026-03-03': 2,
      '2026-03-04': 2,
    };
    const daily = (m: string, d: string): number =>
      m === 'contacts' ? 10 : d >= '2026-03-01' ? (march[d] ?? 0) : 2;
    const m = cat.metric('conversion_rate');
    const p = projectMetric(cat, m, { conversion_rate: 'contacts' }, cal, daily, {
      outbound_wins: 8,
      contacts: 40,
    });
    const r = [8 / 15, 24 / 17, 1, 1];
    const mean = r.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
    const spread = (1.2816 * sd) / Math.sqrt(27);
    expect(p.projected).toBeCloseTo(62 / 310, 12);
    expect(p.low).toBeCloseTo((8 + 54 * (1 - spread)) / 310, 12);
    expect(p.high).toBeCloseTo((8 + 54 * (1 + spread)) / 310, 12);
  });

  test('a signed sum: net profit takes the high cost for its low', () => {
    // net_profit = revenue − call_cost − labor/3600 − commission − list cost.
    // Revenue 100 every day (flat weights): 400 + 27 × 100 = 3100. call_cost follows the wins of the
    // test above: 62, residuals 8/15, 24/17, 1, 1. The other terms are 0 throughout.
    const cal = goalCalendar('2026-03', new Date('2026-03-05T00:00:00Z'), 'UTC');
    const march: Record<string, number> = {
      '2026-03-01': 1,
      '2026-03-02': 3,
      '2026-03-03': 2,
      '2026-03-04': 2,
    };
    const daily = (m: string, d: string): number =>
      m === 'revenue' ? 100 : m !== 'call_cost' ? 0 : d >= '2026-03-01' ? (march[d] ?? 0) : 2;
    const m = cat.metric('net_profit');
    expect(isSumMetric(m)).toBe(true);
    const actual = Object.fromEntries(cat.measuresOf(m).map((id) => [id, 0]));
    const p = projectMetric(cat, m, {}, cal, daily, { ...actual, revenue: 400, call_cost: 8 });
    const r = [8 / 15, 24 / 17, 1, 1];
    const mean = r.reduce((a, b) => a + b) / 4;
    const spread = (1.2816 * Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 3)) / Math.sqrt(27);
    expect(p.projected).toBeCloseTo(3100 - 62, 9);
    expect(p.low).toBeCloseTo(3100 - (8 + 54 * (1 + spread)), 9);
    expect(p.high).toBeCloseTo(3100 - (8 + 54 * (1 - spread)), 9);
  });

  test('a past month projects to its actual; a future month has no projection', () => {
    const after = goalCalendar('2026-03', new Date('2026-04-02T00:00:00Z'), 'UTC');
    expect(projectMeasure(after, [1, 1, 1, 1, 1, 1, 1], () => 3, 93)).toEqual({
      projected: 93,
      low: 93,
      high: 93,
    });
    const before = goalCalendar('2026-03', new Date('2026-02-02T00:00:00Z'), 'UTC');
    expect(projectMeasure(before, [1, 1, 1, 1, 1, 1, 1], () => 0, 0).projected).toBeNull();
  });
});
