import type { BinOp, Expr, Join, ParamValue, Select, Source, TimeUnit } from './sql.js';

// The dialect seam (DESIGN.md principle 2): engines differ only in how a node is spelled. The
// renderer walks the shared tree; a dialect fills in identifiers, parameters, aggregates, time
// bucketing in a zone, safe division and the shape of joins.

export interface Capabilities {
  /** Values are bound server-side; otherwise they are encoded as literals by `literal`. */
  readonly boundParams: boolean;
  /** Several joins in one SELECT; otherwise each join nests the left side in a subquery. */
  readonly multipleJoins: boolean;
  readonly windowFunctions: boolean;
  /** GROUP BY GROUPING SETS: groups and their grand total in one scan */
  readonly groupingSets: boolean;
}

export interface RenderedSql {
  readonly sql: string;
  readonly params: ParamValue[];
}

export abstract class Dialect {
  abstract readonly name: string;
  abstract readonly capabilities: Capabilities;

  abstract quoteIdent(name: string): string;
  /** The one literal encoder for engines without bound parameters; round-trip tested on the engine. */
  abstract literal(value: ParamValue): string;
  abstract aggregate(
    fn: 'sum' | 'count' | 'count_distinct' | 'min' | 'max',
    arg: string | null,
    filter: string | null,
  ): string;
  /** `tz` is already a placeholder or an encoded literal. */
  abstract timeBucket(unit: TimeUnit, ts: string, tz: string): string;
  abstract epochSeconds(ts: string): string;
  /** `value` is a placeholder or literal holding an ISO-8601 UTC instant. */
  abstract instant(value: string): string;
  abstract safeDivide(n: string, d: string): string;
  /** `text` is a placeholder or literal holding a decimal amount as a string */
  abstract decimal(text: string): string;
  /** a numeric expression read as an exact decimal amount */
  abstract toDecimal(e: string): string;
  abstract joinKeyword(): string;
  abstract trueLiteral(): string;
  abstract falseLiteral(): string;

  render(s: Select): RenderedSql {
    const params: ParamValue[] = [];
    return { sql: new Renderer(this, params).select(s), params };
  }

  /** One expression, appending its bound values to `params` (shared with the surrounding SQL). */
  renderExpr(e: Expr, params: ParamValue[]): string {
    return new Renderer(this, params).expr(e);
  }

  placeholder(value: ParamValue, params: ParamValue[]): string {
    if (!this.capabilities.boundParams) return this.literal(value);
    params.push(value);
    return `$${params.length}`;
  }
}

const OPS: Record<BinOp, string> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '=': '=',
  '<>': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  AND: 'AND',
  OR: 'OR',
};

class Renderer {
  constructor(
    private readonly d: Dialect,
    private readonly params: ParamValue[],
  ) {}

  select(s: Select): string {
    const cols = s.columns.map(([alias, e]) => `${this.expr(e)} AS ${this.d.quoteIdent(alias)}`).join(', ');
    const parts = [`SELECT ${cols}`, `FROM ${this.from(s.from, s.joins ?? [])}`];
    if (s.where && s.where.k !== 'true') parts.push(`WHERE ${this.expr(s.where)}`);
    if (s.groupBy && s.groupBy.length > 0) {
      const keys = s.groupBy.map((g) => this.groupKey(g, s)).join(', ');
      if (s.withTotal && !this.d.capabilities.groupingSets)
        throw new Error(`${this.d.name} has no GROUPING SETS: query the total separately`);
      parts.push(s.withTotal ? `GROUP BY GROUPING SETS ((${keys}), ())` : `GROUP BY ${keys}`);
    }
    if (s.orderBy && s.orderBy.length > 0)
      parts.push(`ORDER BY ${s.orderBy.map(([e, dir]) => `${this.expr(e)} ${dir}`).join(', ')}`);
    if (s.limit != null) parts.push(`LIMIT ${Math.trunc(s.limit)}`);
    if (s.offset) parts.push(`OFFSET ${Math.trunc(s.offset)}`);
    return parts.join('\n');
  }

  // A grouped expression is named by its select alias: re-rendering it would bind its parameters
  // twice, and engines then no longer see the two as the same expression.
  private groupKey(g: Expr, s: Select): string {
    const key = JSON.stringify(g);
    const hit = s.columns.find(([, e]) => e === g || JSON.stringify(e) === key);
    return hit ? this.d.quoteIdent(hit[0]) : this.expr(g);
  }

  private source(src: Source): string {
    switch (src.k) {
      case 'table':
        return src.alias
          ? `${this.d.quoteIdent(src.name)} AS ${this.d.quoteIdent(src.alias)}`
          : this.d.quoteIdent(src.name);
      case 'subquery':
        return `(${this.select(src.select)}) AS ${this.d.quoteIdent(src.alias)}`;
      case 'union':
        return `(${src.selects.map((s) => this.select(s)).join('\nUNION ALL\n')}) AS ${this.d.quoteIdent(src.alias)}`;
    }
  }

  private from(src: Source, joins: readonly Join[]): string {
    const using = (j: Join): string => `USING (${j.using.map((u) => this.d.quoteIdent(u)).join(', ')})`;
    if (joins.length === 0) return this.source(src);
    if (this.d.capabilities.multipleJoins) {
      return [
        this.source(src),
        ...joins.map((j) => `${this.d.joinKeyword()} ${this.source(j.source)} ${using(j)}`),
      ].join('\n');
    }
    // One join per level: each join wraps everything to its left in a SELECT *.
    let left = this.source(src);
    joins.forEach((j, i) => {
      const joined = `${left}\n${this.d.joinKeyword()} ${this.source(j.source)} ${using(j)}`;
      left = i === joins.length - 1 ? joined : `(SELECT * FROM ${joined}) AS ${this.d.quoteIdent(`j${i}`)}`;
    });
    return left;
  }

  expr(e: Expr): string {
    switch (e.k) {
      case 'col':
        return e.table
          ? `${this.d.quoteIdent(e.table)}.${this.d.quoteIdent(e.name)}`
          : this.d.quoteIdent(e.name);
      case 'param':
        return this.d.placeholder(e.value, this.params);
      case 'num':
        return Number.isInteger(e.value) ? String(e.value) : e.value.toString();
      case 'true':
        return this.d.trueLiteral();
      case 'false':
        return this.d.falseLiteral();
      case 'bin':
        return `(${this.expr(e.l)} ${OPS[e.op]} ${this.expr(e.r)})`;
      case 'not':
        return `(NOT ${this.expr(e.e)})`;
      case 'isnull':
        return `(${this.expr(e.e)} IS ${e.negate ? 'NOT ' : ''}NULL)`;
      case 'in':
        return `(${this.expr(e.e)} IN (${e.values.map((v) => this.expr(v)).join(', ')}))`;
      case 'case':
        return `CASE ${e.whens.map(([w, t]) => `WHEN ${this.expr(w)} THEN ${this.expr(t)}`).join(' ')} ELSE ${this.expr(e.else)} END`;
      case 'coalesce':
        return `coalesce(${e.args.map((a) => this.expr(a)).join(', ')})`;
      case 'greatest':
      case 'least':
        return `${e.k}(${e.args.map((a) => this.expr(a)).join(', ')})`;
      case 'agg':
        return this.d.aggregate(e.fn, e.arg ? this.expr(e.arg) : null, e.filter ? this.expr(e.filter) : null);
      case 'time':
        return this.d.timeBucket(e.unit, this.expr(e.e), this.d.placeholder(e.tz, this.params));
      case 'epoch':
        return this.d.epochSeconds(this.expr(e.e));
      case 'instant':
        return this.d.instant(this.d.placeholder(e.iso, this.params));
      case 'div':
        return this.d.safeDivide(this.expr(e.n), this.expr(e.d));
      case 'money':
        return this.d.decimal(this.d.placeholder(e.text, this.params));
      case 'to_money':
        return this.d.toDecimal(this.expr(e.e));
    }
  }
}
