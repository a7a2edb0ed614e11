import {
  and,
  caseWhen,
  col,
  coalesce,
  gt,
  indicator,
  isNotNull,
  le,
  lt,
  ne,
  num,
  param,
  type Expr,
} from '../query/sql.js';

// Per-call quantities summed into the hourly rollup. The raw query path evaluates the very same
// expressions over `calls`, so a metric gives one answer whichever source serves it. Thresholds
// are part of the definition: the rollup is built with the installation's T and S, and a report
// asking for other thresholds is served from raw calls.

export interface Thresholds {
  /** service-level threshold T, seconds */
  readonly slSec: number;
  /** short-abandon threshold S, seconds */
  readonly shortAbandonSec: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { slSec: 20, shortAbandonSec: 5 };

export const CALL_ROLLUP_KEYS = ['direction', 'campaign', 'list', 'agent', 'status'] as const;
/** The same counters without the agent: a year of calls in about a million rows, for reports that
 *  do not look at agents (every call counter is defined without reference to who the agent was). */
export const COARSE_KEYS = ['direction', 'campaign', 'list', 'status'] as const;
export const AGENT_TIME_KEYS = ['agent', 'state', 'reason', 'campaign'] as const;

const z = (name: string): Expr => coalesce(col(name), num(0));

export const handledCond: Expr = and(ne(col('agent'), param('')), gt(z('talk_sec'), num(0)));
const ifHandled = (e: Expr): Expr => caseWhen([[handledCond, e]], num(0));

/** Name → per-call expression; the rollup column of that name holds its sum. */
export function callCounters(t: Thresholds): ReadonlyMap<string, Expr> {
  return new Map<string, Expr>([
    ['n', num(1)],
    ['handled', indicator(handledCond)],
    ['ring_sec', z('ring_sec')],
    ['wait_sec', z('wait_sec')],
    ['talk_sec', z('talk_sec')],
    ['hold_sec', z('hold_sec')],
    ['wrap_sec', z('wrap_sec')],
    ['handled_wait_sec', ifHandled(z('wait_sec'))],
    ['handled_talk_sec', ifHandled(z('talk_sec'))],
    ['handled_hold_sec', ifHandled(z('hold_sec'))],
    ['handled_wrap_sec', ifHandled(z('wrap_sec'))],
    ['handled_with_hold', indicator(and(handledCond, gt(z('hold_sec'), num(0))))],
    // An unknown wait is neither short nor within T: exports that leave it empty for abandoned
    // calls must not turn every abandon into a short one.
    ['handled_within_t', indicator(and(handledCond, le(col('wait_sec'), num(t.slSec))))],
    ['within_t', indicator(le(col('wait_sec'), num(t.slSec)))],
    ['short', indicator(lt(col('wait_sec'), num(t.shortAbandonSec)))],
    ['amount_sum', z('amount')],
    ['amount_n', indicator(isNotNull(col('amount')))],
    ['upsell_sum', z('upsell_amount')],
    ['upsell_n', indicator(gt(z('upsell_amount'), num(0)))],
    ['resolved_yes', indicator(caseWhen([[isNotNull(col('resolved')), col('resolved')]], param(false)))],
    ['resolved_known', indicator(isNotNull(col('resolved')))],
    // resolution_rate counts handled calls only (metrics.md)
    [
      'handled_resolved_yes',
      indicator(and(handledCond, caseWhen([[isNotNull(col('resolved')), col('resolved')]], param(false)))),
    ],
    ['handled_resolved_known', indicator(and(handledCond, isNotNull(col('resolved'))))],
  ]);
}

export const CALL_COUNTER_NAMES = [...callCounters(DEFAULT_THRESHOLDS).keys()];
/** Counters holding amounts of money: stored as exact decimals, never binary floats. */
export const MONEY_COUNTERS = ['amount_sum', 'upsell_sum'] as const;
