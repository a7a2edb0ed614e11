import { Dialect, type Capabilities } from '../dialect.js';
import type { ParamValue, TimeUnit } from '../sql.js';

// Written for the oldest server we support (18.16: no query parameters, one JOIN per SELECT, no
// window functions, no toStartOfWeek) so the same text runs on current releases.
export class ClickHouseDialect extends Dialect {
  readonly name = 'clickhouse';
  readonly capabilities: Capabilities = {
    boundParams: false,
    multipleJoins: false,
    windowFunctions: false,
    groupingSets: false,
  };

  quoteIdent(name: string): string {
    return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  }

  literal(value: ParamValue): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? '1' : '0';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`cannot encode ${value} as a SQL literal`);
      // 18.16's parser rejects subnormal literals such as 5e-324: spell their eight bytes instead.
      if (value !== 0 && Math.abs(value) < 2.2250738585072014e-308) {
        const b = Buffer.alloc(8);
        b.writeDoubleLE(value);
        return `reinterpretAsFloat64(unhex('${b.toString('hex').toUpperCase()}'))`;
      }
      return String(value);
    }
    return `'${encodeClickHouseString(value)}'`;
  }

  aggregate(
    fn: 'sum' | 'count' | 'count_distinct' | 'min' | 'max',
    arg: string | null,
    filter: string | null,
  ): string {
    const name = fn === 'count_distinct' ? 'uniqExact' : fn;
    if (fn === 'count') return filter ? `countIf(${filter})` : 'count()';
    return filter ? `${name}If(${arg}, ${filter})` : `${name}(${arg})`;
  }

  timeBucket(unit: TimeUnit, ts: string, tz: string): string {
    switch (unit) {
      case 'hour':
        return `toStartOfHour(${ts}, ${tz})`;
      case 'date':
        return `toDate(${ts}, ${tz})`;
      case 'week':
        return `toMonday(${ts}, ${tz})`;
      case 'month':
        return `toStartOfMonth(${ts}, ${tz})`;
      case 'dow':
        return `toDayOfWeek(${ts}, ${tz})`;
      case 'hour_of_day':
        return `toHour(${ts}, ${tz})`;
    }
  }

  epochSeconds(ts: string): string {
    // A float, as DuckDB's epoch() is: seconds of different sources must share one type.
    return `toFloat64(toUInt32(${ts}))`;
  }

  // parseDateTimeBestEffort reads the trailing Z; 18.16 has it, and it keeps the value a literal.
  instant(value: string): string {
    return `parseDateTimeBestEffort(${value})`;
  }

  safeDivide(n: string, d: string): string {
    return `if(${d} = 0, NULL, ${n} / ${d})`;
  }

  // From the text, not a Float64: 0.1 must arrive as exactly 0.1000.
  decimal(text: string): string {
    return `toDecimal64(${text}, 4)`;
  }

  // toDecimal64 truncates a float where DuckDB's CAST rounds: shift by half a unit first.
  toDecimal(e: string): string {
    return `toDecimal64(${e} + if(${e} < 0, -0.00005, 0.00005), 4)`;
  }

  // ALL, not ANY: attribution joins one row to several campaigns and must keep every match.
  joinKeyword(): string {
    return 'ALL LEFT JOIN';
  }
  trueLiteral(): string {
    return '1';
  }
  falseLiteral(): string {
    return '0';
  }
}

/** Backslash-escaping as ClickHouse string literals read it; every byte of the input survives. */
export function encodeClickHouseString(value: string): string {
  return value.replace(/[\\'\n\r\t\0\b\f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\0':
        return '\\0';
      case '\b':
        return '\\b';
      default:
        return '\\f';
    }
  });
}
