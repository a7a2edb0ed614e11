import { afterAll, beforeAll, expect, test } from 'vitest';
import { runExecutive } from '../../src/reports/executive.js';
import { appendFinance } from '../../src/settings/finance.js';
import { loadApiData, NOW } from '../helpers/api.js';
import { scratch, type Scratch } from '../helpers/store.js';

// The executive ranking with two campaigns: "earning most" must not list one that loses money just
// because there are fewer campaigns than places in the list.

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await loadApiData(s);
  // CAMP2's 3 calls at 1000 each cost 3000 against 160 of revenue: it loses money.
  await appendFinance(s.store, {
    campaign: 'CAMP2',
    effective_from: '2026-03-01T00:01:00Z',
    cost_per_call: 1000,
  });
});
afterAll(() => s.done());

test('a losing campaign is among the least earning, never the most', async () => {
  const r = await runExecutive(s.store, { now: NOW });
  const camp2 = r.rows.find((x) => x.campaign === 'CAMP2')!;
  expect(camp2.net_profit as number).toBeLessThan(0);
  expect(r.rows.map((x) => x.campaign)).toEqual(['CAMP1', 'CAMP2']);
  expect(r.top_campaigns).toEqual(['CAMP1']);
  expect(r.bottom_campaigns).toEqual(['CAMP2']);
});
