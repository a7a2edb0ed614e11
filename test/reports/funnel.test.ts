import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReport } from '../../src/reports/run.js';
import { FIXTURE_TZ, loadFixture } from '../helpers/fixture.js';
import { scratch } from '../helpers/store.js';

// Expected values are counted by hand from test/helpers/fixture.ts (one line per call there).
let s: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  s = await scratch();
  await loadFixture(s);
});
afterAll(() => s.done());

const day = { from: '2026-03-02', to: '2026-03-02', timezone: FIXTURE_TZ };

describe.each([false, true])('funnel (raw=%s)', (forceRaw) => {
  test('totals: base counts and every outbound rate', async () => {
    const r = await runReport(s.store, 'funnel', {
      ...day,
      forceRaw,
      by: [],
      metrics: [
        'dials',
        'leads_dialed',
        'answered',
        'human_answered',
        'machines',
        'drops',
        'contacts',
        'leads_contacted',
        'conversations',
        'wins',
        'leads_won',
        'dnc',
        'unknown_status_calls',
        'answer_rate',
        'contact_rate',
        'lead_contact_rate',
        'conversion_rate',
        'conversion_rate_leads',
        'conversion_rate_dials',
        'close_rate',
        'drop_rate',
        'drop_rate_of_dials',
        'dials_per_win',
      ],
    });
    expect(r.totals).toEqual({
      dials: 8, // c1-c8
      leads_dialed: 6, // lead1-lead6
      answered: 6, // c1 c3 c4 c5 c6 c7 (NA and unknown ZZZ are not)
      human_answered: 5, // c1 c3 c5 c6 c7
      machines: 1, // c4
      drops: 1, // c5
      contacts: 3, // c1 SALE, c3 NI, c6 XFER
      leads_contacted: 3, // lead1 lead2 lead5
      conversations: 4, // c1 c3 c6 c7: human, not drop, agent, talk > 0
      wins: 2, // c1 SALE, c6 XFER (a win in CAMP2 only)
      leads_won: 2,
      dnc: 1, // c7
      unknown_status_calls: 1, // c8
      answer_rate: 6 / 8,
      contact_rate: 3 / 8,
      lead_contact_rate: 3 / 6,
      conversion_rate: 2 / 3,
      conversion_rate_leads: 2 / 6,
      conversion_rate_dials: 2 / 8,
      close_rate: 2 / 4,
      drop_rate: 1 / 5,
      drop_rate_of_dials: 1 / 8,
      dials_per_win: 4,
    });
    expect(r.warnings).toContainEqual({ code: 'unknown_status', status: 'ZZZ', calls: 1 });
    expect(r.definitions.conversion_rate).toContain('denominator: contacts');
  });

  test('by campaign: rows hold their own sums, totals re-divide', async () => {
    const r = await runReport(s.store, 'funnel', {
      ...day,
      forceRaw,
      metrics: ['dials', 'contacts', 'drop_rate', 'leads_dialed'],
    });
    expect(r.rows).toEqual([
      { campaign: 'CAMP1', dials: 5, contacts: 2, drop_rate: 1 / 3, leads_dialed: 4 },
      { campaign: 'CAMP2', dials: 3, contacts: 1, drop_rate: 0, leads_dialed: 2 },
    ]);
    // 1 drop over 5 human answers, not the mean of 1/3 and 0.
    expect(r.totals.drop_rate).toBe(1 / 5);
  });

  test('lists report with penetration', async () => {
    const r = await runReport(s.store, 'lists', {
      ...day,
      forceRaw,
      metrics: ['list_leads', 'leads_dialed', 'list_penetration', 'dials'],
    });
    expect(r.rows).toEqual([
      { list: 'L1', list_leads: 10, leads_dialed: 2, list_penetration: 0.2, dials: 3 },
      { list: 'L2', list_leads: 20, leads_dialed: 2, list_penetration: 0.1, dials: 2 },
      { list: 'L3', list_leads: 4, leads_dialed: 2, list_penetration: 0.5, dials: 3 },
    ]);
    expect(r.totals.list_penetration).toBe(6 / 34);
  });
});

test('a division by zero is null, never 0 or NaN', async () => {
  const r = await runReport(s.store, 'funnel', {
    ...day,
    where: { campaign: ['NOPE'] },
    by: [],
    metrics: ['dials', 'answer_rate'],
  });
  expect(r.totals).toEqual({ dials: 0, answer_rate: null });
});

test('every report reads the same answer from rollups and raw rows', async () => {
  for (const name of ['funnel', 'service', 'agents', 'lists']) {
    const a = await runReport(s.store, name, { ...day });
    const b = await runReport(s.store, name, { ...day, forceRaw: true });
    expect(a.rows, name).toEqual(b.rows);
    expect(a.totals, name).toEqual(b.totals);
  }
});
