import type { AgentDef } from './agents.js';
import { Rng, clamp } from './prng.js';
import type { CampaignDef, ListDef } from './world.js';

// What happens on one outbound dial, and what an agent does with a connected call. Rates follow what
// predictive-dialer floors report: about a third of dials answered, a third of those by machines,
// evenings better for live answers, business hours worse (people at work, machines pick up).

/** Outcome of the dial itself, known when the line stops ringing. */
export const DIAL = { NA: 0, BUSY: 1, DC: 2, FAX: 3, MACHINE_AUTO: 4, MACHINE_AGENT: 5, HUMAN: 6 } as const;
export type DialOutcome = (typeof DIAL)[keyof typeof DIAL];

// Local hour 0-23; only 08-20 are dialed.
const HUMAN_BY_HOUR = [
  1, 1, 1, 1, 1, 1, 1, 0.9, 0.88, 0.92, 0.88, 0.85, 0.9, 0.88, 0.85, 0.88, 0.95, 1.12, 1.28, 1.22, 1, 1, 1, 1,
];
const MACHINE_BY_HOUR = [
  1, 1, 1, 1, 1, 1, 1, 0.9, 0.9, 1.0, 1.1, 1.15, 1.1, 1.1, 1.15, 1.1, 1.0, 0.85, 0.8, 0.8, 1, 1, 1, 1,
];
const FAX = 0.006;
const BUSY = 0.05;

export function dialOutcome(
  rng: Rng,
  c: CampaignDef,
  list: ListDef,
  hour: number,
  attempt: number,
): DialOutcome {
  const x = rng.next();
  let p = c.human * list.contactMult * (HUMAN_BY_HOUR[hour] ?? 1) * (attempt > 0 ? 0.92 : 1);
  if (x < p) return DIAL.HUMAN;
  const machine = c.machine * (MACHINE_BY_HOUR[hour] ?? 1);
  // A quarter of machines slip past answering-machine detection and reach an agent, who marks them A.
  if (x < (p += machine * 0.25)) return DIAL.MACHINE_AGENT;
  if (x < (p += machine * 0.75)) return DIAL.MACHINE_AUTO;
  if (x < (p += FAX)) return DIAL.FAX;
  // Dead numbers are found on the first dial; a redial rarely hits one.
  if (x < (p += c.dc * list.badMult * (attempt > 0 ? 0.25 : 1))) return DIAL.DC;
  if (x < p + BUSY) return DIAL.BUSY;
  return DIAL.NA;
}

/** Ringing seconds before the line answered or the dialer gave up. */
export function ringSec(rng: Rng, o: DialOutcome): number {
  switch (o) {
    case DIAL.NA:
      return rng.int(18, 30);
    case DIAL.BUSY:
      return rng.int(1, 4);
    case DIAL.DC:
      return rng.int(1, 6);
    case DIAL.FAX:
      return rng.int(4, 12);
    default:
      return Math.round(clamp(rng.lognormal(9, 0.45), 3, 28));
  }
}

/** VICIdial status of a call that ended without reaching an agent. */
export function autoStatus(rng: Rng, o: DialOutcome): string {
  const x = rng.next();
  switch (o) {
    case DIAL.NA:
      return 'NA';
    case DIAL.BUSY:
      return x < 0.8 ? 'AB' : 'B';
    case DIAL.DC:
      return x < 0.75 ? 'ADC' : x < 0.95 ? 'DC' : 'ADCT';
    case DIAL.FAX:
      return 'AFAX';
    default:
      return x < 0.5 ? 'AA' : x < 0.75 ? 'AM' : 'AL';
  }
}

/** The agent's disposition of a connected live person. */
export function agentStatus(
  rng: Rng,
  c: CampaignDef,
  list: ListDef,
  agent: AgentDef,
  scriptMult: number,
): string {
  const x = rng.next();
  let p = c.sale * agent.conv * list.convMult * scriptMult;
  if (x < p) return 'SALE';
  if (x < (p += c.xfer * Math.sqrt(agent.conv) * list.convMult)) return 'XFER';
  if (x < (p += 0.1)) return 'NP';
  if (x < (p += 0.03)) return 'DNC';
  if (x < (p += 0.09)) return 'CALLBK';
  if (x < p + 0.11) return 'DEC';
  return 'NI';
}

// Median talk seconds by disposition (lognormal around them); long conversations are the pitched ones.
const TALK: Readonly<Record<string, readonly [median: number, sigma: number]>> = {
  A: [7, 0.35],
  NP: [20, 0.5],
  DNC: [28, 0.4],
  NI: [52, 0.6],
  DEC: [210, 0.5],
  CALLBK: [120, 0.5],
  XFER: [180, 0.4],
  SALE: [420, 0.4],
  RESOLVED: [230, 0.55],
};
const PITCHED = new Set(['DEC', 'CALLBK', 'XFER', 'SALE', 'RESOLVED']);

export interface HandleTimes {
  talk: number;
  hold: number;
  wrap: number;
}

export function handleTimes(
  rng: Rng,
  status: string,
  talkMult: number,
  agent: AgentDef,
  inbound: boolean,
): HandleTimes {
  const [median, sigma] = TALK[status] ?? [180, 0.5];
  const talk = Math.round(clamp(rng.lognormal(median * talkMult * agent.speed, sigma), 3, 3600));
  const holdChance = status === 'A' ? 0 : inbound ? 0.28 : PITCHED.has(status) ? 0.4 : 0.02;
  const hold = talk >= 30 && rng.chance(holdChance) ? Math.round(clamp(rng.lognormal(45, 0.6), 5, 600)) : 0;
  const wrapMedian = status === 'A' ? 5 : status === 'SALE' ? 40 : inbound ? 30 : 23;
  const wrap = Math.round(clamp(rng.lognormal(wrapMedian * agent.speed, 0.4), 3, 180));
  return { talk, hold, wrap };
}

/** Sale value: campaign-specific around its median, kept inside a plausible band of 0.4 to 3 medians. */
export const saleAmount = (rng: Rng, median: number): number =>
  Math.round(clamp(rng.lognormal(median, 0.35), median * 0.4, median * 3) * 100) / 100;
