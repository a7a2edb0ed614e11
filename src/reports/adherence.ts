import { badInput, CallkpiError } from '../errors.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { addDays, zonedDate, zonedMidnight } from '../time/zones.js';

// Schedule adherence and conformance (metrics.md "Workforce"), from schedules and agent_states.
//
// Readings of the spec:
// - "scheduled seconds" (the adherence denominator) is every scheduled second, work and non-work
//   activities alike: an agent who keeps a lunch off the phones is adhering during that lunch.
//   Out-of-adherence seconds then never exceed it, so the floor at 0 is reached, never needed.
// - A non-work activity overrides `work` where they overlap: some WFM exports give a shift as one
//   `work` block with breaks laid on top, and those seconds are the break's, not both.
// - Overlapping or duplicated spans are merged (union), so a second is never counted twice.
// - Conformance counts every worked second in the period, also outside any schedule and during
//   non-work activities (overtime raises it); those seconds change adherence only when they fall
//   inside a non-work activity. Pause and logged-out time are simply "not working".
// All arithmetic is on integer milliseconds and converted to seconds once, at the end.

export const WORKING_STATES: ReadonlySet<string> = new Set(['available', 'talk', 'hold', 'wrap']);

export interface ScheduleSpan {
  readonly agent: string;
  readonly start: number;
  readonly end: number;
  readonly activity: string;
}

export interface StateSpan {
  readonly agent: string;
  readonly start: number;
  readonly end: number;
  readonly state: string;
}

export interface AdherenceSums {
  /** all scheduled seconds, work and non-work (the adherence denominator) */
  readonly scheduled_sec: number;
  readonly scheduled_work_sec: number;
  /** seconds in available/talk/hold/wrap, scheduled or not */
  readonly worked_sec: number;
  /** scheduled `work` seconds not spent in a working state */
  readonly missed_work_sec: number;
  /** working-state seconds inside a non-work activity */
  readonly worked_in_nonwork_sec: number;
  readonly out_of_adherence_sec: number;
}

export interface AdherenceRates {
  readonly adherence: number | null;
  readonly conformance: number | null;
}

export interface AdherenceRow extends AdherenceSums, AdherenceRates {
  readonly agent: string;
  /** start (ms) of the bucket from `splitAt`, null when not split */
  readonly bucket_start: number | null;
}

/** The bucket [start, end) that contains `ms`; end must be after `ms`. */
export type SplitAt = (ms: number) => readonly [start: number, end: number];

type Span = readonly [number, number];

function union(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** a ∩ b for two sorted, disjoint lists. */
function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const [a0, a1] = a[i]!;
    const [b0, b1] = b[j]!;
    const lo = Math.max(a0, b0);
    const hi = Math.min(a1, b1);
    if (hi > lo) out.push([lo, hi]);
    if (a1 < b1) i++;
    else j++;
  }
  return out;
}

/** a \ b for two sorted, disjoint lists. */
function subtract(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [a0, a1] of a) {
    let lo = a0;
    while (j < b.length && b[j]![1] <= lo) j++;
    for (let k = j; k < b.length && b[k]![0] < a1; k++) {
      if (b[k]![0] > lo) out.push([lo, b[k]![0]]);
      lo = Math.max(lo, b[k]![1]);
    }
    if (a1 > lo) out.push([lo, a1]);
  }
  return out;
}

type Part = 'scheduled_work' | 'nonwork' | 'worked' | 'missed' | 'extra';
type Millis = Record<Part, number>;

/** Adds each span's length to its bucket, cutting spans at bucket boundaries. */
function addSplit(into: Map<number | null, Millis>, part: Part, spans: Span[], splitAt?: SplitAt): void {
  const bucket = (key: number | null): Millis => {
    let m = into.get(key);
    if (!m) into.set(key, (m = { scheduled_work: 0, nonwork: 0, worked: 0, missed: 0, extra: 0 }));
    return m;
  };
  for (const [a, b] of spans) {
    if (!splitAt) {
      bucket(null)[part] += b - a;
      continue;
    }
    for (let t = a; t < b;) {
      const [start, end] = splitAt(t);
      if (!(start <= t && end > t))
        throw new CallkpiError('internal', `splitAt(${t}) gave [${start}, ${end})`);
      const stop = Math.min(b, end);
      bucket(start)[part] += stop - t;
      t = stop;
    }
  }
}

export function adherenceRates(s: AdherenceSums): AdherenceRates {
  return {
    adherence: s.scheduled_sec > 0 ? Math.max(0, 1 - s.out_of_adherence_sec / s.scheduled_sec) : null,
    conformance: s.scheduled_work_sec > 0 ? s.worked_sec / s.scheduled_work_sec : null,
  };
}

/** Sums rows (agents of a team, days of a month) and re-divides, never averaging rates. */
export function rollUpAdherence(rows: readonly AdherenceSums[]): AdherenceSums & AdherenceRates {
  const keys = [
    'scheduled_sec',
    'scheduled_work_sec',
    'worked_sec',
    'missed_work_sec',
    'worked_in_nonwork_sec',
    'out_of_adherence_sec',
  ] as const;
  const s = Object.fromEntries(keys.map((k) => [k, rows.reduce((acc, r) => acc + r[k], 0)])) as Record<
    (typeof keys)[number],
    number
  >;
  return { ...s, ...adherenceRates(s) };
}

/** Per agent (and per bucket with `splitAt`), sorted by agent then bucket. */
export function adherenceOf(
  schedules: readonly ScheduleSpan[],
  states: readonly StateSpan[],
  opts: { splitAt?: SplitAt } = {},
): AdherenceRow[] {
  // Grouped once: filtering the whole list per agent is quadratic with hundreds of agents.
  const byAgent = <T extends { agent: string }>(list: readonly T[]): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const x of list) {
      const l = m.get(x.agent);
      if (l) l.push(x);
      else m.set(x.agent, [x]);
    }
    return m;
  };
  const schedulesOf = byAgent(schedules);
  const statesOf = byAgent(states);
  const agents = [...new Set([...schedulesOf.keys(), ...statesOf.keys()])].sort();
  const rows: AdherenceRow[] = [];
  for (const agent of agents) {
    const spans = <T extends { agent: string; start: number; end: number }>(
      list: readonly T[] | undefined,
      keep: (x: T) => boolean,
    ): Span[] => union((list ?? []).filter(keep).map((x) => [x.start, x.end] as const));
    const mine = schedulesOf.get(agent);
    const nonwork = spans(mine, (s) => s.activity !== 'work');
    const work = subtract(
      spans(mine, (s) => s.activity === 'work'),
      nonwork,
    );
    const worked = spans(statesOf.get(agent), (s) => WORKING_STATES.has(s.state));
    const byBucket = new Map<number | null, Millis>();
    const parts: [Part, Span[]][] = [
      ['scheduled_work', work],
      ['nonwork', nonwork],
      ['worked', worked],
      ['missed', subtract(work, worked)],
      ['extra', intersect(nonwork, worked)],
    ];
    for (const [part, list] of parts) addSplit(byBucket, part, list, opts.splitAt);
    const buckets = [...byBucket.keys()].sort((x, y) => (x ?? 0) - (y ?? 0));
    for (const key of buckets) {
      const m = byBucket.get(key)!;
      const sums: AdherenceSums = {
        scheduled_sec: (m.scheduled_work + m.nonwork) / 1000,
        scheduled_work_sec: m.scheduled_work / 1000,
        worked_sec: m.worked / 1000,
        missed_work_sec: m.missed / 1000,
        worked_in_nonwork_sec: m.extra / 1000,
        out_of_adherence_sec: (m.missed + m.extra) / 1000,
      };
      rows.push({ agent, bucket_start: key, ...sums, ...adherenceRates(sums) });
    }
  }
  return rows;
}

/** Local calendar days of `tz` as buckets (23 or 25 hours on DST days). */
export function localDays(tz: string): SplitAt {
  // Zone arithmetic is slow (Intl) and spans come in time order: reuse the last day found.
  let last: readonly [number, number] = [0, 0];
  return (ms) => {
    if (ms >= last[0] && ms < last[1]) return last;
    const day = zonedDate(ms, tz);
    last = [zonedMidnight(day, tz).getTime(), zonedMidnight(addDays(day, 1), tz).getTime()];
    return last;
  };
}

/** Schedules and working states overlapping [from, to), clipped to it, as adherence rows. */
export async function loadAdherence(
  store: Pick<DuckStore, 'all'>,
  opts: { from: Date; to: Date; agents?: readonly string[]; splitAt?: SplitAt },
): Promise<AdherenceRow[]> {
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  if (!(from <= to)) throw badInput(`adherence: from must not be after to`);
  if (from === to || opts.agents?.length === 0) return [];
  const params: string[] = [opts.to.toISOString(), opts.from.toISOString(), ...(opts.agents ?? [])];
  const agentFilter = opts.agents
    ? `AND agent IN (${opts.agents.map((_, i) => `$${i + 3}`).join(', ')})`
    : '';
  // One connection runs one statement at a time, so the two reads are sequential.
  const sched = await store.all<{ agent: string; a: Date; b: Date; activity: string }>(
    `SELECT agent, starts_at AS a, ends_at AS b, activity FROM schedules
     WHERE starts_at < $1 AND ends_at > $2 ${agentFilter}`,
    params,
  );
  const states = await store.all<{ agent: string; a: Date; b: Date; state: string }>(
    `SELECT agent, started_at AS a, ended_at AS b, state FROM agent_states
     WHERE started_at < $1 AND ended_at > $2 AND state IN ('available', 'talk', 'hold', 'wrap') ${agentFilter}`,
    params,
  );
  const clip = (r: { a: Date; b: Date }): { start: number; end: number } => ({
    start: Math.max(from, r.a.getTime()),
    end: Math.min(to, r.b.getTime()),
  });
  return adherenceOf(
    sched.map((r) => ({ agent: r.agent, activity: r.activity, ...clip(r) })),
    states.map((r) => ({ agent: r.agent, state: r.state, ...clip(r) })),
    { splitAt: opts.splitAt },
  );
}
