import type { Rng } from './prng.js';
import type { ListDef, World } from './world.js';

// The dialer's hopper: picks the next lead of a campaign across its loaded lists. Leads are re-dialed
// over days until they are finished (sale, DNC, dead number...) or reach the attempt cap, so distinct
// leads stay well below dials, as list penetration reports expect.

const DONE = 0x80;
const MAX_ATTEMPTS = 8;

interface ListState {
  def: ListDef;
  /** Next never-dialed lead index. */
  cursor: number;
  /** Per lead: attempts so far (low bits) and DONE. */
  leads: Uint8Array;
}

export interface LeadPick {
  list: ListDef;
  idx: number;
  attempt: number;
}

export class Hopper {
  private readonly byCampaign = new Map<string, ListState[]>();

  constructor(world: World) {
    for (const def of world.lists) {
      const states = this.byCampaign.get(def.campaign) ?? [];
      states.push({ def, cursor: 0, leads: new Uint8Array(def.leads) });
      this.byCampaign.set(def.campaign, states);
    }
  }

  next(rng: Rng, campaign: string, date: string): LeadPick | null {
    const states = (this.byCampaign.get(campaign) ?? []).filter((s) => s.def.loadedOn <= date);
    if (states.length === 0) return null;
    // A list is worked less as it is used up: fresh leads go first.
    const weights = states.map((s) => s.def.weight * (0.3 + 0.7 * (1 - s.cursor / s.def.leads)));
    const s = states[rng.weighted(weights)]!;
    if (s.cursor < s.def.leads && (s.cursor === 0 || rng.chance(0.55))) return this.take(s, s.cursor++);
    for (let tries = 0; tries < 4; tries++) {
      const idx = rng.int(0, s.cursor - 1);
      const v = s.leads[idx]!;
      if ((v & DONE) === 0 && v < MAX_ATTEMPTS) return this.take(s, idx);
    }
    return this.take(s, s.cursor < s.def.leads ? s.cursor++ : rng.int(0, s.def.leads - 1));
  }

  private take(s: ListState, idx: number): LeadPick {
    const v = s.leads[idx]!;
    const attempt = v & ~DONE;
    if (attempt < 0x7f) s.leads[idx] = v + 1;
    return { list: s.def, idx, attempt };
  }

  finish(list: ListDef, idx: number): void {
    const states = this.byCampaign.get(list.campaign) ?? [];
    const s = states.find((x) => x.def === list);
    if (s) s.leads[idx] = s.leads[idx]! | DONE;
  }
}

/** VICIdial-style numeric lead id. */
export const leadId = (list: ListDef, idx: number): string => String(1_000_000 + list.leadBase + idx);

/**
 * A fictional +1555 number for a lead or an inbound caller. The map n → n·7654321 + 1234567 (mod 10^7)
 * is a bijection (the factor is prime to 10), so distinct leads never share a number.
 */
export const phoneOf = (n: number): string =>
  '+1555' + String((n * 7_654_321 + 1_234_567) % 10_000_000).padStart(7, '0');

/** Inbound callers live above every lead number (lists stay below 9 M lead numbers). */
export const CALLER_BASE = 9_000_000;
