import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStaffing, type StaffingOptions } from '../../src/reports/staffing.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// Two hand-made weeks in New York (UTC−5 all February): Mon 16 + Tue 17 and Mon 23 + Tue 24 Feb 2026.
// Handle time = talk + hold + wrap of handled calls (an agent and talk > 0).
const TZ = 'America/New_York';
const H = 'call_id,started_at,direction,campaign,status,agent,wait_sec,talk_sec,hold_sec,wrap_sec';
const CALLS = csv(
  H,
  // Mon 09:00 half hour, week 1: three SUPPORT calls, handle 240 + 120, one abandon
  'i1,2026-02-16T09:05:00-05:00,inbound,SUPPORT,HANDLED,a1,5,200,0,40',
  'i2,2026-02-16T09:10:00-05:00,inbound,SUPPORT,HANDLED,a2,5,100,20,0',
  'i3,2026-02-16T09:20:00-05:00,inbound,SUPPORT,ABAND,,30,,,',
  // another queue and an outbound call in the same half hour
  'x1,2026-02-16T09:12:00-05:00,inbound,SALESIN,HANDLED,a3,1,100,0,0',
  'o1,2026-02-16T09:05:00-05:00,outbound,CAMP1,HANDLED,a4,1,500,0,0',
  // week 2: Mon 09:00 one call (handle 360), Mon 09:30 one call (handle 180)
  'i4,2026-02-23T09:15:00-05:00,inbound,SUPPORT,HANDLED,a1,5,300,0,60',
  'i5,2026-02-23T09:45:00-05:00,inbound,SUPPORT,HANDLED,a2,5,150,0,30',
  // Tue 14:00, week 1: one abandon only (its AHT comes from the whole history)
  'i6,2026-02-17T14:10:00-05:00,inbound,SUPPORT,ABAND,,50,,,',
);
const S = (agent: string, from: string, to: string, state: string, campaign: string): string =>
  `${agent},${from}:00-05:00,${to}:00-05:00,${state},,${campaign}`;
const STATES = csv(
  'agent,started_at,ended_at,state,reason,campaign',
  S('a1', '2026-02-16T08:50', '2026-02-16T09:40', 'available', 'SUPPORT'),
  S('a1', '2026-02-16T09:40', '2026-02-16T10:00', 'pause', 'SUPPORT'),
  S('a2', '2026-02-16T09:00', '2026-02-16T09:30', 'talk', 'SUPPORT'), // ends at 09:30: not in 09:30
  S('a2', '2026-02-16T09:30', '2026-02-16T09:45', 'available', ''), // no campaign, handled SUPPORT that day
  S('a3', '2026-02-16T09:10', '2026-02-16T09:20', 'available', ''), // no campaign, handled SALESIN only
  S('a4', '2026-02-16T09:00', '2026-02-16T10:00', 'available', 'CAMP1'), // outbound
  S('a5', '2026-02-16T09:00', '2026-02-16T09:30', 'pause', 'SUPPORT'), // pause does not count
  S('a1', '2026-02-23T09:00', '2026-02-23T09:15', 'talk', 'SUPPORT'),
  S('a1', '2026-02-23T09:15', '2026-02-23T09:25', 'wrap', 'SUPPORT'), // same agent, same half hour
  S('a1', '2026-02-23T09:25', '2026-02-23T09:50', 'available', 'SUPPORT'),
  ...['a1', 'a2', 'a5'].flatMap((a) => [
    S(a, '2026-02-17T14:00', '2026-02-17T14:30', 'available', 'SUPPORT'),
    S(a, '2026-02-24T14:00', '2026-02-24T14:30', 'available', 'SUPPORT'),
  ]),
);

const TARGETS: StaffingOptions = {
  timezone: TZ,
  slTarget: 0.8,
  slSec: 20,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
};

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('calls', 'c.csv', CALLS, { timezone: TZ });
  await s.load('agent-states', 's.csv', STATES, { timezone: TZ });
});
afterAll(() => s.done());

const row = (r: { rows: Record<string, unknown>[] }, dow: number, interval: string) =>
  r.rows.find((x) => x.dow === dow && x.interval === interval);

describe('staffing plan', () => {
  it('forecasts each half hour from the SUPPORT history and compares with the agents who worked', async () => {
    const r = await runStaffing(s.store, {
      ...TARGETS,
      campaign: ['SUPPORT'],
      from: '2026-02-16',
      to: '2026-03-01',
    });
    expect(r.report).toBe('staffing');
    expect(r.by).toEqual(['dow', 'interval']);
    expect([r.from, r.to]).toEqual(['2026-02-16', '2026-03-01']);
    expect(r.rows.map((x) => `${x.dow} ${x.interval}`)).toEqual(['1 08:30', '1 09:00', '1 09:30', '2 14:00']);
    expect(r.rows.every((x) => x.weeks === 2)).toBe(true);

    // Mon 08:30: no calls; a1 from 08:50 in week 1 only → 0.5 agents; needs 0, within 0 + 1: ok
    expect(row(r, 1, '08:30')).toMatchObject({
      forecast_calls: 0,
      required_agents: 0,
      scheduled_agents: 0,
      actual_agents: 0.5,
      status: 'ok',
    });

    // Mon 09:00: (3 + 1) calls ÷ 2 weeks = 2; AHT (240 + 120 + 360) ÷ 3 = 240; A = 2·240/1800 = 0.2667.
    // N = 1: P_w = A = 0.2667, SL = 1 − 0.2667·e^(−0.7333·20/240) = 0.749 < 80 %.
    // N = 2: B = 0.02730, P_w = 0.03137, SL = 1 − 0.03137·e^(−1.7333·20/240) = 0.9729; occupancy 13.3 %.
    // Scheduled ⌈2 ÷ 0.7⌉ = 3. Agents: week 1 a1, a2 (a3 works SALESIN, a4 outbound, a5 paused),
    // week 2 a1 (two states, one agent) → 1.5 < 2: understaffed.
    const mon9 = row(r, 1, '09:00')!;
    expect(mon9).toMatchObject({
      forecast_calls: 2,
      forecast_aht_sec: 240,
      required_agents: 2,
      scheduled_agents: 3,
      actual_agents: 1.5,
      gap: -0.5,
      status: 'understaffed',
    });
    expect(mon9.traffic_erlangs).toBeCloseTo(0.26667, 4);
    expect(mon9.expected_sl).toBeCloseTo(0.9729, 3);
    expect(mon9.occupancy).toBeCloseTo(0.13333, 4);

    // Mon 09:30: 1 call ÷ 2 = 0.5, AHT 180, A = 0.05; N = 1: SL = 1 − 0.05·e^(−0.95·20/180) = 0.955.
    // Agents: week 1 a1 (till 09:40) and a2 (no campaign, handled SUPPORT that day); week 2 a1 → 1.5,
    // not above 1 + 1: ok.
    const mon930 = row(r, 1, '09:30')!;
    expect(mon930).toMatchObject({ forecast_calls: 0.5, forecast_aht_sec: 180, required_agents: 1 });
    expect(mon930).toMatchObject({ scheduled_agents: 2, actual_agents: 1.5, status: 'ok' });
    expect(mon930.expected_sl).toBeCloseTo(0.955, 3);

    // Tue 14:00: one abandon ÷ 2 = 0.5 calls at the history's AHT (720 + 180) ÷ 4 = 225; needs 1.
    // Three agents both weeks → 3 > 1 + 1: overstaffed.
    expect(row(r, 2, '14:00')).toMatchObject({
      forecast_calls: 0.5,
      forecast_aht_sec: 225,
      required_agents: 1,
      actual_agents: 3,
      gap: 2,
      status: 'overstaffed',
    });
    expect(r.warnings).toEqual([{ code: 'aht_from_all_intervals', intervals: 1 }]);
    // Weekly totals: 2 + 0.5 + 0.5 calls; agent-hours = Σ half-hour headcounts ÷ 2.
    expect(r.totals).toMatchObject({
      forecast_calls: 3,
      forecast_aht_sec: 225,
      required_agent_hours: 2,
      actual_agent_hours: 3.25,
      understaffed_intervals: 1,
      overstaffed_intervals: 1,
    });
    expect(r.meta.queues).toEqual(['SUPPORT']);
    expect(r.meta.targets).toMatchObject({ service_level: 0.8, service_level_sec: 20, shrinkage: 0.3 });
  });

  it('defaults to every inbound queue and the 8 full weeks before today, from the first day with calls', async () => {
    // Wednesday 4 March: the last full week ends Sunday 1 March; 8 weeks back is 5 January, but the
    // calls start on 16 February, so each weekday occurs twice.
    const r = await runStaffing(s.store, { ...TARGETS, now: new Date('2026-03-04T15:00:00Z') });
    expect([r.from, r.to]).toEqual(['2026-02-16', '2026-03-01']);
    expect(r.meta.queues).toEqual(['SALESIN', 'SUPPORT']);
    // Mon 09:00 with SALESIN: (4 + 1) ÷ 2 calls; handle (720 + 100) ÷ 4; a3 now works a queue of
    // his day → week 1: a1, a2, a3; week 2: a1 → 2 agents.
    expect(row(r, 1, '09:00')).toMatchObject({
      forecast_calls: 2.5,
      forecast_aht_sec: 205,
      actual_agents: 2,
    });
  });

  it('rejects nonsense targets with a usage error', async () => {
    await expect(runStaffing(s.store, { ...TARGETS, shrinkage: 1 })).rejects.toThrow(/shrinkage/);
    await expect(runStaffing(s.store, { ...TARGETS, slTarget: 1.2 })).rejects.toThrow(/service-level/);
    await expect(runStaffing(s.store, { ...TARGETS, from: '2026-03-10', to: '2026-03-01' })).rejects.toThrow(
      /after/,
    );
  });

  it('adds the expected abandon share under Erlang A', async () => {
    const r = await runStaffing(s.store, {
      ...TARGETS,
      campaign: ['SUPPORT'],
      from: '2026-02-16',
      to: '2026-03-01',
      patienceSec: 60,
    });
    expect(r.meta.method).toMatch(/Erlang A/);
    expect(row(r, 1, '09:00')!.expected_abandon).toBeGreaterThan(0);
  });
});
