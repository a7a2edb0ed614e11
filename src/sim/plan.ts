import type { AgentDef } from './agents.js';
import { dayOfWeek, isoUtc, localDayBase } from './calendar.js';
import { Rng } from './prng.js';
import type { Row } from './types.js';
import type { World } from './world.js';

// The workforce plan: who works which day, on which campaign, with which planned breaks. It is the
// source of the schedules table and the script the floor simulation follows (with the usual human
// deviations: late logins, long breaks, pauses taken after the current call).

export type PauseReason = 'break' | 'lunch' | 'training' | 'meeting';

export interface PlannedPause {
  at: number;
  dur: number;
  reason: PauseReason;
}

export interface Shift {
  agent: AgentDef;
  campaign: string;
  start: number;
  end: number;
  pauses: PlannedPause[];
}

export interface DayPlan {
  date: string;
  dayIdx: number;
  /** Epoch seconds of local midnight (see localDayBase). */
  base: number;
  dow: number;
  /** Dialing hours, epoch seconds. */
  open: number;
  close: number;
  shifts: Shift[];
}

const H = 3600;
const WEEKDAY_SHIFTS = [
  [8 * H, 16.5 * H],
  [9.75 * H, 18.25 * H],
  [11.5 * H, 20 * H],
] as const;
const SATURDAY_SHIFTS = [
  [9 * H, 15 * H],
  [10 * H, 16 * H],
  [11 * H, 17 * H],
] as const;
const OUTBOUND_IDS = ['SOLAR', 'INSURE', 'DEBT'];

export function planDay(world: World, dayIdx: number): DayPlan {
  const date = world.dates[dayIdx] ?? world.start;
  const dow = dayOfWeek(date);
  const base = localDayBase(date, world.timezone);
  const saturday = dow === 6;
  const plan: DayPlan = {
    date,
    dayIdx,
    base,
    dow,
    open: base + (saturday ? 9 : 8) * H,
    close: base + (saturday ? 17 : 20) * H,
    shifts: [],
  };
  if (dow === 0) return plan;
  const rng = new Rng(world.seed, 'plan', dayIdx);
  const week = Math.floor(dayIdx / 7);
  for (const agent of world.agents) {
    const employed = agent.hiredOn <= date && (agent.leftOn === null || date < agent.leftOn);
    const rostered = saturday ? (agent.idx + week) % 3 === 0 && rng.chance(0.9) : rng.chance(0.93);
    if (!employed || !rostered) continue;
    const others = OUTBOUND_IDS.filter((c) => c !== agent.primary);
    let campaign = agent.primary;
    if (agent.inbound ? rng.chance(0.1) : rng.chance(0.15))
      campaign = rng.pick(agent.inbound ? OUTBOUND_IDS : others);
    const [from, to] = (saturday ? SATURDAY_SHIFTS : WEEKDAY_SHIFTS)[agent.shift] ?? WEEKDAY_SHIFTS[0];
    const start = base + from;
    // Staggered breaks keep the whole team from pausing at once.
    const at = (hours: number): number => start + hours * H + (agent.idx % 4) * 600;
    const pauses: PlannedPause[] = [];
    if (saturday) {
      pauses.push({ at: at(2), dur: 900, reason: 'break' }, { at: at(3.5), dur: 1800, reason: 'lunch' });
    } else {
      if (dow === 3) pauses.push({ at: at(1), dur: 900, reason: 'meeting' });
      pauses.push({ at: at(2), dur: 900, reason: 'break' }, { at: at(4), dur: 1800, reason: 'lunch' });
      if (rng.chance(0.08)) pauses.push({ at: at(5.25), dur: 2700, reason: 'training' });
      pauses.push({ at: at(6.5), dur: 900, reason: 'break' });
    }
    plan.shifts.push({ agent, campaign, start, end: base + to, pauses });
  }
  return plan;
}

/** Schedule rows of a plan: `work` between the planned pauses. */
export function scheduleRows(plan: DayPlan): Row[] {
  const rows: Row[] = [];
  const push = (agent: string, from: number, to: number, activity: string): void => {
    if (to > from) rows.push({ agent, starts_at: isoUtc(from), ends_at: isoUtc(to), activity });
  };
  for (const s of plan.shifts) {
    let t = s.start;
    for (const p of s.pauses) {
      push(s.agent.id, t, p.at, 'work');
      push(s.agent.id, p.at, p.at + p.dur, p.reason);
      t = p.at + p.dur;
    }
    push(s.agent.id, t, s.end, 'work');
  }
  return rows;
}
