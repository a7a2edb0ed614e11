import type { AgentDef } from './agents.js';
import { addDays, dayOfWeek, isoUtc, localDayBase } from './calendar.js';
import type { FloorCarry, HandledCall } from './floor.js';
import type { DayPlan } from './plan.js';
import { Rng, clamp } from './prng.js';
import type { Row } from './types.js';
import type { World } from './world.js';

// The records around the calls: tickets worked by the support team, survey answers tied to calls and
// tickets, agents' own satisfaction, and QA evaluations of handled calls. Ids embed the date, so they
// are unique across days without a counter carried over.

export interface DayExtras {
  tickets: Row[];
  surveys: Row[];
  qa: Row[];
}

const CHANNELS = ['email', 'chat', 'voice', 'social'] as const;
const CHANNEL_WEIGHTS = [45, 30, 15, 10];
const EVALUATORS = ['qa_renee', 'qa_victor', 'sup_hollis'];
const CRITERIA: readonly (readonly [criterion: string, weight: number, max: number])[] = [
  ['greeting', 1, 5],
  ['verification', 2, 5],
  ['needs_discovery', 2, 5],
  ['product_knowledge', 2, 5],
  ['compliance_disclosure', 3, 1],
  ['closing', 1, 5],
];
// Score distributions (weights of 1..5 and of 0..10).
const CSAT_HAPPY = [3, 4, 10, 33, 50];
const CSAT_UNHAPPY = [15, 15, 25, 25, 20];
const NPS_HAPPY = [1, 0, 1, 1, 2, 3, 4, 8, 16, 26, 38];
const NPS_UNHAPPY = [6, 4, 6, 8, 9, 12, 12, 14, 12, 9, 8];
const ESAT = [5, 10, 25, 35, 25];

export function dayExtras(world: World, plan: DayPlan, handled: HandledCall[], carry: FloorCarry): DayExtras {
  const day = new ExtrasDay(world, plan, carry);
  day.callSurveys(handled);
  const support = plan.shifts.filter((s) => s.campaign === 'SUPPORT').map((s) => s.agent);
  const fallback = world.agents.filter((a) => a.inbound && a.hiredOn <= plan.date);
  const working = plan.shifts.map((s) => s.agent);
  const responders = support.length ? support : fallback.length ? fallback : working;
  const tickets = responders.length ? day.tickets(responders) : [];
  if (plan.dow === 5) day.esat();
  return { tickets, surveys: day.surveys, qa: day.qa(handled, working) };
}

class ExtrasDay {
  readonly surveys: Row[] = [];
  private readonly rng: Rng;
  private readonly stamp: string;
  /** Nothing is dated at or after the end of the simulated period. */
  private readonly endEpoch: number;
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly plan: DayPlan,
    private readonly carry: FloorCarry,
  ) {
    this.rng = new Rng(world.seed, 'extras', plan.dayIdx);
    this.stamp = plan.date.replaceAll('-', '');
    this.endEpoch = localDayBase(world.end, world.timezone);
  }

  private id(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${this.stamp}-${String(n).padStart(4, '0')}`;
  }

  private survey(kind: string, score: number, at: number, agent: string, callId = '', ticketId = ''): void {
    if (at >= this.endEpoch) return;
    this.surveys.push({
      survey_id: this.id('SV'),
      kind,
      score: String(score),
      scale_max: kind === 'nps' ? '10' : '5',
      responded_at: isoUtc(at),
      agent,
      call_id: callId,
      ticket_id: ticketId,
    });
  }

  /** Post-call surveys: the happier the outcome, the better the score. */
  callSurveys(handled: HandledCall[]): void {
    const rng = this.rng;
    for (const c of handled) {
      const happy = c.inbound ? c.resolved : c.status === 'SALE';
      if (c.inbound && rng.chance(0.12)) {
        const w = happy ? CSAT_HAPPY : CSAT_UNHAPPY;
        this.survey('csat', rng.weighted(w) + 1, c.end + rng.int(60, 3600), c.agent.id, c.id);
      } else if (c.inbound && rng.chance(0.05)) {
        const w = happy ? NPS_HAPPY : NPS_UNHAPPY;
        this.survey('nps', rng.weighted(w), c.end + rng.int(300, 86400), c.agent.id, c.id);
      } else if (c.status === 'SALE' && rng.chance(0.1)) {
        this.survey('csat', rng.weighted(CSAT_HAPPY) + 1, c.end + rng.int(600, 7200), c.agent.id, c.id);
      }
    }
  }

  /** Agents' own satisfaction, asked at the end of the week. */
  esat(): void {
    for (const s of this.plan.shifts) {
      if (this.rng.chance(0.6)) this.survey('esat', this.rng.weighted(ESAT) + 1, s.end - 600, s.agent.id);
    }
  }

  /** Next opening (08:00 local) at or after t, skipping Sunday. */
  private nextOpen(t: number): number {
    for (let d = 0; d < 9; d++) {
      const date = addDays(this.plan.date, d);
      const base = localDayBase(date, this.world.timezone);
      if (dayOfWeek(date) === 0) continue;
      if (t < base + 8 * 3600) return base + 8 * 3600;
      if (t < base + 20 * 3600) return t;
    }
    return t;
  }

  tickets(responders: AgentDef[]): Row[] {
    const { rng, plan, carry } = this;
    const volume = this.world.agents.length * 2.5 * (plan.dow === 0 ? 0.4 : plan.dow === 6 ? 0.6 : 1);
    const count = rng.poisson(volume);
    // Chat and voice come in while the floor is open; email and social around the clock, denser by day.
    const arrivals: { created: number; channel: (typeof CHANNELS)[number] }[] = [];
    for (let i = 0; i < count; i++) {
      const channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS)] ?? 'email';
      const live = channel === 'chat' || channel === 'voice';
      if (live && plan.shifts.length === 0) continue;
      const created = live
        ? rng.int(plan.open, plan.close - 1)
        : plan.base + (rng.chance(0.75) ? rng.int(7 * 3600, 21 * 3600) : rng.int(0, 86399));
      arrivals.push({ created, channel });
    }
    arrivals.sort((a, b) => a.created - b.created);
    const rows: Row[] = [];
    for (const { created, channel } of arrivals) {
      const live = channel === 'chat' || channel === 'voice';
      const agent = rng.pick(responders);
      const caller = rng.chance(0.25)
        ? (carry.callers.someone(rng) ?? carry.callers.caller(rng))
        : carry.callers.caller(rng);
      let first: number;
      let resolved: number | null;
      if (live) {
        const delay =
          channel === 'voice' ? rng.int(0, 30) : Math.round(clamp(rng.lognormal(60, 0.8), 10, 900));
        first = created + delay;
        resolved = rng.chance(channel === 'chat' ? 0.7 : 0.6)
          ? first + Math.round(rng.lognormal(480, 0.6))
          : this.nextOpen(first + Math.round(rng.exp(86400)));
      } else {
        first = this.nextOpen(created + Math.round(rng.lognormal(3 * 3600, 0.8)));
        resolved = rng.chance(0.9) ? this.nextOpen(first + Math.round(rng.exp(20 * 3600))) : null;
      }
      // What happens after the period is not known yet: those tickets are still open or pending.
      const responded = first < this.endEpoch;
      if (resolved !== null && (resolved >= this.endEpoch || !responded)) resolved = null;
      const reopened = resolved !== null && rng.chance(0.07) ? (rng.chance(0.15) ? 2 : 1) : 0;
      const contacts = 1 + reopened + (rng.chance(live ? 0.2 : 0.45) ? rng.int(1, 3) : 0);
      let status = responded ? 'pending' : 'open';
      if (resolved !== null) status = resolved + 3 * 86400 < this.endEpoch ? 'closed' : 'resolved';
      const ticketId = this.id('TK');
      rows.push({
        ticket_id: ticketId,
        created_at: isoUtc(created),
        channel,
        agent: responded ? agent.id : '',
        customer: caller.customer,
        topic: caller.topic,
        first_response_at: responded ? isoUtc(first) : '',
        resolved_at: resolved === null ? '' : isoUtc(resolved),
        status,
        reopened: String(reopened),
        contacts: String(contacts),
      });
      if (resolved !== null && rng.chance(0.15)) {
        const w = reopened || contacts > 2 ? CSAT_UNHAPPY : CSAT_HAPPY;
        this.survey('csat', rng.weighted(w) + 1, resolved + rng.int(600, 86400), agent.id, '', ticketId);
      }
    }
    return rows;
  }

  /** About a third of the agents working get one call evaluated; skill shows in the scores. */
  qa(handled: HandledCall[], working: AgentDef[]): Row[] {
    const rng = this.rng;
    const rows: Row[] = [];
    const byAgent = new Map<string, HandledCall[]>();
    for (const c of handled) {
      if (c.status === 'A' || c.end - c.start < 60) continue;
      const list = byAgent.get(c.agent.id) ?? [];
      list.push(c);
      byAgent.set(c.agent.id, list);
    }
    for (const agent of working) {
      const calls = byAgent.get(agent.id);
      if (!calls || !rng.chance(0.3)) continue;
      const call = rng.pick(calls);
      const evaluation = this.id('QA');
      const at = isoUtc(call.end + rng.int(1800, 4 * 3600));
      const evaluator = rng.pick(EVALUATORS);
      const quality = clamp(0.78 + (agent.conv - 1) * 0.25 + rng.normal() * 0.1, 0.2, 1);
      for (const [criterion, weight, max] of CRITERIA) {
        const pass = rng.chance(0.75 + quality * 0.22) ? 1 : 0;
        const score = max === 1 ? pass : clamp(Math.round(quality * 5 + rng.normal() * 0.7), 1, 5);
        rows.push({
          evaluation_id: evaluation,
          criterion,
          call_id: call.id,
          agent: agent.id,
          evaluated_at: at,
          evaluator,
          weight: String(weight),
          score: String(score),
          max_score: String(max),
        });
      }
    }
    return rows;
  }
}
