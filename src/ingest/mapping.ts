import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { badInput } from '../errors.js';
import { recordDef, RECORD_TYPES, type RecordDef } from './records.js';
import type { FieldSource } from './stage-sql.js';

// A mapping file says, per record field, which source column(s) feed it and how to read them, so
// any CSV export can be imported without code. Formats use the common tokens (YYYY MM DD HH mm ss,
// single M/D/H for unpadded) and are translated to strptime here.

const fieldSpec = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1).optional(),
      datetime: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
      map: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      formats: z.array(z.string().min(1)).optional(),
      format: z.string().min(1).optional(),
      parser: z.enum(['date', 'datetime', 'duration', 'boolean', 'number']).optional(),
      decimal_comma: z.boolean().optional(),
    })
    .strict()
    .refine((o) => [o.column, o.datetime, o.value].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of column, datetime or value',
    }),
]);

const mappingSchema = z
  .object({
    type: z.enum(RECORD_TYPES),
    timezone: z.string().optional(),
    fields: z.record(z.string(), fieldSpec),
  })
  .strict();

export interface Mapping {
  readonly type: RecordDef['type'];
  readonly timezone?: string;
  readonly sources: readonly FieldSource[];
  readonly path: string;
}

const TOKENS: Readonly<Record<string, string>> = {
  YYYY: '%Y',
  YY: '%y',
  MM: '%m',
  DD: '%d',
  HH: '%H',
  mm: '%M',
  ss: '%S',
  M: '%m',
  D: '%d',
  H: '%H',
};

/** `MM-DD-YYYY` → `%m-%d-%Y`, in one pass so a replacement is never read again as a token. */
export function toStrptime(format: string): string {
  if (format.includes('%')) return format;
  return format.replace(/YYYY|YY|MM|DD|HH|mm|ss|M|D|H/g, (t) => TOKENS[t]!);
}

export function parseMapping(text: string, path: string): Mapping {
  let doc: unknown;
  try {
    doc = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw badInput(
      `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = mappingSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const def = recordDef(parsed.data.type);
  const known = new Set(def.fields.map((f) => f.name));
  const sources: FieldSource[] = [];
  for (const [field, spec] of Object.entries(parsed.data.fields)) {
    if (!known.has(field))
      throw badInput(
        `${path}: fields.${field}: not a field of ${def.type} (fields: ${[...known].join(', ')})`,
      );
    if (typeof spec === 'string') {
      sources.push({ field, columns: [spec] });
      continue;
    }
    const formats = [...(spec.formats ?? []), ...(spec.format ? [spec.format] : [])];
    let strp = formats.map(toStrptime);
    if (spec.datetime) {
      // A date column and a time column: every date format is tried with the usual time layouts.
      const dates = strp.length ? strp : ['%Y-%m-%d'];
      strp = dates.flatMap((d) => [`${d} %H:%M:%S`, `${d} %H:%M`]);
    }
    const map = spec.map
      ? Object.fromEntries(Object.entries(spec.map).map(([k, v]) => [k, String(v)]))
      : undefined;
    sources.push({
      field,
      ...(spec.column ? { columns: [spec.column] } : {}),
      ...(spec.datetime ? { columns: spec.datetime } : {}),
      ...(spec.value !== undefined ? { constant: String(spec.value) } : {}),
      ...(map ? { map } : {}),
      ...(strp.length ? { formats: strp } : {}),
      ...(spec.decimal_comma ? { decimalComma: true } : {}),
    });
  }
  return {
    type: def.type,
    sources,
    path,
    ...(parsed.data.timezone ? { timezone: parsed.data.timezone } : {}),
  };
}

export function loadMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw badInput(`${path}: mapping file not found`);
  }
  return parseMapping(text, path);
}

const norm = (s: string): string =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** Without a mapping, columns named like the record's fields feed them (case and spaces ignored). */
export function canonicalSources(def: RecordDef, header: readonly string[]): FieldSource[] {
  const names = new Set(header.map(norm));
  return def.fields.filter((f) => names.has(f.name)).map((f) => ({ field: f.name, columns: [f.name] }));
}

/** Source columns a set of field sources reads. */
export function sourceColumns(sources: readonly FieldSource[]): string[] {
  return [...new Set(sources.flatMap((s) => s.columns ?? []))];
}

/** Header problems that make a whole file unusable, as one message, or undefined. */
export function headerProblem(
  def: RecordDef,
  sources: readonly FieldSource[],
  header: readonly string[],
): string | undefined {
  const have = new Set(header.map(norm));
  const missingCols = sourceColumns(sources).filter((c) => !have.has(norm(c)));
  if (missingCols.length) return `missing column(s) ${missingCols.join(', ')} (found: ${header.join(', ')})`;
  const fed = new Set(sources.map((s) => s.field));
  const missing = def.fields
    .filter((f) => f.required && f.default === undefined && !fed.has(f.name))
    .map((f) => f.name);
  const group = (def.oneOfRequired ?? []).find((g) => !g.some((n) => fed.has(n)));
  if (missing.length || group) {
    const what = [...missing, ...(group ? [`one of ${group.join('/')}`] : [])].join(', ');
    return `no column for required field(s) ${what} (found: ${header.join(', ')}); name the columns like the fields or pass --mapping`;
  }
  return undefined;
}
