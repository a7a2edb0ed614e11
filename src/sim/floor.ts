import type { AgentDef } from './agents.js';
import { isoUtc } from './calendar.js';
import { EventQueue } from './heap.js';
import { CallerPool, QUEUE_TIMEOUT, arrivals, inboundOutcome, patience } from './inbound.js';
import { Hopper, leadId, phoneOf } from './leads.js';
import {
  DIAL,
  agentStatus,
  autoStatus,
  dialOutcome,
  handleTimes,
  ringSec,
  saleAmount,
  type DialOutcome,
} from './outbound.js';
import type { DayPlan, PlannedPause, Shift } from './plan.js';
import { Rng, clamp } from './prng.js';
import { int, money } from './rows.js';
import type { Row } from './types.js';
import type { CampaignDef, ListDef, World } from './world.js';

// One local day of the floor as a discrete-event simulation: agents log in, take calls, pause and
// log out; a predictive dialer per outbound campaign keeps lines ringing for the agents about to be
// free; answered calls that find no free agent within a few seconds are dropped; inbound callers
// queue, wait and sometimes give up. Agent states are written from the same clock as the calls, so
// every handled call sits inside its agent's talk/hold/wrap intervals and no agent overlaps itself.

const EV = {
  LOGIN: 0,
  PAUSE_END: 1,
  BREAK_DUE: 2,
  SHIFT_END: 3,
  AGENT_FREE: 4,
  TICK: 5,
  RING_END: 6,
  ANSWER: 7,
  DROP_DUE: 8,
  ARRIVAL: 9,
  ABANDON: 10,
} as const;
type EvKind = (typeof EV)[keyof typeof EV];

const MODE = { OFF: 0, AVAIL: 1, BUSY: 2, PAUSE: 3, DONE: 4 } as const;
type Mode = (typeof MODE)[keyof typeof MODE];

const TICK_SEC = 2;

interface Call {
  seq: number;
  t0: number;
  camp: CampRun;
  outcome: DialOutcome;
  ring: number;
  answerAt: number;
  waiting: boolean;
  list: ListDef | null;
  leadIdx: number;
  customer: string;
  topic: string;
  patience: number;
}

interface Ev {
  t: number;
  seq: number;
  kind: EvKind;
  agent: AgentRun | undefined;
  call: Call | undefined;
  camp: CampRun | undefined;
  pause: PlannedPause | undefined;
}

class AgentRun {
  mode: Mode = MODE.OFF;
  since = 0;
  reason = '';
  pauseCampaign = '';
  freeAt = 0;
  logoutDue = false;
  readonly due: PlannedPause[] = [];
  constructor(
    readonly def: AgentDef,
    readonly shift: Shift,
    readonly camp: CampRun,
  ) {}
}

class CampRun {
  readonly agents: AgentRun[] = [];
  inflight = 0;
  est: number;
  aggr = 0.3;
  private readonly queue: Call[] = [];
  private head = 0;
  waitingCount = 0;

  constructor(
    readonly def: CampaignDef,
    readonly dropTarget: number,
  ) {
    this.est = def.human + def.machine * 0.25;
  }

  /**
   * Adaptive pacing, as VICIdial's adaptive dial methods do against adaptive_dropped_percentage: each
   * drop slows the dialer, each connected answer speeds it up a little; the steps balance exactly when
   * the drop rate equals the target.
   */
  paced(dropped: boolean): void {
    const t = this.dropTarget;
    this.aggr = clamp(this.aggr * (dropped ? 0.94 : 1 + (0.06 * t) / (1 - t)), 0.05, 3);
  }

  /** The agent idle longest (VICIdial's default next-agent rule). */
  freeAgent(): AgentRun | null {
    let best: AgentRun | null = null;
    for (const a of this.agents) if (a.mode === MODE.AVAIL && (!best || a.since < best.since)) best = a;
    return best;
  }

  enqueue(c: Call): void {
    c.waiting = true;
    this.queue.push(c);
    this.waitingCount++;
  }

  dequeue(): Call | null {
    while (this.head < this.queue.length) {
      const c = this.queue[this.head++]!;
      if (c.waiting) {
        this.leave(c);
        return c;
      }
    }
    return null;
  }

  leave(c: Call): void {
    c.waiting = false;
    this.waitingCount--;
  }
}

export interface HandledCall {
  id: string;
  agent: AgentDef;
  campaign: string;
  inbound: boolean;
  status: string;
  start: number;
  end: number;
  customer: string;
  topic: string;
  resolved: boolean;
}

export interface FloorDay {
  calls: Row[];
  agentStates: Row[];
  handled: HandledCall[];
}

/** What carries over from one day to the next: lead attempts, repeat callers, call numbering. */
export class FloorCarry {
  readonly hopper: Hopper;
  readonly callers = new CallerPool();
  /** Each campaign's dial level at the end of the last day: the dialer resumes where it stopped. */
  readonly dialLevel = new Map<string, number>();
  nextCall = 1;
  constructor(world: World) {
    this.hopper = new Hopper(world);
  }
}

export function simulateFloor(world: World, plan: DayPlan, carry: FloorCarry): FloorDay {
  return new DayFloor(world, plan, carry).run();
}

class DayFloor {
  private readonly rng: Rng;
  private readonly q = new EventQueue<Ev>();
  private seq = 0;
  private readonly camps = new Map<string, CampRun>();
  private readonly calls: { t: number; seq: number; row: Row }[] = [];
  private readonly states: { t: number; idx: number; row: Row }[] = [];
  private readonly handled: HandledCall[] = [];
  private readonly scriptMult: number;

  constructor(
    private readonly world: World,
    private readonly plan: DayPlan,
    private readonly carry: FloorCarry,
  ) {
    this.rng = new Rng(world.seed, 'floor', plan.dayIdx);
    const rng = this.rng;
    const sc = world.scriptChange;
    this.scriptMult = plan.date >= sc.date ? sc.mult : 1;
    for (const c of world.campaigns) {
      const hot = c.id === 'DEBT' && world.hotDays.has(plan.date);
      const camp = new CampRun(c, hot ? 0.045 : c.dropTarget * rng.range(0.8, 1.2));
      camp.aggr = carry.dialLevel.get(c.id) ?? camp.aggr;
      this.camps.set(c.id, camp);
    }
    for (const s of plan.shifts) {
      const camp = this.camps.get(s.campaign);
      if (!camp) continue;
      const a = new AgentRun(s.agent, s, camp);
      camp.agents.push(a);
      const x = rng.next();
      const late = x < 0.75 ? rng.int(-240, 120) : x < 0.95 ? rng.int(120, 600) : rng.int(600, 1500);
      this.at(s.start + late, EV.LOGIN, { agent: a });
      for (const p of s.pauses) this.at(p.at, EV.BREAK_DUE, { agent: a, pause: p });
      this.at(rng.chance(0.03) ? s.end - rng.int(1800, 3600) : s.end, EV.SHIFT_END, { agent: a });
    }
    for (const camp of this.camps.values()) {
      if (camp.def.direction === 'outbound' && camp.agents.length) this.at(plan.open, EV.TICK, { camp });
    }
    const support = this.camps.get('SUPPORT');
    for (const arr of support ? arrivals(rng, plan) : []) {
      const call = this.newCall(arr.t, support!, DIAL.HUMAN, 0);
      call.patience = arr.afterHours ? -1 : patience(rng);
      this.at(arr.t, EV.ARRIVAL, { call });
    }
  }

  run(): FloorDay {
    for (let e = this.q.pop(); e; e = this.q.pop()) this.dispatch(e);
    for (const c of this.camps.values()) if (c.agents.length) this.carry.dialLevel.set(c.def.id, c.aggr);
    this.calls.sort((a, b) => a.t - b.t || a.seq - b.seq);
    this.states.sort((a, b) => a.t - b.t || a.idx - b.idx);
    return {
      calls: this.calls.map((c) => c.row),
      agentStates: this.states.map((s) => s.row),
      handled: this.handled,
    };
  }

  private at(t: number, kind: EvKind, data: Partial<Pick<Ev, 'agent' | 'call' | 'camp' | 'pause'>>): void {
    // Every event has all fields, so they share one hidden class.
    this.q.push({
      t,
      seq: this.seq++,
      kind,
      agent: data.agent,
      call: data.call,
      camp: data.camp,
      pause: data.pause,
    });
  }

  private dispatch(e: Ev): void {
    const { t, agent: a, call, camp } = e;
    switch (e.kind) {
      case EV.LOGIN:
        this.startPause(a!, t, 'LOGIN', this.rng.int(30, 240), '');
        break;
      case EV.PAUSE_END:
        this.state(a!, a!.since, t, 'pause', a!.reason, a!.pauseCampaign);
        this.becomeFree(a!, t, false);
        break;
      case EV.BREAK_DUE:
        if (a!.mode === MODE.AVAIL) {
          this.state(a!, a!.since, t, 'available');
          this.startPause(a!, t, e.pause!.reason, e.pause!.dur);
        } else if (a!.mode !== MODE.DONE) a!.due.push(e.pause!);
        break;
      case EV.SHIFT_END:
        if (a!.mode === MODE.AVAIL) {
          this.state(a!, a!.since, t, 'available');
          this.logout(a!, t);
        } else a!.logoutDue = true;
        break;
      case EV.AGENT_FREE:
        this.becomeFree(a!, t, true);
        break;
      case EV.TICK:
        this.tick(camp!, t);
        break;
      case EV.RING_END:
        call!.camp.inflight--;
        call!.camp.est += 0.01 * (0 - call!.camp.est);
        this.finishUnanswered(call!);
        break;
      case EV.ANSWER:
        this.answer(call!, t);
        break;
      case EV.DROP_DUE:
      case EV.ABANDON:
        if (call!.waiting) this.giveUp(call!, t);
        break;
      case EV.ARRIVAL:
        this.arrive(call!, t);
        break;
    }
  }

  // --- agents ---------------------------------------------------------------------------------

  private state(
    a: AgentRun,
    from: number,
    to: number,
    state: string,
    reason = '',
    campaign = a.camp.def.id,
  ): void {
    if (to <= from) return;
    const row = {
      agent: a.def.id,
      started_at: isoUtc(from),
      ended_at: isoUtc(to),
      duration_sec: int(to - from),
      state,
      reason,
      campaign,
    };
    this.states.push({ t: from, idx: a.def.idx, row });
  }

  private startPause(a: AgentRun, t: number, reason: string, planned: number, campaign?: string): void {
    const stretch =
      reason === 'LOGIN' || reason === 'bathroom' ? 1 : clamp(this.rng.lognormal(1.04, 0.1), 0.85, 1.5);
    a.mode = MODE.PAUSE;
    a.since = t;
    a.reason = reason;
    // Pause codes entered from the login screen or between campaigns carry no campaign.
    a.pauseCampaign = campaign ?? (this.rng.chance(0.25) ? '' : a.camp.def.id);
    this.at(t + Math.max(1, Math.round(planned * stretch)), EV.PAUSE_END, { agent: a });
  }

  private becomeFree(a: AgentRun, t: number, afterCall: boolean): void {
    if (a.logoutDue || t >= a.shift.end) return this.logout(a, t);
    const due = a.due.shift();
    if (due) return this.startPause(a, t, due.reason, due.dur);
    if (afterCall && this.rng.chance(0.006)) return this.startPause(a, t, 'bathroom', this.rng.int(150, 420));
    const waiting = a.camp.dequeue();
    if (waiting) return this.connect(waiting, a, t);
    a.mode = MODE.AVAIL;
    a.since = t;
  }

  private logout(a: AgentRun, t: number): void {
    this.state(a, t, t + this.rng.int(3, 40), 'pause', 'LOGOUT');
    a.mode = MODE.DONE;
  }

  // --- calls ----------------------------------------------------------------------------------

  private newCall(t: number, camp: CampRun, outcome: DialOutcome, ring: number): Call {
    return {
      seq: this.carry.nextCall++,
      t0: t,
      camp,
      outcome,
      ring,
      answerAt: t + ring,
      waiting: false,
      list: null,
      leadIdx: 0,
      customer: '',
      topic: '',
      patience: 0,
    };
  }

  private tick(camp: CampRun, t: number): void {
    if (t >= this.plan.close) return;
    this.at(t + TICK_SEC, EV.TICK, { camp });
    let active = 0;
    let free = 0;
    let soon = 0;
    for (const a of camp.agents) {
      if (a.mode === MODE.AVAIL) {
        active++;
        free++;
      } else if (a.mode === MODE.BUSY) {
        active++;
        if (a.freeAt - t <= 10 && !a.logoutDue && a.due.length === 0) soon++;
      }
    }
    if (active === 0) return;
    // Aim for as many answers in flight as agents free now or within seconds; the answer probability
    // is learned from recent dials, as an adaptive dialer does.
    const want = (free + 0.6 * soon) * camp.aggr - camp.waitingCount - camp.inflight * camp.est;
    if (want <= 0) return;
    // Fractional lines are dialed with that probability, so slow pacing is not rounded up to a line a tick.
    const exact = want / camp.est;
    const lines = Math.min(
      Math.floor(exact) + (this.rng.next() < exact % 1 ? 1 : 0),
      active * 6 - camp.inflight,
    );
    for (let i = 0; i < lines; i++) this.dial(camp, t);
  }

  private dial(camp: CampRun, t: number): void {
    const pick = this.carry.hopper.next(this.rng, camp.def.id, this.plan.date);
    if (!pick) return;
    const hour = Math.floor((t - this.plan.base) / 3600);
    const outcome = dialOutcome(this.rng, camp.def, pick.list, hour, pick.attempt);
    const call = this.newCall(t, camp, outcome, ringSec(this.rng, outcome));
    call.list = pick.list;
    call.leadIdx = pick.idx;
    call.customer = phoneOf(pick.list.leadBase + pick.idx);
    camp.inflight++;
    const connects = outcome === DIAL.HUMAN || outcome === DIAL.MACHINE_AGENT;
    this.at(call.answerAt, connects ? EV.ANSWER : EV.RING_END, { call });
  }

  private answer(call: Call, t: number): void {
    const camp = call.camp;
    camp.inflight--;
    camp.est += 0.01 * (1 - camp.est);
    const agent = camp.freeAgent();
    if (agent) return this.connect(call, agent, t);
    camp.enqueue(call);
    // VICIdial drops an answered call after drop_call_seconds (5) without an agent; some hang up sooner.
    this.at(t + (this.rng.chance(0.55) ? 5 : this.rng.int(1, 4)), EV.DROP_DUE, { call });
  }

  private arrive(call: Call, t: number): void {
    const camp = call.camp;
    const caller = this.carry.callers.caller(this.rng);
    call.customer = caller.customer;
    call.topic = caller.topic;
    const loggedIn = camp.agents.some((a) => a.mode !== MODE.OFF && a.mode !== MODE.DONE);
    if (call.patience < 0 || !loggedIn) {
      this.emit(call, { status: call.patience < 0 ? 'AFTHRS' : 'NANQUE', wait_sec: '0' });
      return;
    }
    const agent = camp.freeAgent();
    if (agent) return this.connect(call, agent, t);
    camp.enqueue(call);
    this.at(t + Math.min(call.patience, QUEUE_TIMEOUT), EV.ABANDON, { call });
  }

  private giveUp(call: Call, t: number): void {
    call.camp.leave(call);
    const inbound = call.camp.def.direction === 'inbound';
    if (!inbound) call.camp.paced(true);
    let status = 'DROP';
    if (inbound && call.patience >= QUEUE_TIMEOUT) status = this.rng.chance(0.3) ? 'QVMAIL' : 'TIMEOT';
    this.emit(call, { status, wait_sec: int(t - call.answerAt) });
  }

  private connect(call: Call, a: AgentRun, t: number): void {
    const rng = this.rng;
    const inbound = call.camp.def.direction === 'inbound';
    let start = t;
    if (a.mode === MODE.AVAIL) {
      // The line needs a moment to bridge (inbound: the agent's phone rings) before talk starts.
      start = t + (t === call.answerAt ? (inbound ? rng.int(2, 7) : rng.int(0, 1)) : 0);
      this.state(a, a.since, start, 'available');
    }
    call.waiting = false;
    // Only live answers count: the drop rate's denominator is human answers, not machines.
    if (call.outcome === DIAL.HUMAN && !inbound) call.camp.paced(false);
    const def = call.camp.def;
    let status = 'A';
    let resolved = '';
    if (inbound) {
      const out = inboundOutcome(rng, call.topic, a.def);
      status = out.status;
      resolved = out.resolved ? 'Y' : 'N';
    } else if (call.outcome === DIAL.HUMAN) {
      status = agentStatus(
        rng,
        def,
        call.list!,
        a.def,
        def.id === this.world.scriptChange.campaign ? this.scriptMult : 1,
      );
    }
    const { talk, hold, wrap } = handleTimes(rng, status, def.talkMult, a.def, inbound);
    let tt = start;
    if (hold > 0) {
      const first = Math.round(talk * rng.range(0.3, 0.7));
      this.state(a, tt, (tt += first), 'talk');
      this.state(a, tt, (tt += hold), 'hold');
      this.state(a, tt, (tt += talk - first), 'talk');
    } else this.state(a, tt, (tt += talk), 'talk');
    this.state(a, tt, (tt += wrap), 'wrap');
    a.mode = MODE.BUSY;
    a.freeAt = tt;
    this.at(tt, EV.AGENT_FREE, { agent: a });

    const win = status === 'SALE';
    const upsell = win && rng.chance(0.1) ? money(rng.int(5, 30)) : '';
    const amount = win && rng.chance(0.9) ? money(saleAmount(rng, def.saleMedian)) : '';
    if (inbound)
      this.carry.callers.remember({ customer: call.customer, topic: call.topic }, resolved === 'Y', rng);
    const id = this.emit(call, {
      status,
      agent: a.def.id,
      wait_sec: int(start - call.answerAt),
      talk_sec: int(talk),
      hold_sec: int(hold),
      wrap_sec: int(wrap),
      amount,
      upsell_amount: upsell,
      resolved,
    });
    this.handled.push({
      id,
      agent: a.def,
      campaign: def.id,
      inbound,
      status,
      start,
      end: tt,
      customer: call.customer,
      topic: call.topic,
      resolved: resolved === 'Y',
    });
  }

  private finishUnanswered(call: Call): void {
    this.emit(call, { status: autoStatus(this.rng, call.outcome) });
  }

  /** Writes the call row; returns its id. */
  private emit(call: Call, f: CallOutcome): string {
    const inbound = call.camp.def.direction === 'inbound';
    const id = `${call.t0}.${call.seq}`;
    const list = call.list;
    if (list && leadFinished(f.status, this.rng)) this.carry.hopper.finish(list, call.leadIdx);
    // A literal in records.ts field order: one hidden class for every call row (see rows.ts).
    const row: Row = {
      call_id: id,
      started_at: isoUtc(call.t0),
      direction: inbound ? 'inbound' : 'outbound',
      campaign: call.camp.def.id,
      status: f.status,
      list: list ? list.id : '',
      lead: list ? leadId(list, call.leadIdx) : '',
      customer: call.customer,
      agent: f.agent ?? '',
      ring_sec: inbound ? '' : int(call.ring),
      wait_sec: f.wait_sec ?? '',
      talk_sec: f.talk_sec ?? '',
      hold_sec: f.hold_sec ?? '',
      wrap_sec: f.wrap_sec ?? '',
      amount: f.amount ?? '',
      resolved: f.resolved ?? '',
      topic: call.topic,
      upsell_amount: f.upsell_amount ?? '',
    };
    this.calls.push({ t: call.t0, seq: call.seq, row });
    return id;
  }
}

interface CallOutcome {
  status: string;
  agent?: string;
  wait_sec?: string;
  talk_sec?: string;
  hold_sec?: string;
  wrap_sec?: string;
  amount?: string;
  resolved?: string;
  upsell_amount?: string;
}

/** Whether a lead is finished after this status (it leaves the hopper for good). */
function leadFinished(status: string, rng: Rng): boolean {
  switch (status) {
    case 'SALE':
    case 'DNC':
    case 'XFER':
    case 'DC':
    case 'ADC':
    case 'AFAX':
      return true;
    case 'NI':
      return rng.chance(0.7);
    case 'DEC':
      return rng.chance(0.5);
    default:
      return false;
  }
}
