import type { AgentDef } from './agents.js';
import { isoUtc, localDayBase } from './calendar.js';
import { TOPICS, inboundOutcome } from './inbound.js';
import { leadId, phoneOf, CALLER_BASE } from './leads.js';
import { DIAL, agentStatus, autoStatus, dialOutcome, handleTimes, saleAmount } from './outbound.js';
import { Rng } from './prng.js';
import { columnsOf, int, money } from './rows.js';
import type { Row } from './types.js';
import type { CampaignDef, ListDef, World } from './world.js';

// The benchmark generator (SimOptions.callsPerDay): exactly callsPerDay calls on every day, each
// drawn on its own from the same outcome, disposition and handle-time models as the floor, but
// without the floor's clock. It is fast (millions of rows per second as CSV text) because nothing is
// queued or matched; the price is that agents may overlap themselves and there are no agent states.

const CALL_COLUMNS = columnsOf('calls');
const CALL_FIELD_COUNT = CALL_COLUMNS.length;
// Share of the day's calls per opening hour 08..19 (evening dialing is heavier).
const HOUR_SHARE = [0.07, 0.085, 0.09, 0.085, 0.075, 0.08, 0.085, 0.085, 0.085, 0.09, 0.09, 0.08];
const INBOUND_SHARE = 0.07;
const DROP_SHARE = 0.022;
const CAMPAIGN_WEIGHTS = [0.4, 0.3, 0.3];
const BATCH = 8192;

interface CampaignPool {
  def: CampaignDef;
  lists: ListDef[];
  listWeights: number[];
  agents: AgentDef[];
}

/** Column positions in a calls row. */
const at = (name: string): number => CALL_COLUMNS.indexOf(name);
const F = {
  id: at('call_id'),
  started: at('started_at'),
  direction: at('direction'),
  campaign: at('campaign'),
  status: at('status'),
  list: at('list'),
  lead: at('lead'),
  customer: at('customer'),
  agent: at('agent'),
  ring: at('ring_sec'),
  wait: at('wait_sec'),
  talk: at('talk_sec'),
  hold: at('hold_sec'),
  wrap: at('wrap_sec'),
  amount: at('amount'),
  resolved: at('resolved'),
  topic: at('topic'),
  upsell: at('upsell_amount'),
};

/** Fields not every call sets, cleared before each call (Array.fill is far slower here). */
const OPTIONAL = [
  F.list,
  F.lead,
  F.agent,
  F.ring,
  F.wait,
  F.talk,
  F.hold,
  F.wrap,
  F.amount,
  F.resolved,
  F.topic,
  F.upsell,
];

export class FastCalls {
  private seq = 1;
  private sinceYield = 0;
  // Packed (not holey) so join and indexed stores stay on V8's fast paths.
  private readonly v: string[] = Array.from({ length: CALL_FIELD_COUNT }, () => '');

  constructor(private readonly world: World) {}

  /**
   * Generates one day: `sink` receives each call's values in calls column order (the array is reused).
   * It pauses (yields) every BATCH calls so a writer can wait for the disk without holding the day.
   */
  *day(dayIdx: number, sink: (values: string[]) => void): Generator<void> {
    const world = this.world;
    const date = world.dates[dayIdx] ?? world.start;
    const rng = new Rng(world.seed, 'fast', dayIdx);
    const base = localDayBase(date, world.timezone);
    const employed = world.agents.filter((a) => a.hiredOn <= date && (a.leftOn === null || date < a.leftOn));
    const staff = employed.length ? employed : world.agents;
    const pools = world.outbound.map((def): CampaignPool => {
      const loaded = world.lists.filter((l) => l.campaign === def.id && l.loadedOn <= date);
      const lists = loaded.length ? loaded : world.lists.filter((l) => l.campaign === def.id);
      const agents = staff.filter((a) => a.primary === def.id);
      return { def, lists, listWeights: lists.map((l) => l.weight), agents: agents.length ? agents : staff };
    });
    const inboundDef = world.campaigns.find((c) => c.direction === 'inbound');
    const support = staff.filter((a) => a.inbound);
    const inboundAgents = support.length ? support : staff;
    const n = world.callsPerDay ?? 0;
    const v = this.v;
    let made = 0;
    for (let h = 0; h < HOUR_SHARE.length; h++) {
      const count = h === HOUR_SHARE.length - 1 ? n - made : Math.round(n * (HOUR_SHARE[h] ?? 0));
      const hourStart = base + (8 + h) * 3600;
      for (let i = 0; i < count; i++) {
        // Spread evenly through the hour, so the stream is in time order without sorting.
        const t = hourStart + Math.floor(((i + rng.next()) * 3600) / count);
        for (const f of OPTIONAL) v[f] = '';
        v[F.id] = `${t}.${this.seq++}`;
        v[F.started] = isoUtc(t);
        if (inboundDef && rng.next() < INBOUND_SHARE) this.inbound(rng, inboundDef, inboundAgents);
        else this.outbound(rng, pools[rng.weighted(CAMPAIGN_WEIGHTS)] ?? pools[0]!, 8 + h);
        sink(v);
        if (++this.sinceYield === BATCH) {
          this.sinceYield = 0;
          yield;
        }
      }
      made += count;
    }
  }

  private outbound(rng: Rng, pool: CampaignPool, hour: number): void {
    const v = this.v;
    const list = pool.lists[rng.weighted(pool.listWeights)]!;
    const idx = rng.int(0, list.leads - 1);
    const outcome = dialOutcome(rng, pool.def, list, hour, rng.chance(0.5) ? 1 : 0);
    v[F.direction] = 'outbound';
    v[F.campaign] = pool.def.id;
    v[F.list] = list.id;
    v[F.lead] = leadId(list, idx);
    v[F.customer] = phoneOf(list.leadBase + idx);
    const ring = outcome === DIAL.NA ? rng.int(18, 30) : rng.int(2, 15);
    v[F.ring] = int(ring);
    if (outcome !== DIAL.HUMAN && outcome !== DIAL.MACHINE_AGENT) {
      v[F.status] = autoStatus(rng, outcome);
      return;
    }
    if (rng.next() < DROP_SHARE) {
      v[F.status] = 'DROP';
      v[F.wait] = int(rng.int(1, 5));
      return;
    }
    const agent = pool.agents[rng.int(0, pool.agents.length - 1)]!;
    const status = outcome === DIAL.HUMAN ? agentStatus(rng, pool.def, list, agent, 1) : 'A';
    this.handled(rng, status, pool.def, agent, false, rng.int(0, 1));
  }

  private inbound(rng: Rng, def: CampaignDef, agents: AgentDef[]): void {
    const v = this.v;
    v[F.direction] = 'inbound';
    v[F.campaign] = def.id;
    v[F.customer] = phoneOf(CALLER_BASE + rng.int(0, 999_999));
    const topic = TOPICS[rng.int(0, TOPICS.length - 1)]!;
    v[F.topic] = topic;
    if (rng.next() < 0.07) {
      v[F.status] = 'DROP';
      v[F.wait] = int(rng.int(1, 240));
      return;
    }
    const agent = agents[rng.int(0, agents.length - 1)]!;
    const out = inboundOutcome(rng, topic, agent);
    v[F.resolved] = out.resolved ? 'Y' : 'N';
    this.handled(rng, out.status, def, agent, true, rng.next() < 0.8 ? rng.int(0, 20) : rng.int(21, 180));
  }

  private handled(
    rng: Rng,
    status: string,
    def: CampaignDef,
    agent: AgentDef,
    inbound: boolean,
    wait: number,
  ): void {
    const v = this.v;
    const { talk, hold, wrap } = handleTimes(rng, status, def.talkMult, agent, inbound);
    v[F.status] = status;
    v[F.agent] = agent.id;
    v[F.wait] = int(wait);
    v[F.talk] = int(talk);
    v[F.hold] = int(hold);
    v[F.wrap] = int(wrap);
    if (status === 'SALE') {
      v[F.amount] = money(saleAmount(rng, def.saleMedian));
      if (rng.next() < 0.1) v[F.upsell] = money(rng.int(5, 30));
    }
  }
}

/** A calls row object from the fast generator's values. */
export const callRowOf = (v: readonly string[]): Row => ({
  call_id: v[F.id]!,
  started_at: v[F.started]!,
  direction: v[F.direction]!,
  campaign: v[F.campaign]!,
  status: v[F.status]!,
  list: v[F.list]!,
  lead: v[F.lead]!,
  customer: v[F.customer]!,
  agent: v[F.agent]!,
  ring_sec: v[F.ring]!,
  wait_sec: v[F.wait]!,
  talk_sec: v[F.talk]!,
  hold_sec: v[F.hold]!,
  wrap_sec: v[F.wrap]!,
  amount: v[F.amount]!,
  resolved: v[F.resolved]!,
  topic: v[F.topic]!,
  upsell_amount: v[F.upsell]!,
});

/** No calls line of the fast generator comes near this (they run 60-200 bytes). */
export const MAX_LINE_BYTES = 1024;

/**
 * Writes the CSV line of a call's values into buf at off and returns the new offset. Every value is
 * ASCII without a comma, quote or line break, so nothing needs quoting and char codes are the bytes;
 * copying them one by one beats Array.join plus Buffer.write by about 1.7x.
 */
export function encodeCsvLine(v: readonly string[], buf: Buffer, off: number): number {
  for (let i = 0; i < v.length; i++) {
    const s = v[i]!;
    for (let k = 0; k < s.length; k++) buf[off++] = s.charCodeAt(k);
    buf[off++] = 44; // ,
  }
  buf[off - 1] = 13; // the last comma becomes CR LF
  buf[off++] = 10;
  return off;
}
