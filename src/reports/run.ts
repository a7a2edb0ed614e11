import { catalog } from '../catalog/index.js';
import { DIMENSIONS, type Dimension, type SourceId } from '../catalog/types.js';
import type { FactSource } from '../query/sources.js';
import { usageError } from '../errors.js';
import type { Warning } from '../ingest/warnings.js';
import { DuckDbDialect } from '../query/dialects/duckdb-dialect.js';
import { runQuery, type Engine, type QueryRequest, type ResultRow } from '../query/plan.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { rollupThresholds } from '../storage/duckdb/rollups.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../storage/rollup-columns.js';
import { addDays, checkTimezone, installationTimezone, zonedDate } from '../time/zones.js';
import { PLANNED_REPORTS, REPORTS, type ReportDef } from './definitions.js';
import { adherenceSource } from './adherence-source.js';
import { addFairness, addIntervals, addKpiAchievement } from './agent-extras.js';
import { fcrSource } from './fcr-source.js';
import { moneyContext, needsMoney, type MoneyContext } from './money.js';
import { addAgentRanking, addCampaignComparison, COMPARISON_METHOD } from './roi.js';
import {
  annotationsFor,
  revenueForecast,
  trendDimension,
  type Annotation,
  type RevenueForecast,
} from './trends.js';

export const DEFAULT_FCR_WINDOW_DAYS = 7;

/** The sources computed outside SQL for quality records: FCR (with the installation's window) and adherence. */
export async function recordSources(
  store: DuckStore,
): Promise<{ fcrDays: number; computed: Partial<Record<SourceId, FactSource>> }> {
  const fcrDays = Number((await store.getMeta('fcr_window_days')) ?? DEFAULT_FCR_WINDOW_DAYS);
  return { fcrDays, computed: { fcr: fcrSource(fcrDays * 86_400_000), adherence: adherenceSource() } };
}

const VALUATION =
  "each call and each agent-hour at the finance settings in force at its own time; agent time without a campaign is attributed to the agent's campaigns of that day by handle time; commission per agent and calendar month, shared among rows by what the plan pays on";

export interface ReportOptions {
  readonly from?: string;
  readonly to?: string;
  readonly by?: readonly string[];
  readonly where?: Readonly<Record<string, readonly string[]>>;
  readonly metrics?: readonly string[];
  readonly timezone?: string;
  readonly slThresholdSec?: number;
  readonly shortAbandonSec?: number;
  readonly forceRaw?: boolean;
  /** "today" for the default period; tests pin it */
  readonly now?: Date;
  /** roi: forecast daily revenue for this many days after the period */
  readonly forecastDays?: number;
}

export interface ReportJson {
  report: string;
  from: string;
  to: string;
  timezone: string;
  by: string[];
  definitions: Record<string, string>;
  rows: ResultRow[];
  totals: Record<string, number | null>;
  warnings: Warning[];
  /** with a time dimension: operational changes to mark on the series */
  annotations?: Annotation[];
  forecast?: RevenueForecast;
  meta: {
    bucketing: string;
    sources: Record<string, 'rollup' | 'raw'>;
    thresholds: { service_level_sec: number; short_abandon_sec: number };
    conversion_denominator: string;
    currency?: string | null;
    valuation?: string;
    comparison?: string;
  };
}

/** The installation's choice of conversion denominator, else the catalog's default variant. */
export async function conversionDenominator(store: DuckStore): Promise<string> {
  return (
    (await store.getMeta('conversion_denominator')) ?? catalog().metric('conversion_rate').defaultVariant!
  );
}

export function reportDef(name: string): ReportDef {
  const def = REPORTS.find((r) => r.name === name);
  if (def) return def;
  if (PLANNED_REPORTS.includes(name))
    throw usageError(
      `report ${name} is not available in this version yet (available: ${REPORTS.map((r) => r.name).join(', ')})`,
    );
  throw usageError(`unknown report "${name}" (available: ${REPORTS.map((r) => r.name).join(', ')})`);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(flag: string, v: string): string {
  // Date.parse rolls 2026-02-30 over to 2 March: a real date survives the round trip unchanged.
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!DATE_RE.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
    throw usageError(`${flag} ${v}: expected a date as YYYY-MM-DD`);
  return v;
}

export function checkDims(dims: readonly string[]): Dimension[] {
  for (const d of dims)
    if (!(DIMENSIONS as readonly string[]).includes(d))
      throw usageError(`unknown dimension "${d}" (one of: ${DIMENSIONS.join(', ')})`);
  return dims as Dimension[];
}

export function duckEngine(store: DuckStore): Engine {
  return { dialect: new DuckDbDialect(), all: (sql, params) => store.all(sql, params) };
}

/** The zone a report counts in: the one asked for, else the single filtered campaign's, else the installation's. */
export async function reportTimezone(
  store: DuckStore,
  opts: Pick<ReportOptions, 'timezone' | 'where'>,
): Promise<string> {
  if (opts.timezone) return checkTimezone(opts.timezone);
  const only = opts.where?.campaign;
  if (only && only.length === 1) {
    const row = await store.one<{ timezone: string | null }>(
      `SELECT timezone FROM campaigns WHERE campaign = $1`,
      [only[0]!],
    );
    if (row?.timezone) return checkTimezone(row.timezone);
  }
  return checkTimezone(await installationTimezone(store));
}

const sanitize = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '') || 'none';

export async function runReport(
  store: DuckStore,
  name: string,
  opts: ReportOptions = {},
): Promise<ReportJson> {
  const def = reportDef(name);
  const cat = catalog();
  const timezone = await reportTimezone(store, opts);
  const today = zonedDate((opts.now ?? new Date()).getTime(), timezone);
  const to = opts.to ? checkDate('--to', opts.to) : today;
  const from = opts.from ? checkDate('--from', opts.from) : `${to.slice(0, 7)}-01`;
  const by = checkDims(opts.by ?? def.by);
  const where = Object.fromEntries(Object.entries(opts.where ?? {}).map(([k, v]) => [checkDims([k])[0]!, v]));
  const metrics = (opts.metrics?.length ? opts.metrics : def.metrics).map((id) => cat.metric(id).id);
  const stored = await rollupThresholds(store);
  const installation: Thresholds = stored ?? DEFAULT_THRESHOLDS;
  const thresholds: Thresholds = {
    slSec: opts.slThresholdSec ?? installation.slSec,
    shortAbandonSec: opts.shortAbandonSec ?? installation.shortAbandonSec,
  };
  const variants: Record<string, string> = {};
  const denominator = await conversionDenominator(store);
  variants.conversion_rate = denominator;
  let req: QueryRequest = {
    metrics,
    by,
    where,
    from,
    to,
    timezone,
    thresholds,
    rollupThresholds: stored,
    variants,
    ...(opts.forceRaw ? { forceRaw: true } : {}),
    ...(def.direction ? { direction: def.direction } : {}),
  };
  const engine = duckEngine(store);
  let money: MoneyContext | undefined;
  if (
    needsMoney(
      cat,
      metrics.map((id) => cat.metric(id)),
      variants,
    )
  ) {
    money = await moneyContext(store, { from, to, timezone });
    req = { ...req, prices: money.prices, computed: money.computed };
  }
  const records = await recordSources(store);
  req = { ...req, computed: { ...req.computed, ...records.computed } };
  const fcrDays = records.fcrDays;
  const result = await runQuery(engine, req, cat);

  if (def.pauseByReason && !opts.metrics?.length)
    await addPauseByReason(engine, req, result.rows, result.totals);

  const unknown = await runQuery(
    engine,
    { ...req, metrics: ['unknown_status_calls'], by: ['status'], forceRaw: false },
    cat,
  );
  const warnings: Warning[] = [...result.warnings, ...(money?.warnings ?? [])];
  if (!opts.metrics?.length && by.includes('agent')) {
    if (def.name === 'agents') {
      addIntervals(req, result);
      await addFairness(engine, req, result);
    }
    if (def.name === 'agents' || def.name === 'workforce')
      await addKpiAchievement(store, to, result, opts.now);
  }
  let comparison: string | undefined;
  if (def.name === 'roi' && !opts.metrics?.length) {
    if (by.length === 1 && by[0] === 'campaign') {
      await addCampaignComparison(engine, req, result.rows);
      comparison = COMPARISON_METHOD;
    } else if (by.length === 1 && by[0] === 'agent') await addAgentRanking(engine, req, result.rows);
  }
  const trend = trendDimension(by);
  const annotations = trend ? await annotationsFor(store, req, trend) : undefined;
  let forecast: RevenueForecast | undefined;
  if (opts.forecastDays) {
    // The forecast learns from the 12 weeks before the period's end, so it values that span.
    const history = await moneyContext(store, { from: addDays(to, -83), to, timezone });
    const valued = { ...req, prices: history.prices, computed: history.computed };
    forecast = await revenueForecast(engine, valued, opts.forecastDays);
  }
  for (const r of unknown.rows)
    if ((r.unknown_status_calls as number) > 0)
      warnings.push({
        code: 'unknown_status',
        status: r.status as string,
        calls: r.unknown_status_calls as number,
      });

  const definitions: Record<string, string> = {};
  for (const id of metrics) {
    const m = cat.metric(id);
    let text = cat.formula(m, variants);
    if (m.variants) text += ` (denominator: ${variants[m.id] ?? m.defaultVariant})`;
    if (m.id.startsWith('sl_') || m.id === 'service_level' || m.id === 'handled_within_t')
      text += ` (T = ${thresholds.slSec} s, short abandons < ${thresholds.shortAbandonSec} s)`;
    if (m.id === 'fcr_rate') text += ` (window ${fcrDays} days)`;
    if (m.id === 'abandon_rate_excl_short' || m.id === 'short_abandons')
      text += ` (short abandons < ${thresholds.shortAbandonSec} s)`;
    definitions[id] = text;
  }
  return {
    report: def.name,
    from,
    to,
    timezone,
    by,
    definitions,
    rows: result.rows,
    totals: result.totals,
    warnings,
    ...(annotations ? { annotations } : {}),
    ...(forecast ? { forecast } : {}),
    meta: {
      bucketing: `calls by started_at and agent time split at hour boundaries, in ${timezone}; weeks start Monday (ISO); hour buckets are labelled with their UTC offset`,
      sources: result.sources,
      thresholds: { service_level_sec: thresholds.slSec, short_abandon_sec: thresholds.shortAbandonSec },
      conversion_denominator: denominator,
      ...(money ? { currency: money.currency, valuation: VALUATION } : {}),
      ...(comparison ? { comparison } : {}),
    },
  };
}

/** Adds `pause_<reason>_sec` columns: the pause-code breakdown of each row. */
async function addPauseByReason(
  engine: Engine,
  req: QueryRequest,
  rows: ResultRow[],
  totals: Record<string, number | null>,
): Promise<void> {
  if (req.by.includes('reason')) return;
  const res = await runQuery(engine, { ...req, metrics: ['pause_sec'], by: [...req.by, 'reason'] });
  const reasons = [...new Set(res.rows.map((r) => sanitize(String(r.reason ?? ''))))].sort();
  const key = (r: ResultRow): string => JSON.stringify(req.by.map((d) => r[d]));
  const index = new Map(rows.map((r) => [key(r), r]));
  for (const r of rows) for (const reason of reasons) r[`pause_${reason}_sec`] = 0;
  for (const reason of reasons) totals[`pause_${reason}_sec`] = 0;
  for (const p of res.rows) {
    const col = `pause_${sanitize(String(p.reason ?? ''))}_sec`;
    const target = index.get(key(p));
    const v = (p.pause_sec as number | null) ?? 0;
    if (target) target[col] = ((target[col] as number) ?? 0) + v;
    totals[col] = (totals[col] ?? 0) + v;
  }
}
