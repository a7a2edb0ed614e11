import type { Dimension, SourceId } from '../catalog/types.js';
import type { Engine, Plan } from './plan.js';
import { isTimeDimension } from '../catalog/types.js';
import { AGENT_TIME_KEYS, callCounters, type Thresholds } from '../storage/rollup-columns.js';
import {
  add,
  and,
  caseWhen,
  ge,
  instant,
  lt,
  coalesce,
  col,
  div,
  eq,
  FALSE,
  gt,
  mul,
  ne,
  not,
  num,
  param,
  select,
  subquery,
  sum,
  table,
  timeBucket,
  union,
  type Expr,
  type Join,
  type Select,
  type Source,
} from './sql.js';

// What each fact source looks like to the planner: where its rows come from, the expression of
// every dimension it carries, how a catalog condition reads on it, and what a counter sums.

export interface FactSource {
  readonly id: SourceId;
  readonly from: Source;
  readonly joins: readonly Join[];
  /** the instant a row is bucketed by, or null for sources without time (lists) */
  readonly time: Expr | null;
  readonly fromRollup: boolean;
  /** sums are exact decimals (money): totals are summed by the engine, not in JS */
  readonly exact?: boolean;
  dim(d: Dimension, tz: string): Expr | undefined;
  cond(token: string): Expr;
  counter(name: string): Expr;
  /** a source computed outside one SELECT: rows shaped like the SELECT's (d0…, m_<measure>) */
  rows?(engine: Engine, plan: Plan, dims: readonly Dimension[]): Promise<Record<string, unknown>[]>;
}

/** team and site come from the agents table, joined by agent */
export const agentsJoin: Join = {
  source: subquery(
    select({
      columns: [
        ['agent', col('agent')],
        ['team', col('team')],
        ['site', col('site')],
      ],
      from: table('agents'),
    }),
    'ag',
  ),
  using: ['agent'],
};
const flagsJoin: Join = { source: table('status_flags'), using: ['campaign', 'status'] };

function timeDim(d: Dimension, t: Expr | null, tz: string): Expr | undefined {
  if (!t || !isTimeDimension(d)) return undefined;
  return timeBucket(d === 'hour' ? 'hour' : d === 'date' ? 'date' : d, t, tz);
}

function callCond(token: string): Expr {
  const negate = token.startsWith('!');
  const t = token.replace(/^!/, '');
  let e: Expr;
  if (t === 'outbound' || t === 'inbound') e = eq(col('direction'), param(t));
  else if (t === 'known') e = col('f_known');
  else if (t.startsWith('flag:')) e = col(`f_${t.slice(5)}`);
  else throw new Error(`condition ${token} does not apply to calls`);
  // Flags come from a LEFT JOIN: a missing row reads as false, never as unknown.
  e = t === 'outbound' || t === 'inbound' ? e : coalesce(e, FALSE);
  return negate ? not(e) : e;
}

/** `coarse` reads the rollup without agents: chosen when no dimension or filter involves agents. */
export function callsSource(opts: {
  rollup: false | 'fine' | 'coarse';
  thresholds: Thresholds;
  needAgents: boolean;
}): FactSource {
  const counters = callCounters(opts.thresholds);
  const time = col(opts.rollup ? 'hour_utc' : 'started_at');
  const plain = new Set<Dimension>(['campaign', 'list', 'status', 'direction']);
  if (opts.rollup !== 'coarse') plain.add('agent');
  const name = opts.rollup === 'coarse' ? 'call_rollup_coarse' : opts.rollup ? 'call_rollup' : 'calls';
  return {
    id: 'calls',
    from: table(name),
    joins: opts.needAgents ? [flagsJoin, agentsJoin] : [flagsJoin],
    time,
    fromRollup: opts.rollup !== false,
    dim(d, tz) {
      if (plain.has(d)) return col(d);
      if (d === 'agent') return undefined;
      if (d === 'team' || d === 'site')
        return opts.rollup === 'coarse' ? undefined : coalesce(col(d), param(''));
      if (d === 'topic') return opts.rollup ? undefined : col('topic');
      if (d === 'channel') return param('voice');
      return timeDim(d, time, tz);
    },
    cond: callCond,
    counter(name) {
      if (opts.rollup) return col(name);
      const e = counters.get(name);
      if (!e) throw new Error(`unknown call counter ${name}`);
      return e;
    },
  };
}

/**
 * Agent time by hour. Time logged without a campaign is attributed to the campaigns the agent
 * handled calls for that day, in proportion to handle time (inputs.md), when a report needs campaigns.
 * By list, the same rule goes one step further: time on a campaign is shared among that campaign's
 * lists, and time without one among all the lists the agent worked that day, by handle time.
 */
export function agentTimeSource(opts: {
  attribute: boolean;
  byList?: boolean;
  tz: string;
  needAgents: boolean;
  range: readonly [Date, Date];
  /** rows shaped like agent_time_hourly (labor valuation adds exact pieces of split hours) */
  base?: Source;
}): FactSource {
  const hourly = opts.base ?? table('agent_time_hourly');
  let from: Source = hourly;
  if (opts.attribute) {
    const day = timeBucket('date', col('hour_utc'), opts.tz);
    const inRange = and(
      ge(col('hour_utc'), instant(opts.range[0])),
      lt(col('hour_utc'), instant(opts.range[1])),
    );
    const handled = and(ne(col('agent'), param('')), gt(col('handled'), num(0)), inRange);
    const cellKeys = opts.byList ? [col('campaign'), col('list')] : [col('campaign')];
    const perCell = select({
      columns: [
        ['agent', col('agent')],
        ['jday', day],
        ['attr_campaign', col('campaign')],
        ...(opts.byList ? [['attr_list', col('list')] as const] : []),
        ['h', sum(handleSum())],
      ],
      from: table('call_rollup'),
      where: handled,
      groupBy: [col('agent'), day, ...cellKeys],
    });
    const totalOver = (keys: readonly Expr[], names: readonly string[]) =>
      select({
        columns: [
          ['agent', col('agent')],
          ['jday', day],
          ...keys.map((k, i) => [names[i]!, k] as const),
          ['t', sum(handleSum())],
        ],
        from: table('call_rollup'),
        where: handled,
        groupBy: [col('agent'), day, ...keys],
      });
    const shareOf = (jkey: Expr, total: Select, using: string[]) =>
      select({
        columns: [
          ['agent', col('agent')],
          ['jday', col('jday')],
          ['jkey', jkey],
          ['matched', num(1)],
          ['attr_campaign', col('attr_campaign')],
          ...(opts.byList ? [['attr_list', col('attr_list')] as const] : []),
          ['share', div(col('h'), col('t'))],
        ],
        from: subquery(perCell, 'pc'),
        joins: [{ source: subquery(total, 'pd'), using }],
      });
    const acrossDay = shareOf(param(''), totalOver([], []), ['agent', 'jday']);
    const shares = opts.byList
      ? union(
          [
            acrossDay,
            shareOf(col('attr_campaign'), totalOver([col('campaign')], ['attr_campaign']), [
              'agent',
              'jday',
              'attr_campaign',
            ]),
          ],
          'sh',
        )
      : subquery(acrossDay, 'w');
    const base = select({
      columns: [
        ['hour_utc', col('hour_utc')],
        ...AGENT_TIME_KEYS.map((k) => [k, col(k)] as const),
        ['seconds', col('seconds')],
        ['jday', day],
        ['jkey', col('campaign')],
      ],
      from: hourly,
      where: inRange,
    });
    // Unmatched rows read as NULL on DuckDB and as default values on ClickHouse: test the flag.
    const matched = eq(col('matched'), num(1));
    from = subquery(
      select({
        columns: [
          ['hour_utc', col('hour_utc')],
          ['agent', col('agent')],
          ['state', col('state')],
          ['reason', col('reason')],
          ['campaign', caseWhen([[matched, col('attr_campaign')]], col('campaign'))],
          ...(opts.byList ? [['list', caseWhen([[matched, col('attr_list')]], param(''))] as const] : []),
          ['seconds', caseWhen([[matched, mul(col('seconds'), col('share'))]], col('seconds'))],
        ],
        from: subquery(base, 'b'),
        joins: [{ source: shares, using: ['agent', 'jday', 'jkey'] }],
      }),
      'at',
    );
  }
  const time = col('hour_utc');
  const plain = new Set<Dimension>(['agent', 'state', 'reason', 'campaign']);
  if (opts.attribute && opts.byList) plain.add('list');
  return {
    id: 'agent_time',
    from,
    joins: opts.needAgents ? [agentsJoin] : [],
    time,
    fromRollup: true,
    dim(d, tz) {
      if (plain.has(d)) return col(d);
      if (d === 'team' || d === 'site') return coalesce(col(d), param(''));
      return timeDim(d, time, tz);
    },
    cond(token) {
      const negate = token.startsWith('!');
      const t = token.replace(/^!/, '');
      if (!t.startsWith('state:')) throw new Error(`condition ${token} does not apply to agent time`);
      const e = eq(col('state'), param(t.slice(6)));
      return negate ? not(e) : e;
    },
    counter(name) {
      if (name !== 'seconds') throw new Error(`agent time has no counter ${name}`);
      return col('seconds');
    },
  };
}

const handleSum = (): Expr =>
  add(add(col('handled_talk_sec'), col('handled_hold_sec')), col('handled_wrap_sec'));

/**
 * Agents with handled calls or logged-in time, hour by hour (for agents_worked). Per campaign,
 * time logged without a campaign does not make an agent count for a campaign of its own.
 */
export function activitySource(needAgents: boolean, byCampaign = false): FactSource {
  const fromCalls = select({
    columns: [
      ['hour_utc', col('hour_utc')],
      ['agent', col('agent')],
      ['campaign', col('campaign')],
    ],
    from: table('call_rollup'),
    where: and(ne(col('agent'), param('')), gt(col('handled'), num(0))),
  });
  const fromTime = select({
    columns: [
      ['hour_utc', col('hour_utc')],
      ['agent', col('agent')],
      ['campaign', col('campaign')],
    ],
    from: table('agent_time_hourly'),
    where: byCampaign
      ? and(gt(col('seconds'), num(0)), ne(col('campaign'), param('')))
      : gt(col('seconds'), num(0)),
  });
  const time = col('hour_utc');
  return {
    id: 'activity',
    from: union([fromCalls, fromTime], 'act'),
    joins: needAgents ? [agentsJoin] : [],
    time,
    fromRollup: true,
    dim(d, tz) {
      if (d === 'agent' || d === 'campaign') return col(d);
      if (d === 'team' || d === 'site') return coalesce(col(d), param(''));
      return timeDim(d, time, tz);
    },
    cond(token) {
      throw new Error(`condition ${token} does not apply to agent activity`);
    },
    counter(name) {
      throw new Error(`agent activity has no counter ${name}`);
    },
  };
}

export function listsSource(): FactSource {
  return {
    id: 'lists',
    from: table('lists'),
    joins: [],
    time: null,
    fromRollup: false,
    dim(d) {
      if (d === 'list') return col('list');
      if (d === 'campaign') return coalesce(col('campaign'), param(''));
      return undefined;
    },
    cond(token) {
      throw new Error(`condition ${token} does not apply to lists`);
    },
    counter(name) {
      if (name !== 'leads') throw new Error(`lists have no counter ${name}`);
      return coalesce(col('leads'), num(0));
    },
  };
}
