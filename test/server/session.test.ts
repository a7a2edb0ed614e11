import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken } from '../../src/settings/tokens.js';
import {
  apiFixture,
  expectError,
  HOST,
  makeTokens,
  MARCH,
  sessionCookie,
  type Answer,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';

// The dashboard's sign-in: a token is exchanged for an HttpOnly, SameSite=Strict cookie; changes
// made with the cookie need the session's X-CSRF-Token; another site's Origin is refused.

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture({ host: '0.0.0.0' });
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

const GOAL = { records: [{ scope: '*', period: '2026-05', metric: 'wins', target: 3 }] };

async function signIn(token: string): Promise<{ cookie: string; csrf: string; answer: Answer }> {
  const answer = await f.call('/session', { method: 'POST', body: { token } });
  expect(answer.status, answer.text).toBe(200);
  return { cookie: sessionCookie(answer), csrf: answer.json.csrf, answer };
}

describe('signing in', () => {
  test('sets an HttpOnly, SameSite=Strict cookie that holds no token', async () => {
    const { answer, cookie } = await signIn(t.admin);
    expect(answer.json).toEqual({
      authenticated: true,
      auth_required: true,
      role: 'admin',
      agent: null,
      csrf: expect.any(String),
    });
    const set = answer.headers.get('set-cookie')!;
    expect(set).toMatch(/^callkpi_session=/);
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=Strict/i);
    expect(set).toMatch(/;\s*Path=\//i);
    expect(set).not.toMatch(/;\s*Secure/i); // plain http in this test
    expect(cookie).not.toContain(t.admin);
    expect(answer.json.csrf.length).toBeGreaterThanOrEqual(16);
  });

  test('GET /session answers the same identity and CSRF value', async () => {
    const { cookie, csrf } = await signIn(t.a1);
    const a = await f.call('/session', { cookie });
    expect(a.json).toEqual({ authenticated: true, auth_required: true, role: 'agent', agent: 'a1', csrf });
  });

  test('a bad, revoked or missing token, or a foreign Origin, signs nobody in', async () => {
    expectError(await f.call('/session', { method: 'POST', body: { token: 'ck_nope' } }), 401);
    const made = await createToken(f.s.store, { role: 'admin' });
    await f.call(`/tokens/${made.info.id}`, { method: 'DELETE', token: t.admin });
    const revoked = await f.call('/session', { method: 'POST', body: { token: made.token } });
    expectError(revoked, 401);
    expect(revoked.headers.get('set-cookie')).toBeNull();
    expectError(await f.call('/session', { method: 'POST', body: {} }), 400);
    const foreign = await f.call('/session', {
      method: 'POST',
      body: { token: t.admin },
      origin: 'https://evil.example',
    });
    expectError(foreign, 403, 'forbidden');
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  test('a forged cookie is nobody', async () => {
    expectError(await f.call('/metrics', { cookie: 'callkpi_session=forged' }), 401);
    expect((await f.call('/session', { cookie: 'callkpi_session=forged' })).json.authenticated).toBe(false);
  });
});

describe('requests with the cookie', () => {
  test('reads work with the session’s role', async () => {
    const admin = await signIn(t.admin);
    const a = await f.call(`/reports/funnel?${MARCH}&metrics=wins`, { cookie: admin.cookie });
    expect(a.status).toBe(200);
    expect(a.json.totals.wins).toBe(5);
    const agent = await signIn(t.a2);
    const b = await f.call(`/reports/funnel?${MARCH}&metrics=wins&by=agent`, { cookie: agent.cookie });
    expect(b.json.rows).toEqual([{ agent: 'a2', wins: 2 }]);
    expectError(await f.call(`/reports/funnel?${MARCH}&where=agent:a1`, { cookie: agent.cookie }), 403);
    expectError(await f.call('/settings/goals', { cookie: agent.cookie }), 403);
  });

  test('a change needs the X-CSRF-Token of the session', async () => {
    const { cookie, csrf } = await signIn(t.admin);
    const post = (init: { csrf?: string; origin?: string }) =>
      f.call('/settings/goals', { method: 'POST', body: GOAL, cookie, ...init });
    expectError(await post({}), 403, 'forbidden');
    expectError(await post({ csrf: 'wrong' }), 403, 'forbidden');
    const other = await signIn(t.admin); // another session's value is wrong too
    expectError(await post({ csrf: other.csrf }), 403, 'forbidden');
    const ok = await post({ csrf });
    expect(ok.status, ok.text).toBe(200);
    // the refused posts stored nothing: this one is the first to add the goal
    expect(ok.json).toMatchObject({ accepted: 1, updated: 0, unchanged: 0, rejected: 0 });
  });

  test('a refused change stores nothing', async () => {
    const { cookie } = await signIn(t.admin);
    const rec = { records: [{ scope: '*', period: '2026-06', metric: 'wins', target: 9 }] };
    expectError(await f.call('/settings/goals', { method: 'POST', body: rec, cookie }), 403);
    const goals = (await f.call('/settings/goals', { token: t.admin })).json.rows;
    expect(goals.some((g: { period: string }) => g.period === '2026-06')).toBe(false);
  });

  test('a foreign Origin is refused even with the CSRF value', async () => {
    const { cookie, csrf } = await signIn(t.admin);
    for (const origin of [
      'https://evil.example',
      'http://localhost:9999',
      'http://localhost.evil.example:8080',
      'nonsense',
    ])
      expectError(
        await f.call('/settings/goals', { method: 'POST', body: GOAL, cookie, csrf, origin }),
        403,
        'forbidden',
      );
    const same = await f.call('/settings/goals', {
      method: 'POST',
      body: GOAL,
      cookie,
      csrf,
      origin: `http://${HOST}`,
    });
    expect(same.status, same.text).toBe(200);
  });

  test('a supervisor’s session may not change settings even with the CSRF value', async () => {
    const { cookie, csrf } = await signIn(t.supervisor);
    expectError(await f.call('/settings/goals', { method: 'POST', body: GOAL, cookie, csrf }), 403);
  });

  test('a bearer token needs no CSRF value, and a bad bearer is not rescued by a cookie', async () => {
    const { cookie } = await signIn(t.admin);
    const ok = await f.call('/settings/goals', { method: 'POST', body: GOAL, token: t.admin });
    expect(ok.status, ok.text).toBe(200);
    expectError(await f.call('/metrics', { cookie, token: 'ck_bad' }), 401);
  });
});

describe('signing out and revocation', () => {
  test('DELETE /session needs the CSRF value, then ends the session', async () => {
    const { cookie, csrf } = await signIn(t.admin);
    expectError(await f.call('/session', { method: 'DELETE', cookie }), 403, 'forbidden');
    expectError(await f.call('/session', { method: 'DELETE', cookie, csrf: 'wrong' }), 403);
    expect((await f.call('/metrics', { cookie })).status).toBe(200);
    expectError(
      await f.call('/session', { method: 'DELETE', cookie, csrf, origin: 'https://evil.example' }),
      403,
    );
    const out = await f.call('/session', { method: 'DELETE', cookie, csrf });
    expect(out.status, out.text).toBe(200);
    expect(out.json).toMatchObject({ authenticated: false });
    expect(out.headers.get('set-cookie')).toMatch(/callkpi_session=;|Max-Age=0/i);
    expectError(await f.call('/metrics', { cookie }), 401);
    expect((await f.call('/session', { cookie })).json.authenticated).toBe(false);
  });

  test('signing in again replaces the session the browser held', async () => {
    const first = await signIn(t.admin);
    const again = await f.call('/session', {
      method: 'POST',
      body: { token: t.supervisor },
      cookie: first.cookie,
    });
    expect(again.json.role).toBe('supervisor');
    expectError(await f.call('/metrics', { cookie: first.cookie }), 401);
    expect((await f.call('/metrics', { cookie: sessionCookie(again) })).status).toBe(200);
  });

  test('revoking a token ends every session it opened', async () => {
    const made = await createToken(f.s.store, { role: 'admin', label: 'laptop' });
    const one = await signIn(made.token);
    const two = await signIn(made.token);
    const keep = await signIn(t.admin);
    expect((await f.call('/metrics', { cookie: one.cookie })).status).toBe(200);
    const del = await f.call(`/tokens/${made.info.id}`, {
      method: 'DELETE',
      cookie: keep.cookie,
      csrf: keep.csrf,
    });
    expect(del.status, del.text).toBe(200);
    expect(del.json).toMatchObject({ id: made.info.id, label: 'laptop', revoked_at: expect.any(String) });
    for (const s of [one, two]) {
      expectError(await f.call('/metrics', { cookie: s.cookie }), 401);
      expect((await f.call('/session', { cookie: s.cookie })).json.authenticated).toBe(false);
      expectError(
        await f.call('/settings/goals', { method: 'POST', body: GOAL, cookie: s.cookie, csrf: s.csrf }),
        401,
      );
    }
    expect((await f.call('/metrics', { cookie: keep.cookie })).status).toBe(200);
  });

  test('a token deletion through the cookie needs the CSRF value', async () => {
    const made = await createToken(f.s.store, { role: 'agent', agent: 'a3' });
    const { cookie } = await signIn(t.admin);
    expectError(await f.call(`/tokens/${made.info.id}`, { method: 'DELETE', cookie }), 403);
    expect((await f.call('/metrics', { token: made.token })).status).toBe(200);
  });
});
