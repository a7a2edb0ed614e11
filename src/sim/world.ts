import { usageError } from '../errors.js';
import { buildRoster, type AgentDef } from './agents.js';
import { addDays, dayOfWeek, isValidTimeZone, parseDate, todayIn } from './calendar.js';
import { Rng } from './prng.js';
import type { SimOptions } from './types.js';

// The fixed facts of a simulated center: campaigns, lists, roster and the dated events inside the
// period. Everything here depends only on the options, so setup tables and the day-by-day stream
// agree without sharing state.

export interface CampaignDef {
  id: string;
  name: string;
  direction: 'outbound' | 'inbound';
  startedOn: string;
  dropGroup: string;
  /** Per dial: live person, answering machine, disconnected number (before list and hour multipliers). */
  human: number;
  machine: number;
  dc: number;
  /** Per connected live person: sale and transfer shares (before agent, list and script multipliers). */
  sale: number;
  xfer: number;
  saleMedian: number;
  /** Drop rate the adaptive dialer steers to (VICIdial adaptive_dropped_percentage). */
  dropTarget: number;
  talkMult: number;
}

export interface ListDef {
  id: string;
  campaign: string;
  name: string;
  loadedOn: string;
  leads: number;
  cost: number;
  contactMult: number;
  convMult: number;
  badMult: number;
  weight: number;
  /** Lead ids of this list are leadBase + 0 .. leads - 1 (disjoint across lists). */
  leadBase: number;
}

export interface World {
  seed: number;
  days: number;
  start: string;
  timezone: string;
  dates: string[];
  /** Day after the last simulated day. */
  end: string;
  callsPerDay: number | null;
  campaigns: CampaignDef[];
  outbound: CampaignDef[];
  lists: ListDef[];
  agents: AgentDef[];
  /** SOLAR's new opener raises its conversion from this day on. */
  scriptChange: { campaign: string; date: string; mult: number };
  /** Days DEBT's dial level was pushed too far: its drop rate climbs over 3 %. */
  hotDays: Set<string>;
  /** DEBT's money settings change at local midnight of this day. */
  financeChange: string;
  hireDate: string;
  hires: number;
}

const OUTBOUND: readonly Omit<CampaignDef, 'startedOn'>[] = [
  {
    id: 'SOLAR',
    name: 'Solar Savings Outreach',
    direction: 'outbound',
    dropGroup: 'EAST_FLOOR',
    human: 0.225,
    machine: 0.1,
    dc: 0.05,
    sale: 0.078,
    xfer: 0.03,
    saleMedian: 60,
    dropTarget: 0.02,
    talkMult: 1.15,
  },
  {
    id: 'INSURE',
    name: 'Final Expense Insurance',
    direction: 'outbound',
    dropGroup: 'EAST_FLOOR',
    human: 0.205,
    machine: 0.105,
    dc: 0.045,
    sale: 0.042,
    xfer: 0.055,
    saleMedian: 22,
    dropTarget: 0.017,
    talkMult: 1.0,
  },
  {
    id: 'DEBT',
    name: 'Debt Relief Qualifier',
    direction: 'outbound',
    dropGroup: '',
    human: 0.19,
    machine: 0.09,
    dc: 0.06,
    sale: 0.082,
    xfer: 0.02,
    saleMedian: 38,
    dropTarget: 0.026,
    talkMult: 0.95,
  },
];
// The queue's outcomes come from inbound.ts; of these fields it uses only saleMedian and talkMult.
const INBOUND: Omit<CampaignDef, 'startedOn'> = {
  id: 'SUPPORT',
  name: 'Customer Support',
  direction: 'inbound',
  dropGroup: '',
  human: 0,
  machine: 0,
  dc: 0,
  sale: 0,
  xfer: 0,
  saleMedian: 24,
  dropTarget: 0,
  talkMult: 1,
};
const STARTED_BEFORE: Readonly<Record<string, number>> = { SOLAR: 200, INSURE: 420, DEBT: 75, SUPPORT: 800 };

const LIST_KINDS = [
  { name: 'fresh web leads', contactMult: 1.25, convMult: 1.3, badMult: 0.6, price: 0.6, weight: 1.5 },
  { name: 'aged web leads', contactMult: 0.9, convMult: 0.85, badMult: 1.2, price: 0.1, weight: 1 },
  { name: 'purchased data', contactMult: 0.78, convMult: 0.7, badMult: 1.8, price: 0.01, weight: 1 },
  { name: 'referrals', contactMult: 1.35, convMult: 1.6, badMult: 0.5, price: 0.4, weight: 0.5 },
  { name: 'recycled customers', contactMult: 1.05, convMult: 1.0, badMult: 0.9, price: 0, weight: 0.8 },
] as const;
const LIST_NUMBER: Readonly<Record<string, number>> = { SOLAR: 1100, INSURE: 1200, DEBT: 1300 };
/** Lead ids per list stay below this, so phone numbers derived from ids never collide. */
const MAX_LIST_LEADS = 500_000;

const intOption = (name: string, v: number | undefined, dflt: number, min: number): number => {
  const n = v ?? dflt;
  if (!Number.isInteger(n) || n < min) throw usageError(`--${name} must be an integer >= ${min} (got ${n})`);
  return n;
};

export function buildWorld(opts: SimOptions): World {
  const seed = intOption('seed', opts.seed, 1, -2147483648);
  const days = intOption('days', opts.days, 60, 1);
  const agentCount = intOption('agents', opts.agents, 40, 1);
  const timezone = opts.timezone ?? 'America/New_York';
  if (!isValidTimeZone(timezone)) throw usageError(`unknown time zone "${timezone}"`);
  const start = opts.start ?? addDays(todayIn(timezone), -days);
  try {
    parseDate(start);
  } catch {
    throw usageError(`start must be a date YYYY-MM-DD (got "${start}")`);
  }
  const callsPerDay =
    opts.callsPerDay === undefined ? null : intOption('calls-per-day', opts.callsPerDay, 0, 0);
  const dates = Array.from({ length: days }, (_, i) => addDays(start, i));
  const dayAt = (share: number): string => addDays(start, Math.min(days - 1, Math.floor(days * share)));

  const campaigns: CampaignDef[] = [...OUTBOUND, INBOUND].map((c) => ({
    ...c,
    startedOn: addDays(start, -(STARTED_BEFORE[c.id] ?? 0)),
  }));
  const hires = agentCount >= 12 ? 3 : 0;
  const agents = buildRoster(seed, agentCount, start, {
    hires,
    hireDate: dayAt(0.4),
    leaver: agentCount >= 12 ? 5 : null,
    leaveDate: dayAt(0.7),
  });
  const rng = new Rng(seed, 'world');
  const hotDays = new Set(dates.filter((d) => dayOfWeek(d) !== 0 && rng.chance(0.15)));
  return {
    seed,
    days,
    start,
    timezone,
    dates,
    end: addDays(start, days),
    callsPerDay,
    campaigns,
    outbound: campaigns.filter((c) => c.direction === 'outbound'),
    lists: buildLists(rng, start, days, agents),
    agents,
    scriptChange: { campaign: 'SOLAR', date: dayAt(0.55), mult: 1.2 },
    hotDays,
    financeChange: dayAt(0.5),
    hireDate: dayAt(0.4),
    hires,
  };
}

function buildLists(rng: Rng, start: string, days: number, agents: AgentDef[]): ListDef[] {
  const lists: ListDef[] = [];
  for (const c of OUTBOUND) {
    const count = rng.int(2, 4);
    const kinds = [...LIST_KINDS];
    const seats = Math.max(1, agents.filter((a) => a.primary === c.id).length);
    // Roughly 700 dials per seat per working day and two dials per lead, with room to spare: lists are
    // bought ahead, so they end the period partly worked (list penetration below 100 %).
    const leadsNeeded = (seats * 700 * days * (5.4 / 7)) / 1.5;
    const chosen = Array.from({ length: count }, () => kinds.splice(rng.int(0, kinds.length - 1), 1)[0]!);
    const totalWeight = chosen.reduce((s, k) => s + k.weight, 0);
    chosen.forEach((kind, i) => {
      const midPeriod = i === count - 1 && (c.id === 'SOLAR' || rng.chance(0.5));
      const leads = Math.round((leadsNeeded * (kind.weight / totalWeight) * rng.range(0.9, 1.5)) / 100) * 100;
      const size = Math.min(MAX_LIST_LEADS, Math.max(1000, leads));
      const jitter = rng.range(0.92, 1.08);
      const number = (LIST_NUMBER[c.id] ?? 1000) + i + 1;
      lists.push({
        id: String(number),
        campaign: c.id,
        name: `${c.id} ${kind.name} ${i + 1}`,
        loadedOn: midPeriod ? addDays(start, Math.floor(days * 0.3)) : addDays(start, -rng.int(1, 20)),
        leads: size,
        cost: Math.round(size * kind.price * rng.range(0.8, 1.2) * 100) / 100,
        contactMult: kind.contactMult * jitter,
        convMult: kind.convMult * rng.range(0.92, 1.08),
        badMult: kind.badMult,
        weight: kind.weight * (midPeriod ? 1.6 : 1),
        leadBase: lists.length * MAX_LIST_LEADS,
      });
    });
  }
  return lists;
}
