import {
  catalog,
  isTimeDimension,
  type Catalog,
  type Dimension,
  type Measure,
  type Metric,
  type SourceId,
} from '../catalog/index.js';
import { usageError } from '../errors.js';
import type { Warning } from '../ingest/warnings.js';
import type { Thresholds } from '../storage/rollup-columns.js';
import { addDays, formatLocalHour, wholeHourOffsets, zonedMidnight } from '../time/zones.js';
import type { Dialect } from './dialect.js';
import { laborSource, valuedCallsSource, type Prices } from './money-sources.js';
import { backlogSource, qaSource, surveysSource, ticketsSource } from './record-sources.js';
import { activitySource, agentTimeSource, callsSource, listsSource, type FactSource } from './sources.js';
import {
  and,
  col,
  countDistinct,
  eq,
  param,
  ge,
  inList,
  instant,
  lt,
  select,
  subquery,
  sum,
  timeBucket,
  type Expr,
  type ParamValue,
  type Select,
} from './sql.js';

// Turns a metric request into one SELECT per fact source, runs them, and joins the results by
// dimension values. Additive measures come from the hourly rollups whenever the rollup can answer
// exactly (same thresholds, a zone whose offsets are whole hours); distinct counts read raw rows.
// Rates are computed afterwards from the summed measures, for rows and totals alike.

export interface Engine {
  readonly dialect: Dialect;
  all(sql: string, params: readonly ParamValue[]): Promise<Record<string, unknown>[]>;
}

export interface QueryRequest {
  readonly metrics: readonly string[];
  readonly by: readonly Dimension[];
  readonly where: Readonly<Partial<Record<Dimension, readonly string[]>>>;
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  readonly thresholds: Thresholds;
  readonly rollupThresholds: Thresholds | undefined;
  readonly variants: Readonly<Record<string, string>>;
  readonly forceRaw?: boolean;
  /** restricts call measures to one direction (funnel: outbound, service: inbound); other sources ignore it */
  readonly direction?: 'outbound' | 'inbound';
  /** prices in force over time, for money measures */
  readonly prices?: Prices;
  /** sources computed outside one SQL statement (commission plans, list cost) */
  readonly computed?: Partial<Record<SourceId, FactSource>>;
}

export type ResultRow = Record<string, string | number | boolean | null>;

export interface QueryResult {
  rows: ResultRow[];
  totals: Record<string, number | null>;
  /** the summed base measures behind each row (same order as `rows`) and behind the totals */
  rowSums: Record<string, number | null>[];
  totalSums: Record<string, number | null>;
  warnings: Warning[];
  /** how each source was read: rollup or raw */
  sources: Record<string, 'rollup' | 'raw'>;
  sql: { source: string; sql: string }[];
}

export interface Part {
  key: string;
  source: FactSource;
  measures: Measure[];
}

const alias = (id: string): string => `m_${id}`;
const dimAlias = (i: number): string => `d${i}`;

function sameThresholds(a: Thresholds | undefined, b: Thresholds): boolean {
  return !!a && a.slSec === b.slSec && a.shortAbandonSec === b.shortAbandonSec;
}

function measureExpr(m: Measure, src: FactSource): Expr {
  const filter = m.where.length ? and(...m.where.map((w) => src.cond(w))) : null;
  if (m.agg === 'count_distinct') return countDistinct(col(m.of[0]!), filter);
  const terms = m.of.map((c) => src.counter(c));
  const body = terms.reduce((acc, t) => ({ k: 'bin', op: '+', l: acc, r: t }) as Expr);
  return sum(body, filter);
}

function buildSelect(
  part: Part,
  req: QueryRequest,
  dims: readonly Dimension[],
  range: readonly [Date, Date],
): Select {
  const src = part.source;
  const filters: Expr[] = [];
  if (src.time) filters.push(ge(src.time, instant(range[0])), lt(src.time, instant(range[1])));
  if (req.direction && src.id === 'calls') filters.push(eq(col('direction'), param(req.direction)));
  for (const [d, values] of Object.entries(req.where) as [Dimension, string[]][])
    filters.push(inList(src.dim(d, req.timezone)!, values));
  const measures = part.measures.map((m) => [alias(m.id), measureExpr(m, src)] as const);
  const timeDims = dims.filter(isTimeDimension);
  // Rollup rows are hourly: sum them per UTC hour first and bucket only those hours in the report's
  // zone, instead of converting every rollup row (a year holds a million of them).
  if (src.fromRollup && src.time && timeDims.length && part.measures.every((m) => m.agg === 'sum')) {
    const inner = select({
      columns: [
        ...dims.flatMap((d, i) =>
          isTimeDimension(d) ? [] : [[dimAlias(i), src.dim(d, req.timezone)!] as const],
        ),
        ['t', src.time],
        ...measures,
      ],
      from: src.from,
      joins: src.joins,
      where: and(...filters),
      groupBy: [...dims.filter((d) => !isTimeDimension(d)).map((d) => src.dim(d, req.timezone)!), src.time],
    });
    const outerDims = dims.map((d, i) =>
      isTimeDimension(d) ? timeBucket(d, col('t'), req.timezone) : col(dimAlias(i)),
    );
    return select({
      columns: [
        ...outerDims.map((e, i) => [dimAlias(i), e] as const),
        ...part.measures.map((m) => [alias(m.id), sum(col(alias(m.id)))] as const),
      ],
      from: subquery(inner, 'hourly'),
      groupBy: outerDims,
    });
  }
  const dimExprs = dims.map((d) => src.dim(d, req.timezone)!);
  return select({
    columns: [...dimExprs.map((e, i) => [dimAlias(i), e] as const), ...measures],
    from: src.from,
    joins: src.joins,
    where: and(...filters),
    groupBy: dimExprs,
  });
}

function dimValue(d: Dimension, v: unknown, tz: string): string | number | null {
  if (v == null) return null;
  if (d === 'hour') return formatLocalHour((v as Date).getTime(), tz);
  if (d === 'month') return String(v).slice(0, 7);
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'number' ? v : String(v);
}

function sortKey(d: Dimension, v: unknown): string | number {
  if (v instanceof Date) return v.getTime();
  return typeof v === 'number' ? v : String(v ?? '');
}

export interface Plan {
  readonly req: QueryRequest;
  readonly metrics: readonly Metric[];
  readonly parts: readonly Part[];
  readonly notApplicable: ReadonlySet<string>;
  readonly measureIds: readonly string[];
  readonly range: readonly [Date, Date];
  readonly warnings: readonly Warning[];
  /** whether additive call measures can be read from the hourly rollups */
  readonly rollupOk: boolean;
}

/** Decides which source serves each measure; no database access. */
export function planQuery(req: QueryRequest, cat: Catalog = catalog()): Plan {
  const metrics: Metric[] = req.metrics.map((id) => cat.metric(id));
  const needed = new Map<string, Measure>();
  for (const m of metrics)
    for (const id of cat.measuresOf(m, req.variants)) needed.set(id, cat.measures.get(id)!);
  const warnings: Warning[] = [];
  const range: [Date, Date] = [
    zonedMidnight(req.from, req.timezone),
    zonedMidnight(addDays(req.to, 1), req.timezone),
  ];
  if (range[0] >= range[1]) throw usageError(`--from ${req.from} is after --to ${req.to}`);
  for (const d of Object.keys(req.where))
    if (isTimeDimension(d)) throw usageError(`--where ${d}=…: filter time with --from/--to instead`);

  const used = new Set<string>([...req.by, ...Object.keys(req.where)]);
  const needAgents = used.has('team') || used.has('site');
  const rawOnly = used.has('topic');
  const rollupOk =
    !req.forceRaw &&
    !rawOnly &&
    sameThresholds(req.rollupThresholds, req.thresholds) &&
    wholeHourOffsets(req.timezone, range[0].getTime(), range[1].getTime());
  const attribute = used.has('campaign') || used.has('list');

  const rollup = (distinct: boolean): false | 'fine' | 'coarse' =>
    rollupOk && !distinct ? (needAgents || used.has('agent') ? 'fine' : 'coarse') : false;
  const prices = (): Prices => {
    if (!req.prices) throw new Error('money measures need the prices in force (QueryRequest.prices)');
    return req.prices;
  };
  const sourceFor = (id: SourceId, distinct: boolean): FactSource => {
    switch (id) {
      case 'calls':
        return callsSource({ rollup: rollup(distinct), thresholds: req.thresholds, needAgents });
      case 'money':
        return valuedCallsSource({
          rollup: rollup(false),
          thresholds: req.thresholds,
          needAgents,
          prices: prices(),
          range,
        });
      case 'labor':
        return laborSource({
          tz: req.timezone,
          needAgents,
          range,
          prices: prices(),
          byList: used.has('list'),
        });
      case 'surveys':
        return surveysSource(needAgents);
      case 'qa':
        return qaSource(needAgents);
      case 'tickets_created':
        return ticketsSource('created', needAgents);
      case 'tickets_resolved':
        return ticketsSource('resolved', needAgents);
      case 'backlog':
        return backlogSource(needAgents);
      case 'commission':
      case 'fcr':
      case 'adherence':
      case 'list_cost': {
        const src = req.computed?.[id];
        if (!src) throw new Error(`${id} measures need a computed source (QueryRequest.computed)`);
        return src;
      }
      case 'agent_time':
        return agentTimeSource({ attribute, byList: used.has('list'), tz: req.timezone, needAgents, range });
      case 'activity':
        return activitySource(needAgents, used.has('campaign'));
      case 'lists':
        return listsSource();
    }
  };

  const parts = new Map<string, Part>();
  const notApplicable = new Set<string>();
  for (const m of needed.values()) {
    const distinct = m.agg === 'count_distinct';
    const key = `${m.source}${m.source === 'calls' && (distinct || !rollupOk) ? ':raw' : ''}`;
    let part = parts.get(key);
    if (!part) {
      part = { key, source: sourceFor(m.source, distinct), measures: [] };
      parts.set(key, part);
    }
    part.measures.push(m);
  }
  for (const [key, part] of [...parts]) {
    const missing = [...used].filter((d) => part.source.dim(d as Dimension, req.timezone) === undefined);
    if (missing.length) {
      parts.delete(key);
      for (const m of part.measures) notApplicable.add(m.id);
      warnings.push({
        code: 'dimension_not_applicable',
        source: part.source.id,
        dimensions: missing,
        metrics: metrics
          .filter((x) =>
            cat.measuresOf(x, req.variants).some((id) => part.measures.some((pm) => pm.id === id)),
          )
          .map((x) => x.id),
      });
    }
  }
  return {
    req,
    metrics,
    parts: [...parts.values()],
    notApplicable,
    measureIds: [...needed.keys()],
    range,
    warnings,
    rollupOk,
  };
}

/** The SELECT of one part of a plan, grouped by `dims` (the request's, or none for totals). */
export function partSelect(plan: Plan, part: Part, dims: readonly Dimension[] = plan.req.by): Select {
  return buildSelect(part, plan.req, dims, plan.range);
}

export async function runQuery(
  engine: Engine,
  req: QueryRequest,
  cat: Catalog = catalog(),
): Promise<QueryResult> {
  const plan = planQuery(req, cat);
  const { metrics, notApplicable, measureIds, range } = plan;
  const warnings: Warning[] = [...plan.warnings];

  const rows = new Map<
    string,
    { dims: ResultRow; sort: (string | number)[]; sums: Record<string, number | null> }
  >();
  const totalsDistinct: Record<string, number> = {};
  const sqlOut: QueryResult['sql'] = [];
  const sources: QueryResult['sources'] = {};
  for (const part of plan.parts) {
    // Distinct counts do not add up across rows, and money must not pick up binary-float error by
    // being re-added in JS: their totals come from the engine, in the same scan where it has
    // GROUPING SETS, else from a query of its own.
    const distinct = part.measures.filter((m) => m.agg === 'count_distinct' || part.source.exact);
    const inline = distinct.length > 0 && req.by.length > 0 && engine.dialect.capabilities.groupingSets;
    let partRows: Record<string, unknown>[];
    if (part.source.rows) {
      partRows = await part.source.rows(engine, plan, req.by);
    } else {
      const s = buildSelect(part, req, req.by, range);
      const { sql, params } = engine.dialect.render(inline ? { ...s, withTotal: true } : s);
      sqlOut.push({ source: part.key, sql });
      partRows = await engine.all(sql, params);
    }
    sources[part.key] = part.source.fromRollup ? 'rollup' : 'raw';
    for (const r of partRows) {
      if (inline && req.by.every((_, i) => r[dimAlias(i)] == null)) {
        for (const m of distinct) totalsDistinct[m.id] = Number(r[alias(m.id)] ?? 0);
        continue;
      }
      const dims: ResultRow = {};
      const sort: (string | number)[] = [];
      req.by.forEach((d, i) => {
        dims[d] = dimValue(d, r[dimAlias(i)], req.timezone);
        sort.push(sortKey(d, r[dimAlias(i)]));
      });
      const k = JSON.stringify(req.by.map((d) => dims[d]));
      let row = rows.get(k);
      if (!row) {
        row = { dims, sort, sums: {} };
        rows.set(k, row);
      }
      for (const m of part.measures) row.sums[m.id] = Number(r[alias(m.id)] ?? 0);
    }
    if (distinct.length && req.by.length && !inline) {
      const t = engine.dialect.render(buildSelect({ ...part, measures: distinct }, req, [], range));
      const [r] = await engine.all(t.sql, t.params);
      for (const m of distinct) totalsDistinct[m.id] = Number(r?.[alias(m.id)] ?? 0);
    }
  }

  const fill = (sums: Record<string, number | null>): Record<string, number | null> => {
    const out: Record<string, number | null> = {};
    for (const id of measureIds) out[id] = notApplicable.has(id) ? null : (sums[id] ?? 0);
    return out;
  };
  const totalsSums: Record<string, number | null> = {};
  for (const id of measureIds) {
    if (notApplicable.has(id)) totalsSums[id] = null;
    else if (id in totalsDistinct) totalsSums[id] = totalsDistinct[id]!;
    else totalsSums[id] = [...rows.values()].reduce((acc, r) => acc + (r.sums[id] ?? 0), 0);
  }
  if (!req.by.length) for (const r of rows.values()) Object.assign(totalsSums, fill(r.sums));

  const ordered = [...rows.values()].sort((a, b) => {
    for (let i = 0; i < a.sort.length; i++) {
      const x = a.sort[i]!;
      const y = b.sort[i]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
  const rowSums: Record<string, number | null>[] = [];
  const outRows: ResultRow[] = ordered.map((r) => {
    const sums = fill(r.sums);
    rowSums.push(sums);
    const row: ResultRow = { ...r.dims };
    for (const m of metrics) row[m.id] = cat.evaluate(m, sums, req.variants);
    return row;
  });
  const totals: Record<string, number | null> = {};
  for (const m of metrics) totals[m.id] = cat.evaluate(m, totalsSums, req.variants);
  return { rows: outRows, totals, rowSums, totalSums: totalsSums, warnings, sources, sql: sqlOut };
}
