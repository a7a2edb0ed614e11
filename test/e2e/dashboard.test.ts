// The dashboard in a real Chromium against the real server on a seeded demo database: every page
// loads (two screen sizes) without console errors or failed requests, its figures are the API's,
// filters live in the URL, a click on a chart point lists the rows behind it, CSV downloads match
// the API, sign-in/sign-out and the agent role hold, and hostile names stay text.
//
// One file, one browser: the machine is small and the pages are compared one at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/sessions.js';
import {
  chartPoint,
  csvButton,
  drillKeys,
  parseCsv,
  tableMismatches,
  tileMismatches,
  unexplainedFigures,
  valueIndex,
} from './checks.js';
import type { Doc } from './dom.js';
import {
  apiFetch,
  apiJson,
  apiText,
  ARTIFACTS,
  e2eSuiteName,
  ensureArtifacts,
  gotoReady,
  hook,
  importRows,
  launchChromium,
  PageWatch,
  readFigures,
  requireBuiltDashboard,
  requireChromium,
  seedDemo,
  serve,
  signedInContext,
  SIZES,
  tempDir,
  TZ,
  waitReady,
  type Figures,
  type Json,
  type Report,
  type Server,
  type Size,
  type Span,
} from './harness.js';

declare const document: Doc;

const chromiumPath = requireChromium();

/** The agent of the agent token, and another one it must not see. */
const AGENT = '1001';
const OTHER_AGENT = '1002';

describe.skipIf(!chromiumPath)(e2eSuiteName('dashboard in Chromium'), () => {
  let browser: Browser;
  const tmp = tempDir('callkpi-e2e-');

  beforeAll(async () => {
    requireBuiltDashboard();
    ensureArtifacts();
    browser = await launchChromium(chromiumPath!);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    tmp.remove();
  });

  /** A page of a fresh context, watched; the context is closed after `fn` whatever happens. */
  async function withPage(
    base: string,
    token: string | null,
    size: Size,
    fn: (page: Page, watch: PageWatch, ctx: BrowserContext) => Promise<void>,
  ): Promise<void> {
    const ctx = await signedInContext(browser, base, token, size);
    try {
      const page = await ctx.newPage();
      await fn(page, new PageWatch(page), ctx);
    } finally {
      await ctx.close();
    }
  }

  describe('demo data, admin', () => {
    let server: Server;
    let span: Span;
    let admin: string;
    let range: string;

    beforeAll(async () => {
      const db = join(tmp.dir, 'demo.duckdb');
      span = await seedDemo(db, { days: 14, agents: 12 });
      server = await serve(db, { tokens: { agentId: AGENT } });
      admin = server.tokens!.admin;
      range = `from=${span.from}&to=${span.to}`;
    }, 180_000);
    afterAll(async () => {
      await server?.close();
    });

    const get = <T = Report>(path: string, token = admin): Promise<T> => apiJson<T>(server.base, path, token);

    /** Page checks beyond "every figure is the API's": the headline figures, exactly. */
    const CHECKS: Record<string, (fig: Figures) => Promise<string[]>> = {
      executive: async (fig) => {
        const r = await get(`/reports/executive?period=${span.period}`);
        return [
          ...tileMismatches(fig, r.totals, ['revenue', 'total_cost', 'net_profit', 'roi_pct', 'cpa', 'wins']),
          ...tableMismatches(fig.tables['executive-campaign'], r.rows, 'campaign'),
        ];
      },
      roi: async (fig) => {
        const c = await get(`/reports/roi?${range}&by=campaign`);
        const a = await get(`/reports/roi?${range}&by=agent`);
        return [
          ...tileMismatches(fig, c.totals, ['revenue', 'total_cost', 'net_profit', 'roi_pct', 'cpa']),
          ...tableMismatches(fig.tables['roi-campaign'], c.rows, 'campaign'),
          ...tableMismatches(fig.tables['roi-agent'], a.rows, 'agent', { dropEmptyKey: true }),
        ];
      },
      funnel: async (fig) => {
        const c = await get(`/reports/funnel?${range}&by=campaign`);
        const l = await get(`/reports/funnel?${range}&by=list`);
        return [
          ...tableMismatches(fig.tables['funnel-campaign'], c.rows, 'campaign'),
          ...tableMismatches(fig.tables['funnel-list'], l.rows, 'list'),
        ];
      },
      agents: async (fig) => {
        const r = await get(`/reports/agents?${range}&by=agent`);
        return [
          ...tileMismatches(fig, r.totals, [
            'handled_calls',
            'aht_sec',
            'occupancy',
            'conversion_rate',
            'wins',
          ]),
          ...tableMismatches(fig.tables['agents-agent'], r.rows, 'agent', { dropEmptyKey: true }),
        ];
      },
      agent: async (fig) => {
        const r = await get<{ summary: Json | null }>(`/agents/${AGENT}?${range}`);
        return tileMismatches(fig, r.summary, ['handled_calls', 'aht_sec', 'wins', 'revenue']);
      },
    };

    const pages = (): { name: string; path: string }[] => [
      { name: 'executive', path: `/executive?period=${span.period}` },
      { name: 'roi', path: `/roi?${range}` },
      { name: 'funnel', path: `/funnel?${range}` },
      { name: 'agents', path: `/agents?${range}` },
      { name: 'agent', path: `/agents/${AGENT}?${range}` },
      { name: 'service', path: `/service?${range}` },
      { name: 'quality', path: `/quality?${range}` },
      { name: 'compliance', path: `/compliance?${range}` },
      { name: 'live', path: '/live' },
      { name: 'settings', path: '/settings' },
    ];
    const NAMES = [
      'executive',
      'roi',
      'funnel',
      'agents',
      'agent',
      'service',
      'quality',
      'compliance',
      'live',
      'settings',
    ];

    /** Refetches (with the admin token) every report answer the page drew from. */
    async function answersOf(watch: PageWatch): Promise<unknown[]> {
      const urls = [
        ...new Set(
          watch.api
            .filter((a) => a.status === 200 && /^\/api\/v1\/(reports|agents|settings|rows)\b/.test(a.url))
            .filter((a) => !a.url.includes('.csv'))
            .map((a) => a.url),
        ),
      ];
      return Promise.all(urls.map((u) => get<unknown>(u)));
    }

    for (const size of SIZES)
      for (const name of NAMES)
        test(`${name} page at ${size.width}x${size.height}: ready, clean, figures equal the API`, async () => {
          const { path } = pages().find((p) => p.name === name)!;
          await withPage(server.base, admin, size, async (page, watch) => {
            const shot = join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`);
            try {
              await gotoReady(page, path, name);
            } finally {
              await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
            }
            const fig = await readFigures(page);
            const specific = (await CHECKS[name]?.(fig)) ?? [];
            const unexplained = unexplainedFigures(fig, valueIndex(await answersOf(watch)));
            expect(specific, 'figures against the API').toEqual([]);
            expect(unexplained, 'every data-value is a number of the API').toEqual([]);
            expect(watch.problems, 'console errors and failed requests').toEqual([]);
            expect(watch.dialogs).toEqual([]);
          });
        });

    test('a campaign filter lands in the URL and the figures become the filtered answer', async () => {
      await withPage(server.base, admin, SIZES[0], async (page, watch) => {
        await gotoReady(page, `/roi?${range}`, 'roi');
        const all = await get(`/reports/roi?${range}&by=campaign`);
        const campaign = String(
          all.rows.find(
            (r) => typeof r.revenue === 'number' && r.revenue > 0 && r.revenue !== all.totals.revenue,
          )?.campaign,
        );
        const filtered = await get(
          `/reports/roi?${range}&by=campaign&where=${encodeURIComponent(`campaign:${campaign}`)}`,
        );
        expect(filtered.totals.revenue).not.toBe(all.totals.revenue);

        const select = page.locator('[data-filters] select[name="campaign"]');
        await select.locator(`option[value="${campaign}"]`).waitFor({ state: 'attached' });
        await select.selectOption(campaign);
        await page.waitForURL((u) => u.searchParams.get('campaign') === campaign);
        const url = new URL(page.url());
        expect(url.searchParams.get('from')).toBe(span.from);
        expect(url.searchParams.get('to')).toBe(span.to);
        const revenueTile = page.locator('[data-page] [data-metric="revenue"]').first();
        await expect.poll(() => revenueTile.getAttribute('data-value')).toBe(hook(filtered.totals.revenue));
        await waitReady(page, 'roi');
        let fig = await readFigures(page);
        expect(
          tileMismatches(fig, filtered.totals, ['revenue', 'total_cost', 'net_profit', 'roi_pct']),
        ).toEqual([]);
        expect(tableMismatches(fig.tables['roi-campaign'], filtered.rows, 'campaign')).toEqual([]);
        expect(Object.keys(fig.tables['roi-campaign'] ?? {})).toEqual([campaign]);
        // The reports the page asked for carry the filter.
        expect(
          watch.api.some((a) => a.url.includes(`where=campaign%3A${encodeURIComponent(campaign)}`)),
        ).toBe(true);

        // Back: the unfiltered view again (the filter is history, not state).
        await page.goBack();
        await page.waitForURL((u) => !u.searchParams.has('campaign'));
        await expect.poll(() => revenueTile.getAttribute('data-value')).toBe(hook(all.totals.revenue));
        await waitReady(page, 'roi');

        // A shared link opens the filtered view directly.
        await gotoReady(page, `/roi?${range}&campaign=${encodeURIComponent(campaign)}`, 'roi');
        fig = await readFigures(page);
        expect(tileMismatches(fig, filtered.totals, ['revenue', 'net_profit'])).toEqual([]);
        expect(watch.problems).toEqual([]);
      });
    });

    /** Clicks a chart's category for real and checks the drill panel against GET /rows. */
    async function drillCheck(
      page: Page,
      chart: string,
      categoryAxis: 'x' | 'y',
      index: number,
      report: { from: string; to: string; timezone: string },
      dim: string,
    ): Promise<void> {
      const pt = await chartPoint(page, chart, index, categoryAxis);
      await page.mouse.click(pt.x, pt.y);
      const panel = page.locator('[data-drill]');
      await panel.locator('table[data-table="rows"]').waitFor({ timeout: 30_000 });
      const value = pt.category === '(none)' ? '' : pt.category;
      const q = (p: number): string =>
        `/rows?from=${report.from}&to=${report.to}&timezone=${encodeURIComponent(report.timezone)}` +
        `&where=${encodeURIComponent(`${dim}:${value}`)}&page=${p}&page_size=50`;
      type Rows = { total: number; rows: Json[] };
      const p1 = await get<Rows>(q(1));
      expect(p1.total).toBeGreaterThan(50); // a second page to go to
      await expect.poll(() => panel.getAttribute('data-total')).toBe(String(p1.total));
      const ids = (r: Rows): string[] => r.rows.map((x) => String(x.call_id));
      expect(await drillKeys(page)).toEqual(ids(p1));
      await panel.locator('[data-action="next-page"]').click();
      const p2 = await get<Rows>(q(2));
      await expect.poll(() => drillKeys(page)).toEqual(ids(p2));
      await panel.locator('[data-action="prev-page"]').click();
      await expect.poll(() => drillKeys(page)).toEqual(ids(p1));
    }

    test('a click on a chart point opens the rows behind it, paginated like GET /rows', async () => {
      await withPage(server.base, admin, SIZES[1], async (page, watch) => {
        await gotoReady(page, `/roi?${range}`, 'roi');
        const roi = await get(`/reports/roi?${range}&by=campaign`);
        const big = roi.rows.findIndex((r) => typeof r.wins === 'number' && r.wins > 0);
        await drillCheck(page, 'roi-costs', 'x', Math.max(0, big), roi, 'campaign');
        await page.screenshot({ path: join(ARTIFACTS, 'roi-drill-1920x1080.png') });

        // A horizontal chart (categories on y): the executive campaign ranking.
        await gotoReady(page, `/executive?period=${span.period}`, 'executive');
        const exec = await get(`/reports/executive?period=${span.period}`);
        await drillCheck(page, 'executive-campaigns', 'y', 0, exec, 'campaign');
        expect(watch.problems).toEqual([]);
      });
    });

    test('CSV downloads have the header and rows of the API CSV', async () => {
      await withPage(server.base, admin, SIZES[0], async (page, watch) => {
        await gotoReady(page, `/roi?${range}`, 'roi');
        for (const [selector, file] of [
          ['table[data-table="roi-campaign"]', 'roi-campaign'],
          ['[data-chart="roi-costs"]', 'roi-costs'],
        ] as const) {
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            csvButton(page, selector).click(),
          ]);
          expect(download.suggestedFilename()).toMatch(/\.csv$/);
          const got = parseCsv(readFileSync(await download.path(), 'utf8'));
          const api = parseCsv(await apiText(server.base, `/reports/roi.csv?${range}&by=campaign`, admin));
          // The API CSV of the same report: the page's columns are among its columns (the page leaves
          // out what it does not show), the same rows, and every cell equal.
          const [header, apiHeader] = [got[0]!, api[0]!];
          expect(
            header.filter((c) => !apiHeader.includes(c)),
            `${file}: columns not in the API CSV`,
          ).toEqual([]);
          expect(got.length, `${file}: rows`).toBe(api.length);
          const byKey = (rows: string[][], h: string[]): Map<string, Record<string, string>> =>
            new Map(
              rows
                .slice(1)
                .map((r) => [r[h.indexOf('campaign')]!, Object.fromEntries(h.map((c, i) => [c, r[i]!]))]),
            );
          const mine = byKey(got, header);
          const theirs = byKey(api, apiHeader);
          expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
          for (const [k, row] of mine)
            for (const c of header) expect(row[c], `${file} ${k} ${c}`).toBe(theirs.get(k)![c]);
        }
        expect(watch.problems).toEqual([]);
      });
    });

    test('sign in with a token, the cookie is HttpOnly, sign out', async () => {
      await withPage(server.base, null, SIZES[0], async (page, watch, ctx) => {
        watch.allow((s) => s.includes('401')); // the wrong token below
        await page.goto(`/roi?${range}`);
        await page.waitForURL((u) => u.pathname === '/signin');
        await page.locator('[data-page="signin"]').waitFor();
        expect(new URL(page.url()).searchParams.get('next')).toBe(`/roi?${range}`);

        await page.fill('input[name="token"]', 'ck_not-a-token');
        await page.click('[data-action="signin"]');
        await page
          .locator('[data-page="signin"] [data-error], [data-page="signin"] [role="alert"]')
          .first()
          .waitFor();

        await page.fill('input[name="token"]', admin);
        await page.click('[data-action="signin"]');
        await page.waitForURL((u) => u.pathname === '/roi');
        await waitReady(page, 'roi');
        await expect.poll(() => page.locator('[data-identity]').textContent()).toContain('admin');

        const cookies = await ctx.cookies();
        const session = cookies.find((c) => c.name === SESSION_COOKIE);
        expect(session?.httpOnly).toBe(true);
        expect(session?.sameSite).toBe('Strict');
        expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
        const who = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
        expect(who).toMatchObject({ authenticated: true, role: 'admin' });

        await page.click('[data-action="signout"]');
        await page.waitForURL((u) => u.pathname === '/signin');
        const after = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
        expect(after).toMatchObject({ authenticated: false });
        expect((await ctx.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
        // Signed out means signed out: a report link goes back to the sign-in page.
        await page.goto(`/roi?${range}`);
        await page.waitForURL((u) => u.pathname === '/signin');
        expect(watch.problems.filter((p) => !p.includes('/api/v1/session'))).toEqual([]);
      });
    });

    test('an agent token sees only its own agent', async () => {
      await withPage(server.base, server.tokens!.agent, SIZES[0], async (page, watch) => {
        // Agents → their own drill-down, figures equal their own answer.
        await page.goto(`/agents?${range}`);
        await page.waitForURL((u) => u.pathname === `/agents/${AGENT}`);
        await waitReady(page, 'agent');
        await expect.poll(() => page.locator('[data-identity]').textContent()).toContain('agent');
        const own = await get<{ summary: Json | null }>(`/agents/${AGENT}?${range}`, server.tokens!.agent);
        expect(tileMismatches(await readFigures(page), own.summary, ['handled_calls', 'wins'])).toEqual([]);
        await page.screenshot({ path: join(ARTIFACTS, 'agent-role-own-1366x768.png'), fullPage: true });

        // ROI: the agent table holds one row, theirs.
        await gotoReady(page, `/roi?${range}`, 'roi');
        const fig = await readFigures(page);
        expect(Object.keys(fig.tables['roi-agent'] ?? {})).toEqual([AGENT]);

        // The API from the page (session cookie): only them.
        const rows = await page.evaluate(
          (q) => fetch(`/api/v1/reports/agents?${q}&by=agent`).then((r) => r.json()),
          range,
        );
        expect([...new Set((rows as Report).rows.map((r) => r.agent))]).toEqual([AGENT]);
        const status = await page.evaluate(
          ({ q, other }) => fetch(`/api/v1/reports/agents?${q}&where=agent:${other}`).then((r) => r.status),
          { q: range, other: OTHER_AGENT },
        );
        expect(status).toBe(403);

        // Someone else's drill-down: a forbidden state, not their figures.
        watch.allow((s) => s.includes('403'));
        await page.goto(`/agents/${OTHER_AGENT}?${range}`);
        const root = page.locator('[data-page="agent"]');
        await expect.poll(() => root.getAttribute('data-state')).toBe('error');
        await page
          .locator('[data-error="forbidden"], [data-forbidden]')
          .first()
          .waitFor({ state: 'visible' });
        expect(await root.locator('[data-metric][data-value]:not([data-value=""])').count()).toBe(0);
        await page.screenshot({ path: join(ARTIFACTS, 'agent-role-forbidden-1366x768.png'), fullPage: true });

        // A staff page: forbidden too.
        await page.goto('/service');
        await page.locator('[data-forbidden]').waitFor({ state: 'visible' });
        expect(watch.problems.filter((p) => !p.includes('403'))).toEqual([]);
      });
    });

    test('a supervisor token sees the whole floor and reads settings', async () => {
      const token = server.tokens!.supervisor;
      await withPage(server.base, token, SIZES[0], async (page, watch) => {
        await gotoReady(page, `/agents?${range}`, 'agents');
        await expect.poll(() => page.locator('[data-identity]').textContent()).toContain('supervisor');
        const r = await get(`/reports/agents?${range}&by=agent`, token);
        const fig = await readFigures(page);
        expect(tableMismatches(fig.tables['agents-agent'], r.rows, 'agent', { dropEmptyKey: true })).toEqual(
          [],
        );
        expect(Object.keys(fig.tables['agents-agent'] ?? {}).length).toBeGreaterThan(1);
        await gotoReady(page, '/settings', 'settings');
        expect(watch.problems).toEqual([]);
      });
    });
  });

  describe('hostile names', () => {
    const HOSTILE_AGENT = '<img src=x onerror=alert(1)>';
    const HOSTILE_CAMPAIGN = '=HYPERLINK("http://x","y")';
    let server: Server;
    let span: Span;
    let range: string;

    beforeAll(async () => {
      const db = join(tmp.dir, 'hostile.duckdb');
      span = await seedDemo(db, { days: 3, agents: 3 }, async (store, dir, s) => {
        await importRows(store, dir, 'agents', [
          {
            agent: 'x666',
            name: HOSTILE_AGENT,
            team: 'Owls',
            site: 'Tampa',
            hired_on: '2025-01-01',
            active: '1',
          },
        ]);
        await importRows(store, dir, 'campaigns', [
          {
            campaign: HOSTILE_CAMPAIGN,
            name: HOSTILE_CAMPAIGN,
            direction: 'outbound',
            timezone: TZ,
            started_on: s.from,
            drop_group: '',
          },
        ]);
        await importRows(
          store,
          dir,
          'calls',
          Array.from({ length: 6 }, (_, i) => ({
            call_id: `hostile-${i}`,
            started_at: `${s.to}T16:0${i}:00Z`,
            direction: 'outbound',
            campaign: HOSTILE_CAMPAIGN,
            status: i % 2 ? 'SALE' : 'NI',
            agent: 'x666',
            ring_sec: '4',
            wait_sec: '0',
            talk_sec: '120',
            hold_sec: '0',
            wrap_sec: '15',
          })),
        );
      });
      range = `from=${span.from}&to=${span.to}`;
      server = await serve(db); // no tokens: the single-user loopback mode
    }, 180_000);
    afterAll(async () => {
      await server?.close();
    });

    for (const [name, path, text, table] of [
      ['agents', () => `/agents?${range}`, HOSTILE_AGENT, 'agents-agent'],
      ['roi', () => `/roi?${range}`, HOSTILE_CAMPAIGN, 'roi-campaign'],
    ] as const)
      test(`${name} page shows ${JSON.stringify(text)} as text`, async () => {
        await withPage(server.base, null, SIZES[1], async (page, watch) => {
          await gotoReady(page, path(), name);
          await page.screenshot({ path: join(ARTIFACTS, `hostile-${name}-1920x1080.png`), fullPage: true });
          // Literally, in the table (and in the filter's options, hidden until opened).
          await page
            .locator(`table[data-table="${table}"]`)
            .getByText(text)
            .first()
            .waitFor({ state: 'visible', timeout: 10_000 });
          expect(await page.locator('[data-filters] option').allTextContents()).toContain(text);
          expect(await page.locator('img[src="x"]').count()).toBe(0);
          expect(await page.locator('[onerror]').count()).toBe(0);
          expect(watch.dialogs).toEqual([]);
          expect(watch.problems).toEqual([]);
        });
      });

    test('CSV exports escape a campaign that looks like a formula', async () => {
      await withPage(server.base, null, SIZES[0], async (page) => {
        await gotoReady(page, `/roi?${range}`, 'roi');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          csvButton(page, 'table[data-table="roi-campaign"]').click(),
        ]);
        const text = readFileSync(await download.path(), 'utf8');
        const api = await (await apiFetch(server.base, `/reports/roi.csv?${range}&by=campaign`, null)).text();
        for (const [who, csv] of [
          ['dashboard', text],
          ['API', api],
        ] as const) {
          const cells = parseCsv(csv).flat();
          expect(cells, `${who} CSV`).toContain(`'${HOSTILE_CAMPAIGN}`);
          expect(
            cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-[^\d]/.test(c)),
            `${who} CSV cells a spreadsheet would run`,
          ).toEqual([]);
        }
      });
    });
  });
});
