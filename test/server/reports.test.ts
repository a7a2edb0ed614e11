import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runExecutive } from '../../src/reports/executive.js';
import { runGoals } from '../../src/reports/goals.js';
import { runReport } from '../../src/reports/run.js';
import { runStaffing } from '../../src/reports/staffing.js';
import {
  apiFixture,
  csvObjects,
  makeTokens,
  MARCH,
  NOW,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';

// The API answers a report with exactly the JSON of the command line (the same runReport with the
// same options and clock), and the figures are the hand counts of test/helpers/api.ts.

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture();
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

const admin = (path: string) => f.call(path, { token: t.admin });
/** The value as it crosses the wire: JSON drops undefined fields. */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('report JSON equals the CLI’s', () => {
  test.each([
    ['funnel', `${MARCH}`, { from: '2026-03-01', to: '2026-03-31' }],
    ['funnel', 'by=list,agent&raw=1', { by: ['list', 'agent'], forceRaw: true }],
    [
      'roi',
      `${MARCH}&by=agent&where=campaign:CAMP1&where=campaign:CAMP2`,
      { from: '2026-03-01', to: '2026-03-31', by: ['agent'], where: { campaign: ['CAMP1', 'CAMP2'] } },
    ],
    [
      'agents',
      `${MARCH}&where=team:Blue&metrics=handled_calls,wins,revenue`,
      {
        from: '2026-03-01',
        to: '2026-03-31',
        where: { team: ['Blue'] },
        metrics: ['handled_calls', 'wins', 'revenue'],
      },
    ],
    ['service', 'sl_threshold=30&short_abandon=3', { slThresholdSec: 30, shortAbandonSec: 3 }],
    ['lists', 'from=2026-03-02&to=2026-03-02', { from: '2026-03-02', to: '2026-03-02' }],
    ['roi', 'forecast=7&timezone=America/New_York', { forecastDays: 7, timezone: 'America/New_York' }],
    ['workforce', 'by=date', { by: ['date'] }],
  ] as const)('%s?%s', async (name, q, opts) => {
    const a = await admin(`/reports/${name}?${q}`);
    expect(a.status, a.text).toBe(200);
    const direct = await runReport(f.s.store, name, { ...opts, now: NOW });
    expect(a.json).toEqual(wire(direct));
  });

  test('goals and executive equal runGoals and runExecutive', async () => {
    const g = await admin('/reports/goals');
    expect(g.json).toEqual(wire(await runGoals(f.s.store, { now: NOW })));
    const gs = await admin('/reports/goals?period=2026-03&scope=CAMP1');
    expect(gs.json).toEqual(wire(await runGoals(f.s.store, { now: NOW, period: '2026-03', scope: 'CAMP1' })));
    const e = await admin('/reports/executive');
    expect(e.json).toEqual(wire(await runExecutive(f.s.store, { now: NOW })));
  });

  test('staffing equals runStaffing with the CLI defaults (80/20, occupancy 85 %, shrinkage 30 %)', async () => {
    const s = await admin(`/reports/staffing?${MARCH}`);
    const direct = await runStaffing(f.s.store, {
      from: '2026-03-01',
      to: '2026-03-31',
      now: NOW,
      slTarget: 0.8,
      slSec: 20,
      maxOccupancy: 0.85,
      shrinkage: 0.3,
    });
    expect(s.json).toEqual(wire(direct));
  });
});

describe('figures counted by hand', () => {
  test('funnel by campaign: dials, contacts, wins', async () => {
    const a = await admin(`/reports/funnel?${MARCH}&metrics=dials,answered,contacts,wins`);
    // CAMP1: c1 c2 c3 c4 c8 c9 = 6 dials; NA (c3) not answered → 5; SALE/NI c1 c2 c4 c9 = 4
    // contacts; SALE c1 c4 c9 = 3 wins. CAMP2: c5 c6 c7, all contacts, SALE c5 c7 = 2 wins.
    expect(a.json.rows).toEqual([
      { campaign: 'CAMP1', dials: 6, answered: 5, contacts: 4, wins: 3 },
      { campaign: 'CAMP2', dials: 3, answered: 3, contacts: 3, wins: 2 },
    ]);
    expect(a.json.totals).toEqual({ dials: 9, answered: 8, contacts: 7, wins: 5 });
    expect(a.json).toMatchObject({ from: '2026-03-01', to: '2026-03-31', timezone: 'UTC', by: ['campaign'] });
  });

  test('roi by campaign: revenue and costs at the prices in force', async () => {
    const a = await admin(`/reports/roi?${MARCH}&metrics=wins,revenue,call_cost,labor_cost`);
    // CAMP1 revenue c1 100 + c4 its own 250 + c9 100 = 450; calls 6 × 0.50 = 3; labor a1 1 h + a2
    // 1 h at 30 = 60. CAMP2 revenue c5 80 + c7 80 = 160; calls 3 × 0.50 = 1.5; labor a3 1 h = 30.
    expect(a.json.rows).toEqual([
      { campaign: 'CAMP1', wins: 3, revenue: 450, call_cost: 3, labor_cost: 60 },
      { campaign: 'CAMP2', wins: 2, revenue: 160, call_cost: 1.5, labor_cost: 30 },
    ]);
    expect(a.json.totals).toEqual({ wins: 5, revenue: 610, call_cost: 4.5, labor_cost: 90 });
    expect(a.json.meta.currency).toBe('USD');
  });

  test('roi by agent and funnel by date', async () => {
    const r = await admin(`/reports/roi?${MARCH}&by=agent&metrics=wins,revenue&where=campaign:CAMP1`);
    // CAMP1 only: a1 c1 + c9 = 2 wins, 200; a2 c4 = 1 win, 250; no-agent calls c3 c8 win nothing
    const byAgent = Object.fromEntries(
      r.json.rows.map((x: { agent: string; wins: number; revenue: number }) => [
        x.agent,
        [x.wins, x.revenue],
      ]),
    );
    expect(byAgent).toMatchObject({ a1: [2, 200], a2: [1, 250] });
    expect(byAgent.a3).toBeUndefined();
    const d = await admin(`/reports/funnel?${MARCH}&by=date&metrics=dials,wins`);
    // 2 March: c1–c5 (wins c1 c4 c5); 3 March: c6–c9 (wins c7 c9)
    expect(d.json.rows).toEqual([
      { date: '2026-03-02', dials: 5, wins: 3 },
      { date: '2026-03-03', dials: 4, wins: 2 },
    ]);
  });

  test('the default period is the month to date of the pinned clock', async () => {
    const a = await admin('/reports/funnel?metrics=dials');
    expect(a.json).toMatchObject({ from: '2026-03-01', to: '2026-03-04' });
    expect(a.json.totals).toEqual({ dials: 9 });
  });

  test('goals: the agent goal counts the agent’s wins', async () => {
    const a = await admin('/reports/goals');
    const row = a.json.rows.find(
      (g: { scope: string; metric: string }) => g.scope === 'a1' && g.metric === 'wins',
    );
    // a1 wins c1, c9 = 2 against 10 for March
    expect(row).toMatchObject({ scope_kind: 'agent', target: 10, actual: 2 });
    const all = a.json.rows.find((g: { scope: string }) => g.scope === '*');
    expect(all).toMatchObject({ actual: 5, target: 31 });
    const team = a.json.rows.find((g: { scope: string }) => g.scope === 'team:Blue');
    expect(team).toMatchObject({ scope_kind: 'team', actual: 3 }); // a2 c4 c5 + a3 c7
  });

  test('CSV: the same rows and figures as the JSON', async () => {
    const c = await admin(`/reports/roi.csv?${MARCH}&metrics=wins,revenue,call_cost`);
    expect(c.text).toBe('campaign,wins,revenue,call_cost\nCAMP1,3,450,3\nCAMP2,2,160,1.5\n');
    expect(c.headers.get('content-disposition')).toBe('attachment; filename="roi-2026-03-01-2026-03-31.csv"');
    const g = await admin('/reports/goals.csv?period=2026-03');
    expect(csvObjects(g.text).map((r) => r.scope)).toContain('a1');
  });
});

describe('cache', () => {
  test('the same request twice: miss then hit, with the same body and headers', async () => {
    const q = `/reports/lists?${MARCH}&metrics=dials`;
    const a = await admin(q);
    const b = await admin(q);
    expect(a.headers.get('x-cache')).toBe('miss');
    expect(b.headers.get('x-cache')).toBe('hit');
    expect(b.text).toBe(a.text);
    expect(b.headers.get('content-type')).toBe(a.headers.get('content-type'));
    // the order of parameters does not matter
    const c = await admin(`/reports/lists?metrics=dials&to=2026-03-31&from=2026-03-01`);
    expect(c.headers.get('x-cache')).toBe('hit');
    const csv1 = await admin(`/reports/lists.csv?${MARCH}&metrics=dials`);
    const csv2 = await admin(`/reports/lists.csv?${MARCH}&metrics=dials`);
    expect([csv1.headers.get('x-cache'), csv2.headers.get('x-cache')]).toEqual(['miss', 'hit']);
    expect(csv2.headers.get('content-disposition')).toBe(csv1.headers.get('content-disposition'));
    expect(csv2.headers.get('content-type')).toMatch(/^text\/csv/);
  });

  test('an agent’s cached answer is never served to a supervisor, nor to another agent', async () => {
    const q = `/reports/funnel?${MARCH}&metrics=dials,wins&by=agent`;
    const mine = await f.call(q, { token: t.a1 });
    expect(mine.headers.get('x-cache')).toBe('miss');
    // a1: c1 c2 c9 = 3 dials, 2 wins
    expect(mine.json.rows).toEqual([{ agent: 'a1', dials: 3, wins: 2 }]);
    const sup = await f.call(q, { token: t.supervisor });
    expect(sup.headers.get('x-cache')).toBe('miss');
    expect(sup.json.rows.map((r: { agent: string }) => r.agent)).toEqual(['', 'a1', 'a2', 'a3']);
    const other = await f.call(q, { token: t.a2 });
    expect(other.headers.get('x-cache')).toBe('miss');
    expect(other.json.rows).toEqual([{ agent: 'a2', dials: 2, wins: 2 }]);
    // and each asker now hits their own answer
    const again = await f.call(q, { token: t.a1 });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.json).toEqual(mine.json);
    const supAgain = await f.call(q, { token: t.supervisor });
    expect(supAgain.headers.get('x-cache')).toBe('hit');
    expect(supAgain.json).toEqual(sup.json);
  });

  test('a supervisor’s cached answer is never served to an agent', async () => {
    const q = `/reports/roi?${MARCH}&metrics=revenue`;
    const sup = await f.call(q, { token: t.supervisor });
    expect(sup.json.totals.revenue).toBe(610);
    const sup2 = await f.call(q, { token: t.supervisor });
    expect(sup2.headers.get('x-cache')).toBe('hit');
    const mine = await f.call(q, { token: t.a3 });
    expect(mine.headers.get('x-cache')).toBe('miss');
    expect(mine.json.totals.revenue).toBe(80); // a3: c7 at CAMP2's 80
  });

  test('after a settings change the next answer is a miss with the new figures', async () => {
    const q = `/reports/roi?${MARCH}&metrics=revenue`;
    await admin(q);
    expect((await admin(q)).headers.get('x-cache')).toBe('hit');
    const post = await f.call('/settings/finance', {
      token: t.admin,
      method: 'POST',
      body: {
        records: [{ campaign: 'CAMP1', effective_from: '2026-03-03T00:00:00Z', revenue_per_sale: 200 }],
      },
    });
    expect(post.status, post.text).toBe(200);
    const after = await admin(q);
    expect(after.headers.get('x-cache')).toBe('miss');
    // CAMP1 from 3 March sells at 200: c1 100 + c4 250 + c9 200 = 550; CAMP2 160 → 710
    expect(after.json.totals.revenue).toBe(710);
    expect((await admin(q)).headers.get('x-cache')).toBe('hit');
  });

  test('a settings change also refreshes the filter lists', async () => {
    const q = '/dimensions/campaign';
    await admin(q);
    expect((await admin(q)).headers.get('x-cache')).toBe('hit');
    const post = await f.call('/settings/campaigns', {
      token: t.admin,
      method: 'POST',
      body: { records: [{ campaign: 'CAMP3', name: 'Windows', timezone: 'UTC' }] },
    });
    expect(post.status, post.text).toBe(200);
    const after = await admin(q);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.json.values).toContainEqual({ value: 'CAMP3', label: 'Windows' });
  });
});
