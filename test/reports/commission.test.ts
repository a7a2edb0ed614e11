import { describe, expect, test } from 'vitest';
import { CallkpiError } from '../../src/errors.js';
import {
  attribute,
  commissionOf,
  formatPlan,
  parsePlan,
  planBasis,
  planProblem,
  sliceCommissions,
  type CommissionPlan,
} from '../../src/reports/commission.js';

// Expected values are the test vectors of spec/metrics.md "Money" or worked out by hand in the
// comments. Rates such as 0.15 are not exact in binary, so money is compared with toBeCloseTo.

const BRACKETS = '0-100@10%,100-200@15%,200-300@20%,300+@25%';
const tiered = parsePlan(`tiered:${BRACKETS}`);
const graduated = parsePlan(`graduated:${BRACKETS}`);
const on = (revenue: number, wins = 0) => ({ wins, revenue });

describe('commissionOf', () => {
  test('spec vectors: tiered is retroactive, graduated is marginal', () => {
    expect(commissionOf(tiered, on(125))).toBeCloseTo(18.75, 9); // all 125 at 15 %
    // 100 × 10 % + 100 × 15 % + 100 × 20 % + 25 × 25 % = 10 + 15 + 20 + 6.25
    expect(commissionOf(graduated, on(325))).toBeCloseTo(51.25, 9);
    // 50 000 × 5 % + 50 000 × 7 % + 75 000 × 10 % = 2 500 + 3 500 + 7 500
    const big = parsePlan('graduated:0-50000@5%,50000-100000@7%,100000+@10%');
    expect(commissionOf(big, on(175_000))).toBeCloseTo(13_500, 6);
    // 10 000 × 10 % + 5 000 × 20 % = 1 000 + 1 000
    expect(commissionOf(parsePlan('graduated:0-10000@10%,10000+@20%'), on(15_000))).toBeCloseTo(2_000, 9);
  });

  test('flat pays per win, percent per unit of revenue, none nothing', () => {
    expect(commissionOf(parsePlan('flat:25'), on(9_999, 4))).toBe(100); // 4 × 25, revenue ignored
    expect(commissionOf(parsePlan('flat:12.5'), on(0, 3))).toBe(37.5);
    expect(commissionOf(parsePlan('percent:0.04'), on(2_500, 7))).toBeCloseTo(100, 9); // 2 500 × 4 %
    expect(commissionOf(parsePlan('percent:4%'), on(2_500))).toBeCloseTo(100, 9);
    expect(commissionOf(parsePlan('none'), on(2_500, 7))).toBe(0);
  });

  test('a revenue on a boundary belongs to the upper bracket (from inclusive, to exclusive)', () => {
    expect(commissionOf(tiered, on(100))).toBeCloseTo(15, 9); // 100 × 15 %, not 100 × 10 %
    expect(commissionOf(tiered, on(99.99))).toBeCloseTo(9.999, 9); // 99.99 × 10 %
    expect(commissionOf(tiered, on(300))).toBeCloseTo(75, 9); // 300 × 25 %
    expect(commissionOf(graduated, on(100))).toBeCloseTo(10, 9); // the whole first bracket at 10 %
    expect(commissionOf(graduated, on(200))).toBeCloseTo(25, 9); // 10 + 100 × 15 %
  });

  test('zero or negative revenue earns nothing on revenue-based plans', () => {
    for (const plan of [tiered, graduated, parsePlan('percent:0.1')]) {
      expect(commissionOf(plan, on(0, 5))).toBe(0);
      expect(commissionOf(plan, on(-50, 5))).toBe(0);
    }
  });

  test('one-bracket plans pay a single rate on everything', () => {
    expect(commissionOf(parsePlan('tiered:0+@0.1'), on(500))).toBeCloseTo(50, 9);
    expect(commissionOf(parsePlan('graduated:0+@10%'), on(500))).toBeCloseTo(50, 9);
  });
});

describe('sliceCommissions', () => {
  test('a constant plan over 3 slices sums to the month total', () => {
    const plan = parsePlan('graduated:0-10000@10%,10000+@20%');
    // month to date 4 000, 12 000, 15 000 → commission 400, 1 000 + 2 000 × 20 % = 1 400, 2 000
    const parts = sliceCommissions([
      { plan, wins: 4, revenue: 4_000 },
      { plan, wins: 8, revenue: 8_000 },
      { plan, wins: 3, revenue: 3_000 },
    ]);
    expect(parts[0]).toBeCloseTo(400, 9);
    expect(parts[1]).toBeCloseTo(1_000, 9);
    expect(parts[2]).toBeCloseTo(600, 9);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(2_000, 9); // the month vector above
  });

  test('a tiered plan crossing a bracket inside slice 2 puts the retroactive jump in slice 2', () => {
    // month to date 80, 120, 150 → 80 × 10 % = 8, 120 × 15 % = 18, 150 × 15 % = 22.5.
    // Slice 2 = 18 − 8 = 10: its own 40 × 15 % = 6 plus the earlier 80 lifted by 5 points = 4.
    const parts = sliceCommissions([
      { plan: tiered, wins: 1, revenue: 80 },
      { plan: tiered, wins: 1, revenue: 40 },
      { plan: tiered, wins: 1, revenue: 30 },
    ]);
    expect(parts[0]).toBeCloseTo(8, 9);
    expect(parts[1]).toBeCloseTo(10, 9);
    expect(parts[2]).toBeCloseTo(4.5, 9); // 30 × 15 %, no further jump
  });

  test('a plan change between slices prices each slice under its own plan', () => {
    const parts = sliceCommissions([
      { plan: parsePlan('flat:25'), wins: 2, revenue: 1_000 }, // 2 × 25
      { plan: parsePlan('percent:0.04'), wins: 3, revenue: 2_000 }, // 3 000 × 4 % − 1 000 × 4 % = 2 000 × 4 %
    ]);
    expect(parts[0]).toBe(50);
    expect(parts[1]).toBeCloseTo(80, 9);
  });

  test('a graduated plan adopted mid-month starts at the bracket the month has reached', () => {
    const parts = sliceCommissions([
      { plan: parsePlan('percent:0.1'), wins: 8, revenue: 8_000 }, // 800
      // 12 000 → 1 400 and 8 000 → 800 under the new plan: 2 000 × 10 % + 2 000 × 20 % = 600
      { plan: parsePlan('graduated:0-10000@10%,10000+@20%'), wins: 4, revenue: 4_000 },
    ]);
    expect(parts[0]).toBeCloseTo(800, 9);
    expect(parts[1]).toBeCloseTo(600, 9);
  });

  test('no slices, no commission', () => {
    expect(sliceCommissions([])).toEqual([]);
  });
});

describe('attribute', () => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  test('splits in proportion to the weights', () => {
    expect(attribute(90, [1, 2, 3, 0])).toEqual([15, 30, 45, 0]); // 90 × 1/6, 2/6, 3/6, 0
    const thirds = attribute(100, [1, 1, 1]);
    for (const p of thirds) expect(p).toBeCloseTo(100 / 3, 9);
    expect(sum(thirds)).toBe(100);
  });

  test('all-zero weights split evenly; no rows, no parts', () => {
    expect(attribute(10, [0, 0])).toEqual([5, 5]);
    expect(attribute(10, [])).toEqual([]);
    expect(attribute(0, [3, 4])).toEqual([0, 0]);
  });

  test('the parts add up to the total, to the last place of a float', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const total = Math.round(next() * 1e7) / 100; // a cent amount up to 100 000
      const weights = Array.from({ length: 1 + Math.floor(next() * 12) }, () => next() * 1000);
      const parts = attribute(total, weights);
      expect(parts).toHaveLength(weights.length);
      expect(Math.abs(sum(parts) - total)).toBeLessThanOrEqual(total * Number.EPSILON);
      parts.forEach((p, j) => expect(p).toBeCloseTo((total * weights[j]!) / sum(weights), 6));
    }
  });
});

describe('parsePlan', () => {
  test('accepts spaces, any keyword case and percentages', () => {
    expect(parsePlan(' Tiered : 0 - 100 @ 10 % , 100 + @ 15% ')).toEqual({
      kind: 'tiered',
      brackets: [
        { from: 0, to: 100, rate: 0.1 },
        { from: 100, to: null, rate: 0.15 },
      ],
    });
    expect(parsePlan('PERCENT:10%')).toEqual({ kind: 'percent', rate: 0.1 }); // the double nearest 0.1
    expect(parsePlan('None')).toEqual({ kind: 'none' });
    expect(parsePlan('flat:0')).toEqual({ kind: 'flat', perWin: 0 });
    expect(parsePlan('percent:1')).toEqual({ kind: 'percent', rate: 1 });
    expect(parsePlan('percent:0%')).toEqual({ kind: 'percent', rate: 0 });
  });

  test('formatPlan is canonical and round-trips', () => {
    expect(formatPlan(parsePlan(' Tiered : 0 - 100 @ 10 % , 100 + @ 15% '))).toBe(
      'tiered:0-100@0.1,100+@0.15',
    );
    for (const text of [
      'none',
      'flat:25',
      'flat:1000000000000000000000',
      'percent:0.0000001',
      'percent:12.5%',
      'tiered:0-150000@0.02,150000-300000@0.03,300000+@0.04',
      'graduated:0-0.5@7%,0.5+@1',
      `graduated:${BRACKETS}`,
    ]) {
      const plan = parsePlan(text);
      expect(parsePlan(formatPlan(plan))).toEqual(plan);
    }
    expect(formatPlan({ kind: 'percent', rate: 1e-7 })).toBe('percent:0.0000001');
  });

  test('planBasis says what a pooled commission is attributed by', () => {
    const basis = (text: string) => planBasis(parsePlan(text));
    expect(basis('none')).toBeNull();
    expect(basis('flat:25')).toBe('wins');
    expect(basis('percent:0.04')).toBe('revenue');
    expect(basis('tiered:0+@0.1')).toBe('revenue');
    expect(basis('graduated:0+@0.1')).toBe('revenue');
  });

  const bad: [string, string][] = [
    ['bonus:5', 'unknown plan kind "bonus"'],
    ['tiered:0-100@0.1,150+@0.2', 'bracket 2 starts at 150, expected 100 (brackets must be contiguous)'],
    ['tiered:50-100@0.1,100+@0.2', 'bracket 1 starts at 50, expected 0 (brackets must start at 0)'],
    ['graduated:0+@0.1,100+@0.2', 'bracket 1 is open-ended but not last'],
    ['tiered:0-100@0.1', 'the last bracket must be open-ended'],
    ['tiered:0-100@0.1,100-50@0.2,50+@0.3', 'bracket 2 ends at 50, not above its start 100'],
    ['percent:1.5', 'rate 1.5 is above 1'],
    ['tiered:0+@150%', 'bracket 1 rate 150% is above 1'],
    ['flat:-5', 'amount per win -5 is negative'],
    ['tiered:0--5@0.1,5+@0.2', 'bracket 1 end -5 is negative'],
    ['flat:abc', 'amount per win "abc" is not a number'],
    ['percent:0.1.2', 'rate "0.1.2" is not a number'],
    ['tiered:0-1x0@0.1,1x0+@0.2', 'bracket 1 end "1x0" is not a number'],
    ['tiered:0-100,100+@0.2', 'bracket 1 "0-100" is not from-to@rate or from+@rate'],
    ['flat:', '"flat" needs a value'],
    ['none:5', '"none" takes no argument'],
    ['', 'empty plan'],
    ['   ', 'empty plan'],
  ];
  test.each(bad)('rejects %j with a one-line message', (text, problem) => {
    expect(() => parsePlan(text)).toThrow(problem);
    const err = (() => {
      try {
        parsePlan(text);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CallkpiError);
    expect((err as CallkpiError).code).toBe('usage');
    expect((err as CallkpiError).message).toMatch(/^commission ".*": [^\n]+$/);
    expect(planProblem(text)).toBe((err as CallkpiError).message);
  });

  test('planProblem is null for a valid plan', () => {
    expect(planProblem(`graduated:${BRACKETS}`)).toBeNull();
    const valid: CommissionPlan = parsePlan('flat:25');
    expect(planProblem(formatPlan(valid))).toBeNull();
  });
});
