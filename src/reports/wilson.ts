import { CallkpiError } from '../errors.js';

// metrics.md "Fair comparison of agents": a rate from a handful of calls is mostly noise, so agent
// reports carry a Wilson score interval and flag only agents whose whole interval clears the
// floor's rate. Wilson rather than the normal approximation because it stays inside [0, 1] and
// behaves at 0 or n successes, which small agent samples hit all the time.

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95 % interval (the 0.975 quantile of the standard normal). */
export const Z95 = 1.959964;

/** Wilson score interval for `successes` of `n`; null when there is nothing to estimate from. */
export function wilson(successes: number, n: number, z = Z95): Interval | null {
  if (!Number.isFinite(successes) || !Number.isFinite(n) || successes < 0 || n < 0 || successes > n)
    throw new CallkpiError('internal', `wilson: invalid counts ${successes} of ${n}`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the bound is exactly 0 or 1 in theory; rounding must not push it past.
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * 'above' or 'below' when the interval lies wholly on one side of the floor's rate; null when it
 * touches or straddles it, or when either side is unknown. Touching is not "wholly": a bound equal
 * to the floor means the data cannot tell the agent from the floor.
 */
export function flagVsFloor(
  interval: Interval | null,
  floorRate: number | null | undefined,
): 'above' | 'below' | null {
  if (!interval || floorRate == null || !Number.isFinite(floorRate)) return null;
  if (interval.low > floorRate) return 'above';
  if (interval.high < floorRate) return 'below';
  return null;
}
