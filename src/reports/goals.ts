import { catalog, type Catalog, type Metric } from '../catalog/index.js';
import type { Warning } from '../ingest/warnings.js';
import { runQuery, type Engine, type QueryRequest } from '../query/plan.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { rollupThresholds } from '../storage/duckdb/rollups.js';
import { DEFAULT_THRESHOLDS } from '../storage/rollup-columns.js';
import { checkTimezone, installationTimezone } from '../time/zones.js';
import {
  attainment,
  checkPeriod,
  goalCalendar,
  goalStatus,
  monthOf,
  paceOf,
  projectMetric,
  PROJECTION_METHOD,
  STATUS_RULE,
  type Band,
  type GoalCalendar,
  type Projection,
  type Status,
} from './goals-math.js';
import { moneyContext, needsMoney } from './money.js';
import { conversionDenominator, duckEngine, recordSources } from './run.js';

// The goals report: for each goal of a month, actual to date, pace, attainment, status and the
// month-end projection. The figures come from runQuery like every other report; the goal
// arithmetic lives in goals-math.ts.

export interface GoalsOptions {
  /** YYYY-MM; default: the month of `asOf` in the report's zone */
  readonly period?: string;
  /** the instant the goals are judged at; default `now` */
  readonly asOf?: Date;
  /** only the goals whose scope is written exactly so */
  readonly scope?: string;
  /** "now" (tests pin it); default the clock */
  readonly now?: Date;
  /** one zone for every goal, overriding campaign zones (as --timezone does in other reports) */
  readonly timezone?: string;
}

export type ScopeKind = 'all' | 'campaign' | 'team' | 'agent';
export interface Scope {
  kind: ScopeKind;
  value: string;
  /** the zone the scope's month is counted in */
  timezone: string;
}

export interface GoalRow {
  scope: string;
  scope_kind: ScopeKind | null;
  metric: string;
  period: string;
  /** null for an unknown scope */
  timezone: string | null;
  target: number;
  direction: Metric['direction'];
  actual: number | null;
  pace: number;
  attainment: number | null;
  status: Status;
  band: Band;
  projection: number | null;
  projection_low: number | null;
  projection_high: number | null;
  projected_status: Status;
  amber_at: number | null;
  red_at: number | null;
  elapsed_share: number;
}

export interface GoalsReport {
  report: 'goals';
  from: string;
  to: string;
  timezone: string;
  by: ['scope', 'metric'];
  definitions: Record<string, string>;
  rows: GoalRow[];
  totals: Record<string, never>;
  warnings: Warning[];
  meta: {
    as_of: string;
    actual_window: string;
    projection_method: string;
    status_rule: string;
    conversion_denominator: string;
  };
}

const ACTUAL_WINDOW =
  'calls from the first local day of the month through the end of the as-of local day (whole days: ' +
  'with as-of = now that is everything so far); elapsed share and pace use the as-of instant itself';

/**
 * `*` is everything; `campaign:X`, `team:X`, `agent:X` name the kind; a bare X is a campaign if
 * one is known by that name (campaigns table or calls), else an agent (agents table or calls),
 * else a team (agents.team). A prefixed name must exist too, so a typo warns instead of showing 0.
 * A campaign's goals run on the campaign's reporting day (its `timezone`), others on `zone`.
 */
export async function resolveScope(store: DuckStore, raw: string, zone: string): Promise<Scope | null> {
  if (raw === '*') return { kind: 'all', value: '*', timezone: zone };
  const m = /^(campaign|team|agent):(.+)$/.exec(raw);
  const kinds: ScopeKind[] = m ? [m[1] as ScopeKind] : ['campaign', 'agent', 'team'];
  const value = m ? m[2]! : raw;
  // call_status_keys holds every (campaign, status) pair of stored calls: a small table.
  const found = await store.one<Record<string, boolean | string | null>>(
    `SELECT EXISTS (SELECT 1 FROM campaigns WHERE campaign = $1)
         OR EXISTS (SELECT 1 FROM call_status_keys WHERE campaign = $1) AS campaign,
       EXISTS (SELECT 1 FROM agents WHERE agent = $1)
         OR EXISTS (SELECT 1 FROM calls WHERE agent = $1) AS agent,
       EXISTS (SELECT 1 FROM agents WHERE team = $1) AS team,
       (SELECT timezone FROM campaigns WHERE campaign = $1) AS tz`,
    [value],
  );
  const kind = kinds.find((k) => found?.[k] === true);
  if (!kind) return null;
  const tz = kind === 'campaign' && typeof found?.tz === 'string' && found.tz ? found.tz : zone;
  return { kind, value, timezone: checkTimezone(tz) };
}

interface Ctx {
  store: DuckStore;
  engine: Engine;
  cat: Catalog;
  base: Pick<QueryRequest, 'thresholds' | 'rollupThresholds' | 'variants'>;
  warnings: Warning[];
}
interface Measured {
  actual: number | null;
  projection: Projection;
}

/** Actual and projection of each metric for one scope: one query by date over history + month. */
async function measureScope(
  ctx: Ctx,
  scope: Scope,
  metrics: readonly Metric[],
  cal: GoalCalendar,
): Promise<Map<string, Measured>> {
  const { engine, cat, base } = ctx;
  const ids = [...new Set(metrics.flatMap((m) => cat.measuresOf(m, base.variants)))];
  const actualSums: Record<string, number | null> = Object.fromEntries(ids.map((id) => [id, 0]));
  const daily = new Map<string, Record<string, number | null>>();
  if (cal.phase !== 'before') {
    let req: QueryRequest = {
      ...base,
      metrics: metrics.map((m) => m.id),
      by: ['date'],
      where: scope.kind === 'all' ? {} : { [scope.kind]: [scope.value] },
      from: cal.historyDays[0]!,
      to: cal.today ?? cal.days.at(-1)!,
      timezone: scope.timezone,
    };
    // Money metrics value calls at the finance settings in force, as runReport does.
    if (needsMoney(cat, metrics, base.variants)) {
      const money = await moneyContext(ctx.store, req);
      req = { ...req, prices: money.prices, computed: money.computed };
      ctx.warnings.push(...money.warnings);
    }
    // FCR and adherence are computed outside SQL, as in runReport.
    req = { ...req, computed: { ...req.computed, ...(await recordSources(ctx.store)).computed } };
    const res = await runQuery(engine, req, cat);
    ctx.warnings.push(...res.warnings);
    res.rows.forEach((r, i) => daily.set(String(r.date), res.rowSums[i]!));
    for (const [date, sums] of daily)
      if (date >= cal.days[0]!)
        for (const id of ids) {
          const [acc, v] = [actualSums[id], sums[id]];
          actualSums[id] = acc == null || v == null ? null : acc + v;
        }
    // Distinct counts do not add up over days: their actual is counted over the month in one go.
    const distinct = ids.filter((id) => cat.measures.get(id)!.agg === 'count_distinct');
    if (distinct.length) {
      const whole = await runQuery(engine, { ...req, by: [], from: cal.days[0]! }, cat);
      for (const id of distinct) actualSums[id] = whole.totalSums[id] ?? null;
    }
  }
  const at = (id: string, date: string): number => daily.get(date)?.[id] ?? 0;
  return new Map(
    metrics.map((m) => [
      m.id,
      {
        actual: cat.evaluate(m, actualSums, base.variants),
        projection: projectMetric(cat, m, base.variants, cal, at, actualSums),
      },
    ]),
  );
}

type GoalRecord = {
  scope: string;
  metric: string;
  target: number;
  amber_at: number | null;
  red_at: number | null;
};

async function loadGoals(store: DuckStore, period: string, scope: string | undefined): Promise<GoalRecord[]> {
  // Cast so the figures arrive as numbers whatever the column type (a DECIMAL arrives as a string).
  return store.all<GoalRecord>(
    `SELECT scope, metric, target::DOUBLE AS target, amber_at::DOUBLE AS amber_at, red_at::DOUBLE AS red_at
     FROM goals WHERE period = $1 ${scope !== undefined ? 'AND scope = $2' : ''} ORDER BY scope, metric`,
    scope !== undefined ? [period, scope] : [period],
  );
}

function goalRow(g: GoalRecord, m: Metric, scope: Scope | null, cal: GoalCalendar, got?: Measured): GoalRow {
  const actual = got?.actual ?? null;
  const pace = paceOf(m, g.target, cal.share);
  const th = { amberAt: g.amber_at, redAt: g.red_at };
  const a = attainment(m.direction, actual, pace);
  const p = got?.projection ?? { projected: null, low: null, high: null };
  return {
    scope: g.scope,
    scope_kind: scope?.kind ?? null,
    metric: m.id,
    period: cal.days[0]!.slice(0, 7),
    timezone: scope?.timezone ?? null,
    target: g.target,
    direction: m.direction,
    actual,
    pace,
    attainment: a,
    ...goalStatus(a, th),
    projection: p.projected,
    projection_low: p.low,
    projection_high: p.high,
    projected_status: goalStatus(attainment(m.direction, p.projected, g.target), th).status,
    amber_at: g.amber_at,
    red_at: g.red_at,
    elapsed_share: cal.share,
  };
}

export async function runGoals(store: DuckStore, opts: GoalsOptions = {}): Promise<GoalsReport> {
  const cat = catalog();
  const zone = checkTimezone(opts.timezone ?? (await installationTimezone(store)));
  const asOf = opts.asOf ?? opts.now ?? new Date();
  const period = opts.period ? checkPeriod(opts.period) : monthOf(asOf, zone);
  const stored = await rollupThresholds(store);
  const denominator = await conversionDenominator(store);
  const ctx: Ctx = {
    store,
    engine: duckEngine(store),
    cat,
    base: {
      thresholds: stored ?? DEFAULT_THRESHOLDS,
      rollupThresholds: stored,
      variants: { conversion_rate: denominator },
    },
    warnings: [],
  };

  // Goals grouped by scope: one query answers every metric of a scope.
  const warnings: Warning[] = [];
  const known = new Map(cat.metrics.map((m) => [m.id, m]));
  const scopes = new Map<string, { scope: Scope | null; goals: GoalRecord[] }>();
  for (const g of await loadGoals(store, period, opts.scope)) {
    if (!known.has(g.metric)) {
      warnings.push({ code: 'unknown_goal_metric', scope: g.scope, metric: g.metric });
      continue;
    }
    let entry = scopes.get(g.scope);
    if (!entry) {
      const scope = await resolveScope(store, g.scope, zone);
      // --timezone puts every goal on one clock, as it does for the other reports.
      if (scope && opts.timezone) scope.timezone = zone;
      if (!scope) warnings.push({ code: 'unknown_goal_scope', scope: g.scope });
      entry = { scope, goals: [] };
      scopes.set(g.scope, entry);
    }
    entry.goals.push(g);
  }

  const rows: GoalRow[] = [];
  for (const { scope, goals } of scopes.values()) {
    const cal = goalCalendar(period, asOf, scope?.timezone ?? zone);
    const metrics = goals.map((g) => known.get(g.metric)!);
    const measured = scope ? await measureScope(ctx, scope, metrics, cal) : undefined;
    for (const g of goals) rows.push(goalRow(g, known.get(g.metric)!, scope, cal, measured?.get(g.metric)));
  }
  // Each scope's query repeats the same warnings (e.g. a dimension a source lacks): keep one of each.
  const keys = [...warnings, ...ctx.warnings].map((w) => JSON.stringify(w));

  const definitions: Record<string, string> = {};
  for (const m of new Set(rows.map((r) => known.get(r.metric)!)))
    definitions[m.id] =
      cat.formula(m, ctx.base.variants) +
      (m.variants ? ` (denominator: ${ctx.base.variants[m.id] ?? m.defaultVariant})` : '');
  const days = goalCalendar(period, asOf, zone).days;
  return {
    report: 'goals',
    from: days[0]!,
    to: days.at(-1)!,
    timezone: zone,
    by: ['scope', 'metric'],
    definitions,
    rows,
    totals: {},
    warnings: [...warnings, ...ctx.warnings].filter((_, i) => keys.indexOf(keys[i]!) === i),
    meta: {
      as_of: asOf.toISOString(),
      actual_window: ACTUAL_WINDOW,
      projection_method: PROJECTION_METHOD,
      status_rule: STATUS_RULE,
      conversion_denominator: denominator,
    },
  };
}
