import { afterAll, beforeAll, expect, test } from 'vitest';
import { runGoals, type GoalRow } from '../../src/reports/goals.js';
import { AGENTS, DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// Installation zone UTC; CAMP1 reports in New York. "Now" is Wed 4 March 2026 12:00 UTC, so the
// month is 84 of 744 hours old in UTC (3.5 days); in New York it began 1 Mar 05:00Z and is 79 of
// 743 hours old (8 March has 23 hours).
const NOW = new Date('2026-03-04T12:00:00Z');
const UTC_SHARE = 84 / 744;
const NY_SHARE = 79 / 743;

// Handle = talk + hold + wrap over handled calls (agent and talk > 0). SALE is a win and, like NI,
// a contact. c0 (February) is history only.
const CALLS = csv(
  'call_id,started_at,direction,campaign,status,list,lead,agent,ring_sec,wait_sec,talk_sec,hold_sec,wrap_sec',
  'c0,2026-02-23T10:00:00Z,outbound,CAMP1,SALE,L1,lead0,a1,5,1,60,0,0',
  'c1,2026-03-02T10:00:00Z,outbound,CAMP1,SALE,L1,lead1,a1,5,1,100,0,20', // handle 120
  'c2,2026-03-02T11:00:00Z,outbound,CAMP1,NI,L1,lead2,a1,5,1,50,0,10', // 60
  'c3,2026-03-02T12:00:00Z,outbound,CAMP1,NA,L1,lead3,,30,,,,',
  'c4,2026-03-03T10:00:00Z,outbound,CAMP1,SALE,L1,lead4,a2,5,1,200,0,40', // 240
  'c5,2026-03-03T11:00:00Z,outbound,CAMP1,NI,L1,lead5,a2,5,1,30,0,0', // 30
  'c6,2026-03-04T09:00:00Z,outbound,CAMP2,SALE,L3,lead6,a1,5,1,80,0,20', // 100
  'c7,2026-03-04T10:00:00Z,outbound,CAMP2,NI,L3,lead7,a2,5,1,90,0,30', // 120
);

const GOALS = csv(
  'scope,period,metric,target,amber_at,red_at',
  '*,2026-03,wins,31,,',
  '*,2026-03,conversion_rate,0.4,,',
  '*,2026-03,aht_sec,100,,',
  'CAMP1,2026-03,wins,62,,',
  'CAMP1,2026-03,aht_sec,120,,',
  'a1,2026-03,wins,24,0.8,0.6',
  'a1,2026-03,conversion_rate,0.5,,',
  'team:Blue,2026-03,wins,31,,',
  'Red,2026-03,wins,31,,',
  'NOPE,2026-03,wins,10,,',
  '*,2026-02,wins,10,,',
);

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.store.setMeta('timezone', 'UTC');
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('agents', 'a.csv', AGENTS); // a1 team Red, a2 and a3 team Blue
  await s.load('campaigns', 'k.csv', csv('campaign,name,timezone', 'CAMP1,One,America/New_York'));
  await s.load('calls', 'c.csv', CALLS);
  const g = await s.load('goals', 'g.csv', GOALS);
  expect(g.rejected).toBe(0);
  // A goal for a metric the catalog no longer has (the importer would refuse it today).
  await s.store.run(
    `INSERT INTO goals (scope, period, metric, target) VALUES ('*', '2026-03', 'retired_metric', 5)`,
  );
});
afterAll(() => s.done());

const find = (rows: GoalRow[], scope: string, metric: string): GoalRow => {
  const r = rows.find((x) => x.scope === scope && x.metric === metric);
  if (!r) throw new Error(`no row ${scope} ${metric}`);
  return r;
};

test('everything (*): a sum, a rate and a lower-is-better average', async () => {
  const r = await runGoals(s.store, { now: NOW });
  expect(r).toMatchObject({ report: 'goals', from: '2026-03-01', to: '2026-03-31', timezone: 'UTC' });
  // wins c1, c4, c6 = 3 (c0 is February); pace 31 × 84/744 = 3.5; 3 ÷ 3.5 = 0.857: amber, behind.
  const wins = find(r.rows, '*', 'wins');
  expect(wins).toMatchObject({
    scope_kind: 'all',
    period: '2026-03',
    actual: 3,
    status: 'amber',
    band: 'behind',
  });
  expect(wins.elapsed_share).toBeCloseTo(UTC_SHARE, 12);
  expect(wins.pace).toBeCloseTo(3.5, 12);
  expect(wins.attainment).toBeCloseTo(6 / 7, 12);
  // Wins weights from the 56 days before 4 March: a win on two Mondays (23 Feb, 2 Mar) and one
  // Tuesday (3 Mar), mean 3/56: Monday 14/3, Tuesday 7/3, other days 0. Elapsed weight 0 + 14/3 +
  // 7/3 = 7 (Wednesday weighs 0) → run rate 3/7; 4 Mondays and 4 Tuesdays left = 28 → 12 more: 15.
  // Only two full days with a weight (2 and 3 March): no range. 15 ÷ 31 is red.
  expect(wins.projection).toBeCloseTo(15, 9);
  expect([wins.projection_low, wins.projection_high, wins.projected_status]).toEqual([null, null, 'red']);
  // conversion (contacts): 3 wins ÷ 6 contacts = 0.5 against 0.4 → 1.25, green; pace is the target.
  const conv = find(r.rows, '*', 'conversion_rate');
  expect(conv).toMatchObject({ actual: 0.5, pace: 0.4, attainment: 1.25, status: 'green', band: 'on_pace' });
  // AHT: (120 + 60 + 240 + 30 + 100 + 120) ÷ 6 = 670/6; lower is better: 100 ÷ 670/6 = 0.8955.
  const aht = find(r.rows, '*', 'aht_sec');
  expect(aht).toMatchObject({ direction: 'lower', pace: 100, status: 'amber', band: 'behind' });
  expect(aht.actual).toBeCloseTo(670 / 6, 9);
  expect(aht.attainment).toBeCloseTo(600 / 670, 12);
  expect(r.meta.projection_method).toMatch(/weekday/);
  expect(r.definitions.conversion_rate).toMatch(/denominator: contacts/);
});

test('a campaign counts in its own zone; an agent and teams by name or prefix', async () => {
  const r = await runGoals(s.store, { now: NOW });
  // CAMP1 in New York: wins c1, c4 = 2; pace 62 × 79/743; AHT (120 + 60 + 240 + 30) ÷ 4 = 112.5.
  const wins = find(r.rows, 'CAMP1', 'wins');
  expect(wins).toMatchObject({
    scope_kind: 'campaign',
    timezone: 'America/New_York',
    actual: 2,
    status: 'red',
  });
  expect(wins.elapsed_share).toBeCloseTo(NY_SHARE, 12);
  expect(wins.pace).toBeCloseTo((62 * 79) / 743, 9);
  expect(wins.attainment).toBeCloseTo(2 / ((62 * 79) / 743), 9);
  const aht = find(r.rows, 'CAMP1', 'aht_sec');
  expect(aht).toMatchObject({ actual: 112.5, status: 'green', band: 'on_pace' });
  expect(aht.attainment).toBeCloseTo(120 / 112.5, 12);
  // a1: wins c1, c6 = 2; pace 24 × 84/744 = 2016/744; 2 ÷ that = 0.738 → amber with red_at 0.6
  // (red under the defaults), behind amber_at 0.8. Conversion 2 wins ÷ 3 contacts vs 0.5.
  const a1 = find(r.rows, 'a1', 'wins');
  expect(a1).toMatchObject({ scope_kind: 'agent', actual: 2, amber_at: 0.8, red_at: 0.6 });
  expect(a1.attainment).toBeCloseTo(1488 / 2016, 12);
  expect([a1.status, a1.band]).toEqual(['amber', 'behind']);
  const conv = find(r.rows, 'a1', 'conversion_rate');
  expect(conv.actual).toBeCloseTo(2 / 3, 12);
  expect(conv.attainment).toBeCloseTo(4 / 3, 12);
  expect(conv.status).toBe('green');
  // Blue (a2): c4 = 1 win, 1 ÷ 3.5; Red (a1, a bare name that is neither campaign nor agent): 2 ÷ 3.5.
  expect(find(r.rows, 'team:Blue', 'wins')).toMatchObject({ scope_kind: 'team', actual: 1, status: 'red' });
  const red = find(r.rows, 'Red', 'wins');
  expect(red).toMatchObject({ scope_kind: 'team', actual: 2, status: 'red', band: 'off_track' });
  expect(red.attainment).toBeCloseTo(4 / 7, 12);
});

test('unknown scope and unknown metric warn; other months stay out', async () => {
  const r = await runGoals(s.store, { now: NOW });
  expect(find(r.rows, 'NOPE', 'wins')).toMatchObject({
    scope_kind: null,
    actual: null,
    attainment: null,
    status: 'none',
    band: 'none',
    projected_status: 'none',
  });
  expect(r.warnings).toEqual(
    expect.arrayContaining([
      { code: 'unknown_goal_scope', scope: 'NOPE' },
      { code: 'unknown_goal_metric', scope: '*', metric: 'retired_metric' },
    ]),
  );
  expect(r.rows.some((x) => x.metric === 'retired_metric' || x.period !== '2026-03')).toBe(false);
  expect(r.rows).toHaveLength(10);
});

test('one scope only; a past month is complete and projects to its actual', async () => {
  const only = await runGoals(s.store, { now: NOW, scope: 'CAMP1' });
  expect(only.rows.map((x) => x.metric)).toEqual(['aht_sec', 'wins']);
  const r = await runGoals(s.store, {
    period: '2026-03',
    asOf: new Date('2026-04-10T00:00:00Z'),
    scope: '*',
  });
  const wins = find(r.rows, '*', 'wins');
  // 3 of 31 over the whole month: 0.097, red.
  expect(wins).toMatchObject({ elapsed_share: 1, pace: 31, actual: 3, status: 'red' });
  expect([wins.projection, wins.projection_low, wins.projection_high]).toEqual([3, 3, 3]);
  const feb = await runGoals(s.store, { period: '2026-02', asOf: NOW });
  // 28 February ended: c0 is its only win, against 10.
  expect(find(feb.rows, '*', 'wins')).toMatchObject({ actual: 1, pace: 10, attainment: 0.1, status: 'red' });
});

test('a money goal: revenue at the price in force, paced like any sum', async () => {
  // Runs last: it adds a finance version and a goal for a scope of its own (team Red = a1).
  await s.load(
    'finance',
    'f.csv',
    csv(
      'campaign,effective_from,revenue_per_sale,cost_per_call,cost_per_agent_hour',
      '*,2026-01-01T00:00:00Z,100,0,0',
    ),
  );
  await s.load('goals', 'g2.csv', csv('scope,period,metric,target', 'team:Red,2026-03,revenue,3100'));
  const r = await runGoals(s.store, { now: NOW, scope: 'team:Red' });
  // a1's March wins by now: c1 and c6, 100 each = 200. Pace 3100 × 84/744 = 350; 200/350 = 0.571: red.
  const g = find(r.rows, 'team:Red', 'revenue');
  expect(g.actual).toBe(200);
  expect(g.pace).toBeCloseTo(3100 * UTC_SHARE, 9);
  expect(g.attainment).toBeCloseTo(200 / (3100 * UTC_SHARE), 9);
  expect(g.status).toBe('red');
});
