// The immutable SQL tree every query is built from. Nodes are plain frozen data; values only ever
// enter as `param` nodes, which a dialect binds (DuckDB) or encodes with its one tested literal
// encoder (old ClickHouse has no server-side parameters). Nothing here knows an engine's syntax.

export type ParamValue = string | number | boolean | null;

export type TimeUnit = 'hour' | 'date' | 'week' | 'month' | 'dow' | 'hour_of_day';

export type BinOp = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type Expr =
  | { readonly k: 'col'; readonly name: string; readonly table?: string }
  | { readonly k: 'param'; readonly value: ParamValue }
  | { readonly k: 'num'; readonly value: number }
  | { readonly k: 'bin'; readonly op: BinOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'isnull'; readonly e: Expr; readonly negate: boolean }
  | { readonly k: 'in'; readonly e: Expr; readonly values: readonly Expr[] }
  | { readonly k: 'case'; readonly whens: readonly (readonly [Expr, Expr])[]; readonly else: Expr }
  | { readonly k: 'coalesce'; readonly args: readonly Expr[] }
  | { readonly k: 'agg'; readonly fn: AggFn; readonly arg: Expr | null; readonly filter: Expr | null }
  | { readonly k: 'time'; readonly unit: TimeUnit; readonly e: Expr; readonly tz: string }
  | { readonly k: 'div'; readonly n: Expr; readonly d: Expr }
  | { readonly k: 'greatest' | 'least'; readonly args: readonly Expr[] }
  | { readonly k: 'epoch'; readonly e: Expr }
  | { readonly k: 'instant'; readonly iso: string }
  /** an exact decimal amount of money, written as text so no binary float ever holds it */
  | { readonly k: 'money'; readonly text: string }
  /** a number read as an exact decimal amount (counts and seconds multiplied by a price) */
  | { readonly k: 'to_money'; readonly e: Expr }
  | { readonly k: 'true' | 'false' };

export type AggFn = 'sum' | 'count' | 'count_distinct' | 'min' | 'max';

export type Source =
  | { readonly k: 'table'; readonly name: string; readonly alias?: string }
  | { readonly k: 'subquery'; readonly select: Select; readonly alias: string }
  | { readonly k: 'union'; readonly selects: readonly Select[]; readonly alias: string };

/** Left equi-join on same-named columns: the one join shape every engine version runs. */
export interface Join {
  readonly source: Source;
  readonly using: readonly string[];
}

export interface Select {
  readonly columns: readonly (readonly [alias: string, expr: Expr])[];
  readonly from: Source;
  readonly joins?: readonly Join[];
  readonly where?: Expr | null;
  readonly groupBy?: readonly Expr[];
  readonly orderBy?: readonly (readonly [Expr, 'ASC' | 'DESC'])[];
  readonly limit?: number;
  /** rows skipped before `limit` (pagination) */
  readonly offset?: number;
  /** also the grand total, as a row whose group keys are all NULL (needs `groupingSets`) */
  readonly withTotal?: boolean;
}

const freeze = <T extends object>(o: T): T => Object.freeze(o);

export const col = (name: string, table?: string): Expr =>
  freeze(table ? { k: 'col', name, table } : { k: 'col', name });
export const param = (value: ParamValue): Expr => freeze({ k: 'param', value });
export const num = (value: number): Expr => {
  if (!Number.isFinite(value)) throw new Error(`numeric literal must be finite, got ${value}`);
  return freeze({ k: 'num', value });
};
export const TRUE: Expr = freeze({ k: 'true' });
export const FALSE: Expr = freeze({ k: 'false' });

const bin =
  (op: BinOp) =>
  (l: Expr, r: Expr): Expr =>
    freeze({ k: 'bin', op, l, r });
export const eq = bin('=');
export const ne = bin('<>');
export const lt = bin('<');
export const le = bin('<=');
export const gt = bin('>');
export const ge = bin('>=');
export const add = bin('+');
export const sub = bin('-');
export const mul = bin('*');

/** AND of all given conditions, skipping null; TRUE when none remain. */
export function and(...conds: (Expr | null | undefined)[]): Expr {
  const parts = conds.filter((c): c is Expr => c != null && c.k !== 'true');
  if (parts.length === 0) return TRUE;
  return parts.reduce((acc, c) => freeze({ k: 'bin', op: 'AND', l: acc, r: c }));
}
export function or(...conds: Expr[]): Expr {
  if (conds.length === 0) return FALSE;
  return conds.reduce((acc, c) => freeze({ k: 'bin', op: 'OR', l: acc, r: c }));
}
export const not = (e: Expr): Expr => freeze({ k: 'not', e });
export const isNull = (e: Expr): Expr => freeze({ k: 'isnull', e, negate: false });
export const isNotNull = (e: Expr): Expr => freeze({ k: 'isnull', e, negate: true });
export const inList = (e: Expr, values: readonly ParamValue[]): Expr =>
  freeze({ k: 'in', e, values: Object.freeze(values.map(param)) });
export const caseWhen = (whens: (readonly [Expr, Expr])[], otherwise: Expr): Expr =>
  freeze({ k: 'case', whens: Object.freeze(whens), else: otherwise });
export const coalesce = (...args: Expr[]): Expr => freeze({ k: 'coalesce', args: Object.freeze(args) });
export const div = (n: Expr, d: Expr): Expr => freeze({ k: 'div', n, d });
export const greatest = (...args: Expr[]): Expr => freeze({ k: 'greatest', args: Object.freeze(args) });
export const least = (...args: Expr[]): Expr => freeze({ k: 'least', args: Object.freeze(args) });
/** Seconds since the Unix epoch of a timestamp. */
export const epoch = (e: Expr): Expr => freeze({ k: 'epoch', e });
/** A UTC instant bound as a parameter (ISO-8601 with Z). */
export const instant = (d: Date): Expr => freeze({ k: 'instant', iso: d.toISOString() });
const DECIMAL_TEXT = /^-?\d{1,14}(\.\d{1,4})?$/;
export const money = (text: string): Expr => {
  if (!DECIMAL_TEXT.test(text)) throw new Error(`not a decimal amount: ${text}`);
  return freeze({ k: 'money', text });
};
export const toMoney = (e: Expr): Expr => freeze({ k: 'to_money', e });
export const timeBucket = (unit: TimeUnit, e: Expr, tz: string): Expr => freeze({ k: 'time', unit, e, tz });

export const agg = (fn: AggFn, arg: Expr | null, filter: Expr | null = null): Expr =>
  freeze({ k: 'agg', fn, arg, filter: filter && filter.k === 'true' ? null : filter });
export const sum = (arg: Expr, filter: Expr | null = null): Expr => agg('sum', arg, filter);
export const count = (filter: Expr | null = null): Expr => agg('count', null, filter);
export const countDistinct = (arg: Expr, filter: Expr | null = null): Expr =>
  agg('count_distinct', arg, filter);

/** 1 when the condition holds, else 0: the building block of rollup counters. */
export const indicator = (cond: Expr): Expr => caseWhen([[cond, num(1)]], num(0));

export const table = (name: string, alias?: string): Source =>
  freeze(alias ? { k: 'table', name, alias } : { k: 'table', name });
export const subquery = (select: Select, alias: string): Source => freeze({ k: 'subquery', select, alias });
export const union = (selects: Select[], alias: string): Source =>
  freeze({ k: 'union', selects: Object.freeze(selects), alias });

export const select = (s: Select): Select => freeze({ ...s });

/** Every column name an expression reads (for planning which source can serve it). */
export function columnsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'col':
      out.add(e.name);
      break;
    case 'bin':
      columnsOf(e.l, out);
      columnsOf(e.r, out);
      break;
    case 'not':
    case 'isnull':
    case 'epoch':
    case 'time':
    case 'to_money':
      columnsOf(e.e, out);
      break;
    case 'in':
      columnsOf(e.e, out);
      break;
    case 'case':
      for (const [w, t] of e.whens) {
        columnsOf(w, out);
        columnsOf(t, out);
      }
      columnsOf(e.else, out);
      break;
    case 'coalesce':
    case 'greatest':
    case 'least':
      for (const a of e.args) columnsOf(a, out);
      break;
    case 'agg':
      if (e.arg) columnsOf(e.arg, out);
      if (e.filter) columnsOf(e.filter, out);
      break;
    case 'div':
      columnsOf(e.n, out);
      columnsOf(e.d, out);
      break;
    default:
      break;
  }
  return out;
}
