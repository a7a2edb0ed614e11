import { isTimeDimension, type Dimension } from '../catalog/types.js';
import { usageError } from '../errors.js';
import {
  and,
  coalesce,
  col,
  count,
  eq,
  ge,
  inList,
  instant,
  lt,
  num,
  param,
  select,
  table,
  timeBucket,
  type Expr,
} from '../query/sql.js';
import { agentsJoin } from '../query/sources.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { addDays, zonedDate, zonedMidnight } from '../time/zones.js';
import { localIso } from './audit.js';
import { checkDate, checkDims, duckEngine, reportTimezone } from './run.js';

// The rows behind a figure: the calls a chart point or table cell was counted from, one page at a
// time. A point is the report's filters plus the point's own dimension values, time buckets
// included (a day, an ISO week, a month, an hour label, a weekday, an hour of the day), all read in
// the report's zone exactly as the report bucketed them.

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export const ROW_COLUMNS = [
  'call_id',
  'started_at',
  'direction',
  'campaign',
  'list',
  'agent',
  'team',
  'status',
  'topic',
  'ring_sec',
  'wait_sec',
  'talk_sec',
  'hold_sec',
  'wrap_sec',
  'amount',
] as const;

export interface RowsOptions {
  readonly from?: string;
  readonly to?: string;
  readonly timezone?: string;
  readonly where?: Readonly<Record<string, readonly string[]>>;
  readonly page?: number;
  readonly pageSize?: number;
  readonly now?: Date;
}

export interface RowsPage {
  from: string;
  to: string;
  timezone: string;
  where: Record<string, string[]>;
  columns: string[];
  rows: Record<string, string | number | null>[];
  page: number;
  page_size: number;
  total: number;
}

const PLAIN = new Set<Dimension>(['campaign', 'list', 'agent', 'status', 'topic', 'direction']);

/** The local-date span a time value narrows the period to, or null for dow / hour_of_day. */
function span(d: Dimension, v: string): [string, string] | null {
  switch (d) {
    case 'date':
      return [checkDate('where date', v), v];
    case 'week': {
      const monday = checkDate('where week', v);
      return [monday, addDays(monday, 6)];
    }
    case 'month': {
      const first = checkDate('where month', /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : v);
      const next = new Date(Date.UTC(+first.slice(0, 4), +first.slice(5, 7), 1)).toISOString().slice(0, 10);
      return [first, addDays(next, -1)];
    }
    default:
      return null;
  }
}

function hourInstant(v: string): Date {
  const t = Date.parse(/:\d{2}[+-]\d{2}:\d{2}$|Z$/.test(v) ? v : `${v}Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:00/.test(v) || Number.isNaN(t))
    throw usageError(`where hour:${v}: expected an hour label such as 2026-10-05T13:00-04:00`);
  return new Date(t);
}

function intIn(d: string, v: string, lo: number, hi: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) throw usageError(`where ${d}:${v}: expected ${lo}–${hi}`);
  return n;
}

export async function callRows(store: DuckStore, opts: RowsOptions = {}): Promise<RowsPage> {
  checkDims(Object.keys(opts.where ?? {}));
  const where: Record<string, string[]> = Object.fromEntries(
    Object.entries(opts.where ?? {}).map(([k, v]) => [k, [...v]]),
  );
  const timezone = await reportTimezone(store, {
    where,
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
  });
  const today = zonedDate((opts.now ?? new Date()).getTime(), timezone);
  let to = opts.to ? checkDate('to', opts.to) : today;
  let from = opts.from ? checkDate('from', opts.from) : `${to.slice(0, 7)}-01`;

  const started = col('started_at', 'c');
  const filters: Expr[] = [];
  for (const [d, values] of Object.entries(where) as [Dimension, string[]][]) {
    if (!values.length) continue;
    if (isTimeDimension(d)) {
      if (values.length > 1) throw usageError(`where ${d}: one value at a time`);
      const v = values[0]!;
      const s = span(d, v);
      if (s) {
        // The point narrows the period; a point outside the period has no rows.
        if (s[0] > from) from = s[0];
        if (s[1] < to) to = s[1];
      } else if (d === 'hour') {
        const h = hourInstant(v);
        filters.push(ge(started, instant(h)), lt(started, instant(new Date(h.getTime() + 3_600_000))));
      } else if (d === 'dow') filters.push(eq(timeBucket('dow', started, timezone), num(intIn(d, v, 1, 7))));
      else filters.push(eq(timeBucket('hour_of_day', started, timezone), num(intIn(d, v, 0, 23))));
    } else if (PLAIN.has(d)) filters.push(inList(col(d, 'c'), values));
    else if (d === 'team' || d === 'site') filters.push(inList(coalesce(col(d, 'ag'), param('')), values));
    else if (d === 'channel') {
      if (!values.includes('voice')) filters.push(eq(num(1), num(0)));
    } else throw usageError(`where ${d}: the rows behind a figure are calls; ${d} does not apply to them`);
  }
  const range = [zonedMidnight(from, timezone), zonedMidnight(addDays(to, 1), timezone)] as const;
  filters.push(ge(started, instant(range[0])), lt(started, instant(range[1])));

  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE)));
  const base = { from: table('calls', 'c'), joins: [agentsJoin] };
  const cond = and(...filters);
  const engine = duckEngine(store);
  const totalSql = engine.dialect.render(select({ ...base, columns: [['n', count()]], where: cond }));
  const total = Number((await store.all(totalSql.sql, totalSql.params))[0]?.n ?? 0);
  const pageSql = engine.dialect.render(
    select({
      ...base,
      columns: ROW_COLUMNS.map((c) => [c, c === 'team' ? col('team', 'ag') : col(c, 'c')] as const),
      where: cond,
      orderBy: [
        [started, 'ASC'],
        [col('call_id', 'c'), 'ASC'],
      ],
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
  );
  const raw = from > to ? [] : await store.all(pageSql.sql, pageSql.params);
  const rows = raw.map((r) => {
    const out: Record<string, string | number | null> = {};
    for (const c of ROW_COLUMNS) {
      const v = r[c];
      if (c === 'started_at') out[c] = localIso((v as Date).getTime(), timezone);
      else out[c] = v == null ? null : typeof v === 'number' ? v : String(v);
    }
    return out;
  });
  return {
    from,
    to,
    timezone,
    where,
    columns: [...ROW_COLUMNS],
    rows,
    page,
    page_size: pageSize,
    total: from > to ? 0 : total,
  };
}
