import type { ParamValue } from '../query/sql.js';
import { PLAN_SQL } from './plan-sql.js';
import { recordChecks } from './record-checks.js';
import type { FieldDef, RecordDef } from './records.js';

// Builds the DuckDB SELECT that turns one spooled batch (all VARCHAR) into typed rows plus a
// `_reason` column holding the first problem found, phrased for the user with the field name.
// All values from users (formats, value maps, the zone) travel as parameters.

export class Params {
  readonly values: ParamValue[] = [];
  p(value: ParamValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Where a record field comes from in the source. */
export interface FieldSource {
  readonly field: string;
  /** source column names; two for `datetime` (a date column and a time column) */
  readonly columns?: readonly string[];
  readonly constant?: string;
  readonly map?: Readonly<Record<string, string>>;
  /** accepted date/datetime formats in strptime syntax (already translated) */
  readonly formats?: readonly string[];
  readonly decimalComma?: boolean;
}

export interface StageSpec {
  readonly def: RecordDef;
  readonly sources: readonly FieldSource[];
  /** spool column names in order (after `line`) */
  readonly spoolColumns: readonly string[];
  readonly timezone: string;
  /** HMAC-SHA256 pads of the installation key, as hex */
  readonly hmac: { readonly ipadHex: string; readonly opadHex: string };
}

export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const str = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const OFFSET_RE = '([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$';
const NO_SECONDS_RE = '^([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2})([Zz]|[+-][0-9])';
const EPOCH_RE = '^[0-9]{9,11}(\\.[0-9]+)?$';

/** The spool column holding a source column, matched ignoring case and surrounding space. */
function spoolCol(spec: StageSpec, name: string): string {
  const want = name.trim().toLowerCase();
  const hit = spec.spoolColumns.findIndex((c) => c.trim().toLowerCase() === want);
  if (hit < 0) throw new Error(`source column "${name}" not in the file`);
  return ident(`c${hit}`);
}

function rawValue(spec: StageSpec, src: FieldSource, P: Params): string {
  if (src.constant !== undefined) return P.p(src.constant);
  const cols = (src.columns ?? [src.field]).map((c) => spoolCol(spec, c));
  let v =
    cols.length === 1
      ? `nullif(trim(${cols[0]}), '')`
      : `nullif(trim(concat_ws(' ', ${cols.map((c) => `trim(${c})`).join(', ')})), '')`;
  if (src.map && Object.keys(src.map).length > 0) {
    const whens = Object.entries(src.map)
      .map(([from, to]) => `WHEN ${P.p(from)} THEN ${P.p(to)}`)
      .join(' ');
    v = `(CASE ${v} ${whens} ELSE ${v} END)`;
  }
  return v;
}

interface Typed {
  value: string;
  /** condition under which the value could not be read */
  bad?: string;
  badReason?: string;
  /** extra checks [condition, reason-expression] evaluated after parsing succeeded */
  checks?: [string, string][];
}

const quoted = (x: string): string => `'"' || left(${x}, 60) || '"'`;

/**
 * How to read field `f` from its source value `x`: `value` parses it; `bad` and `checks` test the
 * result through `v`, the column that holds the parsed value, so no parse is written twice.
 */
function typed(f: FieldDef, x: string, v: string, src: FieldSource, spec: StageSpec, P: Params): Typed {
  const name = str(f.name);
  switch (f.type) {
    case 'string':
    case 'hashed': {
      if (f.oneOf) {
        const allowed = f.oneOf.map((o) => str(o)).join(', ');
        return {
          value: `lower(${x})`,
          bad: `${x} IS NOT NULL AND lower(${x}) NOT IN (${allowed})`,
          badReason: `${name} || ': ' || ${quoted(x)} || ' is not one of ${f.oneOf.join(', ')}'`,
        };
      }
      if (f.type === 'hashed') {
        const norm = `regexp_replace(${x}, '[\\s().-]', '', 'g')`;
        const inner = `unhex(sha256(unhex(${P.p(spec.hmac.ipadHex)}) || encode(${norm})))`;
        return {
          value: `CASE WHEN ${x} IS NULL THEN NULL ELSE sha256(unhex(${P.p(spec.hmac.opadHex)}) || ${inner}) END`,
        };
      }
      return { value: x };
    }
    case 'timestamp': {
      const tz = P.p(spec.timezone);
      let e: string;
      if (src.formats && src.formats.length > 0) {
        const tries = src.formats.map((fmt) => `try_strptime(${x}, ${P.p(fmt)})`).join(', ');
        e = `timezone(${tz}, coalesce(${tries}))`;
      } else {
        // The common case (an ISO instant ending in Z) skips every regular expression.
        // DuckDB reads an offset only after seconds: `09:00Z` gets its `:00` before the cast.
        const withOffset = `coalesce(try_cast(${x} AS TIMESTAMPTZ), try_cast(regexp_replace(${x}, '${NO_SECONDS_RE}', '\\1:00\\2') AS TIMESTAMPTZ))`;
        e = `(CASE WHEN ends_with(${x}, 'Z') THEN ${withOffset}
          WHEN regexp_matches(${x}, '${OFFSET_RE}') THEN ${withOffset}
          WHEN regexp_matches(${x}, '${EPOCH_RE}') THEN to_timestamp(CAST(${x} AS DOUBLE))
          ELSE timezone(${tz}, try_cast(${x} AS TIMESTAMP)) END)`;
      }
      return {
        value: e,
        bad: `${x} IS NOT NULL AND ${v} IS NULL`,
        badReason: `${name} || ': cannot read ' || ${quoted(x)} || ' as a date-time'`,
      };
    }
    case 'date': {
      const tries = [
        `try_cast(${x} AS DATE)`,
        ...(src.formats ?? []).map((fmt) => `CAST(try_strptime(${x}, ${P.p(fmt)}) AS DATE)`),
      ];
      const e = `coalesce(${tries.join(', ')})`;
      return {
        value: e,
        bad: `${x} IS NOT NULL AND ${v} IS NULL`,
        badReason: `${name} || ': cannot read ' || ${quoted(x)} || ' as a date'`,
      };
    }
    case 'seconds': {
      // H:MM:SS and MM:SS are accepted everywhere; a plain number is seconds.
      const parts = `string_split(${x}, ':')`;
      const plain = `try_cast(${src.decimalComma ? `replace(${x}, ',', '.')` : x} AS DOUBLE)`;
      const e = `coalesce(${plain}, CASE WHEN regexp_matches(${x}, '^[0-9]+:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?$')
          THEN CAST(${parts}[1] AS DOUBLE) * 3600 + CAST(${parts}[2] AS DOUBLE) * 60 + CAST(${parts}[3] AS DOUBLE)
        WHEN regexp_matches(${x}, '^[0-9]+:[0-9]{1,2}(\\.[0-9]+)?$')
          THEN CAST(${parts}[1] AS DOUBLE) * 60 + CAST(${parts}[2] AS DOUBLE) END)`;
      return {
        value: e,
        bad: `${x} IS NOT NULL AND (${v} IS NULL OR isnan(${v}) OR isinf(${v}))`,
        badReason: `${name} || ': cannot read ' || ${quoted(x)} || ' as seconds'`,
        checks: [
          [`${v} < 0`, `${name} || ': negative duration ' || ${x}`],
          [
            `${v} >= 65000`,
            `${name} || ': ' || ${x} || ' s is a source overflow value (>= 65000 s), not a duration'`,
          ],
        ],
      };
    }
    case 'decimal':
    case 'int': {
      const cast = f.type === 'int' ? 'BIGINT' : 'DOUBLE';
      const e = `try_cast(${src.decimalComma ? `replace(${x}, ',', '.')` : x} AS ${cast})`;
      return {
        value: e,
        bad: `${x} IS NOT NULL AND (${v} IS NULL${f.type === 'decimal' ? ` OR isnan(${v}) OR isinf(${v})` : ''})`,
        badReason: `${name} || ': cannot read ' || ${quoted(x)} || ' as a ${f.type === 'int' ? 'whole number' : 'number'}'`,
      };
    }
    case 'money': {
      // Exact decimal: sums of many small amounts must not drift the way binary floats do.
      const e = `try_cast(${src.decimalComma ? `replace(${x}, ',', '.')` : x} AS DECIMAL(18,4))`;
      return {
        value: e,
        bad: `${x} IS NOT NULL AND ${v} IS NULL`,
        badReason: `${name} || ': cannot read ' || ${quoted(x)} || ' as an amount'`,
        checks: [[`${v} < 0`, `${name} || ': negative amount ' || ${x}`]],
      };
    }
    case 'plan':
      return {
        value: PLAN_SQL.normalize(x),
        bad: `${x} IS NOT NULL AND NOT regexp_full_match(${v}, ${str(PLAN_SQL.pattern)})`,
        badReason: `${name} || ': ' || ${quoted(x)} || ' is not a plan (${PLAN_SQL.syntax})'`,
        checks: PLAN_SQL.checks(v).map(([c, r]) => [c, `${name} || ${r}`] as [string, string]),
      };
    case 'boolean': {
      const e = `(CASE WHEN lower(${x}) IN ('true', '1', 'y', 'yes', 't') THEN TRUE WHEN lower(${x}) IN ('false', '0', 'n', 'no', 'f') THEN FALSE END)`;
      return {
        value: e,
        bad: `${x} IS NOT NULL AND ${v} IS NULL`,
        badReason: `${name} || ': ' || ${quoted(x)} || ' is not a yes/no value (true/false, 1/0, Y/N, yes/no)'`,
      };
    }
  }
}

function defaultSql(f: FieldDef): string | undefined {
  if (f.default === undefined) return undefined;
  if (typeof f.default === 'boolean') return f.default ? 'TRUE' : 'FALSE';
  if (typeof f.default === 'number') return String(f.default);
  return str(f.default);
}

/** Source text of a spooled row rebuilt as a CSV line, for the reject store. */
export function rawRowSql(spec: StageSpec): string {
  const cells = spec.spoolColumns.map((_, i) => {
    const c = ident(`c${i}`);
    return `CASE WHEN regexp_matches(coalesce(${c}, ''), '[",\\n\\r]') THEN '"' || replace(${c}, '"', '""') || '"' ELSE coalesce(${c}, '') END`;
  });
  return `concat_ws(',', ${cells.join(', ')})`;
}

/**
 * SELECT over `from` (the spooled batch) giving `line`, `_reason` and one typed column per field.
 * Three levels: source values, typed values, then checks on both. DuckDB does not share work
 * between CASE branches, so writing each parse once and testing its result keeps every value
 * parsed exactly once per row.
 */
export function typedSelect(spec: StageSpec, P: Params, from: string): string {
  const bySource = new Map(spec.sources.map((s) => [s.field, s]));
  const rawCols: string[] = [];
  const typedCols: string[] = [];
  const cols: string[] = ['line'];
  const reasons: string[] = [];
  const values = new Map<string, string>();
  for (const f of spec.def.fields) {
    const src = bySource.get(f.name);
    const dflt = defaultSql(f);
    if (!src) {
      values.set(f.name, dflt ?? 'NULL');
      if (f.required) reasons.push(`WHEN TRUE THEN '${f.name}: required field has no source column'`);
      continue;
    }
    const r = ident(`r_${f.name}`);
    const v = ident(`v_${f.name}`);
    rawCols.push(`${rawValue(spec, src, P)} AS ${r}`);
    const t = typed(f, r, v, src, spec, P);
    typedCols.push(`${t.value} AS ${v}`);
    values.set(f.name, dflt ? `coalesce(${v}, ${dflt})` : v);
    if (f.required && !dflt) reasons.push(`WHEN ${r} IS NULL THEN '${f.name}: required value missing'`);
    if (t.bad) reasons.push(`WHEN ${t.bad} THEN ${t.badReason ?? "'invalid value'"}`);
    for (const [cond, reason] of t.checks ?? []) reasons.push(`WHEN ${cond} THEN ${reason}`);
  }
  for (const group of spec.def.oneOfRequired ?? []) {
    const missing = group.map((g) => `${values.get(g)} IS NULL`).join(' AND ');
    reasons.push(`WHEN ${missing} THEN 'one of ${group.join(', ')} is required'`);
  }
  for (const [cond, reason] of recordChecks(spec.def.type, (f) => values.get(f)!, str))
    reasons.push(`WHEN ${cond} THEN ${reason}`);
  for (const f of spec.def.fields) cols.push(`${values.get(f.name)} AS ${ident(f.name)}`);
  cols.push(reasons.length ? `CASE ${reasons.join('\n    ')} END AS _reason` : `NULL AS _reason`);
  const raw = `SELECT line${rawCols.map((c) => `, ${c}`).join('')} FROM ${from}`;
  const typedLevel = `SELECT *${typedCols.map((c) => `, ${c}`).join('')} FROM (${raw})`;
  return `SELECT ${cols.join(',\n  ')}\nFROM (${typedLevel})`;
}
