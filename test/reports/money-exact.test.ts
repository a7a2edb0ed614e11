import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReport, type ReportJson, type ReportOptions } from '../../src/reports/run.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// Money is exact: many small amounts must add up to the decimal total, not to a binary float that
// drifted on the way (20 000 × 0.01 summed in doubles is 199.99999999996308). Amounts are stored
// as DECIMAL(18,4); every expected value here is the decimal total written as a literal and
// compared with toBe/toEqual, i.e. the double nearest the decimal, never toBeCloseTo.
// Times are UTC and the reports run in UTC, so every day below is one calendar day.

const TZ = 'UTC';
const START = Date.parse('2026-03-02T00:00:00Z');
const DAY_MS = 86_400_000;

interface Batch {
  day: number; // days after 2 March 2026
  campaign: string;
  status: string;
  count: number;
  amount: string;
  upsell?: string;
}

// Wins with their own amount (E1), wins valued at the revenue per sale (E2: 0.07 per win, calls at
// 0.01 each), and one win with an upsell (E3).
const BATCHES: Batch[] = [
  { day: 0, campaign: 'E1', status: 'SALE', count: 20_000, amount: '0.01' }, // 2 March: 200.00
  { day: 1, campaign: 'E1', status: 'SALE', count: 1_001, amount: '0.1' }, // 3 March: 100.10
  { day: 2, campaign: 'E1', status: 'SALE', count: 1_001, amount: '0.2' }, // 4 March: 200.20
  { day: 3, campaign: 'E1', status: 'SALE', count: 1_001, amount: '0.07' }, // 5 March: 70.07
  { day: 4, campaign: 'E2', status: 'SALE', count: 3_000, amount: '' }, // 6 March: 3000 × 0.07 = 210.00
  { day: 4, campaign: 'E2', status: 'NI', count: 1_000, amount: '' }, // 6 March: 4000 calls × 0.01 = 40.00
  { day: 7, campaign: 'E3', status: 'SALE', count: 1, amount: '1000.1', upsell: '0.2' }, // 9 March: 1000.30
];

function callsCsv(): string {
  const lines = ['call_id,started_at,direction,campaign,status,agent,talk_sec,amount,upsell_amount'];
  let id = 0;
  for (const b of BATCHES) {
    const step = Math.floor(DAY_MS / b.count); // spread over the day, so over many rollup hours
    for (let i = 0; i < b.count; i++) {
      const at = new Date(START + b.day * DAY_MS + i * step).toISOString();
      lines.push(`x${id++},${at},outbound,${b.campaign},${b.status},a1,60,${b.amount},${b.upsell ?? ''}`);
    }
  }
  return csv(...lines);
}

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load(
    'finance',
    'f.csv',
    csv(
      'campaign,effective_from,revenue_per_sale,cost_per_call,cost_per_agent_hour,currency,commission',
      '*,2026-03-01T00:00:00Z,0,0,0,USD,none',
      'E2,2026-03-01T00:00:00Z,0.07,0.01,,,',
    ),
  );
  const summary = await s.load('calls', 'c.csv', callsCsv());
  expect(summary).toMatchObject({ accepted: 27_004, rejected: 0 });
  // two lists of one campaign loaded the same day: 1.10 + 2.20 = 3.30
  await s.load(
    'lists',
    'l.csv',
    csv('list,campaign,loaded_on,cost', 'LA,E1,2026-03-03,1.10', 'LB,E1,2026-03-03,2.20'),
  );
});
afterAll(() => s.done());

/** The roi report on the rollup path and on raw rows: both must give the same answer. */
async function roi(opts: ReportOptions): Promise<ReportJson> {
  const rollup = await runReport(s.store, 'roi', { timezone: TZ, ...opts });
  const raw = await runReport(s.store, 'roi', { timezone: TZ, ...opts, forceRaw: true });
  expect(raw.rows).toEqual(rollup.rows);
  expect(raw.totals).toEqual(rollup.totals);
  return rollup;
}

describe('exact money', () => {
  test('20 000 wins of 0.01 make exactly 200', async () => {
    const r = await roi({ from: '2026-03-02', to: '2026-03-02', by: [], metrics: ['wins', 'revenue'] });
    expect(r.totals).toEqual({ wins: 20_000, revenue: 200 });
  });

  test('wins of 0.1, 0.2 and 0.07: each day and the whole period are exact decimals', async () => {
    const period = { from: '2026-03-02', to: '2026-03-05', metrics: ['revenue'] };
    // 200 + 100.1 + 200.2 + 70.07
    expect((await roi({ ...period, by: [] })).totals).toEqual({ revenue: 570.37 });
    const byDate = await roi({ ...period, by: ['date'] });
    expect(byDate.rows).toEqual([
      { date: '2026-03-02', revenue: 200 },
      { date: '2026-03-03', revenue: 100.1 },
      { date: '2026-03-04', revenue: 200.2 },
      { date: '2026-03-05', revenue: 70.07 },
    ]);
  });

  // Totals of a report with dimensions must not re-add the rows' sums as doubles: 100.1 + 200.2
  // in doubles is 300.29999999999995 (in either order), while the decimal total is 300.3.
  test('…and the total of the report by date is the same exact decimal', async () => {
    const period = { from: '2026-03-03', to: '2026-03-04', metrics: ['revenue'] };
    expect((await roi({ ...period, by: [] })).totals.revenue).toBe(300.3);
    const r = await roi({ ...period, by: ['date'] });
    expect(r.rows.map((x) => x.revenue)).toEqual([100.1, 200.2]);
    expect(r.totals.revenue).toBe(300.3);
  });

  test('wins valued at a revenue per sale of 0.07, calls at 0.01', async () => {
    const r = await roi({
      from: '2026-03-06',
      to: '2026-03-06',
      by: ['campaign'],
      metrics: ['wins', 'revenue', 'call_cost', 'avg_sale_value'],
    });
    // 3000 × 0.07 = 210; 4000 calls × 0.01 = 40; 210 ÷ 3000 = 0.07
    expect(r.rows).toEqual([
      { campaign: 'E2', wins: 3000, revenue: 210, call_cost: 40, avg_sale_value: 0.07 },
    ]);
  });

  // Revenue is one decimal sum in the engine: sales + upsells re-added as doubles would give
  // 1000.1 + 0.2 = 1000.3000000000001.
  test('a win of 1000.10 with an upsell of 0.20 is revenue 1000.30', async () => {
    const r = await roi({
      from: '2026-03-09',
      to: '2026-03-09',
      by: [],
      metrics: ['revenue', 'upsell_revenue'],
    });
    expect(r.totals).toEqual({ revenue: 1000.3, upsell_revenue: 0.2 });
  });

  // List costs are summed as exact decimal units: as doubles 1.1 + 2.2 = 3.3000000000000003.
  test('two lists costing 1.10 and 2.20 cost 3.30', async () => {
    const r = await roi({ from: '2026-03-03', to: '2026-03-03', by: ['campaign'], metrics: ['list_cost'] });
    expect(r.rows).toEqual([{ campaign: 'E1', list_cost: 3.3 }]);
  });
});
