import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/duckdb/schema.js';
import {
  apiFixture,
  CALL_COUNT,
  csvObjects,
  expectError,
  makeTokens,
  MARCH,
  REPORT_NAMES,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';

// Every route of docs/api.md answers, with the shapes the contract names; and every malformed
// request is one clean 400 of the form { error: { code, message } }. The dataset is
// test/helpers/api.ts (9 calls, agents a1–a3, campaigns CAMP1 and CAMP2).

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture();
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

const admin = (path: string, init: Parameters<ApiFixture['call']>[1] = {}) =>
  f.call(path, { token: t.admin, ...init });

describe('public routes', () => {
  test('healthz needs no token and names the engine and schema', async () => {
    const a = await f.call('/healthz');
    expect(a.status).toBe(200);
    expect(a.json).toEqual({
      status: 'ok',
      version: expect.any(String),
      engine: 'duckdb',
      schema_version: SCHEMA_VERSION,
    });
  });

  test('openapi.json is an OpenAPI 3.1 document listing every route', async () => {
    const a = await f.call('/openapi.json');
    expect(a.status).toBe(200);
    const doc = a.json;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    const expected: Record<string, string[]> = {
      '/healthz': ['get'],
      '/openapi.json': ['get'],
      '/session': ['get', 'post', 'delete'],
      '/metrics': ['get'],
      '/dimensions/{dim}': ['get'],
      '/reports/{name}': ['get'],
      '/reports/{name}.csv': ['get'],
      '/agents/{agent}': ['get'],
      '/rows': ['get'],
      '/settings/{kind}': ['get', 'post'],
      '/tokens': ['get', 'post'],
      '/tokens/{id}': ['delete'],
    };
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path]).sort(), path).toEqual([...methods].sort());
      for (const m of methods) {
        const op = doc.paths[path][m];
        expect(op.responses, `${m} ${path}`).toHaveProperty('200');
        // every path parameter of the template is declared
        for (const p of path.match(/\{(\w+)\}/g) ?? [])
          expect(
            op.parameters.some((x: { name: string; in: string }) => x.in === 'path' && `{${x.name}}` === p),
            `${m} ${path} ${p}`,
          ).toBe(true);
      }
    }
    // the report query parameters are documented from the schema the route validates with
    const names = doc.paths['/reports/{name}'].get.parameters.map((p: { name: string }) => p.name);
    for (const q of ['from', 'to', 'by', 'where', 'metrics', 'timezone', 'period', 'scope', 'forecast'])
      expect(names).toContain(q);
    const rows = doc.paths['/rows'].get.parameters.map((p: { name: string }) => p.name);
    for (const q of ['page', 'page_size', 'where', 'from', 'to']) expect(rows).toContain(q);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('an unknown API path is a JSON 404', async () => {
    expectError(await admin('/nope'), 404, 'not_found');
    expectError(await f.call('/nope'), 401, 'unauthorized');
  });
});

describe('every authenticated route answers an admin', () => {
  test('metrics: the catalog', async () => {
    const a = await admin('/metrics');
    expect(a.status).toBe(200);
    const wins = a.json.metrics.find((m: { id: string }) => m.id === 'wins');
    expect(wins).toMatchObject({
      id: 'wins',
      label: expect.any(String),
      unit: expect.any(String),
      direction: 'higher',
      formula: expect.any(String),
    });
    for (const m of a.json.metrics)
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(['id', 'label', 'unit', 'direction', 'section', 'formula', 'description']),
      );
  });

  test('dimensions: settings names plus what the data holds', async () => {
    const get = async (d: string) => {
      const a = await admin(`/dimensions/${d}`);
      expect(a.status, a.text).toBe(200);
      expect(a.json.dimension).toBe(d);
      return a.json.values;
    };
    expect(await get('campaign')).toEqual([
      { value: 'CAMP1', label: 'Solar' },
      { value: 'CAMP2', label: 'Roofing' },
    ]);
    expect(await get('list')).toEqual([
      { value: 'L1', label: 'Fresh' },
      { value: 'L2', label: 'Aged' },
      { value: 'L3', label: 'Web' },
    ]);
    expect(await get('team')).toEqual([
      { value: 'Blue', label: 'Blue' },
      { value: 'Red', label: 'Red' },
    ]);
    expect(await get('agent')).toEqual([
      { value: 'a1', label: 'Ann' },
      { value: 'a2', label: 'Bob' },
      { value: 'a3', label: 'Cy' },
    ]);
    expect((await admin(`/dimensions/agent?${MARCH}`)).status).toBe(200);
  });

  test.each(REPORT_NAMES.map((n) => [n]))('report %s: JSON and CSV', async (name) => {
    const q = name === 'goals' || name === 'executive' ? 'period=2026-03' : MARCH;
    const a = await admin(`/reports/${name}?${q}`);
    expect(a.status, a.text).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    expect(a.json.report).toBe(name);
    expect(Array.isArray(a.json.rows)).toBe(true);
    const c = await admin(`/reports/${name}.csv?${q}`);
    expect(c.status, c.text).toBe(200);
    expect(c.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(c.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9_.-]+\.csv"$/);
    // the CSV holds the JSON's rows, one line each
    expect(csvObjects(c.text)).toHaveLength(a.json.rows.length);
  });

  test('agents/{id}: the drill-down', async () => {
    const a = await admin(`/agents/a1?${MARCH}`);
    expect(a.status, a.text).toBe(200);
    // a1: c1 SALE, c2 NI, c9 SALE → 3 handled, 3 contacts, 2 wins; revenue 100 + 100
    expect(a.json).toMatchObject({ report: 'agent', agent: 'a1', name: 'Ann', team: 'Red' });
    expect(a.json.summary).toMatchObject({ handled_calls: 3, contacts: 3, wins: 2, revenue: 200 });
    expect(a.json.by_day.map((r: { date: string; wins: number }) => [r.date, r.wins])).toEqual([
      ['2026-03-02', 1],
      ['2026-03-03', 1],
    ]);
    expectError(await admin(`/agents/nobody?${MARCH}`), 404, 'not_found');
  });

  test('rows: the calls, paginated', async () => {
    const a = await admin(`/rows?${MARCH}`);
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ from: '2026-03-01', to: '2026-03-31', page: 1, total: CALL_COUNT });
    expect(a.json.rows).toHaveLength(CALL_COUNT);
  });

  test.each([['dispositions'], ['finance'], ['goals'], ['campaigns']])('settings %s', async (kind) => {
    const a = await admin(`/settings/${kind}`);
    expect(a.status, a.text).toBe(200);
    expect(a.json.kind).toBe(kind);
  });

  test('settings read back what was imported', async () => {
    const camps = (await admin('/settings/campaigns')).json.rows;
    expect(camps.map((c: { campaign: string; name: string }) => [c.campaign, c.name])).toEqual([
      ['CAMP1', 'Solar'],
      ['CAMP2', 'Roofing'],
    ]);
    const goals = (await admin('/settings/goals')).json.rows;
    expect(goals).toHaveLength(7);
    expect(goals).toContainEqual(
      expect.objectContaining({ scope: 'a1', period: '2026-03', metric: 'wins', target: 10 }),
    );
    const fin = (await admin('/settings/finance')).json;
    expect(fin.history).toHaveLength(2);
    expect(fin.in_force).toContainEqual(
      expect.objectContaining({
        campaign: 'CAMP2',
        values: expect.objectContaining({ revenue_per_sale: 80 }),
      }),
    );
    const camp2 = (await admin('/settings/finance?campaign=CAMP2')).json.history;
    expect(camp2.every((h: { campaign: string }) => h.campaign === 'CAMP2' || h.campaign === '*')).toBe(true);
    const disp = (await admin('/settings/dispositions')).json.rows;
    expect(disp.find((d: { code: string }) => d.code === 'SALE')).toMatchObject({ win: true, contact: true });
  });

  test('tokens: listed without the secret', async () => {
    const a = await admin('/tokens');
    expect(a.status).toBe(200);
    expect(a.json.tokens).toHaveLength(5);
    for (const tok of a.json.tokens) {
      expect(Object.keys(tok).sort()).toEqual(['agent', 'created_at', 'id', 'label', 'revoked_at', 'role']);
    }
    for (const secret of [t.admin, t.supervisor, t.a1]) expect(a.text).not.toContain(secret);
  });
});

describe('validation: one clean 400 naming what is wrong', () => {
  test('an unknown query parameter is named', async () => {
    const a = await admin(`/reports/funnel?${MARCH}&colour=blue`);
    expectError(a, 400);
    expect(a.json.error.message).toContain('colour');
    for (const p of [
      '/rows?bogus=1',
      '/agents/a1?bogus=1',
      '/dimensions/agent?bogus=1',
      '/settings/goals?bogus=1',
    ]) {
      const b = await admin(p);
      expectError(b, 400);
      expect(b.json.error.message, p).toContain('bogus');
    }
  });

  test.each([
    ['from=2026-13-01'],
    ['from=2026-02-30'],
    ['from=yesterday'],
    ['to=2026-3-1'],
    ['from=2026-03-01T00:00'],
  ])('a bad date (%s) is a 400', async (q) => {
    for (const path of [
      `/reports/funnel?${q}`,
      `/reports/funnel.csv?${q}`,
      `/rows?${q}`,
      `/agents/a1?${q}`,
    ]) {
      const a = await admin(path);
      expectError(a, 400);
      expect(a.json.error.code, path).toMatch(/^(usage|bad_input)$/);
    }
  });

  test.each([['where=agent'], ['where=:a1'], ['where=Agent:a1'], ['where=nodim:x'], ['where=agent%3Da1']])(
    'a bad where (%s) is a 400',
    async (q) => {
      for (const path of [`/reports/funnel?${MARCH}&${q}`, `/rows?${MARCH}&${q}`])
        expectError(await admin(path), 400);
    },
  );

  test.each([['__proto__:x'], ['constructor:x'], ['toString:x']])(
    'a where on an Object.prototype name (%s) is a 400, not a crash',
    async (w) => {
      for (const path of [`/reports/funnel?${MARCH}&where=${w}`, `/rows?${MARCH}&where=${w}`])
        expectError(await admin(path), 400);
    },
  );

  test('a bad by, metric, period, page or threshold is a 400', async () => {
    for (const q of [
      'by=nodim',
      'metrics=no_such_metric',
      'sl_threshold=-1',
      'sl_threshold=abc',
      'raw=yes',
      'forecast=0',
      'timezone=Mars/Olympus',
    ])
      expectError(await admin(`/reports/funnel?${MARCH}&${q}`), 400);
    expectError(await admin('/reports/goals?period=2026-3'), 400);
    expectError(await admin('/reports/goals?period=2026-13'), 400);
    for (const q of ['page=0', 'page=-1', 'page_size=501', 'page_size=0', 'page=x'])
      expectError(await admin(`/rows?${MARCH}&${q}`), 400);
  });

  test('an unknown report is a 400 listing the reports', async () => {
    for (const name of ['nope', 'nope.csv', 'compliance', '__proto__', 'constructor']) {
      const a = await admin(`/reports/${name}?${MARCH}`);
      expectError(a, 400);
    }
    expect((await admin(`/reports/nope?${MARCH}`)).json.error.message).toContain('funnel');
  });

  test.each([
    ['site'],
    ['status'],
    ['nope'],
    ['constructor'],
    ['__proto__'],
    ['toString'],
    ['hasOwnProperty'],
  ])('an unknown dimension (%s) is a 400', async (d) => {
    const a = await admin(`/dimensions/${d}`);
    expectError(a, 400);
    expect(a.json.error.message, d).toMatch(/campaign, list, team, agent/);
  });

  test('an unknown settings kind is a 400', async () => {
    expectError(await admin('/settings/tokens'), 400);
    expectError(await admin('/settings/nope', { method: 'POST', body: { records: [{}] } }), 400);
  });

  test('a body that is not JSON, or not the expected shape, is a 400', async () => {
    for (const body of ['{not json', '', 'null', '[]', '{"records":[]}', '{"records":{}}', '{"rows":[{}]}'])
      expectError(await admin('/settings/goals', { method: 'POST', body }), 400);
    expectError(await admin('/tokens', { method: 'POST', body: '{oops' }), 400);
    expectError(await admin('/tokens', { method: 'POST', body: { role: 'king' } }), 400);
    expectError(await f.call('/session', { method: 'POST', body: 'token=x' }), 400);
  });

  test('errors never carry a stack', async () => {
    const a = await admin(`/reports/funnel?${MARCH}&by=nodim`);
    expect(a.json.error.message).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(Object.keys(a.json)).toEqual(['error']);
  });
});
