import { checkDate } from './run.js';
import { usageError } from '../errors.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import {
  addDays,
  checkTimezone,
  installationTimezone,
  offsetMinutes,
  zonedDate,
  zonedMidnight,
} from '../time/zones.js';

// The disposition audit sampler: a reproducible random sample of calls per agent and disposition
// for a supervisor to listen to. It picks rows, it computes no metric, so it reads `calls` itself.
//
// Reproducible: each call's place in the draw is md5(seed, call_id), a pure function of the call,
// so the same seed over the same data gives the same sample on any machine and DuckDB version, and
// a call added later takes its own place in the order without reshuffling the others (it can
// only push the last pick of its group out, if it hashes before it). Never random().
//
// Groups: N calls per (agent, status). With --agent fixed that is N per disposition of the agent,
// with --status fixed N per agent, with both one group of N. Calls that reached no agent (no
// answer, machines, abandons before an agent) have no one to review and are left out.

export interface AuditOptions {
  readonly agent?: string;
  readonly status?: string;
  readonly campaign?: string;
  /** local dates, inclusive; default the current month to date */
  readonly from?: string;
  readonly to?: string;
  /** default: the single campaign's zone, else the installation's */
  readonly timezone?: string;
  /** calls per (agent, status) group */
  readonly sample: number;
  /** default: the period, `FROM..TO` */
  readonly seed?: string;
  /** "today" for the default period; tests pin it */
  readonly now?: Date;
}

/** One sampled call. The customer (hashed or not) is never part of it. */
export type AuditRow = {
  agent: string;
  status: string;
  /** this call's place in its group's draw, 1..sampled */
  pick: number;
  /** calls of its (agent, status) group in the period and scope */
  population: number;
  call_id: string;
  /** local time in the report zone with its UTC offset: 2026-03-02T09:55:00-05:00 */
  started_at: string;
  direction: string;
  campaign: string;
  list: string;
  talk_sec: number | null;
  hold_sec: number | null;
  wrap_sec: number | null;
  amount: number | null;
};

export type AuditGroup = {
  agent: string;
  status: string;
  sampled: number;
  population: number;
};

export interface AuditSample {
  report: 'audit';
  from: string;
  to: string;
  timezone: string;
  seed: string;
  sample: number;
  filters: { agent: string | null; status: string | null; campaign: string | null };
  method: string;
  /** one line per (agent, status) group: N of M */
  groups: AuditGroup[];
  rows: AuditRow[];
}

export const AUDIT_METHOD =
  'per (agent, status) group, the calls with the lowest md5(seed, call_id); the default seed is the period FROM..TO; calls without an agent are left out';

export const AUDIT_COLUMNS: readonly (keyof AuditRow)[] = [
  'agent',
  'status',
  'pick',
  'population',
  'call_id',
  'started_at',
  'direction',
  'campaign',
  'list',
  'talk_sec',
  'hold_sec',
  'wrap_sec',
  'amount',
];

/** `2026-03-02T09:55:00-05:00`: the instant as local wall-clock time with its offset. */
export function localIso(ms: number, tz: string): string {
  const off = offsetMinutes(tz, ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000).toISOString().slice(0, 19);
  const a = Math.abs(off);
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

async function auditTimezone(store: DuckStore, opts: AuditOptions): Promise<string> {
  if (opts.timezone) return checkTimezone(opts.timezone);
  if (opts.campaign) {
    const row = await store.one<{ timezone: string | null }>(
      `SELECT timezone FROM campaigns WHERE campaign = $1`,
      [opts.campaign],
    );
    if (row?.timezone) return checkTimezone(row.timezone);
  }
  return checkTimezone(await installationTimezone(store));
}

/** The draw's key: the seed's length keeps (seed "a", call "bc") apart from (seed "ab", call "c"). */
const seedPrefix = (seed: string): string => `${seed.length}:${seed}:`;

export async function auditSample(store: DuckStore, opts: AuditOptions): Promise<AuditSample> {
  if (!Number.isInteger(opts.sample) || opts.sample < 1)
    throw usageError(`--sample ${opts.sample}: expected a whole number ≥ 1`);
  const timezone = await auditTimezone(store, opts);
  const today = zonedDate((opts.now ?? new Date()).getTime(), timezone);
  const to = opts.to ? checkDate('--to', opts.to) : today;
  const from = opts.from ? checkDate('--from', opts.from) : `${to.slice(0, 7)}-01`;
  if (from > to) throw usageError(`--from ${from} is after --to ${to}`);
  const seed = opts.seed ?? `${from}..${to}`;
  const start = zonedMidnight(from, timezone).toISOString();
  const end = zonedMidnight(addDays(to, 1), timezone).toISOString();

  const raw = await store.all(
    `WITH scope AS (
       SELECT call_id, started_at, direction, campaign, list, status, agent,
              talk_sec, hold_sec, wrap_sec, amount, md5($1 || call_id) AS draw
       FROM calls
       WHERE started_at >= CAST($2 AS TIMESTAMPTZ) AND started_at < CAST($3 AS TIMESTAMPTZ)
         AND agent <> ''
         AND (CAST($4 AS VARCHAR) IS NULL OR agent = $4)
         AND (CAST($5 AS VARCHAR) IS NULL OR status = $5)
         AND (CAST($6 AS VARCHAR) IS NULL OR campaign = $6)
     ), ranked AS (
       SELECT *,
              row_number() OVER (PARTITION BY agent, status ORDER BY draw, call_id) AS pick,
              count(*) OVER (PARTITION BY agent, status) AS population
       FROM scope
     )
     SELECT agent, status, pick, population, call_id, started_at, direction, campaign, list,
            talk_sec, hold_sec, wrap_sec, amount
     FROM ranked WHERE pick <= $7
     ORDER BY agent, status, pick`,
    [
      seedPrefix(seed),
      start,
      end,
      opts.agent ?? null,
      opts.status ?? null,
      opts.campaign ?? null,
      opts.sample,
    ],
  );
  const rows: AuditRow[] = raw.map((r) => ({
    agent: r.agent as string,
    status: r.status as string,
    pick: r.pick as number,
    population: r.population as number,
    call_id: r.call_id as string,
    started_at: localIso((r.started_at as Date).getTime(), timezone),
    direction: r.direction as string,
    campaign: r.campaign as string,
    list: r.list as string,
    talk_sec: (r.talk_sec as number | null) ?? null,
    hold_sec: (r.hold_sec as number | null) ?? null,
    wrap_sec: (r.wrap_sec as number | null) ?? null,
    amount: (r.amount as number | null) ?? null,
  }));
  const groups = new Map<string, AuditGroup>();
  for (const r of rows) {
    const key = JSON.stringify([r.agent, r.status]);
    const g = groups.get(key) ?? { agent: r.agent, status: r.status, sampled: 0, population: r.population };
    g.sampled++;
    groups.set(key, g);
  }
  return {
    report: 'audit',
    from,
    to,
    timezone,
    seed,
    sample: opts.sample,
    filters: { agent: opts.agent ?? null, status: opts.status ?? null, campaign: opts.campaign ?? null },
    method: AUDIT_METHOD,
    groups: [...groups.values()],
    rows,
  };
}
