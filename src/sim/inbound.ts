import type { AgentDef } from './agents.js';
import { CALLER_BASE, phoneOf } from './leads.js';
import type { DayPlan } from './plan.js';
import { Rng } from './prng.js';

// The inbound support queue: Poisson arrivals with a daily curve, callers with limited patience, and
// what agents do with the calls they take. The volume is forecast from the planned staffing (as a
// workforce team would staff to the forecast), so the service level lands where real queues run.

export const TOPICS = ['billing', 'technical', 'order status', 'cancellation', 'account change'] as const;
const TOPIC_WEIGHTS = [30, 25, 20, 12, 13];
// Local hour 0-23: morning and early-afternoon peaks.
const SHAPE = [
  1, 1, 1, 1, 1, 1, 1, 1, 0.85, 1.05, 1.12, 1.08, 0.98, 1.05, 1.1, 1.02, 0.95, 0.9, 0.86, 0.82, 1, 1, 1, 1,
];
/** Handle time the workforce plan assumes, and the service level it staffs for (within 20 s). */
const PLANNED_AHT = 300;
const PLANNED_SL = 0.78;
const SL_SECONDS = 20;
/** Queue timeout: callers still waiting then are sent to TIMEOT (or leave a voicemail, QVMAIL). */
export const QUEUE_TIMEOUT = 360;

export interface Arrival {
  t: number;
  afterHours: boolean;
}

export function arrivals(rng: Rng, plan: DayPlan): Arrival[] {
  const out: Arrival[] = [];
  const staff = plan.shifts.filter((s) => s.campaign === 'SUPPORT');
  if (staff.length === 0) return out;
  const dayFactor = (plan.dow === 1 ? 1.08 : 1) * rng.range(0.93, 1.07);
  for (let h = plan.open; h < plan.close; h += 3600) {
    let staffed = 0;
    for (let q = 0; q < 4; q++) {
      const t = h + q * 900 + 450;
      for (const s of staff) {
        if (t < s.start || t >= s.end) continue;
        staffed += s.pauses.some((p) => t >= p.at && t < p.at + p.dur) ? 0 : 0.25;
      }
    }
    const hour = Math.round((h - plan.base) / 3600) % 24;
    const lambda = callsFor(staffed) * (SHAPE[hour] ?? 1) * dayFactor;
    const n = rng.poisson(lambda);
    for (let i = 0; i < n; i++) out.push({ t: h + rng.int(0, 3599), afterHours: false });
  }
  // A few callers ring just outside opening hours and meet the after-hours message.
  for (const from of [plan.open - 1800, plan.close]) {
    const n = rng.poisson(1.5);
    for (let i = 0; i < n; i++) out.push({ t: from + rng.int(0, 1799), afterHours: true });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** Service level of n agents under a traffic in erlangs (Erlang C, as in metrics.md). */
function serviceLevel(n: number, traffic: number): number {
  if (traffic >= n) return 0;
  let b = 1;
  for (let k = 1; k <= n; k++) b = (traffic * b) / (k + traffic * b);
  const pw = (n * b) / (n - traffic * (1 - b));
  return 1 - pw * Math.exp((-(n - traffic) * SL_SECONDS) / PLANNED_AHT);
}

/**
 * Calls per hour that `staffed` agents answer at the planned service level: the inverse of staffing
 * with Erlang C, so small teams (early, late, Saturday) get the lighter load they can carry.
 */
function callsFor(staffed: number): number {
  const perAgents = (n: number): number => {
    if (n <= 0) return 0;
    let lo = 0;
    let hi = n;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (serviceLevel(n, mid) >= PLANNED_SL) lo = mid;
      else hi = mid;
    }
    return (lo * 3600) / PLANNED_AHT;
  };
  const whole = Math.floor(staffed);
  const below = perAgents(whole);
  return below + (perAgents(whole + 1) - below) * (staffed - whole);
}

/** Seconds a caller is willing to wait: a few hang up at once, most wait minutes. */
export const patience = (rng: Rng): number =>
  rng.chance(0.04) ? rng.int(1, 4) : 8 + Math.round(rng.exp(260));

export interface Caller {
  customer: string;
  topic: string;
}

/**
 * Callers of the queue. Some call back about the same issue within days (an unresolved call makes
 * that likelier), which is what first-contact-resolution reports look for.
 */
export class CallerPool {
  private next = 0;
  private readonly recent: Caller[] = [];

  caller(rng: Rng): Caller {
    if (this.recent.length > 20 && rng.chance(0.14)) {
      const i = rng.int(0, this.recent.length - 1);
      const c = this.recent[i]!;
      this.recent.splice(i, 1);
      return c;
    }
    this.next = (this.next + 1) % 1_000_000;
    return {
      customer: phoneOf(CALLER_BASE + this.next),
      topic: TOPICS[rng.weighted(TOPIC_WEIGHTS)] ?? 'billing',
    };
  }

  /** Remember a contact that may bring the customer back. */
  remember(c: Caller, resolved: boolean, rng: Rng): void {
    if (!resolved || rng.chance(0.1)) this.recent.push(c);
    if (this.recent.length > 3000) this.recent.splice(0, this.recent.length - 3000);
  }

  /** Any recent customer, for tickets that follow up a call. */
  someone(rng: Rng): Caller | null {
    return this.recent.length ? rng.pick(this.recent) : null;
  }
}

export interface InboundOutcome {
  status: string;
  resolved: boolean;
}

export function inboundOutcome(rng: Rng, topic: string, agent: AgentDef): InboundOutcome {
  const x = rng.next();
  const saleShare = topic === 'cancellation' ? 0.2 : 0.05;
  if (x < saleShare * agent.conv) return { status: 'SALE', resolved: rng.chance(0.9) };
  const y = rng.next();
  const resolveShare = Math.min(0.85, 0.66 * agent.conv ** 0.3 * (topic === 'technical' ? 0.85 : 1));
  if (y < resolveShare) return { status: 'RESOLVED', resolved: rng.chance(0.97) };
  if (y < resolveShare + 0.1) return { status: 'XFER', resolved: rng.chance(0.3) };
  if (y < resolveShare + 0.2) return { status: 'CALLBK', resolved: false };
  return { status: 'NI', resolved: rng.chance(0.6) };
}
