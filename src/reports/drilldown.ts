import { notFound } from '../errors.js';
import type { ResultRow } from '../query/plan.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import type { Warning } from '../ingest/warnings.js';
import { runReport, type ReportJson } from './run.js';

// One agent on one page: the agents report row, its trend by day, pause time by reason, calls by
// disposition and the hours of the day that convert best and worst. Every figure is a runReport
// result (the catalog's definitions), filtered to the agent; nothing here is SQL of its own
// except the agent's name and team.

export interface DrilldownOptions {
  /** local dates, inclusive; default the current month to date */
  readonly from?: string;
  readonly to?: string;
  readonly timezone?: string;
  /** "today" for the default period; tests pin it */
  readonly now?: Date;
}

/** Hours of the day need this many contacts to rank: fewer would make the rate mostly noise. */
export const MIN_CONTACTS_PER_HOUR = 10;
/** How many hours best_hours and worst_hours list at most. */
export const RANKED_HOURS = 3;

export const BY_DAY_METRICS = [
  'handled_calls',
  'aht_sec',
  'conversion_rate',
  'occupancy',
  'pause_sec',
  'wins',
] as const;
export const DISPOSITION_METRICS = ['dials', 'offered', 'handled_calls', 'wins'] as const;
export const HOUR_METRICS = ['contacts', 'wins', 'conversion_rate'] as const;

export type PauseRow = { reason: string; pause_sec: number };
export type DispositionRow = {
  status: string;
  calls: number;
  dials: number;
  offered: number;
  handled_calls: number;
  wins: number;
};

export interface AgentDrilldown {
  report: 'agent';
  agent: string;
  name: string | null;
  team: string | null;
  from: string;
  to: string;
  timezone: string;
  /** the agent's row of the agents report; null without any data in the period */
  summary: ResultRow | null;
  /** one row per local date with data: date and BY_DAY_METRICS */
  by_day: ResultRow[];
  /** reason and pause_sec, largest first; reasons with no pause time are left out */
  pause_reasons: PauseRow[];
  /** status, calls (= dials + offered: every call of both directions), dials, offered,
   *  handled_calls and wins, most calls first */
  dispositions: DispositionRow[];
  /** hour_of_day, contacts, wins, conversion_rate; only hours with ≥ MIN_CONTACTS_PER_HOUR
   *  contacts; an hour is listed once (with fewer than 6 such hours worst_hours gets the rest) */
  best_hours: ResultRow[];
  worst_hours: ResultRow[];
  definitions: Record<string, string>;
  method: { hours: string };
  warnings: Warning[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
// Code-point order, the same on every machine (localeCompare follows the locale).
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Best and worst hours by conversion rate among hours with enough contacts. */
export function rankHours(
  rows: readonly ResultRow[],
  minContacts = MIN_CONTACTS_PER_HOUR,
  n = RANKED_HOURS,
): { best: ResultRow[]; worst: ResultRow[] } {
  const eligible = rows.filter(
    (r) => num(r.contacts) >= minContacts && typeof r.conversion_rate === 'number',
  );
  const hour = (r: ResultRow): number => num(r.hour_of_day);
  // Ties: the hour with more contacts is the surer one; then the earlier hour.
  const best = [...eligible]
    .sort(
      (a, b) =>
        num(b.conversion_rate) - num(a.conversion_rate) ||
        num(b.contacts) - num(a.contacts) ||
        hour(a) - hour(b),
    )
    .slice(0, n);
  const worst = eligible
    .filter((r) => !best.includes(r))
    .sort(
      (a, b) =>
        num(a.conversion_rate) - num(b.conversion_rate) ||
        num(b.contacts) - num(a.contacts) ||
        hour(a) - hour(b),
    )
    .slice(0, n);
  return { best, worst };
}

export async function agentDrilldown(
  store: DuckStore,
  agent: string,
  opts: DrilldownOptions = {},
): Promise<AgentDrilldown> {
  const where = { agent: [agent] };
  const summary = await runReport(store, 'agents', {
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    where,
  });
  // Every section over the very period and zone the summary settled on.
  const period = { from: summary.from, to: summary.to, timezone: summary.timezone, where };
  const part = (by: string[], metrics: readonly string[]): Promise<ReportJson> =>
    runReport(store, 'agents', { ...period, by, metrics: [...metrics] });
  // One after the other: the store has one connection.
  const byDay = await part(['date'], BY_DAY_METRICS);
  const pauses = await part(['reason'], ['pause_sec']);
  const statuses = await part(['status'], DISPOSITION_METRICS);
  const hours = await part(['hour_of_day'], HOUR_METRICS);

  const info = await store.one<{ name: string | null; team: string | null }>(
    `SELECT name, team FROM agents WHERE agent = $1`,
    [agent],
  );
  const row = summary.rows.find((r) => r.agent === agent) ?? null;
  const hasData = (r: ResultRow | null): boolean =>
    !!r && Object.entries(r).some(([k, v]) => k !== 'agent' && typeof v === 'number' && v !== 0);
  if (!info && !hasData(row) && !statuses.rows.length)
    throw notFound(
      `agent ${JSON.stringify(agent)}: not among the agents and no calls or agent time from ${summary.from} to ${summary.to}`,
    );

  const dispositions = statuses.rows
    .map((r): DispositionRow => ({
      status: String(r.status ?? ''),
      calls: num(r.dials) + num(r.offered),
      dials: num(r.dials),
      offered: num(r.offered),
      handled_calls: num(r.handled_calls),
      wins: num(r.wins),
    }))
    .filter((r) => r.calls > 0)
    .sort((a, b) => b.calls - a.calls || cmp(a.status, b.status));
  const pauseReasons = pauses.rows
    .filter((r) => num(r.pause_sec) > 0)
    .map((r): PauseRow => ({ reason: String(r.reason ?? ''), pause_sec: num(r.pause_sec) }))
    .sort((a, b) => b.pause_sec - a.pause_sec || cmp(a.reason, b.reason));
  const { best, worst } = rankHours(hours.rows);

  const definitions: Record<string, string> = {};
  for (const r of [summary, byDay, pauses, statuses, hours]) Object.assign(definitions, r.definitions);
  definitions.calls = 'dials + offered: every call of both directions';
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const w of [summary, byDay, pauses, statuses, hours].flatMap((r) => r.warnings)) {
    const key = JSON.stringify(w);
    if (seen.has(key)) continue;
    seen.add(key);
    warnings.push(w);
  }

  return {
    report: 'agent',
    agent,
    name: info?.name ?? null,
    team: info?.team ?? null,
    from: summary.from,
    to: summary.to,
    timezone: summary.timezone,
    summary: row,
    by_day: byDay.rows,
    pause_reasons: pauseReasons,
    dispositions,
    best_hours: best,
    worst_hours: worst,
    definitions,
    method: {
      hours: `hours of the day (${summary.timezone}) with at least ${MIN_CONTACTS_PER_HOUR} contacts, ranked by conversion_rate; ${RANKED_HOURS} best and ${RANKED_HOURS} worst, each hour listed once; ties go to the hour with more contacts`,
    },
    warnings,
  };
}
