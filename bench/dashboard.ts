import { serve as listen } from '@hono/node-server';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { ensureBuiltinDispositions } from '../src/ingest/builtins.js';
import { importFile } from '../src/ingest/import.js';
import { createApp } from '../src/server/app.js';
import type { ServerState } from '../src/server/state.js';
import { defaultWebRoot } from '../src/server/static.js';
import { writeSimulation } from '../src/sim/index.js';
import { DuckStore } from '../src/storage/duckdb/connection.js';
import { prepareMoney } from './roi.js';
import { median } from './stats.js';

// The executive page in headless Chromium, from navigation to data-ready="true" (its data in and
// every chart's 'finished'), on the demo floor and on the 10 M-call benchmark month:
// - cold: a fresh server (database just opened, empty answer cache) and a fresh browser profile;
// - warm: the same server and browser reloading the page (answers cached, assets cached);
// and the API calls the page makes, timed from Node: 20 repetitions each with the server's answer
// cache cleared before every call (cold) and served from it (warm). Targets: page < 1.5 s on 10 M
// calls, API p95 < 200 ms.

const TZ = 'America/New_York';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export interface DashboardBenchOptions {
  out: string;
  smoke: boolean;
  /** which databases: the demo floor, the big benchmark month, or both */
  sizes: readonly ('demo' | 'big')[];
  /** calls of the big month (bench/run.ts --rows) */
  rows: number;
  /** the month CSV of bench/run.ts (generated there when missing) */
  monthCsv: () => Promise<string>;
}

interface Db {
  label: string;
  path: string;
  /** the month the executive page is opened on */
  period: string;
}

/** The demo floor, seeded once (same simulator and import path as `callkpi demo`), fixed dates. */
async function demoDb(out: string, days: number, agents: number): Promise<Db> {
  const start = '2026-08-02';
  const path = join(out, `dashboard-demo-${start}-${days}d-${agents}a.duckdb`);
  const label = `demo, ${days} days, ${agents} agents`;
  // The last simulated day's month: the one the executive page shows.
  const last = new Date(Date.parse(`${start}T12:00:00Z`) + (days - 1) * 86_400_000).toISOString();
  if (existsSync(path)) return { label, path, period: last.slice(0, 7) };
  const t = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-bench-demo-'));
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const store = await DuckStore.open(partial);
  try {
    const files = await writeSimulation(dir, { days, agents, seed: 1, timezone: TZ, start });
    await ensureBuiltinDispositions(store);
    await store.setMeta('demo', '1');
    await store.setMeta('timezone', TZ);
    for (const [type, paths] of Object.entries(files))
      for (const p of paths) await importFile(store, type, p, { timezone: TZ });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(`${partial}.wal`, { force: true });
  renameSync(partial, path);
  console.log(`(seeded ${path} in ${fmt((Date.now() - t) / 1000)} s)`);
  return { label, path, period: last.slice(0, 7) };
}

/**
 * The benchmark month of bench/run.ts (the same calls CSV) imported once into a file of its own,
 * with finance, agent time (as the roi benchmark prepares them) and a few goals.
 */
async function bigDb(out: string, rows: number, monthCsv: () => Promise<string>): Promise<Db> {
  const path = join(out, `dashboard-${rows}.duckdb`);
  const label = `${fmt(rows)} calls, 400 agents`;
  if (existsSync(path)) return { label, path, period: '2026-10' };
  const csv = await monthCsv();
  const t = Date.now();
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const store = await DuckStore.open(partial);
  try {
    await ensureBuiltinDispositions(store);
    await store.setMeta('timezone', TZ);
    await importFile(store, 'calls', csv, { timezone: 'UTC' });
    await prepareMoney(store, out, '2026-10-01', 25);
    const goals = join(out, 'dashboard-goals.csv');
    writeFileSync(
      goals,
      [
        'scope,period,metric,target,amber_at,red_at',
        `*,2026-10,revenue,${Math.round(rows * 0.05)},,`,
        '*,2026-10,conversion_rate,0.1,,',
        '*,2026-10,roi_pct,0.5,,',
        `SOLAR,2026-10,revenue,${Math.round(rows * 0.02)},,`,
        'DEBT,2026-10,drop_rate,0.03,0.95,0.85',
      ].join('\n') + '\n',
    );
    await importFile(store, 'goals', goals, { timezone: TZ });
  } finally {
    await store.close();
  }
  rmSync(`${partial}.wal`, { force: true });
  renameSync(partial, path);
  console.log(`(imported ${path} in ${fmt((Date.now() - t) / 1000)} s)`);
  return { label, path, period: '2026-10' };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => done(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Running {
  base: string;
  state: ServerState;
  close(): Promise<void>;
}

/** The server as `callkpi serve` runs it (loopback, no tokens), with its state at hand. */
async function startBenchServer(path: string): Promise<Running> {
  const store = await DuckStore.open(path);
  await ensureBuiltinDispositions(store);
  const { app, state } = createApp({ store, host: '127.0.0.1' });
  const port = await freePort();
  const server = await new Promise<ReturnType<typeof listen>>((done) => {
    const s = listen({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => done(s));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    state,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  };
}

/** Milliseconds from navigation start to data-ready="true", measured in the page. */
const READY_PROBE = `(() => {
  const seen = () => {
    if (window.__readyAt === undefined && document.querySelector('[data-page][data-ready="true"]'))
      window.__readyAt = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
})();`;

interface Load {
  /** navigation start → data-ready="true" */
  ms: number;
  /** navigation start → DOMContentLoaded (the bundle parsed and run) */
  dcl: number;
  /** navigation start → the last byte of the last /api/v1 answer */
  apiEnd: number;
  /** the /api/v1 URLs the page fetched (path and query) */
  api: string[];
}

async function loadOnce(ctx: BrowserContext, url: string): Promise<Load> {
  const page = await ctx.newPage();
  try {
    const api: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/v1/')) api.push(u.pathname + u.search);
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`HTTP ${r.status()} ${r.url()}`);
    });
    await page.goto(url);
    try {
      await page.waitForSelector('[data-page="executive"][data-ready="true"]', { timeout: 120_000 });
    } catch (err) {
      const state = await page
        .evaluate(`document.querySelector('[data-page]')?.getAttribute('data-state') ?? 'no [data-page]'`)
        .catch(() => '?');
      // A 404 on /assets/ means dist/web was rebuilt under the running benchmark.
      throw new Error(
        `${url}: not ready in 120 s (data-state ${String(state)}; ${failed.join('; ') || 'no failed request'})`,
        {
          cause: err,
        },
      );
    }
    const t = (await page.evaluate(`({
      ready: window.__readyAt,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      apiEnd: Math.max(0, ...performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/v1/')).map((e) => e.responseEnd)),
    })`)) as { ready: number; dcl: number; apiEnd: number };
    return { ms: t.ready, dcl: t.dcl, apiEnd: t.apiEnd, api };
  } finally {
    await page.close();
  }
}

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function timeFetch(url: string): Promise<{ ms: number; status: number; cache: string }> {
  const t = process.hrtime.bigint();
  const res = await fetch(url);
  await res.arrayBuffer();
  return {
    ms: Number(process.hrtime.bigint() - t) / 1e6,
    status: res.status,
    cache: res.headers.get('x-cache') ?? '',
  };
}

async function benchDb(browser: Browser, db: Db, runs: number, reps: number): Promise<void> {
  const path = `/executive?period=${db.period}`;
  // Cold: a fresh server and a fresh browser profile for every run.
  const cold: Load[] = [];
  for (let i = 0; i < runs; i++) {
    const srv = await startBenchServer(db.path);
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await ctx.addInitScript(READY_PROBE);
    try {
      cold.push(await loadOnce(ctx, srv.base + path));
    } finally {
      await ctx.close();
      await srv.close();
    }
  }
  // Warm: one server and one browser; a first load fills the caches, then the page is reopened.
  const srv = await startBenchServer(db.path);
  const warm: Load[] = [];
  let apiUrls: string[] = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await ctx.addInitScript(READY_PROBE);
    try {
      apiUrls = (await loadOnce(ctx, srv.base + path)).api;
      for (let i = 0; i < runs; i++) warm.push(await loadOnce(ctx, srv.base + path));
    } finally {
      await ctx.close();
    }

    console.log(`\n## Executive page, ${db.label}: navigation → data-ready (ms), ${runs} runs, 1920×1080`);
    const med = (xs: Load[], k: 'ms' | 'dcl' | 'apiEnd'): string =>
      fmt(median(xs.map((x) => x[k]))).padStart(6);
    console.log(
      `  ${''.padEnd(5)} ${'ready'.padStart(6)} ${'DOM'.padStart(6)} ${'API end'.padStart(8)}   every run (ready)`,
    );
    const row = (name: string, xs: Load[]): void =>
      console.log(
        `  ${name.padEnd(5)} ${med(xs, 'ms')} ${med(xs, 'dcl')} ${med(xs, 'apiEnd').padStart(8)}   ${xs
          .map((x) => fmt(x.ms))
          .join(', ')}`,
      );
    row('cold', cold);
    row('warm', warm);
    console.log(
      `  (medians; DOM = DOMContentLoaded, API end = last byte of the last /api/v1 answer; ready − API end = drawing)`,
    );
    console.log(`  first cold load ${fmt(cold[0]!.ms)} ms; target < 1,500 ms on 10 M calls`);

    // The API calls the page made, from Node: cold (answer cache cleared before each call), warm.
    const calls = [...new Set(apiUrls)];
    console.log(`\n## API calls of the executive page, ${db.label}: ${reps} repetitions each (ms)`);
    console.log(
      `  ${'call'.padEnd(62)} ${'cold p50'.padStart(9)} ${'cold p95'.padStart(9)} ${'warm p50'.padStart(9)} ${'warm p95'.padStart(9)}`,
    );
    for (const u of calls) {
      const c: number[] = [];
      const w: number[] = [];
      for (let i = 0; i < reps; i++) {
        srv.state.changed();
        const r = await timeFetch(srv.base + u);
        if (r.status !== 200) throw new Error(`GET ${u}: HTTP ${r.status}`);
        c.push(r.ms);
      }
      await timeFetch(srv.base + u);
      for (let i = 0; i < reps; i++) w.push((await timeFetch(srv.base + u)).ms);
      const shown = u.length > 62 ? `${u.slice(0, 59)}...` : u;
      console.log(
        `  ${shown.padEnd(62)} ${pct(c, 50).toFixed(1).padStart(9)} ${pct(c, 95).toFixed(1).padStart(9)} ${pct(w, 50).toFixed(1).padStart(9)} ${pct(w, 95).toFixed(1).padStart(9)}`,
      );
    }
    console.log(`  (target: p95 < 200 ms; /session and /metrics are not cached by the server)`);
  } finally {
    await srv.close();
  }
}

export async function dashboardBench(opts: DashboardBenchOptions): Promise<void> {
  if (!defaultWebRoot())
    throw new Error('dist/web/index.html is missing: run npm run build (it builds the dashboard)');
  const executablePath = process.env.CALLKPI_TEST_CHROMIUM?.trim() || '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(
      `no Chromium at ${executablePath}: run scripts/services/chromium.sh or set CALLKPI_TEST_CHROMIUM`,
    );
  const dbs: Db[] = [];
  if (opts.smoke) dbs.push(await demoDb(opts.out, 7, 6));
  else {
    if (opts.sizes.includes('demo')) dbs.push(await demoDb(opts.out, 60, 40));
    if (opts.sizes.includes('big')) dbs.push(await bigDb(opts.out, opts.rows, opts.monthCsv));
  }
  const runs = opts.smoke ? 3 : 5;
  const reps = opts.smoke ? 5 : 20;
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    for (const db of dbs) await benchDb(browser, db, runs, reps);
  } finally {
    await browser.close();
  }
}
