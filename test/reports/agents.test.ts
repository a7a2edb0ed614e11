import { afterAll, beforeAll, expect, test } from 'vitest';
import { runReport } from '../../src/reports/run.js';
import { FIXTURE_TZ, loadFixture } from '../helpers/fixture.js';
import { scratch } from '../helpers/store.js';

let s: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  s = await scratch();
  await loadFixture(s);
});
afterAll(() => s.done());
const day = { from: '2026-03-02', to: '2026-03-02', timezone: FIXTURE_TZ };

test('agent a1: time by state, pause by reason, occupancy and per-hour rates', async () => {
  const r = await runReport(s.store, 'agents', { ...day, where: { agent: ['a1'] } });
  expect(r.rows).toHaveLength(1);
  const a1 = r.rows[0]!;
  // 09:00-11:00 logged in: LOGIN 5 min, available 45 + 15 min, talk 30, wrap 10, break 15.
  expect(a1).toMatchObject({
    agent: 'a1',
    handled_calls: 2, // c1 and c3
    login_sec: 7200,
    available_sec: 3600,
    state_talk_sec: 1800,
    state_hold_sec: 0,
    state_wrap_sec: 600,
    pause_sec: 1200,
    pause_break_sec: 900,
    pause_login_sec: 300,
    aht_sec: (130 + 60) / 2,
    occupancy: 2400 / 6000,
    utilization: 6000 / 7200,
    calls_per_hour: 1,
    wins_per_hour: 0.5,
    contacts: 2,
    wins: 1,
    conversion_rate: 0.5,
    close_rate: 0.5,
  });
});

test('an interval across an hour boundary is split: 09:50-10:20 talk gives 10 and 20 minutes', async () => {
  const r = await runReport(s.store, 'agents', {
    ...day,
    by: ['hour'],
    metrics: ['state_talk_sec', 'login_sec'],
  });
  expect(r.rows).toEqual([
    { hour: '2026-03-02T09:00-05:00', state_talk_sec: 600, login_sec: 3600 },
    { hour: '2026-03-02T10:00-05:00', state_talk_sec: 1200, login_sec: 3600 },
  ]);
});

test('time without a campaign is attributed by the agent’s handle time that day', async () => {
  // a1 handled only CAMP1 calls that day, so the campaign-less break goes wholly to CAMP1.
  const r = await runReport(s.store, 'agents', {
    ...day,
    by: ['campaign'],
    metrics: ['login_sec', 'pause_sec'],
  });
  expect(r.rows).toEqual([{ campaign: 'CAMP1', login_sec: 7200, pause_sec: 1200 }]);
});

test('handle time for both directions and the team dimension', async () => {
  const r = await runReport(s.store, 'agents', {
    ...day,
    by: ['team'],
    metrics: ['handled_calls', 'aht_sec', 'hold_rate'],
  });
  expect(r.rows).toEqual([
    // calls that reached no agent belong to no team
    { team: '', handled_calls: 0, aht_sec: null, hold_rate: null },
    // a2 (c6 200 s, c7 5 s) and a3 (i1 330 s, i2 130 s with hold)
    { team: 'Blue', handled_calls: 4, aht_sec: (200 + 5 + 330 + 130) / 4, hold_rate: 1 / 4 },
    { team: 'Red', handled_calls: 2, aht_sec: 95, hold_rate: 1 / 2 },
  ]);
  expect(r.totals).toEqual({ handled_calls: 6, aht_sec: 855 / 6, hold_rate: 2 / 6 });
});

test('agents_worked counts agents with login time or handled calls', async () => {
  const r = await runReport(s.store, 'agents', { ...day, by: [], metrics: ['agents_worked'] });
  expect(r.totals.agents_worked).toBe(3);
});

test('a metric whose records lack a dimension is n/a with a warning, not a wrong number', async () => {
  const r = await runReport(s.store, 'agents', {
    ...day,
    by: ['status'],
    metrics: ['occupancy', 'handled_calls'],
  });
  expect(r.rows.every((row) => row.occupancy === null)).toBe(true);
  expect(r.warnings.some((w) => w.code === 'dimension_not_applicable')).toBe(true);
});

test('by list, agent time follows handle time: on a campaign among its lists, without one among all', async () => {
  // a1 handled c1 and c3, both on CAMP1 list L1: its CAMP1 time (all but the 15-minute break) goes to
  // L1, and the break (no campaign) goes to the lists a1 worked that day, L1 only. So L1 holds all of
  // a1's 7200 s with occupancy 2400 / 6000; no other agent has logged time in the fixture.
  const r = await runReport(s.store, 'agents', { ...day, by: ['list'], metrics: ['login_sec', 'occupancy'] });
  expect(r.rows.find((x) => x.list === 'L1')).toMatchObject({ login_sec: 7200, occupancy: 0.4 });
  expect(r.totals.login_sec).toBe(7200);
  expect(r.rows.filter((x) => x.list !== 'L1').every((x) => !x.login_sec)).toBe(true);
});
