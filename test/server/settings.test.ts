import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashToken } from '../../src/settings/tokens.js';
import {
  apiFixture,
  expectError,
  makeTokens,
  MARCH,
  type Answer,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';

// Settings appended over the API go through the import pipeline; a rejected record comes back
// with its index in the request and its reason. Figures from test/helpers/api.ts.

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture();
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

const post = (kind: string, records: unknown[]): Promise<Answer> =>
  f.call(`/settings/${kind}`, { token: t.admin, method: 'POST', body: { records } });
const get = async (path: string, token = t.admin) => {
  const a = await f.call(path, { token });
  expect(a.status, a.text).toBe(200);
  return a.json;
};
const rejectsStored = async (): Promise<number> =>
  Number((await f.s.store.one<{ n: number | bigint }>(`SELECT count(*) AS n FROM rejects`))?.n ?? 0);

/** A 400 whose detail lists exactly these record indexes, each reason naming `field`. */
function expectRejects(a: Answer, expected: [number, RegExp][]): void {
  expectError(a, 400, 'bad_input');
  const d = a.json.error.detail;
  expect(d, a.text).toBeTypeOf('object');
  expect(d.rejected).toBe(expected.length);
  expect(d.rejects.map((r: { index: number }) => r.index)).toEqual(expected.map((e) => e[0]));
  for (const [i, [, re]] of expected.entries()) {
    expect(d.rejects[i].reason).toBeTypeOf('string');
    expect(d.rejects[i].reason).toMatch(re);
  }
}

describe('goals', () => {
  test('an agent goal is stored and judged', async () => {
    const a = await post('goals', [{ scope: 'a2', period: '2026-03', metric: 'contacts', target: 4 }]);
    expect(a.status, a.text).toBe(200);
    expect(a.json).toMatchObject({ accepted: 1, updated: 0, unchanged: 0, rejected: 0, rejects: [] });
    const rows = (await get('/settings/goals')).rows;
    expect(rows).toContainEqual(
      expect.objectContaining({ scope: 'a2', period: '2026-03', metric: 'contacts', target: 4 }),
    );
    // a2's contacts: c4, c5 = 2
    const mine = (await get('/reports/goals', t.a2)).rows.map((g: { metric: string; actual: number }) => [
      g.metric,
      g.actual,
    ]);
    expect(mine).toEqual([
      ['contacts', 2],
      ['wins', 2],
    ]);
    const again = await post('goals', [{ scope: 'a2', period: '2026-03', metric: 'contacts', target: 4 }]);
    expect(again.json).toMatchObject({ accepted: 0, unchanged: 1 });
    const changed = await post('goals', [{ scope: 'a2', period: '2026-03', metric: 'contacts', target: 5 }]);
    expect(changed.json).toMatchObject({ accepted: 0, updated: 1 });
  });

  test('rejected records: 400 with each index and reason; the others are stored', async () => {
    const a = await post('goals', [
      { scope: '*', period: '2026-04', metric: 'wins', target: 40 },
      { scope: '*', period: '2026-13', metric: 'wins', target: 1 },
      { scope: '*', period: '2026-04', metric: 'no_such_metric', target: 1 },
      { scope: '*', period: '2026-04', metric: 'revenue' },
      { scope: '*', period: '2026-04', metric: 'contacts', target: 'lots' },
    ]);
    expectRejects(a, [
      [1, /period/],
      [2, /metric|no_such_metric/],
      [3, /target/],
      [4, /target/],
    ]);
    expect(a.json.error.message).toMatch(/4 of 5 goals records rejected; the others were stored/);
    expect(a.json.error.detail.accepted).toBe(1);
    const rows = (await get('/settings/goals')).rows;
    expect(rows).toContainEqual(expect.objectContaining({ scope: '*', period: '2026-04', metric: 'wins' }));
    expect(rows.some((g: { metric: string }) => g.metric === 'no_such_metric')).toBe(false);
    // the API's rejects are answered, not kept among the installation's rejected input rows
    expect(await rejectsStored()).toBe(0);
  });
});

describe('dispositions', () => {
  test('a new code, and a campaign override that changes the funnel', async () => {
    const a = await post('dispositions', [
      { code: 'CB', label: 'Callback', answered: 1, human: 1, contact: 1, callback: 1 },
      { code: 'NI', campaign: 'CAMP2', label: 'NI is a win here', answered: 1, human: 1, contact: 1, win: 1 },
    ]);
    expect(a.status, a.text).toBe(200);
    expect(a.json).toMatchObject({ accepted: 2, rejected: 0 });
    const rows = (await get('/settings/dispositions')).rows;
    expect(rows.find((d: { code: string }) => d.code === 'CB')).toMatchObject({
      label: 'Callback',
      callback: true,
    });
    // CAMP2: c5 SALE, c6 NI (now a win there), c7 SALE → 3 wins; CAMP1 keeps c1 c4 c9 = 3
    const f2 = await get(`/reports/funnel?${MARCH}&metrics=wins`);
    expect(f2.rows).toEqual([
      { campaign: 'CAMP1', wins: 3 },
      { campaign: 'CAMP2', wins: 3 },
    ]);
  });

  test('rejected records name the field', async () => {
    const a = await post('dispositions', [
      { code: '', label: 'nothing' },
      { code: 'OK2', label: 'fine', answered: 1 },
      { code: 'BAD', answered: 'perhaps' },
    ]);
    expectRejects(a, [
      [0, /code/],
      [2, /answered/],
    ]);
    expect((await get('/settings/dispositions')).rows.some((d: { code: string }) => d.code === 'OK2')).toBe(
      true,
    );
  });
});

describe('campaigns', () => {
  test('a new campaign and a renamed one', async () => {
    const a = await post('campaigns', [
      { campaign: 'CAMP3', name: 'Windows', direction: 'outbound', timezone: 'America/New_York' },
      { campaign: 'CAMP1', name: 'Solar II', direction: 'outbound', timezone: 'UTC' },
    ]);
    expect(a.status, a.text).toBe(200);
    expect(a.json).toMatchObject({ accepted: 1, updated: 1, rejected: 0 });
    const rows = (await get('/settings/campaigns')).rows;
    expect(
      rows.map((c: { campaign: string; name: string; timezone: string }) => [c.campaign, c.name, c.timezone]),
    ).toEqual([
      ['CAMP1', 'Solar II', 'UTC'],
      ['CAMP2', 'Roofing', 'UTC'],
      ['CAMP3', 'Windows', 'America/New_York'],
    ]);
    const dims = await get('/dimensions/campaign');
    expect(dims.values).toContainEqual({ value: 'CAMP1', label: 'Solar II' });
  });

  test('a bad time zone is rejected with its index', async () => {
    const a = await post('campaigns', [
      { campaign: 'CAMP4', name: 'Four', timezone: 'Mars/Base' },
      { campaign: '', name: 'nameless' },
    ]);
    expectRejects(a, [
      [0, /timezone/],
      [1, /campaign/],
    ]);
    expect(a.json.error.message).toMatch(/2 of 2 campaigns records rejected/);
  });
});

describe('finance', () => {
  test('a new version applies from its instant on', async () => {
    const before = await get(`/reports/roi?${MARCH}&metrics=call_cost`);
    expect(before.totals.call_cost).toBe(4.5); // 9 calls × 0.50
    const a = await post('finance', [
      { campaign: '*', effective_from: '2026-03-03T00:00:00Z', cost_per_call: 1 },
    ]);
    expect(a.status, a.text).toBe(200);
    expect(a.json).toMatchObject({ accepted: 1, rejected: 0 });
    // CAMP1: c1–c4 on 2 March at 0.50 = 2, c8 c9 on 3 March at 1 = 2 → 4. CAMP2 leaves its cost
    // per call to `*`: c5 0.50 + c6 c7 at 1 → 2.5.
    const after = await get(`/reports/roi?${MARCH}&metrics=call_cost`);
    expect(after.rows).toEqual([
      { campaign: 'CAMP1', call_cost: 4 },
      { campaign: 'CAMP2', call_cost: 2.5 },
    ]);
    const hist = await get('/settings/finance');
    expect(hist.history).toHaveLength(3);
    expect(
      hist.history.some(
        (h: { effective_from: string; row: { cost_per_call: number } }) =>
          h.effective_from.startsWith('2026-03-03') && h.row.cost_per_call === 1,
      ),
    ).toBe(true);
    // the same record again changes nothing
    const again = await post('finance', [
      { campaign: '*', effective_from: '2026-03-03T00:00:00Z', cost_per_call: 1 },
    ]);
    expect(again.json).toMatchObject({ accepted: 0, unchanged: 1 });
  });

  test('rejected records: index and reason', async () => {
    const a = await post('finance', [
      { campaign: '*', effective_from: 'not a date', revenue_per_sale: 1 },
      { campaign: 'CAMP1', effective_from: '2026-03-20T00:00:00Z', revenue_per_sale: 150 },
      { campaign: 'CAMP1', effective_from: '2026-03-21T00:00:00Z', revenue_per_sale: 'free' },
    ]);
    expectRejects(a, [
      [0, /effective_from/],
      [2, /revenue_per_sale/],
    ]);
    expect(a.json.error.message).toMatch(/2 of 3 finance records rejected; the others were stored/);
    const hist = (await get('/settings/finance?campaign=CAMP1')).history;
    expect(hist.some((h: { effective_from: string }) => h.effective_from.startsWith('2026-03-20'))).toBe(
      true,
    );
    expect(await rejectsStored()).toBe(0);
  });
});

describe('tokens', () => {
  test('create: shown once, stored hashed, usable at once with its role', async () => {
    const a = await f.call('/tokens', {
      token: t.admin,
      method: 'POST',
      body: { role: 'agent', agent: 'a2', label: 'Bob’s phone' },
    });
    expect(a.status, a.text).toBe(201);
    expect(a.json).toEqual({
      token: expect.stringMatching(/^ck_/),
      id: expect.any(String),
      role: 'agent',
      agent: 'a2',
      label: 'Bob’s phone',
      created_at: expect.any(String),
      revoked_at: null,
    });
    const stored = await f.s.store.all<{ token_hash: string }>(
      `SELECT token_hash FROM api_tokens WHERE id = $1`,
      [a.json.id],
    );
    expect(stored).toEqual([{ token_hash: hashToken(a.json.token) }]);
    const list = await f.call('/tokens', { token: t.admin });
    expect(list.text).not.toContain(a.json.token);
    expect(list.json.tokens).toContainEqual(expect.objectContaining({ id: a.json.id, agent: 'a2' }));
    const mine = await f.call(`/reports/funnel?${MARCH}&by=agent&metrics=wins`, { token: a.json.token });
    expect(mine.json.rows).toEqual([{ agent: 'a2', wins: 2 }]);
  });

  test('bad requests', async () => {
    for (const body of [
      { role: 'agent' },
      { role: 'supervisor', agent: 'a1' },
      { role: 'root' },
      { role: 'admin', extra: 1 },
      { role: 'agent', agent: '' },
      {},
    ])
      expectError(await f.call('/tokens', { token: t.admin, method: 'POST', body }), 400);
  });

  test('revoke: the token stops working; revoking twice is harmless; unknown ids are 404', async () => {
    const made = await f.call('/tokens', { token: t.admin, method: 'POST', body: { role: 'supervisor' } });
    const tok = made.json.token as string;
    expect((await f.call('/metrics', { token: tok })).status).toBe(200);
    const del = await f.call(`/tokens/${made.json.id}`, { token: t.admin, method: 'DELETE' });
    expect(del.status, del.text).toBe(200);
    expect(del.json).toMatchObject({ id: made.json.id, role: 'supervisor', revoked_at: expect.any(String) });
    expectError(await f.call('/metrics', { token: tok }), 401);
    const twice = await f.call(`/tokens/${made.json.id}`, { token: t.admin, method: 'DELETE' });
    expect(twice.status).toBe(200);
    expect(twice.json.revoked_at).toBe(del.json.revoked_at);
    const listed = (await f.call('/tokens', { token: t.admin })).json.tokens.find(
      (x: { id: string }) => x.id === made.json.id,
    );
    expect(listed.revoked_at).toBe(del.json.revoked_at);
    expectError(await f.call('/tokens/nope', { token: t.admin, method: 'DELETE' }), 404, 'not_found');
  });
});
