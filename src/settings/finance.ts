import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput, usageError } from '../errors.js';
import { importFile } from '../ingest/import.js';
import {
  loadFinance,
  ownSteps,
  PRICE_FIELDS,
  priceTable,
  valueAt,
  type FinanceVersion,
  type PriceField,
  type SettingField,
} from '../reports/finance-settings.js';
import type { PriceTable } from '../query/valuation.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { checkTimezone, installationTimezone, offsetMinutes } from '../time/zones.js';

// Finance settings and commission plans as a library: the CLI (`callkpi settings finance`) uses it
// now and the HTTP API (`GET/POST /settings/finance`) will. A new version goes through the import
// pipeline as a one-row NDJSON file, so it is checked exactly like a row of a CSV import and a
// rejected version fails with the same reason text. History and values in force are read with the
// resolution rules of src/reports/finance-settings.ts, the ones the reports value money with.

/** The value fields of a finance version, in display order. */
export const FINANCE_FIELDS = [
  'revenue_per_sale',
  'cost_per_call',
  'cost_per_agent_hour',
  'currency',
  'commission',
] as const satisfies readonly SettingField[];
export type FinanceField = (typeof FINANCE_FIELDS)[number];

/** Amounts as JSON numbers (DECIMAL(18,4) in the database), texts as stored; null = not set. */
export interface FinanceValues {
  revenue_per_sale: number | null;
  cost_per_call: number | null;
  cost_per_agent_hour: number | null;
  currency: string | null;
  commission: string | null;
}

export interface FinanceHistoryEntry {
  /** ISO instant in UTC (`…Z`) from which the version applies */
  effective_from: string;
  /** the campaign the version belongs to (`*` = the default of every campaign) */
  campaign: string;
  /** the version as stored: null where it left a field empty (the value in force carries on) */
  row: FinanceValues;
  /** the campaign whose values `resolved` gives (the filter campaign, else the row's own) */
  resolved_for: string;
  /** the values in force for `resolved_for` from this instant (carried forward, `*` as fallback) */
  resolved: FinanceValues;
  /** fields whose resolved value does not come from this row: carried over or inherited from `*` */
  carried: FinanceField[];
  /** `FILE:LINE` of the import that brought the row, or the label of a settings change */
  source: string;
}

export interface CommissionHistoryEntry {
  effective_from: string;
  /** the agent the plan belongs to, or null for a team plan */
  agent: string | null;
  /** the team the plan belongs to, or null for an agent plan */
  team: string | null;
  commission: string;
  source: string;
}

export interface FinanceInForce {
  campaign: string;
  values: FinanceValues;
  /** fields whose value comes from the `*` default (always empty for `*` itself) */
  from_default: FinanceField[];
}

type Amount = string | number;

export interface FinanceInput {
  campaign: string;
  /** an instant, ISO text (naive: in the installation time zone) or `now` (the default) */
  effective_from?: Date | string;
  revenue_per_sale?: Amount | null;
  cost_per_call?: Amount | null;
  cost_per_agent_hour?: Amount | null;
  currency?: string | null;
  commission?: string | null;
}

export interface CommissionInput {
  agent?: string | null;
  team?: string | null;
  effective_from?: Date | string;
  commission: string;
}

export interface AppendOptions {
  /** recorded as the source of the version (default `settings`) */
  source?: string;
  /** zone for a naive effective_from (default: the installation time zone) */
  timezone?: string;
}

export interface AppendResult<T> {
  /** `unchanged`: the same version (same instant, same values) was already stored */
  status: 'added' | 'unchanged';
  version: T;
}

/** `2026-10-01T13:00:00Z`: ISO in UTC, milliseconds only when there are some. */
export const isoInstant = (d: Date): string => d.toISOString().replace('.000Z', 'Z');

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const EPOCH_RE = /^\d{9,11}(\.\d+)?$/;

/**
 * The instant of `text`: ISO 8601 with `Z` or an offset, a naive date or date-time read as wall
 * time in `tz`, or epoch seconds (as the import accepts). Null when it is none of these or names a
 * day or time that does not exist (2026-02-30, 25:00). A wall time skipped by a DST change is read
 * with the offset before the change; a repeated one is the first of the two instants.
 */
export function readInstant(text: string, tz: string): Date | null {
  const t = text.trim();
  if (EPOCH_RE.test(t)) return new Date(Math.round(Number(t) * 1000));
  const m = ISO_RE.exec(t);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '', off] = m.slice(1) as string[];
  const ms = Math.round(Number(`0${frac || '.0'}`) * 1000);
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, ms);
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== +y! ||
    back.getUTCMonth() !== +mo! - 1 ||
    back.getUTCDate() !== +d! ||
    back.getUTCHours() !== +h ||
    back.getUTCMinutes() !== +mi ||
    back.getUTCSeconds() !== +s
  )
    return null;
  if (off) {
    if (off === 'Z' || off === 'z') return new Date(wall);
    const digits = off.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
    return new Date(wall - (off[0] === '-' ? -minutes : minutes) * 60_000);
  }
  // The offsets in force half a day either side cover any change near this wall time.
  const offsets = [...new Set([-43_200_000, 43_200_000].map((dt) => offsetMinutes(tz, wall + dt)))];
  const fits = offsets
    .map((o) => wall - o * 60_000)
    .filter((u) => offsetMinutes(tz, u) * 60_000 + u === wall)
    .sort((a, b) => a - b);
  return new Date(fits[0] ?? wall - offsetMinutes(tz, wall - 43_200_000) * 60_000);
}

/** The start of the current minute. */
export const currentMinute = (): Date => new Date(Math.floor(Date.now() / 60_000) * 60_000);

async function effectiveFrom(
  store: DuckStore,
  value: Date | string | undefined,
  opts: AppendOptions,
): Promise<Date> {
  if (value === undefined || (typeof value === 'string' && value.trim().toLowerCase() === 'now'))
    return currentMinute();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw usageError('effective_from: not a valid date');
    return value;
  }
  const tz = checkTimezone(opts.timezone ?? (await installationTimezone(store)));
  const at = readInstant(value, tz);
  if (!at)
    throw usageError(
      `effective_from: cannot read ${JSON.stringify(value.slice(0, 60))} as a date-time ` +
        `(ISO 8601 such as 2026-10-01T09:00Z or 2026-10-01T09:00-04:00, naive in ${tz}, or now)`,
    );
  return at;
}

const given = (v: Amount | null | undefined): v is Amount =>
  v !== undefined && v !== null && String(v).trim() !== '';

/**
 * Imports `row` as a one-row NDJSON file of record type `type`. Returns the import's outcome; a
 * rejected row leaves nothing behind (its reject and import records are removed: the caller reports
 * the reason, it is not a data problem of the installation) and throws bad input with the reason.
 */
async function importOne(
  store: DuckStore,
  type: 'finance' | 'commissions',
  table: 'finance' | 'commission_plans',
  row: Record<string, string>,
  opts: AppendOptions,
): Promise<'added' | 'unchanged'> {
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-settings-'));
  try {
    const file = join(dir, `${type}.ndjson`);
    writeFileSync(file, JSON.stringify(row) + '\n');
    const summary = await importFile(store, type, file, { timezone: 'UTC' });
    const imp = await store.one<{ id: number }>(
      `SELECT max(import_id) AS id FROM imports WHERE source = $1`,
      [file],
    );
    const id = imp?.id ?? null;
    if (id === null) throw new Error(`the import of ${file} left no import record`);
    if (summary.rejected > 0) {
      const reject = await store.one<{ reason: string }>(
        `SELECT reason FROM rejects WHERE import_id = $1 ORDER BY line LIMIT 1`,
        [id],
      );
      await store.transaction(async () => {
        await store.run(`DELETE FROM rejects WHERE import_id = $1`, [id]);
        await store.run(`DELETE FROM imports WHERE import_id = $1`, [id]);
      });
      throw badInput(reject?.reason ?? `the ${type} version was rejected`);
    }
    // A version set by hand has no source line; its import carries the label instead of the temp path.
    await store.transaction(async () => {
      await store.run(`UPDATE imports SET source = $2 WHERE import_id = $1`, [id, opts.source ?? 'settings']);
      await store.run(`UPDATE ${table} SET src_line = NULL WHERE import_id = $1`, [id]);
    });
    return summary.accepted > 0 ? 'added' : 'unchanged';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Appends one version of a campaign's (or, with campaign `*`, the default's) finance settings.
 * Fields left out carry the value in force on. Throws a usage error without any value field or
 * with an unreadable effective_from, and bad input with the import's reason when the row is
 * rejected (a negative amount, a bad plan, another version at the same instant).
 */
export async function appendFinance(
  store: DuckStore,
  input: FinanceInput,
  opts: AppendOptions = {},
): Promise<AppendResult<FinanceHistoryEntry>> {
  const campaign = String(input.campaign ?? '').trim();
  if (!campaign) throw usageError('finance: a campaign (or * for the default) is required');
  const values: Record<string, string> = {};
  for (const f of FINANCE_FIELDS) {
    const v = input[f];
    if (given(v)) values[f] = String(v).trim();
  }
  if (Object.keys(values).length === 0)
    throw usageError(`finance: give at least one of ${FINANCE_FIELDS.join(', ')}`);
  const at = await effectiveFrom(store, input.effective_from, opts);
  const status = await importOne(
    store,
    'finance',
    'finance',
    { campaign, effective_from: at.toISOString(), ...values },
    opts,
  );
  const version = (await financeHistory(store, { campaign })).find(
    (e) => e.campaign === campaign && e.effective_from === isoInstant(at),
  );
  if (!version) throw new Error(`finance version ${campaign} at ${isoInstant(at)} not found after import`);
  return { status, version };
}

/** Appends one version of an agent's or a team's commission plan (overriding campaign plans). */
export async function appendCommissionPlan(
  store: DuckStore,
  input: CommissionInput,
  opts: AppendOptions = {},
): Promise<AppendResult<CommissionHistoryEntry>> {
  const agent = String(input.agent ?? '').trim();
  const team = String(input.team ?? '').trim();
  if (!agent && !team) throw usageError('commission plan: an agent or a team is required');
  if (!given(input.commission)) throw usageError('commission plan: a commission plan is required');
  const at = await effectiveFrom(store, input.effective_from, opts);
  const status = await importOne(
    store,
    'commissions',
    'commission_plans',
    { agent, team, effective_from: at.toISOString(), commission: String(input.commission).trim() },
    opts,
  );
  const version = (await commissionHistory(store)).find(
    (e) => (e.agent ?? '') === agent && (e.team ?? '') === team && e.effective_from === isoInstant(at),
  );
  if (!version) throw new Error(`commission plan at ${isoInstant(at)} not found after import`);
  return { status, version };
}

type Tables = Record<FinanceField, PriceTable>;

const tablesOf = (versions: readonly FinanceVersion[]): Tables =>
  Object.fromEntries(FINANCE_FIELDS.map((f) => [f, priceTable(versions, f)])) as Tables;

const isPrice = (f: FinanceField): f is PriceField => (PRICE_FIELDS as readonly string[]).includes(f);
const typedValue = (f: FinanceField, v: string | null): number | string | null =>
  v == null || v === '' ? null : isPrice(f) ? Number(v) : v;

function valuesOf(get: (f: FinanceField) => string | null): FinanceValues {
  return Object.fromEntries(
    FINANCE_FIELDS.map((f) => [f, typedValue(f, get(f))]),
  ) as unknown as FinanceValues;
}

/** The value of `f` in force for `campaign` at `t`: its own (carried), else the default's. */
function resolvedAt(tables: Tables, campaign: string, f: FinanceField, t: number): string | null {
  const table = tables[f];
  const steps = campaign === '*' ? table.fallback : (table.byCampaign.get(campaign) ?? table.fallback);
  return valueAt(steps, t);
}

async function sourcesOf(store: DuckStore, table: string, key: string): Promise<Map<string, string>> {
  const rows = await store.all<{ k: string; source: string | null; line: number | null }>(
    `SELECT ${key} AS k, i.source, t.src_line AS line FROM ${table} t LEFT JOIN imports i USING (import_id)`,
  );
  return new Map(
    rows.map((r) => [
      r.k,
      r.source == null ? 'unknown' : r.line == null ? r.source : `${r.source}:${r.line}`,
    ]),
  );
}

const financeKey = (campaign: string, t: number): string => `${campaign}|${t}`;

/**
 * Every finance version in time order, each with the values in force from its instant. With
 * `campaign`, the versions of that campaign and of the `*` default (which also apply to it), all
 * resolved for that campaign.
 */
export async function financeHistory(
  store: DuckStore,
  filter: { campaign?: string } = {},
): Promise<FinanceHistoryEntry[]> {
  const versions = await loadFinance(store);
  const sources = await sourcesOf(
    store,
    'finance',
    `t.campaign || '|' || CAST(epoch_ms(t.effective_from) AS VARCHAR)`,
  );
  const tables = tablesOf(versions);
  const own = new Map<string, ReturnType<typeof ownSteps>>();
  const ownAt = (campaign: string, f: FinanceField, t: number): string | null => {
    const key = `${campaign}|${f}`;
    let steps = own.get(key);
    if (!steps) own.set(key, (steps = ownSteps(versions, campaign, f)));
    return valueAt(steps, t);
  };
  const only = filter.campaign?.trim();
  return versions
    .filter((v) => !only || v.campaign === only || v.campaign === '*')
    .map((v) => {
      const t = v.effective_from.getTime();
      const target = only ?? v.campaign;
      const carried = FINANCE_FIELDS.filter((f) => {
        const set = v[f] != null && v[f] !== '';
        const fromRow = set && (v.campaign === target || ownAt(target, f, t) == null);
        return !fromRow && resolvedAt(tables, target, f, t) != null;
      });
      return {
        effective_from: isoInstant(v.effective_from),
        campaign: v.campaign,
        row: valuesOf((f) => v[f]),
        resolved_for: target,
        resolved: valuesOf((f) => resolvedAt(tables, target, f, t)),
        carried,
        source: sources.get(financeKey(v.campaign, t)) ?? 'unknown',
      };
    });
}

/** Every agent and team commission plan version, in time order. */
export async function commissionHistory(store: DuckStore): Promise<CommissionHistoryEntry[]> {
  const rows = await store.all<{
    agent: string;
    team: string;
    effective_from: Date;
    commission: string;
    source: string | null;
    line: number | null;
  }>(
    `SELECT t.agent, t.team, t.effective_from, t.commission, i.source, t.src_line AS line
     FROM commission_plans t LEFT JOIN imports i USING (import_id)
     ORDER BY t.effective_from, t.agent, t.team`,
  );
  return rows.map((r) => ({
    effective_from: isoInstant(r.effective_from),
    agent: r.agent || null,
    team: r.team || null,
    commission: r.commission,
    source: r.source == null ? 'unknown' : r.line == null ? r.source : `${r.source}:${r.line}`,
  }));
}

/** The values in force at `at` for the `*` default and for every campaign that has versions. */
export async function financeInForce(store: DuckStore, at: Date): Promise<FinanceInForce[]> {
  const versions = await loadFinance(store);
  const tables = tablesOf(versions);
  const t = at.getTime();
  const campaigns = [...new Set(versions.map((v) => v.campaign).filter((c) => c !== '*'))].sort();
  return ['*', ...campaigns].map((campaign) => ({
    campaign,
    values: valuesOf((f) => resolvedAt(tables, campaign, f, t)),
    from_default:
      campaign === '*'
        ? []
        : FINANCE_FIELDS.filter(
            (f) =>
              valueAt(ownSteps(versions, campaign, f), t) == null && valueAt(tables[f].fallback, t) != null,
          ),
  }));
}
