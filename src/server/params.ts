import type { Context } from 'hono';
import { z } from 'zod';
import { CallkpiError, usageError } from '../errors.js';
import type { Identity } from '../settings/tokens.js';
import type { Env } from './env.js';

// Query strings are checked at the boundary with these schemas (the OpenAPI document is generated
// from the same ones), so a route only ever sees typed values and a caller gets one clear 400.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const csv = z.string().max(2000);
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const fraction = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a number')
  .transform(Number)
  .pipe(z.number().min(0).max(1));

export const periodQuery = {
  from: date.optional().describe('first local date, inclusive (default: the first of the current month)'),
  to: date.optional().describe('last local date, inclusive (default: today)'),
  timezone: z
    .string()
    .max(64)
    .optional()
    .describe('IANA zone (default: the campaign’s, else the installation’s)'),
};

export const whereQuery = {
  where: z
    .array(
      z
        .string()
        .max(500)
        .regex(/^[a-z_]+:/, 'expected dim:value'),
    )
    .max(50)
    .optional()
    .describe('repeatable filter dim:value'),
};

export const reportQuery = z
  .object({
    ...periodQuery,
    ...whereQuery,
    by: csv.optional().describe('comma-separated dimensions'),
    metrics: csv.optional().describe('comma-separated metric ids'),
    sl_threshold: int(0, 86_400).optional().describe('service-level threshold in seconds'),
    short_abandon: int(0, 86_400).optional().describe('short-abandon threshold in seconds'),
    raw: z.enum(['0', '1', 'true', 'false']).optional().describe('1: read raw rows, not rollups'),
    forecast: int(1, 366).optional().describe('roi: days of revenue forecast after the period'),
    period: z
      .string()
      .regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM')
      .optional()
      .describe('goals, executive: the month'),
    scope: z.string().max(200).optional().describe('goals: only this scope'),
    sl_target: fraction.optional().describe('staffing: fraction answered within sl_threshold'),
    asa_target: int(0, 86_400).optional().describe('staffing: ASA target in seconds'),
    max_occupancy: fraction.optional().describe('staffing: highest occupancy (default 0.85)'),
    shrinkage: fraction.optional().describe('staffing: paid time off the phones (default 0.30)'),
    patience: int(1, 86_400).optional().describe('staffing: mean caller patience, switches to Erlang A'),
  })
  .strict();
export type ReportQuery = z.infer<typeof reportQuery>;

export const rowsQuery = z
  .object({
    ...periodQuery,
    ...whereQuery,
    page: int(1, 1_000_000).optional(),
    page_size: int(1, 500).optional(),
  })
  .strict();

export const drilldownQuery = z.object({ ...periodQuery }).strict();
export const dimensionQuery = z.object({ from: date.optional(), to: date.optional() }).strict();
export const financeQuery = z.object({ campaign: z.string().max(200).optional() }).strict();

export const sessionBody = z.object({ token: z.string().min(1).max(500) }).strict();
export const tokenBody = z
  .object({
    role: z.enum(['admin', 'supervisor', 'agent']),
    agent: z.string().min(1).max(200).optional(),
    label: z.string().max(200).optional(),
  })
  .strict();
export const recordsBody = z
  .object({ records: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000) })
  .strict();

const ARRAYS = new Set(['where']);

function issues(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
}

/** The query string through `schema`; a bad one is a 400 naming the parameter. */
export function query<S extends z.ZodType>(c: Context<Env>, schema: S): z.infer<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries())) raw[k] = ARRAYS.has(k) ? v : v[v.length - 1]!;
  const r = schema.safeParse(raw);
  if (!r.success) throw usageError(issues(r.error));
  return r.data;
}

export async function body<S extends z.ZodType>(c: Context<Env>, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw usageError('the request body is not JSON');
  }
  const r = schema.safeParse(json);
  if (!r.success) throw usageError(issues(r.error));
  return r.data;
}

export const list = (v: string | undefined): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** `where=dim:value` pairs as the reports take them: dim → values. */
export function whereOf(pairs: readonly string[] | undefined): Record<string, string[]> {
  // No prototype: `where=__proto__:x` must be an unknown dimension, not a property of Object.
  const out: Record<string, string[]> = Object.create(null);
  for (const p of pairs ?? []) {
    const i = p.indexOf(':');
    (out[p.slice(0, i)] ??= []).push(p.slice(i + 1));
  }
  return out;
}

/**
 * An agent sees only their own figures: every filter is narrowed to the token's agent, and asking
 * for anyone else is refused rather than silently answered with nothing.
 */
export function scopeWhere(id: Identity, where: Record<string, string[]>): Record<string, string[]> {
  if (id.role !== 'agent') return where;
  const asked = where.agent ?? [];
  if (asked.some((a) => a !== id.agent))
    throw new CallkpiError('forbidden', 'an agent token sees only its own agent');
  return { ...where, agent: [id.agent!] };
}
