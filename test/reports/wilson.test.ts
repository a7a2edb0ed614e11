import { describe, expect, it } from 'vitest';
import { flagVsFloor, wilson } from '../../src/reports/wilson.js';

// Reference values: published Wilson score intervals at 95 % (z = 1.959964), 4 decimals.
describe('wilson', () => {
  it.each([
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [50, 100, 0.4038, 0.5962],
  ])('%i of %i → [%f, %f]', (k, n, low, high) => {
    const i = wilson(k, n)!;
    expect(i.low).toBeCloseTo(low, 4);
    expect(i.high).toBeCloseTo(high, 4);
  });

  it('never leaves [0, 1], even where rounding could push a bound past it', () => {
    for (const n of [1, 3, 7, 1000]) {
      expect(wilson(0, n)!.low).toBeGreaterThanOrEqual(0);
      expect(wilson(n, n)!.high).toBeLessThanOrEqual(1);
    }
  });

  it('is symmetric: k of n mirrors n − k of n', () => {
    const a = wilson(3, 17)!;
    const b = wilson(14, 17)!;
    expect(a.low).toBeCloseTo(1 - b.high, 12);
    expect(a.high).toBeCloseTo(1 - b.low, 12);
  });

  it('has no interval without trials and rejects impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(11, 10)).toThrow(/invalid/);
    expect(() => wilson(-1, 10)).toThrow(/invalid/);
  });

  it('narrows with a smaller z', () => {
    const wide = wilson(8, 10)!;
    const narrow = wilson(8, 10, 1)!;
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });
});

describe('flagVsFloor', () => {
  const i = { low: 0.4902, high: 0.9433 };
  it('flags only an interval wholly on one side of the floor', () => {
    expect(flagVsFloor(i, 0.3)).toBe('above');
    expect(flagVsFloor(i, 0.95)).toBe('below');
    expect(flagVsFloor(i, 0.6)).toBeNull();
  });
  it('does not flag a bound that touches the floor, nor unknowns', () => {
    expect(flagVsFloor(i, 0.4902)).toBeNull();
    expect(flagVsFloor(i, 0.9433)).toBeNull();
    expect(flagVsFloor(null, 0.5)).toBeNull();
    expect(flagVsFloor(i, null)).toBeNull();
  });
});
