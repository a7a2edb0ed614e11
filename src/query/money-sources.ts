import { CALL_ROLLUP_KEYS, COARSE_KEYS, type Thresholds } from '../storage/rollup-columns.js';
import { agentTimeSource, callsSource, type FactSource } from './sources.js';
import {
  add,
  and,
  caseWhen,
  coalesce,
  col,
  epoch,
  greatest,
  gt,
  instant,
  isNotNull,
  least,
  lt,
  money,
  mul,
  not,
  num,
  select,
  sub,
  table,
  toMoney,
  union,
  type Expr,
  type Select,
  type Source,
} from './sql.js';
import { HOUR_MS, inHours, priceAt, type PriceTable } from './valuation.js';

// Calls and agent time valued with the prices in force at their own time. Both read the hourly
// rollups, except in the few hours where a price changes off the hour: there raw rows stand in
// for the rollup rows, so each call and each piece of agent time meets its own price.

export interface Prices {
  readonly revenuePerSale: PriceTable;
  readonly costPerCall: PriceTable;
  readonly costPerAgentHour: PriceTable;
  /** hours read raw (see splitHours) */
  readonly splitHours: readonly number[];
}

const ZERO = money('0');

/** Calls with `win_revenue`, `upsell_sum`, `call_cost` and `n` counters. */
export function valuedCallsSource(opts: {
  rollup: false | 'fine' | 'coarse';
  thresholds: Thresholds;
  needAgents: boolean;
  prices: Prices;
  range: readonly [Date, Date];
}): FactSource {
  const base = callsSource(opts);
  const { prices, range } = opts;
  const rps = (t: Expr): Expr => priceAt(prices.revenuePerSale, col('campaign'), t, range);
  const cpc = (t: Expr): Expr => priceAt(prices.costPerCall, col('campaign'), t, range);

  if (!opts.rollup) {
    const t = col('started_at');
    const counters = withRevenue(base, [
      ['n', num(1)],
      ['win_revenue', coalesce(col('amount'), rps(t))],
      ['upsell_sum', coalesce(col('upsell_amount'), ZERO)],
      ['call_cost', cpc(t)],
    ]);
    return { ...base, exact: true, counter: (name) => counterOf(counters, name) };
  }

  const keys = opts.rollup === 'coarse' ? COARSE_KEYS : CALL_ROLLUP_KEYS;
  const rollupTable = table(opts.rollup === 'coarse' ? 'call_rollup_coarse' : 'call_rollup');
  const rollupRows = select({
    columns: [
      ['hour_utc', col('hour_utc')],
      ...keys.map((k) => [k, col(k)] as const),
      ['n', col('n')],
      ['amount_sum', col('amount_sum')],
      ['amount_n', col('amount_n')],
      ['upsell_sum', col('upsell_sum')],
    ],
    from: rollupTable,
    where: prices.splitHours.length ? not(inHours(col('hour_utc'), prices.splitHours)) : null,
  });
  let from: Source = rollupTable;
  if (prices.splitHours.length) {
    const rawRows = select({
      columns: [
        ['hour_utc', col('started_at')],
        ...keys.map((k) => [k, col(k)] as const),
        ['n', num(1)],
        ['amount_sum', coalesce(col('amount'), ZERO)],
        ['amount_n', caseWhen([[isNotNull(col('amount')), num(1)]], num(0))],
        ['upsell_sum', coalesce(col('upsell_amount'), ZERO)],
      ],
      from: table('calls'),
      where: inHours(col('started_at'), prices.splitHours),
    });
    from = union([rollupRows, rawRows], 'valued');
  }
  const t = col('hour_utc');
  const counters = withRevenue(base, [
    ['n', col('n')],
    ['win_revenue', add(col('amount_sum'), mul(toMoney(sub(col('n'), col('amount_n'))), rps(t)))],
    ['upsell_sum', col('upsell_sum')],
    ['call_cost', mul(toMoney(col('n')), cpc(t))],
  ]);
  return { ...base, from, exact: true, counter: (name) => counterOf(counters, name) };
}

/** Adds `revenue`: wins' value plus every upsell, one decimal sum in the engine. */
function withRevenue(base: FactSource, entries: [string, Expr][]): Map<string, Expr> {
  const m = new Map(entries);
  const win = caseWhen([[base.cond('flag:win'), m.get('win_revenue')!]], ZERO);
  m.set('revenue', add(win, m.get('upsell_sum')!));
  return m;
}

function counterOf(counters: ReadonlyMap<string, Expr>, name: string): Expr {
  const e = counters.get(name);
  if (!e) throw new Error(`valued calls have no counter ${name}`);
  return e;
}

/**
 * Agent time with a `labor_rate_sec` counter: seconds × cost per agent hour (÷ 3600 happens once,
 * on the sum). Time is always attributed to campaigns first, so a total valued without a campaign
 * dimension equals the sum of the per-campaign figures.
 */
export function laborSource(opts: {
  byList: boolean;
  tz: string;
  needAgents: boolean;
  range: readonly [Date, Date];
  prices: Prices;
}): FactSource {
  const { prices, range } = opts;
  let base: Source = table('agent_time_hourly');
  if (prices.splitHours.length) {
    const hourly = select({
      columns: ['hour_utc', 'agent', 'state', 'reason', 'campaign', 'seconds'].map(
        (c) => [c, col(c)] as const,
      ),
      from: table('agent_time_hourly'),
      where: not(inHours(col('hour_utc'), prices.splitHours)),
    });
    base = union([hourly, ...prices.splitHours.flatMap((h) => pieces(h, changesIn(h, prices)))], 'labor');
  }
  const src = agentTimeSource({
    attribute: true,
    byList: opts.byList,
    tz: opts.tz,
    needAgents: opts.needAgents,
    range,
    base,
  });
  const cpah = priceAt(prices.costPerAgentHour, col('campaign'), col('hour_utc'), range);
  return {
    ...src,
    exact: true,
    counter(name) {
      if (name !== 'labor_rate_sec') throw new Error(`agent time has no money counter ${name}`);
      return mul(toMoney(col('seconds')), cpah);
    },
  };
}

function changesIn(hour: number, prices: Prices): number[] {
  const out = new Set<number>();
  for (const t of [prices.costPerAgentHour.fallback, ...prices.costPerAgentHour.byCampaign.values()])
    for (const s of t) if (s.from > hour && s.from < hour + HOUR_MS) out.add(s.from);
  return [...out].sort((a, b) => a - b);
}

/** The hour cut at each change: one select per piece, each piece stamped with its start instant. */
function pieces(hour: number, cuts: readonly number[]): Select[] {
  const points = [hour, ...cuts, hour + HOUR_MS];
  return points.slice(0, -1).map((p, i) => {
    const [a, b] = [instant(new Date(p)), instant(new Date(points[i + 1]!))];
    return select({
      columns: [
        ['hour_utc', a],
        ['agent', col('agent')],
        ['state', col('state')],
        ['reason', col('reason')],
        ['campaign', col('campaign')],
        ['seconds', sub(epoch(least(col('ended_at'), b)), epoch(greatest(col('started_at'), a)))],
      ],
      from: table('agent_states'),
      where: and(lt(col('started_at'), b), gt(col('ended_at'), a)),
    });
  });
}
