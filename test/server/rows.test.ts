import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  apiFixture,
  expectError,
  makeTokens,
  MARCH,
  type Answer,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';

// GET /rows: the calls behind a figure, one page at a time. Counts from test/helpers/api.ts, in
// started_at order: 2 March (Monday) c1 09:10, c2 09:20, c3 10:05, c4 10:30, c5 14:00; 3 March
// (Tuesday) c6 09:45, c7 10:15, c8 10:40, c9 15:00 — all UTC. New York is UTC-5 on these days.

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture();
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

async function rows(q: string): Promise<{ ids: string[]; total: number; json: Answer['json'] }> {
  const a = await f.call(`/rows?${q}`, { token: t.supervisor });
  expect(a.status, a.text).toBe(200);
  return { ids: a.json.rows.map((r: { call_id: string }) => r.call_id), total: a.json.total, json: a.json };
}

describe('pagination', () => {
  test('page and page_size cut the ordered calls; total counts them all', async () => {
    const p1 = await rows(`${MARCH}&page_size=4`);
    expect(p1.ids).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(p1.json).toMatchObject({ page: 1, page_size: 4, total: 9, timezone: 'UTC' });
    expect((await rows(`${MARCH}&page_size=4&page=2`)).ids).toEqual(['c5', 'c6', 'c7', 'c8']);
    const p3 = await rows(`${MARCH}&page_size=4&page=3`);
    expect(p3.ids).toEqual(['c9']);
    expect(p3.json).toMatchObject({ page: 3, total: 9 });
    const p4 = await rows(`${MARCH}&page_size=4&page=4`);
    expect(p4.ids).toEqual([]);
    expect(p4.total).toBe(9);
  });

  test('default page size 50, at most 500', async () => {
    expect((await rows(MARCH)).json.page_size).toBe(50);
    expect((await rows(`${MARCH}&page_size=500`)).json.page_size).toBe(500);
    expectError(await f.call(`/rows?${MARCH}&page_size=501`, { token: t.supervisor }), 400);
  });

  test('columns and one row in full', async () => {
    const r = await rows(`${MARCH}&where=campaign:CAMP1&where=list:L2&page_size=1`);
    expect(r.json.columns).toEqual([
      'call_id',
      'started_at',
      'direction',
      'campaign',
      'list',
      'agent',
      'team',
      'status',
      'topic',
      'ring_sec',
      'wait_sec',
      'talk_sec',
      'hold_sec',
      'wrap_sec',
      'amount',
    ]);
    // CAMP1 and L2: c4, c8
    expect(r.total).toBe(2);
    expect(r.json.rows[0]).toMatchObject({
      call_id: 'c4',
      started_at: '2026-03-02T10:30:00+00:00',
      direction: 'outbound',
      campaign: 'CAMP1',
      list: 'L2',
      agent: 'a2',
      team: 'Blue',
      status: 'SALE',
      ring_sec: 5,
      wait_sec: 1,
      talk_sec: 200,
      hold_sec: 0,
      wrap_sec: 20,
      amount: 250,
    });
  });
});

describe('a chart point narrows the rows', () => {
  test.each([
    ['where=date:2026-03-02', ['c1', 'c2', 'c3', 'c4', 'c5']],
    ['where=date:2026-03-03', ['c6', 'c7', 'c8', 'c9']],
    ['where=date:2026-03-05', []],
    ['where=hour_of_day:10', ['c3', 'c4', 'c7', 'c8']],
    ['where=hour_of_day:9', ['c1', 'c2', 'c6']],
    ['where=hour_of_day:23', []],
    ['where=date:2026-03-02&where=hour_of_day:10', ['c3', 'c4']],
    ['where=date:2026-03-03&where=hour_of_day:15', ['c9']],
    ['where=dow:1', ['c1', 'c2', 'c3', 'c4', 'c5']],
    ['where=dow:2', ['c6', 'c7', 'c8', 'c9']],
    ['where=hour:2026-03-03T10:00%2B00:00', ['c7', 'c8']],
    ['where=hour:2026-03-03T10:00Z', ['c7', 'c8']],
    ['where=week:2026-03-02', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']],
    ['where=month:2026-03', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']],
    ['where=month:2026-02', []],
    ['where=agent:a1', ['c1', 'c2', 'c9']],
    ['where=agent:a1&where=agent:a3', ['c1', 'c2', 'c6', 'c7', 'c9']],
    ['where=team:Blue', ['c4', 'c5', 'c6', 'c7']],
    ['where=site:Remote', ['c6', 'c7']],
    ['where=campaign:CAMP2', ['c5', 'c6', 'c7']],
    ['where=status:SALE', ['c1', 'c4', 'c5', 'c7', 'c9']],
    ['where=list:L2', ['c4', 'c8']],
    ['where=direction:inbound', []],
    ['where=channel:voice', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']],
    ['where=channel:email', []],
    ['where=team:Blue&where=hour_of_day:10', ['c4', 'c7']],
  ])('%s', async (w, ids) => {
    const r = await rows(`${MARCH}&${w}`);
    expect(r.ids).toEqual(ids);
    expect(r.total).toBe(ids.length);
  });

  test('a date point narrows the period it answers with; outside the period it has no rows', async () => {
    const r = await rows(`${MARCH}&where=date:2026-03-02`);
    expect([r.json.from, r.json.to]).toEqual(['2026-03-02', '2026-03-02']);
    const out = await rows('from=2026-03-03&to=2026-03-31&where=date:2026-03-02');
    expect([out.ids, out.total]).toEqual([[], 0]);
  });

  test('time points are read in the asked zone', async () => {
    // 10:00 in New York is 15:00 UTC: c9 only; 09:00 New York is 14:00 UTC: c5
    const ny = 'timezone=America/New_York';
    expect((await rows(`${MARCH}&${ny}&where=hour_of_day:10`)).ids).toEqual(['c9']);
    expect((await rows(`${MARCH}&${ny}&where=hour_of_day:9`)).ids).toEqual(['c5']);
    const r = await rows(`${MARCH}&${ny}&where=date:2026-03-02`);
    expect(r.json.rows[0].started_at).toBe('2026-03-02T04:10:00-05:00');
  });

  test('bad points are a 400', async () => {
    for (const w of [
      'hour_of_day:24',
      'hour_of_day:x',
      'dow:0',
      'dow:8',
      'date:2026-02-30',
      'date:2026-03-02&where=date:2026-03-03',
      'hour:10',
      'state:talk',
      'reason:break',
    ])
      expectError(await f.call(`/rows?${MARCH}&where=${w}`, { token: t.supervisor }), 400);
  });
});
