import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIMENSIONS } from '../../src/catalog/types.js';
import {
  apiFixture,
  callCount,
  CALL_COUNT,
  csvObjects,
  ENGINE_WORDS,
  makeTokens,
  MARCH,
  parseCsv,
  type Answer,
  type ApiFixture,
  type Tokens,
} from '../helpers/api.js';
import { csv } from '../helpers/store.js';

// Hostile input in every place a caller can put text, and hostile data coming back out. Nothing
// may change the database, crash the server or leak the engine's text; spreadsheet formulas in
// the data leave the CSV escaped, and the JSON carries the exact text.

const HOSTILE = [
  `' OR 1=1 --`,
  `"; DROP TABLE calls; --`,
  `\\'`,
  `'); DELETE FROM calls WHERE ('1'='1`,
  `a1' UNION ALL (FROM calls) --`,
  `CAMP1'||'`,
  `$1`,
  `%' OR '%'='`,
  `Ω≈ç√ 😀 \u202e דּ`,
  `\u0000`,
  `'`.repeat(300),
  'x'.repeat(5000),
];

const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x","y")';
const DDE = `+cmd|' /C calc'!A0`;
const AT = '@SUM(1+1)';
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

let f: ApiFixture;
let t: Tokens;
beforeAll(async () => {
  f = await apiFixture({
    extra: async (s) => {
      // 10 March, away from the base dataset's days: one sale by IMG on FORMULA's list DDE, and a
      // no-answer on campaign AT.
      const agents = await s.load('agents', 'x-agents.csv', csv('agent,name,team', `${IMG},${IMG},Red`));
      const calls = await s.load(
        'calls',
        'x-calls.csv',
        csv(
          'call_id,started_at,direction,campaign,status,list,lead,agent,talk_sec',
          `x1,2026-03-10T09:00:00Z,outbound,${quote(FORMULA)},SALE,${quote(DDE)},leadx,${IMG},60`,
          `x2,2026-03-10T09:30:00Z,outbound,${AT},NA,,leady,,`,
        ),
        { timezone: 'UTC' },
      );
      expect([agents.rejected, calls.rejected]).toEqual([0, 0]);
    },
  });
  t = await makeTokens(f.s);
});
afterAll(() => f.done());

const enc = encodeURIComponent;

/** A clean answer to hostile input: success, or a 4xx of our own words (never a 500). */
function expectClean(a: Answer, what: string): void {
  expect([200, 400, 401, 403, 404], `${what}: ${a.status} ${a.text.slice(0, 300)}`).toContain(a.status);
  if (a.status !== 200) {
    expect(a.json?.error?.code, what).toMatch(/^(usage|bad_input|unauthorized|forbidden|not_found)$/);
    for (const w of ENGINE_WORDS) expect(a.json.error.message, what).not.toContain(w);
  }
}

describe('SQL injection attempts change nothing and leak nothing', () => {
  afterAll(async () => {
    expect(await callCount(f.s)).toBe(CALL_COUNT + 2);
    const agents = await f.s.store.one<{ n: number | bigint }>(`SELECT count(*) AS n FROM agents`);
    expect(Number(agents?.n)).toBe(4);
  });

  test.each(HOSTILE.map((h) => [h.slice(0, 40), h]))('where values of every dimension: %s', async (_, h) => {
    for (const dim of DIMENSIONS) {
      const q = `${MARCH}&metrics=dials&by=&where=${enc(`${dim}:${h}`)}`;
      const what = `${dim}:${h.slice(0, 40)}`;
      const a = await f.call(`/reports/funnel?${q}`, { token: t.admin });
      expectClean(a, `report ${what}`);
      // nothing matches: no dials (null where the filter does not apply to calls, e.g. state)
      if (a.status === 200) expect([0, null], `report ${what}`).toContain(a.json.totals.dials);
      const r = await f.call(`/rows?${MARCH}&where=${enc(`${dim}:${h}`)}`, { token: t.admin });
      expectClean(r, `rows ${what}`);
      if (r.status === 200) expect(r.json.total, `rows ${what}`).toBe(0);
      const csvAnswer = await f.call(`/reports/funnel.csv?${q}`, { token: t.supervisor });
      expectClean(csvAnswer, `csv ${what}`);
    }
    expect(await callCount(f.s)).toBe(CALL_COUNT + 2);
  });

  test.each(HOSTILE.map((h) => [h.slice(0, 40), h]))('every other parameter: %s', async (_, h) => {
    const v = enc(h);
    const paths = [
      `/reports/funnel?${MARCH}&by=${v}`,
      `/reports/funnel?${MARCH}&metrics=${v}`,
      `/reports/funnel?from=${v}`,
      `/reports/funnel?to=${v}`,
      `/reports/funnel?${MARCH}&timezone=${v}`,
      `/reports/roi?${MARCH}&by=campaign&where=campaign:${v}&where=agent:${v}`,
      `/reports/goals?scope=${v}`,
      `/reports/goals?period=${v}`,
      `/reports/goals?timezone=${v}`,
      `/reports/executive?period=${v}`,
      `/reports/staffing?${MARCH}&where=campaign:${v}`,
      `/reports/staffing?${MARCH}&timezone=${v}`,
      `/reports/${v}`,
      `/reports/${v}.csv`,
      `/agents/${v}?${MARCH}`,
      `/agents/a1?timezone=${v}`,
      `/rows?from=${v}`,
      `/rows?${MARCH}&timezone=${v}`,
      `/rows?${MARCH}&page=${v}`,
      `/dimensions/${v}`,
      `/dimensions/agent?from=${v}`,
      `/settings/${v}`,
      `/settings/finance?campaign=${v}`,
    ];
    for (const p of paths) {
      const what = `${p.slice(0, 80)}`;
      const a = await f.call(p, { token: t.admin });
      expectClean(a, what);
      if (a.status === 200 && Array.isArray(a.json?.rows) && /scope=|campaign:/.test(p))
        expect(a.json.rows, what).toEqual([]);
    }
    // an agent's filters and path
    for (const p of [
      `/reports/funnel?${MARCH}&where=team:${v}`,
      `/agents/${v}`,
      `/rows?${MARCH}&where=campaign:${v}`,
    ]) {
      const a = await f.call(p, { token: t.a1 });
      expectClean(a, `agent ${p.slice(0, 60)}`);
    }
    // bodies
    expectClean(await f.call('/session', { method: 'POST', body: { token: h } }), 'session');
    expectClean(await f.call(`/tokens/${v}`, { method: 'DELETE', token: t.admin }), 'token delete');
    expect(await callCount(f.s)).toBe(CALL_COUNT + 2);
  });

  test('hostile records through settings are data, not SQL', async () => {
    const recs = HOSTILE.slice(0, 9).map((h, i) => ({
      scope: h,
      period: '2026-07',
      metric: 'wins',
      target: i + 1,
    }));
    const a = await f.call('/settings/goals', { token: t.admin, method: 'POST', body: { records: recs } });
    expectClean(a, 'goals post');
    const stored = (await f.call('/settings/goals', { token: t.admin })).json.rows.filter(
      (g: { period: string }) => g.period === '2026-07',
    );
    for (const g of stored) expect(HOSTILE.map((h) => h.trim())).toContain(g.scope);
    const g = await f.call('/reports/goals?period=2026-07', { token: t.admin });
    expectClean(g, 'goals report');
    expect(await callCount(f.s)).toBe(CALL_COUNT + 2);
  });
});

describe('hostile names in the data', () => {
  const DAY = 'from=2026-03-10&to=2026-03-10';

  test('JSON carries the exact text', async () => {
    const a = await f.call(`/reports/funnel?${DAY}&by=campaign,list,agent&metrics=dials,wins`, {
      token: t.admin,
    });
    expect(a.status, a.text).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    expect(a.json.rows).toEqual([
      { campaign: FORMULA, list: DDE, agent: IMG, dials: 1, wins: 1 },
      { campaign: AT, list: '', agent: '', dials: 1, wins: 0 },
    ]);
    const dims = await f.call('/dimensions/agent', { token: t.admin });
    expect(dims.json.values).toContainEqual({ value: IMG, label: IMG });
    const camps = await f.call('/dimensions/campaign', { token: t.admin });
    expect(camps.json.values).toContainEqual({ value: FORMULA, label: FORMULA });
    const rows = await f.call(`/rows?${DAY}`, { token: t.admin });
    expect(rows.json.rows[0]).toMatchObject({ call_id: 'x1', campaign: FORMULA, list: DDE, agent: IMG });
    const drill = await f.call(`/agents/${enc(IMG)}?${DAY}`, { token: t.admin });
    expect(drill.status, drill.text).toBe(200);
    expect(drill.json).toMatchObject({ agent: IMG, name: IMG });
  });

  test('CSV escapes formula cells and quotes correctly', async () => {
    const c = await f.call(`/reports/funnel.csv?${DAY}&by=campaign,list,agent&metrics=dials,wins`, {
      token: t.admin,
    });
    expect(c.status).toBe(200);
    expect(c.text).toBe(
      [
        'campaign,list,agent,dials,wins',
        `"'=HYPERLINK(""http://x"",""y"")",'${DDE},${IMG},1,1`,
        `'${AT},,,1,0`,
        '',
      ].join('\n'),
    );
    const cells = parseCsv(c.text);
    expect(cells[1]).toEqual([`'${FORMULA}`, `'${DDE}`, IMG, '1', '1']);
    for (const row of cells.slice(1))
      for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell), cell).toBe(false);
  });

  test('an agent named as markup sees their own row as exact text', async () => {
    const made = await f.call('/tokens', {
      token: t.admin,
      method: 'POST',
      body: { role: 'agent', agent: IMG },
    });
    expect(made.status, made.text).toBe(201);
    const a = await f.call(`/reports/funnel?${DAY}&by=agent&metrics=wins`, { token: made.json.token });
    expect(a.json.rows).toEqual([{ agent: IMG, wins: 1 }]);
    const c = await f.call(`/reports/roi.csv?${DAY}&by=campaign&metrics=wins`, { token: made.json.token });
    expect(csvObjects(c.text)).toEqual([{ campaign: `'${FORMULA}`, wins: '1' }]);
    expect((await f.call(`/agents/${enc(IMG)}?${DAY}`, { token: made.json.token })).status).toBe(200);
    expect((await f.call(`/agents/a1?${DAY}`, { token: made.json.token })).status).toBe(403);
  });
});
