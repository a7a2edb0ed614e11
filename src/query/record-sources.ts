import type { Dimension } from '../catalog/types.js';
import { isTimeDimension } from '../catalog/types.js';
import { agentsJoin, type FactSource } from './sources.js';
import {
  and,
  count,
  inList,
  instant,
  isNull,
  lt,
  or,
  caseWhen,
  coalesce,
  col,
  epoch,
  eq,
  ge,
  indicator,
  isNotNull,
  mul,
  not,
  num,
  param,
  select,
  sub,
  table,
  timeBucket,
  gt,
  le,
  type Expr,
} from './sql.js';

// Fact sources over the quality records: survey answers, QA evaluations and tickets. Each reads its
// raw table (these tables are small next to calls) and buckets rows by its own instant.

function recordSource(opts: {
  id: FactSource['id'];
  table: string;
  time: string;
  plain: readonly Dimension[];
  needAgents: boolean;
  counters: ReadonlyMap<string, Expr>;
  conds?: Readonly<Record<string, Expr>>;
}): FactSource {
  const time = col(opts.time);
  const plain = new Set<Dimension>(opts.plain);
  return {
    id: opts.id,
    from: table(opts.table),
    joins: opts.needAgents ? [agentsJoin] : [],
    time,
    fromRollup: false,
    dim(d, tz) {
      if (plain.has(d)) return coalesce(col(d), param(''));
      if (d === 'team' || d === 'site') return coalesce(col(d), param(''));
      if (isTimeDimension(d)) return timeBucket(d === 'hour' ? 'hour' : d, time, tz);
      return undefined;
    },
    cond(token) {
      const negate = token.startsWith('!');
      const e = opts.conds?.[token.replace(/^!/, '')];
      if (!e) throw new Error(`condition ${token} does not apply to ${opts.table}`);
      return negate ? not(e) : e;
    },
    counter(name) {
      const e = opts.counters.get(name);
      if (!e) throw new Error(`${opts.table} have no counter ${name}`);
      return e;
    },
  };
}

/** Survey answers: top-2-box is 4-5 on a 1-5 scale, else at least 80 % of the scale. */
export function surveysSource(needAgents: boolean): FactSource {
  const scale = coalesce(col('scale_max'), caseWhen([[eq(col('kind'), param('nps')), num(10)]], num(5)));
  const top2 = caseWhen(
    [[eq(scale, num(5)), ge(col('score'), num(4))]],
    ge(col('score'), mul(scale, num(0.8))),
  );
  return recordSource({
    id: 'surveys',
    table: 'surveys',
    time: 'responded_at',
    plain: ['agent'],
    needAgents,
    counters: new Map([
      ['n', num(1)],
      ['score', col('score')],
      ['top2', indicator(top2)],
      ['promoter', indicator(ge(col('score'), num(9)))],
      ['detractor', indicator(le(col('score'), num(6)))],
    ]),
    conds: Object.fromEntries(['csat', 'nps', 'esat'].map((k) => [`kind:${k}`, eq(col('kind'), param(k))])),
  });
}

/** QA evaluations, one row per criterion: the score weighted against the weighted maximum. */
export function qaSource(needAgents: boolean): FactSource {
  const w = coalesce(col('weight'), num(1));
  return recordSource({
    id: 'qa',
    table: 'qa',
    time: 'evaluated_at',
    plain: ['agent'],
    needAgents,
    counters: new Map([
      ['weighted_score', mul(w, col('score'))],
      ['weighted_max', mul(w, col('max_score'))],
    ]),
  });
}

const seconds = (from: string, to: string): Expr =>
  caseWhen([[isNotNull(col(to)), sub(epoch(col(to)), epoch(col(from)))]], num(0));

/** Tickets counted when created (`created`) or when resolved (`resolved`). */
export function ticketsSource(at: 'created' | 'resolved', needAgents: boolean): FactSource {
  return recordSource({
    id: at === 'created' ? 'tickets_created' : 'tickets_resolved',
    table: 'tickets',
    time: at === 'created' ? 'created_at' : 'resolved_at',
    plain: ['agent', 'channel', 'topic'],
    needAgents,
    counters: new Map([
      ['n', num(1)],
      ['responded', indicator(isNotNull(col('first_response_at')))],
      ['first_response_sec', seconds('created_at', 'first_response_at')],
      ['resolution_sec', seconds('created_at', 'resolved_at')],
      ['reopened', indicator(gt(coalesce(col('reopened'), num(0)), num(0)))],
    ]),
  });
}

/** Open tickets at the end of the period: created before it ends, not resolved by then. */
export function backlogSource(needAgents: boolean): FactSource {
  const base = ticketsSource('created', needAgents);
  return {
    ...base,
    id: 'backlog',
    time: null,
    dim: (d, tz) => (isTimeDimension(d) ? undefined : base.dim(d, tz)),
    async rows(engine, plan, dims) {
      const end = instant(plan.range[1]);
      const where = and(
        lt(col('created_at'), end),
        or(isNull(col('resolved_at')), ge(col('resolved_at'), end)),
        ...(Object.entries(plan.req.where) as [Dimension, string[]][]).map(([d, v]) =>
          inList(base.dim(d, plan.req.timezone)!, v),
        ),
      );
      const exprs = dims.map((d) => base.dim(d, plan.req.timezone)!);
      const s = select({
        columns: [...exprs.map((e, i) => [`d${i}`, e] as const), ['m_backlog', count()]],
        from: base.from,
        joins: base.joins,
        where,
        groupBy: exprs,
      });
      const { sql, params } = engine.dialect.render(s);
      return engine.all(sql, params);
    },
  };
}
