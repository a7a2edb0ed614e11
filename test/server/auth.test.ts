import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReport } from '../../src/reports/run.js';
import { createToken, revokeToken } from '../../src/settings/tokens.js';
import {
  AGENT_REPORTS,
  apiFixture,
  csvObjects,
  expectError,
  makeTokens,
  MARCH,
  NOT_AGENT_REPORTS,
  NOW,
  REPORT_NAMES,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';

// Who may do what, on a server bound to a public address (tokens required). The dataset is
// test/helpers/api.ts: a1 (team Red) made c1 c2 c9; a2 (Blue) c4 c5; a3 (Blue) c6 c7; c3 and c8
// reached no agent.

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture({ host: '0.0.0.0' });
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const reportQuery = (name: string): string =>
  name === 'goals' || name === 'executive' ? 'period=2026-03' : MARCH;

const GOAL = { records: [{ scope: '*', period: '2026-04', metric: 'wins', target: 1 }] };

describe('without a valid token', () => {
  const PROTECTED = [
    '/metrics',
    '/dimensions/agent',
    `/reports/funnel?${MARCH}`,
    `/reports/funnel.csv?${MARCH}`,
    `/agents/a1?${MARCH}`,
    `/rows?${MARCH}`,
    '/settings/goals',
    '/tokens',
  ];

  test('no token: 401 on every protected route', async () => {
    for (const p of PROTECTED) expectError(await f.call(p), 401, 'unauthorized');
    expectError(await f.call('/settings/goals', { method: 'POST', body: GOAL }), 401);
    expectError(await f.call('/tokens', { method: 'POST', body: { role: 'admin' } }), 401);
    expectError(await f.call(`/tokens/${t.ids.a1}`, { method: 'DELETE' }), 401);
  });

  test('an unknown, malformed or revoked token: 401', async () => {
    const made = await createToken(f.s.store, { role: 'admin' });
    expect((await f.call('/metrics', { token: made.token })).status).toBe(200);
    await revokeToken(f.s.store, made.info.id);
    for (const p of PROTECTED) {
      expectError(await f.call(p, { token: 'ck_not-a-token' }), 401, 'unauthorized');
      expectError(await f.call(p, { token: made.token }), 401, 'unauthorized');
      expectError(await f.call(p, { token: `${t.admin}x` }), 401, 'unauthorized');
      expectError(await f.call(p, { headers: { authorization: `Basic ${t.admin}` } }), 401);
      expectError(await f.call(p, { headers: { authorization: 'Bearer' } }), 401);
    }
  });

  test('public routes stay open', async () => {
    expect((await f.call('/healthz')).status).toBe(200);
    expect((await f.call('/openapi.json')).status).toBe(200);
    expect((await f.call('/session')).json).toMatchObject({ authenticated: false, auth_required: true });
  });

  test('a server on a public address with no token at all refuses everyone', async () => {
    const g = await apiFixture({ host: '0.0.0.0', load: false });
    try {
      expectError(await g.call('/metrics'), 401);
      expectError(await g.call('/reports/funnel'), 401);
      expect((await g.call('/session')).json).toMatchObject({ authenticated: false, auth_required: true });
    } finally {
      await g.done();
    }
  });
});

describe('roles', () => {
  test('admin: everything', async () => {
    for (const name of REPORT_NAMES)
      expect((await f.call(`/reports/${name}?${reportQuery(name)}`, { token: t.admin })).status, name).toBe(
        200,
      );
    for (const kind of ['dispositions', 'finance', 'goals', 'campaigns'])
      expect((await f.call(`/settings/${kind}`, { token: t.admin })).status).toBe(200);
    const post = await f.call('/settings/goals', { token: t.admin, method: 'POST', body: GOAL });
    expect(post.status, post.text).toBe(200);
    expect((await f.call('/tokens', { token: t.admin })).status).toBe(200);
    const made = await f.call('/tokens', { token: t.admin, method: 'POST', body: { role: 'supervisor' } });
    expect(made.status, made.text).toBe(201);
    expect((await f.call(`/tokens/${made.json.id}`, { token: t.admin, method: 'DELETE' })).status).toBe(200);
    expect((await f.call(`/agents/a2?${MARCH}`, { token: t.admin })).status).toBe(200);
  });

  test('supervisor: every report, drill-down and row; settings read-only; no tokens', async () => {
    const tok = t.supervisor;
    for (const name of REPORT_NAMES) {
      const q = reportQuery(name);
      expect((await f.call(`/reports/${name}?${q}`, { token: tok })).status, name).toBe(200);
      expect((await f.call(`/reports/${name}.csv?${q}`, { token: tok })).status, name).toBe(200);
    }
    for (const a of ['a1', 'a2', 'a3'])
      expect((await f.call(`/agents/${a}?${MARCH}`, { token: tok })).status).toBe(200);
    const rows = await f.call(`/rows?${MARCH}`, { token: tok });
    expect(rows.json.total).toBe(9);
    for (const kind of ['dispositions', 'finance', 'goals', 'campaigns'])
      expect((await f.call(`/settings/${kind}`, { token: tok })).status, kind).toBe(200);
    for (const kind of ['dispositions', 'finance', 'goals', 'campaigns'])
      expectError(
        await f.call(`/settings/${kind}`, { token: tok, method: 'POST', body: GOAL }),
        403,
        'forbidden',
      );
    expectError(await f.call('/tokens', { token: tok }), 403, 'forbidden');
    expectError(await f.call('/tokens', { token: tok, method: 'POST', body: { role: 'admin' } }), 403);
    expectError(await f.call(`/tokens/${t.ids.a1}`, { token: tok, method: 'DELETE' }), 403);
    // the a1 token was not revoked by the refused request
    expect((await f.call('/metrics', { token: t.a1 })).status).toBe(200);
  });

  test('agent: only the reports of their own work', async () => {
    for (const name of AGENT_REPORTS) {
      const q = reportQuery(name);
      expect((await f.call(`/reports/${name}?${q}`, { token: t.a1 })).status, name).toBe(200);
      expect((await f.call(`/reports/${name}.csv?${q}`, { token: t.a1 })).status, name).toBe(200);
    }
    for (const name of NOT_AGENT_REPORTS) {
      const q = reportQuery(name);
      expectError(await f.call(`/reports/${name}?${q}`, { token: t.a1 }), 403, 'forbidden');
      expectError(await f.call(`/reports/${name}.csv?${q}`, { token: t.a1 }), 403, 'forbidden');
    }
    for (const kind of ['dispositions', 'finance', 'goals', 'campaigns']) {
      expectError(await f.call(`/settings/${kind}`, { token: t.a1 }), 403, 'forbidden');
      expectError(await f.call(`/settings/${kind}`, { token: t.a1, method: 'POST', body: GOAL }), 403);
    }
    expectError(await f.call('/tokens', { token: t.a1 }), 403);
    expectError(await f.call('/tokens', { token: t.a1, method: 'POST', body: { role: 'admin' } }), 403);
    expectError(await f.call(`/tokens/${t.ids.a2}`, { token: t.a1, method: 'DELETE' }), 403);
    expect((await f.call('/metrics', { token: t.a1 })).status).toBe(200);
  });
});

describe('an agent token never reads another agent', () => {
  const AGENTS = ['a1', 'a2', 'a3'] as const;
  const OTHERS: Record<string, string[]> = { a1: ['a2', 'a3'], a2: ['a1', 'a3'], a3: ['a1', 'a2'] };
  // Every report × grouping × filter for a1, compared with runReport itself; a2 and a3 (team Blue,
  // where a team filter would let a leak show) over the default and agent groupings, checked for
  // foreign agents. CSV without filters. Each combination is a fresh computation: the loop is kept
  // small enough to run in seconds.
  const BYS = [undefined, 'agent', 'team', 'campaign,agent'];
  const WHERES = [[], ['team:Blue'], ['campaign:CAMP1'], ['agent:SELF']];

  test.each(AGENT_REPORTS.filter((n) => n !== 'goals').map((n) => [n]))(
    '%s: every by and filter answers exactly the agent’s own figures',
    async (name) => {
      for (const me of AGENTS) {
        const tok = t[me];
        for (const by of BYS)
          for (const where of WHERES) {
            if (me !== 'a1' && (by === 'team' || by === 'campaign,agent' || where[0] === 'campaign:CAMP1'))
              continue;
            const w = where.map((x) => x.replace('SELF', me));
            const q = [MARCH, ...(by ? [`by=${by}`] : []), ...w.map((x) => `where=${x}`)].join('&');
            const what = `${me} ${name}?${q}`;
            const a = await f.call(`/reports/${name}?${q}`, { token: tok });
            expect(a.status, `${what}: ${a.text}`).toBe(200);
            for (const r of a.json.rows) if ('agent' in r) expect(r.agent, what).toBe(me);
            // the answer is the report filtered to the agent, whatever else was asked
            if (me === 'a1') {
              const filters: Record<string, string[]> = {};
              for (const x of w) (filters[x.split(':')[0]!] ??= []).push(x.split(':')[1]!);
              const direct = await runReport(f.s.store, name, {
                from: '2026-03-01',
                to: '2026-03-31',
                now: NOW,
                ...(by ? { by: by.split(',') } : {}),
                where: { ...filters, agent: [me] },
              });
              expect(a.json, what).toEqual(wire(direct));
            }
            for (const other of OTHERS[me]!)
              expect(JSON.stringify(a.json.rows), what).not.toContain(`"${other}"`);
            if (w.length) continue;
            const c = await f.call(`/reports/${name}.csv?${q}`, { token: tok });
            expect(c.status, what).toBe(200);
            const lines = csvObjects(c.text);
            expect(lines, what).toHaveLength(a.json.rows.length);
            for (const r of lines) if ('agent' in r) expect(r.agent, what).toBe(me);
            for (const other of OTHERS[me]!) expect(c.text.split(/[\n,]/), what).not.toContain(other);
          }
      }
    },
    180_000,
  );

  test('by agent: one row, the agent’s own, with the hand-counted figures', async () => {
    const q = `/reports/funnel?${MARCH}&by=agent&metrics=dials,contacts,wins`;
    // a1: c1 c2 c9 → 3 dials, 3 contacts, 2 wins; a2: c4 c5 → 2, 2, 2; a3: c6 c7 → 2, 2, 1
    expect((await f.call(q, { token: t.a1 })).json.rows).toEqual([
      { agent: 'a1', dials: 3, contacts: 3, wins: 2 },
    ]);
    expect((await f.call(q, { token: t.a2 })).json.rows).toEqual([
      { agent: 'a2', dials: 2, contacts: 2, wins: 2 },
    ]);
    expect((await f.call(q, { token: t.a3 })).json.rows).toEqual([
      { agent: 'a3', dials: 2, contacts: 2, wins: 1 },
    ]);
    const totals = (await f.call(q, { token: t.a1 })).json.totals;
    expect(totals).toEqual({ dials: 3, contacts: 3, wins: 2 });
    // by team: a2's Blue row holds only a2's calls, not a3's
    const team = await f.call(`/reports/roi?${MARCH}&by=team&metrics=wins,revenue`, { token: t.a2 });
    expect(team.json.rows).toEqual([{ team: 'Blue', wins: 2, revenue: 330 }]); // c4 250 + c5 80
  });

  test.each(AGENT_REPORTS.map((n) => [n]))('%s: asking for another agent is 403', async (name) => {
    const q = reportQuery(name);
    for (const w of ['agent:a2', 'agent:a1&where=agent:a2', 'agent:', 'agent:A1', 'agent:a1%20', 'agent:*']) {
      const a = await f.call(`/reports/${name}?${q}&where=${w}`, { token: t.a1 });
      expect(a.status, `${name} where=${w}`).toBe(403);
      expectError(a, 403, 'forbidden');
      const c = await f.call(`/reports/${name}.csv?${q}&where=${w}`, { token: t.a1 });
      expect(c.status, `${name}.csv where=${w}`).toBe(403);
      expectError(c, 403, 'forbidden');
    }
  });

  test('goals: only the goals set on the agent', async () => {
    const mine = async (tok: string, q = 'period=2026-03') => {
      const a = await f.call(`/reports/goals?${q}`, { token: tok });
      expect(a.status, a.text).toBe(200);
      return a.json.rows.map((g: { scope: string; metric: string; actual: number }) => [
        g.scope,
        g.metric,
        g.actual,
      ]);
    };
    // a1 wins c1 c9 = 2, contacts c1 c2 c9 = 3; a2 wins c4 c5 = 2; a3 wins c7 = 1
    expect(await mine(t.a1)).toEqual([
      ['a1', 'contacts', 3],
      ['a1', 'wins', 2],
    ]);
    expect(await mine(t.a2)).toEqual([['a2', 'wins', 2]]);
    expect(await mine(t.a3)).toEqual([['agent:a3', 'wins', 1]]);
    // asking for someone else's scope, or a team's, gives nothing of theirs
    expect(await mine(t.a1, 'period=2026-03&scope=a2')).toEqual([]);
    expect(await mine(t.a1, 'period=2026-03&scope=team:Blue')).toEqual([]);
    expect(await mine(t.a1, 'period=2026-03&scope=*')).toEqual([]);
    const csv = await f.call('/reports/goals.csv?period=2026-03', { token: t.a2 });
    expect(csvObjects(csv.text).map((r) => r.scope)).toEqual(['a2']);
    expectError(await f.call('/reports/goals?where=agent:a2', { token: t.a1 }), 403);
  });

  test('drill-down: their own only', async () => {
    const own = await f.call(`/agents/a1?${MARCH}`, { token: t.a1 });
    expect(own.status).toBe(200);
    expect(own.json.summary).toMatchObject({ agent: 'a1', wins: 2 });
    for (const other of ['a2', 'a3', 'A1', 'nobody', '%20a1'])
      expectError(await f.call(`/agents/${other}?${MARCH}`, { token: t.a1 }), 403, 'forbidden');
  });

  test('rows: their own calls only, whatever the filter', async () => {
    const ids = async (tok: string, q: string) => {
      const a = await f.call(`/rows?${MARCH}${q}`, { token: tok });
      expect(a.status, a.text).toBe(200);
      for (const r of a.json.rows) expect(r.agent).toBe(a.json.where.agent[0]);
      return [a.json.rows.map((r: { call_id: string }) => r.call_id), a.json.total];
    };
    expect(await ids(t.a1, '')).toEqual([['c1', 'c2', 'c9'], 3]);
    expect(await ids(t.a2, '')).toEqual([['c4', 'c5'], 2]);
    expect(await ids(t.a1, '&where=agent:a1')).toEqual([['c1', 'c2', 'c9'], 3]);
    expect(await ids(t.a1, '&where=team:Blue')).toEqual([[], 0]);
    expect(await ids(t.a2, '&where=team:Blue')).toEqual([['c4', 'c5'], 2]);
    expect(await ids(t.a3, '&where=campaign:CAMP2')).toEqual([['c6', 'c7'], 2]);
    expect(await ids(t.a1, '&where=status:SALE')).toEqual([['c1', 'c9'], 2]);
    expect(await ids(t.a1, '&where=hour_of_day:10')).toEqual([[], 0]);
    for (const w of ['agent:a2', 'agent:a1&where=agent:a2', 'agent:', 'agent:%27%20OR%201%3D1'])
      expectError(await f.call(`/rows?${MARCH}&where=${w}`, { token: t.a1 }), 403, 'forbidden');
  });

  test('dimensions: the agent list holds only the agent; teams only theirs', async () => {
    const a = await f.call('/dimensions/agent', { token: t.a2 });
    expect(a.json.values).toEqual([{ value: 'a2', label: 'Bob' }]);
    const tm = await f.call('/dimensions/team', { token: t.a1 });
    expect(tm.json.values).toEqual([{ value: 'Red', label: 'Red' }]);
  });
});

describe('loopback server without tokens (one local user)', () => {
  let g: ApiFixture;
  beforeAll(async () => {
    g = await apiFixture({ host: '127.0.0.1' });
  });
  afterAll(() => g.done());

  test('requests work without a token from loopback host names', async () => {
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST:8080', '127.0.0.1']) {
      const a = await g.call(`/reports/funnel?${MARCH}&metrics=wins`, { host });
      expect(a.status, `${host}: ${a.text}`).toBe(200);
      expect(a.json.totals.wins).toBe(5);
    }
    const s = await g.call('/session');
    expect(s.json).toMatchObject({ authenticated: true, auth_required: false, role: 'admin', agent: null });
    expect(s.json.csrf).toEqual(expect.any(String));
  });

  test.each([
    ['evil.example'],
    ['evil.example:8080'],
    ['127.0.0.1.evil.example'],
    ['127.0.0.1.evil.example:8080'],
    ['localhost.evil.example'],
    ['10.0.0.5:8080'],
  ])('any other Host is refused (DNS rebinding): %s', async (host) => {
    for (const p of [`/reports/funnel?${MARCH}`, '/metrics', `/rows?${MARCH}`, '/session']) {
      const a = await g.call(p, { host });
      expect(a.status, `Host: ${host} ${p}`).toBe(403);
      expectError(a, 403, 'forbidden');
    }
  });

  test('changes need the local CSRF value and a same-site origin', async () => {
    const csrf = (await g.call('/session')).json.csrf as string;
    expectError(await g.call('/settings/goals', { method: 'POST', body: GOAL }), 403, 'forbidden');
    expectError(await g.call('/settings/goals', { method: 'POST', body: GOAL, csrf: 'wrong' }), 403);
    expectError(
      await g.call('/settings/goals', { method: 'POST', body: GOAL, csrf, origin: 'http://evil.example' }),
      403,
    );
    const ok = await g.call('/settings/goals', {
      method: 'POST',
      body: GOAL,
      csrf,
      origin: 'http://localhost:8080',
    });
    expect(ok.status, ok.text).toBe(200);
  });

  test('creating a token through the API switches the server to sign-in', async () => {
    const csrf = (await g.call('/session')).json.csrf as string;
    const made = await g.call('/tokens', { method: 'POST', body: { role: 'admin' }, csrf });
    expect(made.status, made.text).toBe(201);
    expect(made.json.token).toMatch(/^ck_/);
    expectError(await g.call(`/reports/funnel?${MARCH}`), 401, 'unauthorized');
    expect((await g.call('/session')).json).toMatchObject({ authenticated: false, auth_required: true });
    expectError(await g.call('/settings/goals', { method: 'POST', body: GOAL, csrf }), 401);
    expect((await g.call(`/reports/funnel?${MARCH}`, { token: made.json.token })).status).toBe(200);
    // revoking the last token opens the single-user mode again
    const del = await g.call(`/tokens/${made.json.id}`, { method: 'DELETE', token: made.json.token });
    expect(del.status, del.text).toBe(200);
    expect(del.json.revoked_at).toEqual(expect.any(String));
    expect((await g.call(`/reports/funnel?${MARCH}`)).status).toBe(200);
  });
});
