import { Dialect, type Capabilities } from '../dialect.js';
import type { ParamValue, TimeUnit } from '../sql.js';

export class DuckDbDialect extends Dialect {
  readonly name = 'duckdb';
  readonly capabilities: Capabilities = {
    boundParams: true,
    multipleJoins: true,
    windowFunctions: true,
    groupingSets: true,
  };

  quoteIdent(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }

  literal(value: ParamValue): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`cannot encode ${value} as a SQL literal`);
      return String(value);
    }
    return `'${value.replace(/'/g, "''")}'`;
  }

  aggregate(
    fn: 'sum' | 'count' | 'count_distinct' | 'min' | 'max',
    arg: string | null,
    filter: string | null,
  ): string {
    const body =
      fn === 'count'
        ? `count(${arg ?? '*'})`
        : fn === 'count_distinct'
          ? `count(DISTINCT ${arg})`
          : `${fn}(${arg})`;
    return filter ? `${body} FILTER (WHERE ${filter})` : body;
  }

  // Hours are instants: on a fall-back day the two local 01:00 hours stay two buckets.
  timeBucket(unit: TimeUnit, ts: string, tz: string): string {
    const local = `timezone(${tz}, ${ts})`;
    switch (unit) {
      case 'hour':
        return `(${ts} - (${local} - date_trunc('hour', ${local})))`;
      case 'date':
        return `CAST(${local} AS DATE)`;
      case 'week':
        return `CAST(date_trunc('week', ${local}) AS DATE)`;
      case 'month':
        return `CAST(date_trunc('month', ${local}) AS DATE)`;
      case 'dow':
        return `isodow(${local})`;
      case 'hour_of_day':
        return `hour(${local})`;
    }
  }

  epochSeconds(ts: string): string {
    return `epoch(${ts})`;
  }

  instant(value: string): string {
    return `CAST(${value} AS TIMESTAMPTZ)`;
  }

  safeDivide(n: string, d: string): string {
    return `(CAST(${n} AS DOUBLE) / NULLIF(${d}, 0))`;
  }

  decimal(text: string): string {
    return `CAST(${text} AS DECIMAL(18,4))`;
  }

  toDecimal(e: string): string {
    return `CAST(${e} AS DECIMAL(18,4))`;
  }

  joinKeyword(): string {
    return 'LEFT JOIN';
  }
  trueLiteral(): string {
    return 'TRUE';
  }
  falseLiteral(): string {
    return 'FALSE';
  }
}
