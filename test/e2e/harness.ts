// End-to-end harness for the dashboard (the "services" Vitest project): a seeded DuckDB, the real
// server in-process (startServer) and a real headless Chromium driven by playwright-core.
//
// Chromium comes from Debian (scripts/services/chromium.sh exports CALLKPI_TEST_CHROMIUM); without it
// the suite skips, except under CI=true, where a skipped suite would be a lie and it fails instead.
// The dashboard must be built (dist/web/index.html): the server serves exactly what ships.
//
// Usage:
//   const chromiumPath = requireChromium();
//   describe.skipIf(!chromiumPath)(e2eSuiteName('dashboard'), () => {
//     beforeAll(async () => { db = await seedDemo(dir); server = await serve(db, { tokens: true }); ... });
//   });
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type Serving } from '../../src/cli/serve.js';
import { ensureBuiltinDispositions } from '../../src/ingest/builtins.js';
import { importFile } from '../../src/ingest/import.js';
import { createToken } from '../../src/settings/tokens.js';
import { addDays, todayIn } from '../../src/sim/calendar.js';
import { writeSimulation } from '../../src/sim/index.js';
import { DuckStore } from '../../src/storage/duckdb/connection.js';
import type { Doc } from './dom.js';

declare const document: Doc;

export const CHROMIUM_ENV = 'CALLKPI_TEST_CHROMIUM';
export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');
export const WEB_INDEX = join(ROOT, 'dist/web/index.html');
export const TZ = 'America/New_York';

/** Flags for running as root in a container without network (as scripts/services/chromium.sh). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const isCI = (): boolean => /^(true|1|yes)$/i.test(process.env.CI ?? '');

export function chromiumSkipReason(): string | undefined {
  return process.env[CHROMIUM_ENV]?.trim()
    ? undefined
    : `${CHROMIUM_ENV} is not set: run \`npm run test:all\` (scripts/services/chromium.sh) or export ${CHROMIUM_ENV}=/usr/bin/chromium`;
}

let warned = false;

/**
 * The Chromium executable, for `describe.skipIf(!requireChromium())`. When the variable is missing:
 * throws under CI=true (a green CI that skipped the browser suites is red), else warns once.
 */
export function requireChromium(): string | undefined {
  const path = process.env[CHROMIUM_ENV]?.trim();
  if (path) return path;
  const reason = chromiumSkipReason() ?? '';
  if (isCI()) throw new Error(`Chromium is required when CI=true, but ${reason}`);
  if (!warned) {
    warned = true;
    console.warn(`[callkpi] skipping end-to-end tests: ${reason}`);
  }
  return undefined;
}

export function e2eSuiteName(name: string): string {
  const reason = chromiumSkipReason();
  return reason ? `${name} (skipped: ${reason})` : name;
}

/** The server serves dist/web: without a build every page would be the "not built" notice. */
export function requireBuiltDashboard(): void {
  if (!existsSync(WEB_INDEX))
    throw new Error(`${WEB_INDEX} is missing: run npm run build (it builds the dashboard into dist/web)`);
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

// --- data ---------------------------------------------------------------------------------------

/** The local days the seeded data covers, and the month the executive page is asked for. */
export interface Span {
  from: string;
  to: string;
  period: string;
  timezone: string;
}

/** Imports every file of a simulation, in the simulator's order, as `callkpi demo` does. */
async function importAll(store: DuckStore, files: Record<string, string[]>): Promise<void> {
  for (const [type, paths] of Object.entries(files))
    for (const path of paths) {
      const s = await importFile(store, type, path, { timezone: TZ });
      if (s.rejected) throw new Error(`seeding: ${s.rejected} ${type} records rejected from ${path}`);
    }
}

/**
 * A demo database as `callkpi demo --days N --agents N` makes it (same simulator, same import path),
 * ending yesterday in the center's zone. Returns the span the pages are asked for.
 */
export async function seedDemo(
  dbPath: string,
  opts: { days: number; agents: number; seed?: number },
  extra?: (store: DuckStore, dir: string, span: Span) => Promise<void>,
): Promise<Span> {
  const start = addDays(todayIn(TZ), -opts.days);
  const span: Span = { from: start, to: addDays(start, opts.days - 1), period: '', timezone: TZ };
  span.period = span.to.slice(0, 7);
  const tmp = tempDir('callkpi-e2e-sim-');
  const store = await DuckStore.open(dbPath);
  try {
    const files = await writeSimulation(tmp.dir, {
      days: opts.days,
      agents: opts.agents,
      seed: opts.seed ?? 1,
      timezone: TZ,
      start,
    });
    await ensureBuiltinDispositions(store);
    await store.setMeta('demo', '1');
    await store.setMeta('timezone', TZ);
    await importAll(store, files);
    if (extra) await extra(store, tmp.dir, span);
  } finally {
    await store.close();
    tmp.remove();
  }
  return span;
}

/** Writes `rows` as a CSV file (every value quoted) and imports it as `type`. */
export async function importRows(
  store: DuckStore,
  dir: string,
  type: string,
  rows: readonly Record<string, string>[],
): Promise<void> {
  const cols = Object.keys(rows[0]!);
  const q = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  const path = join(dir, `extra-${type}-${Date.now()}.csv`);
  writeFileSync(
    path,
    [cols.join(','), ...rows.map((r) => cols.map((c) => q(r[c] ?? '')).join(','))].join('\n') + '\n',
  );
  const s = await importFile(store, type, path, { timezone: TZ });
  if (s.rejected)
    throw new Error(`seeding: ${s.rejected} ${type} records rejected: ${JSON.stringify(s.warnings)}`);
}

// --- server -------------------------------------------------------------------------------------

/** A port nobody listens on right now (startServer reports the port it was given, so not 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

export interface Tokens {
  admin: string;
  supervisor: string;
  agent: string;
  /** the agent the agent token belongs to */
  agentId: string;
}

export interface Server {
  /** http://127.0.0.1:PORT (no trailing slash) */
  base: string;
  tokens: Tokens | null;
  close(): Promise<void>;
}

/**
 * Opens the database and serves it on 127.0.0.1. With `tokens`, admin, supervisor and agent tokens
 * are created first, so the server runs in token mode (sign-in required), as in production.
 */
export async function serve(dbPath: string, opts: { tokens?: { agentId: string } } = {}): Promise<Server> {
  const store = await DuckStore.open(dbPath);
  let tokens: Tokens | null = null;
  let serving: Serving;
  try {
    await ensureBuiltinDispositions(store);
    if (opts.tokens) {
      const make = async (role: string, agent?: string): Promise<string> =>
        (await createToken(store, { role, agent: agent ?? null, label: `e2e ${role}` })).token;
      tokens = {
        admin: await make('admin'),
        supervisor: await make('supervisor'),
        agent: await make('agent', opts.tokens.agentId),
        agentId: opts.tokens.agentId,
      };
    }
    serving = await startServer(store, { host: '127.0.0.1', port: await freePort() });
  } catch (err) {
    await store.close();
    throw err;
  }
  return { base: serving.url.replace(/\/$/, ''), tokens, close: () => serving.close() };
}

// --- API, as the test sees it (independent of the page) --------------------------------------------

export async function apiFetch(base: string, path: string, token: string | null): Promise<Response> {
  const url = path.startsWith('http') ? path : `${base}${path.startsWith('/api/') ? '' : '/api/v1'}${path}`;
  return fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

export async function apiJson<T>(base: string, path: string, token: string | null): Promise<T> {
  const res = await apiFetch(base, path, token);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function apiText(base: string, path: string, token: string | null): Promise<string> {
  const res = await apiFetch(base, path, token);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text}`);
  return text;
}

export type Json = Record<string, unknown>;
export interface Report extends Json {
  from: string;
  to: string;
  timezone: string;
  rows: Json[];
  totals: Record<string, number | null>;
}

// --- browser ------------------------------------------------------------------------------------

export const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
export type Size = (typeof SIZES)[number];

/** A browser context signed in with `token` (POST /session: the HttpOnly cookie lands in its jar). */
export async function signedInContext(
  browser: Browser,
  base: string,
  token: string | null,
  size: { width: number; height: number } = SIZES[0],
): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: base, viewport: size, acceptDownloads: true });
  if (token) {
    const res = await ctx.request.post('/api/v1/session', { data: { token } });
    if (!res.ok()) throw new Error(`sign-in failed: HTTP ${res.status()} ${await res.text()}`);
  }
  return ctx;
}

/**
 * What went wrong on a page: console errors, uncaught exceptions, failed requests and HTTP errors.
 * Requests the page aborted itself (a fetch superseded by a newer filter) are not failures.
 */
export class PageWatch {
  readonly problems: string[] = [];
  readonly dialogs: string[] = [];
  /** every /api/v1 response the page received: url (path + query) and status */
  readonly api: { url: string; status: number }[] = [];
  private allowed: ((s: string) => boolean)[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.add(`console error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => this.add(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? '';
      if (why.includes('ERR_ABORTED')) return;
      this.add(`request failed: ${r.method()} ${r.url()} ${why}`);
    });
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) this.api.push({ url: u.pathname + u.search, status: r.status() });
      if (r.status() >= 400) this.add(`HTTP ${r.status()}: ${r.request().method()} ${u.pathname}${u.search}`);
    });
    page.on('dialog', (d) => {
      this.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  }

  /** Accepts problems matching `match` from now on (e.g. the 403 a forbidden view is about). */
  allow(match: (s: string) => boolean): void {
    this.allowed.push(match);
  }

  private add(s: string): void {
    if (!this.allowed.some((m) => m(s))) this.problems.push(s);
  }

  reset(): void {
    this.problems.length = 0;
    this.api.length = 0;
  }
}

/** Navigates and waits until the page says its data and charts are in (data-ready="true"). */
export async function gotoReady(page: Page, path: string, name: string, timeout = 60_000): Promise<void> {
  await page.goto(path);
  await waitReady(page, name, timeout);
}

export async function waitReady(page: Page, name: string, timeout = 60_000): Promise<void> {
  try {
    await page.waitForSelector(`[data-page="${name}"][data-ready="true"]`, { timeout });
  } catch (err) {
    const state = await page
      .evaluate(() => {
        const el = document.querySelector('[data-page]');
        const msg = document.querySelector('[data-error], [role=alert]')?.textContent ?? '';
        return el
          ? `data-page=${el.getAttribute('data-page')} data-state=${el.getAttribute('data-state')} ${msg}`
          : `no [data-page] element; body: ${document.body.innerText.slice(0, 300)}`;
      })
      .catch((e: unknown) => String(e));
    throw new Error(`page "${name}" at ${page.url()} not ready within ${timeout} ms: ${state}`, {
      cause: err,
    });
  }
}

export interface Figures {
  /** figures outside any table (KPI tiles, goal cards, funnel steps) by metric, in page order */
  tiles: Record<string, string[]>;
  /** tables by data-table: rows by data-row-key, cells by data-metric (data-value; null when absent) */
  tables: Record<string, Record<string, Record<string, string | null>>>;
}

/** Every figure on the page, as its test hooks give it. */
export async function readFigures(page: Page): Promise<Figures> {
  return page.evaluate(() => {
    const tiles: Record<string, string[]> = {};
    for (const el of document.querySelectorAll('[data-page] [data-metric]')) {
      if (el.closest('table')) continue;
      (tiles[el.getAttribute('data-metric')!] ??= []).push(el.getAttribute('data-value') ?? '');
    }
    const tables: Figures['tables'] = {};
    for (const t of document.querySelectorAll('table[data-table]')) {
      const rows: Record<string, Record<string, string | null>> = {};
      for (const tr of t.querySelectorAll('tbody tr[data-row-key]')) {
        const cells: Record<string, string | null> = {};
        for (const td of tr.querySelectorAll('[data-metric]'))
          cells[td.getAttribute('data-metric')!] = td.getAttribute('data-value');
        rows[tr.getAttribute('data-row-key')!] = cells;
      }
      tables[t.getAttribute('data-table')!] = rows;
    }
    return { tiles, tables };
  });
}

/** A number of the API as the page's hooks write it: String(n), '' or absent for null. */
export const hook = (v: unknown): string | null => (typeof v === 'number' ? String(v) : null);

export function ensureArtifacts(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}
