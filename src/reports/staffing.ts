import { usageError } from '../errors.js';
import { DuckDbDialect } from '../query/dialects/duckdb-dialect.js';
import type { ResultRow } from '../query/plan.js';
import {
  add,
  and,
  col,
  eq,
  ge,
  inList,
  instant,
  lt,
  param,
  type Expr,
  type ParamValue,
} from '../query/sql.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { callCounters, DEFAULT_THRESHOLDS, handledCond } from '../storage/rollup-columns.js';
import { addDays, checkTimezone, installationTimezone, zonedDate, zonedMidnight } from '../time/zones.js';
import {
  checkStaffingInput,
  ERLANG_A_METHOD,
  ERLANG_C_METHOD,
  requiredAgents,
  type StaffingInput,
} from './erlang.js';
import { checkDate, type ReportJson } from './run.js';

// The per-interval staffing plan: each half hour of a typical week, the inbound calls and handle
// time it saw in the history, the agents Erlang says it needs, and the agents who actually worked.
// Half hours are no catalog dimension, so the bucketing is a small SQL of its own; the conditions
// (inbound, handled, handle time) are the shared expressions the catalog's measures use.

/** The targets when none are given: 80 % answered in 20 s, occupancy at most 85 %, 30 % shrinkage. */
export const STAFFING_DEFAULTS = { slTarget: 0.8, slSec: 20, maxOccupancy: 0.85, shrinkage: 0.3 } as const;

export interface StaffingOptions {
  readonly from?: string;
  /** inclusive; default: yesterday (today is not over) in the report zone */
  readonly to?: string;
  readonly timezone?: string;
  /** inbound queues; default every campaign with inbound calls in the history */
  readonly campaign?: readonly string[];
  /** fraction answered within slSec; at least one of slTarget and asaTargetSec */
  readonly slTarget?: number;
  /** the threshold of slTarget, and of every expected_sl */
  readonly slSec: number;
  readonly asaTargetSec?: number;
  readonly maxOccupancy: number;
  readonly shrinkage: number;
  readonly patienceSec?: number;
  readonly now?: Date;
}

export interface StaffingJson extends Omit<ReportJson, 'meta'> {
  meta: {
    method: string;
    targets: Record<string, number | null>;
    queues: string[];
    interval_sec: number;
    bucketing: string;
    working: string;
  };
}

const HALF_HOUR = 1800;
const HISTORY_WEEKS = 8;
const WORKING =
  'an agent works a half hour when any state but pause overlaps it, on one of the queues, or with no ' +
  'campaign on a day the agent handled a call of those queues; distinct agents per half hour, averaged over the weeks';

/** 1 = Monday … 7 = Sunday */
const isoDow = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

async function staffingTimezone(store: DuckStore, opts: StaffingOptions): Promise<string> {
  if (opts.timezone) return checkTimezone(opts.timezone);
  if (opts.campaign?.length === 1) {
    const sql = `SELECT timezone FROM campaigns WHERE campaign = $1`;
    const row = await store.one<{ timezone: string | null }>(sql, [opts.campaign[0]!]);
    if (row?.timezone) return checkTimezone(row.timezone);
  }
  return checkTimezone(await installationTimezone(store));
}

// Local half-hour label of a local timestamp `l` (already converted with timezone()).
const SLOT = `strftime(l, '%H:') || CASE WHEN minute(l) < 30 THEN '00' ELSE '30' END`;

type SlotCalls = { offered: number; handled: number; handle: number; first?: string };
type Targets = Omit<StaffingInput, 'calls' | 'ahtSec'>;

/** History dates, inclusive. Default: the 8 full Monday–Sunday weeks ending on or before `to`. */
function historyPeriod(opts: StaffingOptions, timezone: string): { from: string; until: string } {
  const today = zonedDate((opts.now ?? new Date()).getTime(), timezone);
  const to = opts.to ? checkDate('--to', opts.to) : addDays(today, -1);
  const lastSunday = addDays(to, -(isoDow(to) % 7));
  const from = opts.from ? checkDate('--from', opts.from) : addDays(lastSunday, -7 * HISTORY_WEEKS + 1);
  const until = opts.from ? to : lastSunday;
  if (from > until) throw usageError(`--from ${from} is after the end of the history (${until})`);
  return { from, until };
}

export async function runStaffing(store: DuckStore, opts: StaffingOptions): Promise<StaffingJson> {
  const { slTarget, slSec, asaTargetSec, maxOccupancy, shrinkage, patienceSec } = opts;
  const targets: Targets = {
    intervalSec: HALF_HOUR,
    slTarget,
    slSec,
    asaTargetSec,
    maxOccupancy,
    shrinkage,
    patienceSec,
  };
  checkStaffingInput({ ...targets, calls: 0, ahtSec: 1 }); // bad targets fail even without data
  const timezone = await staffingTimezone(store, opts);
  const { from, until } = historyPeriod(opts, timezone);
  const [start, end] = [zonedMidnight(from, timezone), zonedMidnight(addDays(until, 1), timezone)];
  const { queues, calls, agents } = await countSlots(store, timezone, opts.campaign ?? [], start, end);
  // The history starts at the first day with calls: a young installation is not averaged over
  // weeks before it existed.
  const first = calls.size
    ? [...calls.values()].reduce((m, c) => (c.first! < m ? c.first! : m), until)
    : from;
  const weeks = new Map<number, number>();
  for (let day = first; day <= until; day = addDays(day, 1))
    weeks.set(isoDow(day), (weeks.get(isoDow(day)) ?? 0) + 1);
  const agentSlots = new Map<string, number>();
  for (const a of agents) if (a.day >= first) agentSlots.set(a.key, (agentSlots.get(a.key) ?? 0) + a.n);

  const all = [...calls.values()].reduce((s, c) => [s[0]! + c.handled, s[1]! + c.handle], [0, 0]);
  const overallAht = all[0]! > 0 ? all[1]! / all[0]! : null;
  const rows: ResultRow[] = [];
  for (const key of [...new Set([...calls.keys(), ...agentSlots.keys()])].sort()) {
    const n = weeks.get(Number(key[0])) ?? 0;
    const c = calls.get(key) ?? { offered: 0, handled: 0, handle: 0 };
    if (n) rows.push(planRow(key, n, c, (agentSlots.get(key) ?? 0) / n, overallAht, targets));
  }
  const warnings: ReportJson['warnings'] = [];
  const borrowed = [...calls.values()].filter((c) => c.offered > 0 && c.handled === 0).length;
  if (borrowed && overallAht !== null) warnings.push({ code: 'aht_from_all_intervals', intervals: borrowed });
  if (calls.size && overallAht === null) warnings.push({ code: 'no_handle_time', queues });
  const sum = (k: string): number => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0);
  return {
    report: 'staffing',
    from: first,
    to: until,
    timezone,
    by: ['dow', 'interval'],
    definitions: Object.fromEntries(Object.entries(DEFINITIONS).filter(([k]) => !rows[0] || k in rows[0])),
    rows,
    totals: {
      forecast_calls: sum('forecast_calls'),
      forecast_aht_sec: overallAht,
      required_agent_hours: sum('required_agents') / 2,
      scheduled_agent_hours: sum('scheduled_agents') / 2,
      actual_agent_hours: sum('actual_agents') / 2,
      understaffed_intervals: rows.filter((r) => r.status === 'understaffed').length,
      overstaffed_intervals: rows.filter((r) => r.status === 'overstaffed').length,
    },
    warnings,
    meta: {
      method: patienceSec === undefined ? ERLANG_C_METHOD : ERLANG_A_METHOD,
      targets: {
        service_level: slTarget ?? null,
        service_level_sec: slSec,
        asa_sec: asaTargetSec ?? null,
        max_occupancy: maxOccupancy,
        shrinkage,
        patience_sec: patienceSec ?? null,
      },
      queues,
      interval_sec: HALF_HOUR,
      bucketing: `inbound calls by started_at in local half hours of ${timezone}, dow 1 = Monday; on a DST fall-back night the repeated half hour holds both`,
      working: WORKING,
    },
  };
}

/** One half hour of the typical week: forecast, requirement, actual agents and status. */
function planRow(
  key: string,
  weeks: number,
  c: SlotCalls,
  actual: number,
  overallAht: number | null,
  targets: Targets,
): ResultRow {
  const forecast = c.offered / weeks;
  const aht = c.handled > 0 ? c.handle / c.handled : overallAht;
  const req =
    forecast > 0 && aht !== null ? requiredAgents({ ...targets, calls: forecast, ahtSec: aht }) : null;
  // No calls need no agents; calls without any known handle time leave the requirement unknown.
  const required = forecast === 0 ? 0 : (req?.agents ?? null);
  const over = required !== null && actual > required + Math.max(1, 0.1 * required);
  const status = required === null ? null : actual < required ? 'understaffed' : over ? 'overstaffed' : 'ok';
  return {
    dow: Number(key[0]),
    interval: key.slice(2),
    weeks,
    forecast_calls: forecast,
    forecast_aht_sec: forecast > 0 ? aht : null,
    traffic_erlangs: forecast === 0 ? 0 : (req?.trafficErlangs ?? null),
    required_agents: required,
    scheduled_agents: forecast === 0 ? 0 : (req?.scheduledAgents ?? null),
    expected_sl: req?.serviceLevel ?? null,
    expected_asa_sec: req?.asaSec ?? null,
    ...(targets.patienceSec !== undefined ? { expected_abandon: req?.pAbandon ?? null } : {}),
    occupancy: req?.occupancy ?? null,
    actual_agents: actual,
    gap: required === null ? null : actual - required,
    status,
  };
}

/**
 * Per "dow HH:MM": the queues' inbound calls (offered, handled, handle seconds, first day seen);
 * and per concrete half hour the distinct agents working it. Half-hour starts are stepped as
 * instants from the local half hour of each state's start, so a DST change inside a state neither
 * drops nor doubles a half hour.
 */
async function countSlots(
  store: DuckStore,
  timezone: string,
  campaigns: readonly string[],
  start: Date,
  end: Date,
) {
  const d = new DuckDbDialect();
  let params: ParamValue[] = [];
  const r = (e: Expr | ParamValue): string =>
    typeof e === 'object' && e !== null ? d.renderExpr(e, params) : d.placeholder(e, params);
  const inbound = and(
    eq(col('direction'), param('inbound')),
    ge(col('started_at'), instant(start)),
    lt(col('started_at'), instant(end)),
  );
  let queues = [...campaigns];
  if (!queues.length) {
    const sql = `SELECT DISTINCT campaign FROM calls WHERE ${r(inbound)} ORDER BY 1`;
    queues = (await store.all<{ campaign: string }>(sql, params)).map((x) => x.campaign);
    params = [];
  }
  if (!queues.length) return { queues, calls: new Map<string, SlotCalls>(), agents: [] };
  const c = callCounters(DEFAULT_THRESHOLDS);
  const onQueues = and(inbound, inList(col('campaign'), queues));
  const handle = add(add(c.get('handled_talk_sec')!, c.get('handled_hold_sec')!), c.get('handled_wrap_sec')!);
  const calls = await store.all<SlotCalls & { dow: number; slot: string }>(
    `SELECT isodow(l) AS dow, ${SLOT} AS slot, count(*) AS offered, sum(${r(c.get('handled')!)}) AS handled,
       sum(${r(handle)}) AS handle, strftime(min(l), '%Y-%m-%d') AS first
     FROM (SELECT *, timezone(${r(timezone)}, started_at) AS l FROM calls WHERE ${r(onQueues)}) GROUP BY ALL`,
    params,
  );
  params = [];
  const tz = r(timezone);
  const agents = await store.all<{ day: string; dow: number; slot: string; n: number }>(
    `WITH handlers AS (SELECT DISTINCT agent, CAST(timezone(${tz}, started_at) AS DATE) AS day FROM calls
                       WHERE ${r(and(onQueues, handledCond))}),
     q AS (SELECT agent, started_at, ended_at, timezone(${tz}, started_at) AS ls FROM agent_states s
           WHERE state <> 'pause' AND ended_at > ${r(instant(start))} AND started_at < ${r(instant(end))}
             AND (${r(inList(col('campaign'), queues))} OR (campaign = '' AND EXISTS (SELECT 1 FROM handlers h
               WHERE h.agent = s.agent AND h.day = CAST(timezone(${tz}, s.started_at) AS DATE))))),
     h AS (SELECT agent, unnest(range(started_at - (ls - time_bucket(INTERVAL 30 MINUTE, ls)), ended_at,
             INTERVAL 30 MINUTE)) AS h FROM q)
     SELECT strftime(l, '%Y-%m-%d') AS day, isodow(l) AS dow, ${SLOT} AS slot, count(DISTINCT agent) AS n
     FROM (SELECT agent, timezone(${tz}, h) AS l FROM h
           WHERE h >= ${r(instant(start))} AND h < ${r(instant(end))}) GROUP BY ALL`,
    params,
  );
  const key = (x: { dow: number; slot: string }): string => `${x.dow} ${x.slot}`;
  return {
    queues,
    calls: new Map(
      calls.map(({ offered, handled, handle, first, ...x }) => [key(x), { offered, handled, handle, first }]),
    ),
    agents: agents.map((x) => ({ day: x.day, key: key(x), n: x.n })),
  };
}

const DEFINITIONS: Record<string, string> = {
  weeks: 'times this half hour of the week occurs in the history',
  forecast_calls: 'inbound calls offered in this half hour over the history ÷ weeks',
  forecast_aht_sec: 'Σ handle_sec ÷ Σ handled of these calls (of the whole history when none was handled)',
  traffic_erlangs: 'forecast_calls × forecast_aht_sec ÷ 1800',
  required_agents: 'fewest agents on the phones meeting every target (see meta.method and meta.targets)',
  scheduled_agents: '⌈required_agents ÷ (1 − shrinkage)⌉',
  expected_sl: 'service level expected with required_agents',
  expected_asa_sec: 'average speed of answer expected with required_agents',
  expected_abandon: 'share of calls expected to abandon with required_agents (Erlang A)',
  occupancy: 'expected occupancy with required_agents',
  actual_agents: 'distinct agents working this half hour, averaged over the weeks (see meta.working)',
  gap: 'actual_agents − required_agents',
  status: 'understaffed: actual < required; overstaffed: actual > required + max(1, 10 % of required)',
};
