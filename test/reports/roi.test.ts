import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReport, type ReportJson, type ReportOptions } from '../../src/reports/run.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// The ROI report over small hand-made call centers. Every expected value is worked out by hand in
// the comments (New York is UTC-5 in February and early March 2026). Sums of decimal amounts that
// are exact in binary, or whose float result is the double nearest the decimal, are compared with
// toEqual/toBe; commission multiplies by rates such as 0.15, so it is compared with toBeCloseTo.

const TZ = 'America/New_York';
const FINANCE_HEADER =
  'campaign,effective_from,revenue_per_sale,cost_per_call,cost_per_agent_hour,currency,commission';

/** Runs the roi report on the rollup path and on raw rows; both must give the same answer. */
async function roi(s: Scratch, opts: ReportOptions): Promise<ReportJson> {
  const rollup = await runReport(s.store, 'roi', { timezone: TZ, ...opts });
  const raw = await runReport(s.store, 'roi', { timezone: TZ, ...opts, forceRaw: true });
  expect(raw.rows).toEqual(rollup.rows);
  expect(raw.totals).toEqual(rollup.totals);
  return rollup;
}

// ---------------------------------------------------------------------------------------------
// 1. Effective dating. Prices change at 13:37 New York time (18:37 UTC), inside a clock hour.
//
// Finance, version 1:
//   *   from 2026-03-01: revenue_per_sale 100, cost_per_call 0.50, cost_per_agent_hour 30 (0.5/min)
//   C2  from 2026-03-01: its own revenue_per_sale 80 and cost_per_call 0.25; labor from `*`
//   *   from 2026-03-03 13:37: revenue_per_sale 120, cost_per_call left empty (0.50 carries on),
//       cost_per_agent_hour 36 (0.6/min)
// So C1 (no row of its own) sells at 100 before 13:37 and 120 from 13:37; C2 keeps its own 80
// (a campaign's own value beats the default's later change); labor is 0.5/min, then 0.6/min.
// ---------------------------------------------------------------------------------------------
describe('effective-dated prices changing at 13:37 local', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await s.load('dispositions', 'd.csv', DISPOSITIONS);
    await s.load(
      'calls',
      'c.csv',
      csv(
        'call_id,started_at,direction,campaign,status,agent,talk_sec,amount,upsell_amount',
        'k1,2026-03-03T09:10:00-05:00,outbound,C1,SALE,a1,600,,', // 100
        'k2,2026-03-03T13:05:00-05:00,outbound,C1,SALE,a1,300,250,', // its own amount 250
        'k3,2026-03-03T13:20:00-05:00,outbound,C1,NI,a1,60,,', // no revenue
        'k4,2026-03-03T13:36:59-05:00,outbound,C1,SALE,a1,240,,', // one second before: 100
        'k5,2026-03-03T13:37:00-05:00,outbound,C1,SALE,a1,300,,', // at the change: 120
        'k6,2026-03-03T13:50:00-05:00,outbound,C1,SALE,a1,200,75,', // its own amount 75
        'k7,2026-03-03T13:55:00-05:00,outbound,C1,NA,,,,', // no revenue
        'k8,2026-03-03T15:10:00-05:00,outbound,C1,SALE,a1,400,,30', // 120 + upsell 30
        'k10,2026-03-03T15:20:00-05:00,outbound,C1,SALE,a1,100,,', // 120
        'k9,2026-03-04T10:00:00-05:00,outbound,C1,SALE,a1,300,,', // 120
        'm1,2026-03-03T10:00:00-05:00,outbound,C2,SALE,a2,500,,', // 80
        'm2,2026-03-03T13:40:00-05:00,outbound,C2,SALE,a2,300,,', // 80 (own value)
        'm3,2026-03-03T13:45:00-05:00,outbound,C2,NA,,,,',
      ),
    );
    await s.load(
      'agent-states',
      's.csv',
      csv(
        'agent,started_at,ended_at,state,reason,campaign',
        'a1,2026-03-03T09:00:00-05:00,2026-03-03T13:20:00-05:00,available,,C1',
        'a1,2026-03-03T13:20:00-05:00,2026-03-03T13:50:00-05:00,talk,,C1', // spans 13:37
        'a1,2026-03-03T13:50:00-05:00,2026-03-03T14:30:00-05:00,wrap,,C1',
        'a1,2026-03-03T14:30:00-05:00,2026-03-03T15:00:00-05:00,pause,break,C1',
        'a1,2026-03-03T15:00:00-05:00,2026-03-03T15:30:00-05:00,talk,,C1',
        'a1,2026-03-04T10:00:00-05:00,2026-03-04T11:00:00-05:00,available,,C1',
        'a2,2026-03-03T10:00:00-05:00,2026-03-03T13:30:00-05:00,available,,C2',
        'a2,2026-03-03T13:30:00-05:00,2026-03-03T13:45:00-05:00,talk,,C2', // spans 13:37
        'a2,2026-03-03T13:45:00-05:00,2026-03-03T14:00:00-05:00,available,,C2',
      ),
    );
    await s.load(
      'finance',
      'f1.csv',
      csv(
        FINANCE_HEADER,
        '*,2026-03-01T00:00:00-05:00,100,0.50,30,USD,none',
        'C2,2026-03-01T00:00:00-05:00,80,0.25,,,',
        '*,2026-03-03T13:37:00-05:00,120,,36,,',
      ),
    );
  });
  afterAll(() => s.done());

  const period = { from: '2026-03-03', to: '2026-03-04', metrics: ['revenue', 'call_cost', 'labor_cost'] };

  // Revenue
  //   C1: k1 100 + k2 250 + k4 100 + k5 120 + k6 75 + k8 120 + 30 + k10 120 (3 March) = 915,
  //       k9 120 (4 March): 1035
  //   C2: m1 80 + m2 80 = 160
  // Call cost: C1 10 calls × 0.50 = 5.00; C2 3 calls × 0.25 = 0.75
  // Labor (minutes × rate per minute):
  //   a1 3 March: 09:00-13:20 260 × 0.5 = 130; 13:20-13:37 17 × 0.5 = 8.5; 13:37-13:50 13 × 0.6 = 7.8;
  //      13:50-14:30 40 × 0.6 = 24; 14:30-15:00 30 × 0.6 = 18; 15:00-15:30 30 × 0.6 = 18 → 206.3
  //   a1 4 March: 60 × 0.6 = 36                                   → C1 242.3
  //   a2 3 March: 10:00-13:30 210 × 0.5 = 105; 13:30-13:37 7 × 0.5 = 3.5; 13:37-13:45 8 × 0.6 = 4.8;
  //      13:45-14:00 15 × 0.6 = 9                                 → C2 122.3
  const BY_CAMPAIGN = [
    { campaign: 'C1', revenue: 1035, call_cost: 5, labor_cost: 242.3 },
    { campaign: 'C2', revenue: 160, call_cost: 0.75, labor_cost: 122.3 },
  ];
  const TOTALS = { revenue: 1195, call_cost: 5.75, labor_cost: 364.6 };
  // 3 March: revenue 915 + 160 = 1075; calls 9 × 0.50 + 3 × 0.25 = 5.25; labor 206.3 + 122.3 = 328.6
  // 4 March: revenue 120; call cost 0.50; labor 36
  const BY_DATE = [
    { date: '2026-03-03', revenue: 1075, call_cost: 5.25, labor_cost: 328.6 },
    { date: '2026-03-04', revenue: 120, call_cost: 0.5, labor_cost: 36 },
  ];
  // Hour 13 holds calls on both sides of 13:37: k2 250 + k4 100 + k5 120 + k6 75 + m2 80 = 625;
  // calls k2-k7 6 × 0.50 + m2, m3 2 × 0.25 = 3.50; labor a1 20 min × 0.5 + 8.5 + 7.8 + 10 min × 0.6
  // = 32.3, a2 30 min × 0.5 + 3.5 + 4.8 + 9 = 32.3 → 64.6.
  // Hour 15: k8 150 + k10 120 = 270; 2 × 0.50; a1 30 min × 0.6 = 18.
  const BY_HOUR = [
    { hour: '2026-03-03T09:00-05:00', revenue: 100, call_cost: 0.5, labor_cost: 30 },
    { hour: '2026-03-03T10:00-05:00', revenue: 80, call_cost: 0.25, labor_cost: 60 },
    { hour: '2026-03-03T11:00-05:00', revenue: 0, call_cost: 0, labor_cost: 60 },
    { hour: '2026-03-03T12:00-05:00', revenue: 0, call_cost: 0, labor_cost: 60 },
    { hour: '2026-03-03T13:00-05:00', revenue: 625, call_cost: 3.5, labor_cost: 64.6 },
    { hour: '2026-03-03T14:00-05:00', revenue: 0, call_cost: 0, labor_cost: 36 }, // wrap 18 + pause 18
    { hour: '2026-03-03T15:00-05:00', revenue: 270, call_cost: 1, labor_cost: 18 },
    { hour: '2026-03-04T10:00-05:00', revenue: 120, call_cost: 0.5, labor_cost: 36 },
  ];

  async function expectVersion1(): Promise<void> {
    const byCampaign = await roi(s, { ...period, by: ['campaign'] });
    expect(byCampaign.rows).toEqual(BY_CAMPAIGN);
    expect(byCampaign.totals).toEqual(TOTALS);
    const byDate = await roi(s, { ...period, by: ['date'] });
    expect(byDate.rows).toEqual(BY_DATE);
    expect(byDate.totals).toEqual(TOTALS);
    const byHour = await roi(s, { ...period, by: ['hour'] });
    expect(byHour.rows).toEqual(BY_HOUR);
    expect(byHour.totals).toEqual(TOTALS);
    expect((await roi(s, { ...period, by: [] })).totals).toEqual(TOTALS);
  }

  test('each call and each minute of agent time meets the price in force at its own time', async () => {
    await expectVersion1();
    const r = await runReport(s.store, 'roi', { ...period, timezone: TZ, by: ['campaign'] });
    // the default path really reads the rollups (the hour of 13:37 from raw rows)
    expect(r.meta.sources.money).toBe('rollup');
    expect(r.meta.currency).toBe('USD');
    expect(r.warnings.filter((w) => w.code === 'finance_not_set')).toEqual([]);
  });

  test('the hour of the change by campaign: C1 at both prices, C2 at its own revenue per sale', async () => {
    const r = await roi(s, { ...period, from: '2026-03-03', to: '2026-03-03', by: ['campaign', 'hour'] });
    const at13 = r.rows.filter((x) => x.hour === '2026-03-03T13:00-05:00');
    expect(at13).toEqual([
      // k2 250 + k4 100 + k5 120 + k6 75 = 545; k2-k7 6 × 0.50; a1 32.3
      { campaign: 'C1', hour: '2026-03-03T13:00-05:00', revenue: 545, call_cost: 3, labor_cost: 32.3 },
      // m2 80 (own value, not the default's 120); m2, m3 2 × 0.25; a2 32.3
      { campaign: 'C2', hour: '2026-03-03T13:00-05:00', revenue: 80, call_cost: 0.5, labor_cost: 32.3 },
    ]);
  });

  test('a version effective after the period leaves the period unchanged', async () => {
    const summary = await s.load(
      'finance',
      'f2.csv',
      csv(FINANCE_HEADER, '*,2026-03-10T00:00:00-05:00,999,9,99,,'),
    );
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    await expectVersion1();
  });

  // C1 gets its own version at 15:15 (another minute off the hour): revenue_per_sale 130 and
  // cost_per_agent_hour 42 (0.7/min); cost_per_call is empty and still comes from `*` (0.50).
  //   k8 (15:10) stays 120 + 30; k10 (15:20) 120 → 130; k9 (4 March) 120 → 130
  //   a1 15:00-15:30: 15 min × 0.6 + 15 min × 0.7 = 9 + 10.5 = 19.5 (was 18); 4 March 60 × 0.7 = 42 (was 36)
  //   C1: revenue 1035 + 20 = 1055, call cost 5.00, labor 242.3 + 1.5 + 6 = 249.8; C2 unchanged
  test('a version effective in the middle changes only what comes after it', async () => {
    await s.load('finance', 'f3.csv', csv(FINANCE_HEADER, 'C1,2026-03-03T15:15:00-05:00,130,,42,,'));
    const totals = { revenue: 1215, call_cost: 5.75, labor_cost: 372.1 };
    const byCampaign = await roi(s, { ...period, by: ['campaign'] });
    expect(byCampaign.rows).toEqual([
      { campaign: 'C1', revenue: 1055, call_cost: 5, labor_cost: 249.8 },
      BY_CAMPAIGN[1],
    ]);
    expect(byCampaign.totals).toEqual(totals);
    const byDate = await roi(s, { ...period, by: ['date'] });
    expect(byDate.rows).toEqual([
      { date: '2026-03-03', revenue: 1085, call_cost: 5.25, labor_cost: 330.1 },
      { date: '2026-03-04', revenue: 130, call_cost: 0.5, labor_cost: 42 },
    ]);
    expect(byDate.totals).toEqual(totals);
    const byHour = await roi(s, { ...period, by: ['hour'] });
    expect(byHour.rows).toEqual([
      ...BY_HOUR.slice(0, 6), // 09:00 to 14:00 exactly as before
      { hour: '2026-03-03T15:00-05:00', revenue: 280, call_cost: 1, labor_cost: 19.5 },
      { hour: '2026-03-04T10:00-05:00', revenue: 130, call_cost: 0.5, labor_cost: 42 },
    ]);
    expect(byHour.totals).toEqual(totals);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. roi_pct and cpa: null on zero cost or zero wins; totals re-divide the sums.
//   R1: 2 wins at 150, 2 calls at 50       → revenue 300, cost 100: roi 2, cpa 50
//   R2: 1 win at 100, 4 calls at 100       → revenue 100, cost 400: roi -0.75, cpa 400
//   Z1: 2 wins with amount 60, calls free  → revenue 120, cost 0: roi null, cpa 0 ÷ 2 = 0
//   Z2: 3 calls at 40, no win              → revenue 0, cost 120: roi -1, cpa null
// Totals: revenue 520, cost 620: roi (520 − 620) ÷ 620 = −100 ÷ 620, cpa 620 ÷ 5 wins = 124.
// The mean of the row ROIs, (2 − 0.75 − 1) ÷ 3 = 0.083…, would be wrong.
// ---------------------------------------------------------------------------------------------
describe('roi_pct and cpa', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await s.load('dispositions', 'd.csv', DISPOSITIONS);
    await s.load(
      'finance',
      'f.csv',
      csv(
        FINANCE_HEADER,
        '*,2026-03-01T00:00:00-05:00,0,0,0,USD,none',
        'R1,2026-03-01T00:00:00-05:00,150,50,,,',
        'R2,2026-03-01T00:00:00-05:00,100,100,,,',
        'Z2,2026-03-01T00:00:00-05:00,,40,,,',
      ),
    );
    const call = (id: string, campaign: string, status: string, amount = ''): string =>
      `${id},2026-03-03T10:00:00-05:00,outbound,${campaign},${status},${amount}`;
    await s.load(
      'calls',
      'c.csv',
      csv(
        'call_id,started_at,direction,campaign,status,amount',
        call('r1a', 'R1', 'SALE'),
        call('r1b', 'R1', 'SALE'),
        call('r2a', 'R2', 'SALE'),
        call('r2b', 'R2', 'NI'),
        call('r2c', 'R2', 'NI'),
        call('r2d', 'R2', 'NI'),
        call('z1a', 'Z1', 'SALE', '60'),
        call('z1b', 'Z1', 'SALE', '60'),
        call('z2a', 'Z2', 'NI'),
        call('z2b', 'Z2', 'NI'),
        call('z2c', 'Z2', 'NI'),
      ),
    );
  });
  afterAll(() => s.done());

  const day = { from: '2026-03-03', to: '2026-03-03' };
  const metrics = ['wins', 'revenue', 'total_cost', 'net_profit', 'roi_pct', 'cpa'];

  test('rows: null without cost or without wins; totals from the sums, not a mean of rows', async () => {
    const r = await roi(s, { ...day, by: ['campaign'], metrics });
    expect(r.rows).toEqual([
      { campaign: 'R1', wins: 2, revenue: 300, total_cost: 100, net_profit: 200, roi_pct: 2, cpa: 50 },
      { campaign: 'R2', wins: 1, revenue: 100, total_cost: 400, net_profit: -300, roi_pct: -0.75, cpa: 400 },
      { campaign: 'Z1', wins: 2, revenue: 120, total_cost: 0, net_profit: 120, roi_pct: null, cpa: 0 },
      { campaign: 'Z2', wins: 0, revenue: 0, total_cost: 120, net_profit: -120, roi_pct: -1, cpa: null },
    ]);
    expect(r.totals).toEqual({
      wins: 5,
      revenue: 520,
      total_cost: 620,
      net_profit: -100,
      roi_pct: -100 / 620,
      cpa: 124,
    });
    expect((await roi(s, { ...day, by: [], metrics })).totals).toEqual(r.totals);
  });

  test('zero cost in the totals gives null, never 0, NaN or Infinity', async () => {
    const z1 = await roi(s, { ...day, by: [], metrics, where: { campaign: ['Z1'] } });
    expect(z1.totals).toMatchObject({ revenue: 120, total_cost: 0, roi_pct: null, cpa: 0 });
    // a day without any call: nothing to divide
    const empty = await roi(s, { from: '2026-03-05', to: '2026-03-05', by: [], metrics });
    expect(empty.totals).toEqual({
      wins: 0,
      revenue: 0,
      total_cost: 0,
      net_profit: 0,
      roi_pct: null,
      cpa: null,
    });
  });

  test('the full report: every ratio without its denominator is null', async () => {
    // No agent time and no agent on any call: labor 0, agents_worked 0, login hours 0.
    const r = await roi(s, { ...day, by: [] });
    expect(r.totals).toMatchObject({
      labor_cost: 0,
      agents_worked: 0,
      revenue_per_agent: null,
      revenue_per_agent_hour: null,
      labor_cost_per_hour: null,
      cost_efficiency: null,
      avg_sale_value: 520 / 5, // win revenue ÷ wins
    });
    for (const v of Object.values(r.totals)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Commission over February 2026, and 5. list cost in the same call center.
//
// Plans:  P1 tiered 0-500 @10 %, 500-1000 @20 %, 1000+ @30 % (retroactive); P2 percent 5 %;
//         team Red graduated 0-300 @10 %, 300+ @50 %; agent a1 flat 7 per win from 16 February.
// a1 is in team Red: the team plan pays a1's wins on both campaigns until 15 February, then a1's
// own flat plan (agent beats team beats campaign). a2 (team Blue, no override) is paid by the
// campaign plans, one pool per campaign. Every call costs 1; revenue is the call's amount.
//
// Slices (one per agent, plan owner and hour; each pays the increase of the month's commission):
//   a2 on P1, tiered:  2 Feb  300 → cum 300:  300 × 10 % =  30             →  30
//                      9 Feb  300 → cum 600:  600 × 20 % = 120, minus 30   →  90 (retroactive jump)
//                     17 Feb  500 → cum 1100: 1100 × 30 % = 330, minus 120 → 210
//   a2 on P2, 5 %:     9 Feb  200 → 10;  17 Feb 400 → 20
//   a1, team Red:      3 Feb  P1 100 + P2 100 in one hour → 200 × 10 % = 20, shared 10 / 10
//                     10 Feb  P1 150 + P2 150 in one hour → cum 500: 30 + 200 × 50 % = 130,
//                             minus 20 = 110, shared 55 / 55 (by revenue)
//   a1, flat 7:       16 Feb  P1 1 win → 7
//                     18 Feb  P1 1 win + P2 1 win (+ a P2 call that is no win) → 14, shared 7 / 7 (by wins)
// a2: 330 + 30 = 360; a1: 130 + 21 = 151; month 511.
// ---------------------------------------------------------------------------------------------
const PLANS_FINANCE = csv(
  FINANCE_HEADER,
  '*,2026-01-01T00:00:00-05:00,100,1,0,USD,none',
  'P1,2026-01-01T00:00:00-05:00,,,,,"tiered:0-500@10%,500-1000@20%,1000+@30%"',
  'P2,2026-01-01T00:00:00-05:00,,,,,percent:5%',
);
const PLANS_OVERRIDES = csv(
  'agent,team,effective_from,commission',
  ',Red,2026-01-01T00:00:00-05:00,"graduated:0-300@10%,300+@50%"',
  'a1,,2026-02-16T00:00:00-05:00,flat:7',
);
const PLANS_CALLS = csv(
  'call_id,started_at,direction,campaign,status,agent,talk_sec,amount',
  'b01,2026-02-02T10:00:00-05:00,outbound,P1,SALE,a2,300,300',
  'b02,2026-02-03T09:00:00-05:00,outbound,P1,SALE,a1,300,100',
  'b03,2026-02-03T09:20:00-05:00,outbound,P2,SALE,a1,300,100',
  'b04,2026-02-09T10:00:00-05:00,outbound,P1,SALE,a2,300,300',
  'b05,2026-02-09T14:00:00-05:00,outbound,P2,SALE,a2,300,200',
  'b06,2026-02-10T15:00:00-05:00,outbound,P1,SALE,a1,300,150',
  'b07,2026-02-10T15:30:00-05:00,outbound,P2,SALE,a1,300,150',
  'b08,2026-02-16T10:00:00-05:00,outbound,P1,SALE,a1,300,', // revenue per sale 100
  'b09,2026-02-17T11:00:00-05:00,outbound,P1,SALE,a2,300,500',
  'b10,2026-02-17T11:30:00-05:00,outbound,P2,SALE,a2,300,400',
  'b11,2026-02-18T10:00:00-05:00,outbound,P1,SALE,a1,300,50',
  'b12,2026-02-18T10:10:00-05:00,outbound,P2,SALE,a1,300,500',
  'b13,2026-02-18T10:20:00-05:00,outbound,P2,NI,a1,60,',
  // March: a2's P1 pool starts again from 0: 600 × 20 % = 120
  'b14,2026-03-02T10:00:00-05:00,outbound,P1,SALE,a2,300,600',
);
// Lists inside February: LA 120 (P1, 5 Feb), LB 80.50 (P2, 20 Feb). Outside: LC (30 Jan), LD
// (1 Mar). LE has no cost.
const PLANS_LISTS = csv(
  'list,campaign,name,loaded_on,leads,cost',
  'LA,P1,Fresh,2026-02-05,100,120',
  'LB,P2,Web,2026-02-20,50,80.50',
  'LC,P1,January,2026-01-30,100,999',
  'LD,P2,March,2026-03-01,100,500',
  'LE,P1,Free,2026-02-10,100,',
);

describe('commission plans over a month', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await s.load('dispositions', 'd.csv', DISPOSITIONS);
    await s.load('agents', 'a.csv', csv('agent,name,team', 'a1,Ann,Red', 'a2,Bob,Blue'));
    await s.load('finance', 'f.csv', PLANS_FINANCE);
    expect(await s.load('commissions', 'o.csv', PLANS_OVERRIDES)).toMatchObject({ accepted: 2, rejected: 0 });
    await s.load('calls', 'c.csv', PLANS_CALLS);
    await s.load('lists', 'l.csv', PLANS_LISTS);
  });
  afterAll(() => s.done());

  const feb = { from: '2026-02-01', to: '2026-02-28', metrics: ['commission_cost'] };
  const amounts = (r: ReportJson, dim: string): [unknown, number][] =>
    r.rows.map((x) => [x[dim], x.commission_cost as number]);
  const expectAmounts = (actual: [unknown, number][], expected: [unknown, number][]): void => {
    expect(actual.map(([k]) => k)).toEqual(expected.map(([k]) => k));
    actual.forEach(([, v], i) => expect(v, String(actual[i]![0])).toBeCloseTo(expected[i]![1], 6));
  };

  test('by agent: each agent under the plan in force, month by month', async () => {
    const r = await roi(s, { ...feb, by: ['agent'] });
    expectAmounts(amounts(r, 'agent'), [
      ['a1', 151],
      ['a2', 360],
    ]);
    expect(r.totals.commission_cost).toBeCloseTo(511, 6);
    expect((await roi(s, { ...feb, by: [] })).totals.commission_cost).toBeCloseTo(511, 6);
  });

  test('by campaign: pooled plans shared by revenue (percent, tiered) or by wins (flat)', async () => {
    // P1: a2 330 + a1 team 10 + 55 + a1 flat 7 + 7 = 409; P2: a2 30 + a1 team 10 + 55 + a1 flat 7 = 102
    const r = await roi(s, { ...feb, by: ['campaign'] });
    expectAmounts(amounts(r, 'campaign'), [
      ['P1', 409],
      ['P2', 102],
    ]);
    const both = await roi(s, { ...feb, by: ['agent', 'campaign'] });
    expect(both.rows.map((x) => [x.agent, x.campaign])).toEqual([
      ['a1', 'P1'],
      ['a1', 'P2'],
      ['a2', 'P1'],
      ['a2', 'P2'],
    ]);
    [79, 72, 330, 30].forEach((v, i) => expect(both.rows[i]!.commission_cost).toBeCloseTo(v, 6));
  });

  // 2 Feb 30; 3 Feb 20; 9 Feb 90 + 10; 10 Feb 110; 16 Feb 7; 17 Feb 210 + 20; 18 Feb 14
  const DAYS: [string, number][] = [
    ['2026-02-02', 30],
    ['2026-02-03', 20],
    ['2026-02-09', 100],
    ['2026-02-10', 110],
    ['2026-02-16', 7],
    ['2026-02-17', 230],
    ['2026-02-18', 14],
  ];

  test('by date: the retroactive jump lands on the day that crossed the bracket; days add up to the month', async () => {
    const r = await roi(s, { ...feb, by: ['date'] });
    expectAmounts(amounts(r, 'date'), DAYS);
    const sum = r.rows.reduce((a, x) => a + (x.commission_cost as number), 0);
    expect(sum).toBeCloseTo(511, 6);
    expect(r.totals.commission_cost).toBeCloseTo(511, 6);
  });

  test('a report starting mid-month counts the earlier days towards the brackets only', async () => {
    const r = await roi(s, { ...feb, from: '2026-02-09', to: '2026-02-17', by: ['date'] });
    expectAmounts(amounts(r, 'date'), DAYS.slice(2, 6));
    expect(r.totals.commission_cost).toBeCloseTo(447, 6); // 100 + 110 + 7 + 230
  });

  test('a new month starts every pool again', async () => {
    const r = await roi(s, { ...feb, to: '2026-03-31', by: ['agent'] });
    expectAmounts(amounts(r, 'agent'), [
      ['a1', 151],
      ['a2', 360 + 120],
    ]);
    const byDate = await roi(s, { ...feb, from: '2026-03-01', to: '2026-03-31', by: ['date'] });
    expectAmounts(amounts(byDate, 'date'), [['2026-03-02', 120]]);
  });

  // A report by month groups the commission query by the month once (it once did twice and the
  // query did not bind). February 511, March 120.
  test('by month', async () => {
    const r = await roi(s, { ...feb, to: '2026-03-31', by: ['month'] });
    expectAmounts(amounts(r, 'month'), [
      ['2026-02', 511],
      ['2026-03', 120],
    ]);
  });

  // List cost in February: LA 120 on P1 (5 Feb) + LB 80.50 on P2 (20 Feb) = 200.50.
  // Calls cost 1 each: P1 7 calls, P2 6 calls (February); a1 8 calls, a2 5.
  test('list cost: booked on the list campaign and load date, inside the range only', async () => {
    const metrics = ['call_cost', 'commission_cost', 'list_cost', 'total_cost'];
    const r = await roi(s, { ...feb, by: ['campaign'], metrics });
    expect(r.rows.map((x) => [x.campaign, x.call_cost, x.list_cost])).toEqual([
      ['P1', 7, 120],
      ['P2', 6, 80.5],
    ]);
    expect(r.rows[0]!.total_cost).toBeCloseTo(7 + 409 + 120, 6);
    expect(r.rows[1]!.total_cost).toBeCloseTo(6 + 102 + 80.5, 6);
    expect(r.totals.list_cost).toBe(200.5);
    expect(r.totals.total_cost).toBeCloseTo(13 + 511 + 200.5, 6);

    const byDate = await roi(s, { ...feb, by: ['date'], metrics: ['revenue', 'list_cost'] });
    expect(byDate.rows.filter((x) => x.list_cost !== 0)).toEqual([
      { date: '2026-02-05', revenue: 0, list_cost: 120 }, // a day with no call still gets its row
      { date: '2026-02-20', revenue: 0, list_cost: 80.5 },
    ]);

    const jan = await roi(s, { from: '2026-01-01', to: '2026-01-31', by: [], metrics: ['list_cost'] });
    expect(jan.totals.list_cost).toBe(999); // LC
    const p2 = await roi(s, { ...feb, by: [], metrics: ['list_cost'], where: { campaign: ['P2'] } });
    expect(p2.totals.list_cost).toBe(80.5);
  });

  test('list cost by agent is not applicable; total cost keeps the other costs', async () => {
    const metrics = ['call_cost', 'commission_cost', 'list_cost', 'total_cost'];
    const r = await roi(s, { ...feb, by: ['agent'], metrics });
    expect(r.rows.map((x) => [x.agent, x.call_cost, x.list_cost])).toEqual([
      ['a1', 8, null],
      ['a2', 5, null],
    ]);
    expect(r.rows[0]!.total_cost).toBeCloseTo(8 + 151, 6);
    expect(r.rows[1]!.total_cost).toBeCloseTo(5 + 360, 6);
    expect(r.totals.list_cost).toBeNull();
    expect(r.totals.total_cost).toBeCloseTo(13 + 511, 6);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        code: 'dimension_not_applicable',
        source: 'list_cost',
        dimensions: ['agent'],
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Labor attribution. Agent time without a campaign goes to the agent's campaigns of that day in
// proportion to handle time, and is valued at the attributed campaign's cost per agent hour:
// `*` 36/h (0.01/s), W2 its own 72/h (0.02/s).
//   b1 on 5 March: handle time W1 400 + 200 = 600 s, W2 200 s → shares 3/4 and 1/4
//      09:00-10:00 available, no campaign: 3600 s → W1 2700, W2 900
//      10:00-10:30 talk on W1:             1800 s → W1 1800
//      10:30-11:00 pause, no campaign:     1800 s → W1 1350, W2 450
//   b1 on 6 March: handle time only on W2 → 09:00-09:30 without campaign, 1800 s → W2
//   b2 on 5 March: no handled call, 11:00-11:20 without campaign: 1200 s stays without campaign (`*`)
// W1 5850 s × 0.01 = 58.5; W2 (900 + 450 + 1800) × 0.02 = 63; none 1200 × 0.01 = 12; total 133.5.
// (Valued before attribution, all 10200 s at 36/h would give 102.)
// ---------------------------------------------------------------------------------------------
describe('labor: agent time without a campaign', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await s.load('dispositions', 'd.csv', DISPOSITIONS);
    await s.load(
      'finance',
      'f.csv',
      csv(
        FINANCE_HEADER,
        '*,2026-03-01T00:00:00-05:00,100,0,36,USD,none',
        'W2,2026-03-01T00:00:00-05:00,,,72,,',
      ),
    );
    await s.load(
      'calls',
      'c.csv',
      csv(
        'call_id,started_at,direction,campaign,status,agent,talk_sec,hold_sec,wrap_sec',
        'w1,2026-03-05T09:10:00-05:00,outbound,W1,SALE,b1,300,60,40',
        'w2,2026-03-05T09:30:00-05:00,outbound,W1,NI,b1,200,,',
        'w3,2026-03-05T10:40:00-05:00,outbound,W2,NI,b1,150,,50',
        'w4,2026-03-06T09:10:00-05:00,outbound,W2,NI,b1,100,,',
      ),
    );
    await s.load(
      'agent-states',
      's.csv',
      csv(
        'agent,started_at,ended_at,state,reason,campaign',
        'b1,2026-03-05T09:00:00-05:00,2026-03-05T10:00:00-05:00,available,,',
        'b1,2026-03-05T10:00:00-05:00,2026-03-05T10:30:00-05:00,talk,,W1',
        'b1,2026-03-05T10:30:00-05:00,2026-03-05T11:00:00-05:00,pause,break,',
        'b2,2026-03-05T11:00:00-05:00,2026-03-05T11:20:00-05:00,available,,',
        'b1,2026-03-06T09:00:00-05:00,2026-03-06T09:30:00-05:00,available,,',
      ),
    );
  });
  afterAll(() => s.done());

  const period = {
    from: '2026-03-05',
    to: '2026-03-06',
    metrics: ['labor_cost', 'login_sec', 'labor_cost_per_hour'],
  };

  test('by campaign: attributed by handle time of that day, valued at the campaign price', async () => {
    const r = await roi(s, { ...period, by: ['campaign'] });
    expect(r.rows).toEqual([
      { campaign: '', labor_cost: 12, login_sec: 1200, labor_cost_per_hour: 36 },
      { campaign: 'W1', labor_cost: 58.5, login_sec: 5850, labor_cost_per_hour: 36 },
      { campaign: 'W2', labor_cost: 63, login_sec: 3150, labor_cost_per_hour: 72 },
    ]);
    // (5850 × 36 + 3150 × 72 + 1200 × 36) ÷ 10200 = 480600 ÷ 10200
    expect(r.totals).toEqual({ labor_cost: 133.5, login_sec: 10200, labor_cost_per_hour: 480600 / 10200 });
  });

  test('the total is the same with and without a campaign dimension', async () => {
    const expected = { labor_cost: 133.5, login_sec: 10200, labor_cost_per_hour: 480600 / 10200 };
    expect((await roi(s, { ...period, by: [] })).totals).toEqual(expected);
    const byAgent = await roi(s, { ...period, by: ['agent'] });
    expect(byAgent.rows.map((x) => [x.agent, x.labor_cost])).toEqual([
      ['b1', 121.5], // 58.5 + 63
      ['b2', 12],
    ]);
    expect(byAgent.totals).toEqual(expected);
    const byDate = await roi(s, { ...period, by: ['date'] });
    expect(byDate.rows.map((x) => [x.date, x.labor_cost])).toEqual([
      ['2026-03-05', 97.5], // 58.5 + 900 × 0.02 + 450 × 0.02 + 12
      ['2026-03-06', 36], // 1800 × 0.02
    ]);
    expect(byDate.totals).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Commission plans changing off the hour, and months in a zone whose offset is not whole hours.
// ---------------------------------------------------------------------------------------------
describe('commission at the plan in force at the call time', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await s.load('dispositions', 'd.csv', DISPOSITIONS);
    await s.load('agents', 'a.csv', csv('agent,name,team', 'o1,Olga,', 'k1,Kiran,'));
    await s.load(
      'finance',
      'f.csv',
      csv(
        FINANCE_HEADER,
        '*,2026-01-01T00:00:00-05:00,100,0,0,USD,flat:5',
        'IN,2026-01-01T00:00:00-05:00,,,,,"tiered:0-100@10%,100+@20%"',
      ),
    );
    // o1's own plan from 13:37 New York time
    await s.load(
      'commissions',
      'o.csv',
      csv('agent,team,effective_from,commission', 'o1,,2026-02-11T13:37:00-05:00,flat:9'),
    );
    await s.load(
      'calls',
      'c.csv',
      csv(
        'call_id,started_at,direction,campaign,status,agent,talk_sec,amount',
        'oc1,2026-02-11T13:20:00-05:00,outbound,US,SALE,o1,60,', // 5
        'oc2,2026-02-11T13:36:59-05:00,outbound,US,SALE,o1,60,', // 5
        'oc3,2026-02-11T13:37:00-05:00,outbound,US,SALE,o1,60,', // 9
        'oc4,2026-02-11T13:50:00-05:00,outbound,US,SALE,o1,60,', // 9
        // India (UTC+05:30): ten minutes either side of midnight between January and February
        'kc1,2026-01-31T23:50:00+05:30,outbound,IN,SALE,k1,60,80',
        'kc2,2026-02-01T00:10:00+05:30,outbound,IN,SALE,k1,60,80',
      ),
    );
  });
  afterAll(() => s.done());

  test('a plan changing at 13:37 pays each win under its own plan, on both paths', async () => {
    const metrics = ['commission_cost'];
    const q = { from: '2026-02-11', to: '2026-02-11', metrics, where: { agent: ['o1'] } };
    // 5 + 5 + 9 + 9 = 28, all in the clock hour 13:00
    for (const by of [[], ['hour'], ['date'], ['campaign']]) {
      const r = await roi(s, { ...q, by });
      expect(r.totals.commission_cost, by.join()).toBe(28);
    }
    const r = await roi(s, { ...q, by: ['hour'] });
    expect(r.rows).toEqual([{ hour: '2026-02-11T13:00-05:00', commission_cost: 28 }]);
  });

  test('a month is the local calendar month, also at half-hour offsets', async () => {
    // IN is tiered 0-100 @10 %, 100+ @20 %. Each month has one win of 80 → 80 × 10 % = 8.
    // (Both wins in one pool would make 160 × 20 % = 32.)
    const tz = 'Asia/Kolkata';
    const q = { timezone: tz, metrics: ['commission_cost'], where: { campaign: ['IN'] } };
    const jan = await roi(s, { ...q, from: '2026-01-01', to: '2026-01-31', by: [] });
    expect(jan.totals.commission_cost).toBeCloseTo(8, 9);
    const feb = await roi(s, { ...q, from: '2026-02-01', to: '2026-02-28', by: [] });
    expect(feb.totals.commission_cost).toBeCloseTo(8, 9);
    const days = await roi(s, { ...q, from: '2026-01-31', to: '2026-02-01', by: ['date'] });
    expect(days.rows.map((x) => x.date)).toEqual(['2026-01-31', '2026-02-01']);
    days.rows.forEach((x) => expect(x.commission_cost).toBeCloseTo(8, 9));
  });
});
