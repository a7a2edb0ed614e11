import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuiltinDispositions } from '../src/ingest/builtins.js';
import { catalog } from '../src/catalog/index.js';
import { reportDef, runReport } from '../src/reports/run.js';
import { DuckStore } from '../src/storage/duckdb/connection.js';
import { zonedMidnight } from '../src/time/zones.js';
import { writeCallsCsv } from './gen-calls.js';
import { HAND_FUNNEL_SQL } from './hand-funnel.js';
import { agentsBench } from './agents.js';
import { prepareMoney, roiBench } from './roi.js';
import { median, medianMs } from './stats.js';
import { generateYear } from './year.js';

// npm run bench [-- --rows 10000000 --runs 3 --year-rows 100000000 --only import,funnel,roi,year | --smoke]
// --only dashboard: the executive page in headless Chromium (bench/dashboard.ts) on the demo floor and
// on the --rows month; dashboard-demo or dashboard-big for one of them. Needs `npm run build` (dist/web)
// and Chromium ($CALLKPI_TEST_CHROMIUM, default /usr/bin/chromium); not in the default set.
// Each figure is measured against its baseline in the same run; medians of several runs, because
// this machine is shared and noisy.

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '3' },
    'year-rows': { type: 'string', default: '100000000' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/out' },
    only: { type: 'string' },
  },
});
const only = new Set((values.only ?? 'import,funnel,roi,agents,year').split(','));
const smoke = values.smoke!;
const rows = smoke ? 200_000 : Number(values.rows);
const runs = smoke ? 1 : Number(values.runs);
const yearRows = smoke ? 1_000_000 : Number(values['year-rows']);
const out = values.out!;
mkdirSync(out, { recursive: true });
const TZ = 'America/New_York';
const here = import.meta.dirname;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function importBench(csv: string): Promise<string> {
  const results: Record<string, { ms: number[]; rss: number[] }> = {
    baseline: { ms: [], rss: [] },
    callkpi: { ms: [], rss: [] },
  };
  const db = join(out, 'bench-month.duckdb');
  for (let i = 0; i < runs; i++)
    for (const mode of ['baseline', 'callkpi']) {
      const target = mode === 'baseline' ? join(out, 'baseline.duckdb') : db;
      const line = execFileSync(process.execPath, [join(here, 'import-child.js'), mode, csv, target], {
        encoding: 'utf8',
      });
      const r = JSON.parse(line.trim().split('\n').pop()!) as { ms: number; rssMb: number; rows: number };
      if (r.rows !== rows) throw new Error(`${mode} imported ${r.rows} rows, expected ${rows}`);
      results[mode]!.ms.push(r.ms);
      results[mode]!.rss.push(r.rssMb);
    }
  const rate = (m: string) => rows / (median(results[m]!.ms) / 1000);
  console.log(`\n## Import of ${fmt(rows)} canonical call rows (CSV), median of ${runs}`);
  console.log(
    `  DuckDB read_csv into a plain table: ${fmt(rate('baseline'))} rows/s (${fmt(median(results.baseline!.ms))} ms), peak RSS ${Math.max(...results.baseline!.rss)} MB`,
  );
  console.log(
    `  callkpi import:                     ${fmt(rate('callkpi'))} rows/s (${fmt(median(results.callkpi!.ms))} ms), peak RSS ${Math.max(...results.callkpi!.rss)} MB`,
  );
  console.log(
    `  ratio callkpi / baseline: ${(rate('callkpi') / rate('baseline')).toFixed(2)} (target >= 0.5; >= 1 M rows/s; RSS < 2048 MB)`,
  );
  rmSync(join(out, 'baseline.duckdb'), { force: true });
  return db;
}

async function funnelBench(dbPath: string): Promise<void> {
  const store = await DuckStore.open(dbPath);
  try {
    const from = '2026-10-01';
    const to = '2026-10-31';
    const opts = { from, to, timezone: TZ, by: ['campaign', 'date'] };
    const n = smoke ? 3 : 7;
    const hand = await medianMs(n, () =>
      store.all(HAND_FUNNEL_SQL, [
        TZ,
        zonedMidnight(from, TZ).toISOString(),
        zonedMidnight('2026-11-01', TZ).toISOString(),
      ]),
    );
    const raw = await medianMs(n, () => runReport(store, 'funnel', { ...opts, forceRaw: true }));
    const mixed = await medianMs(n, () => runReport(store, 'funnel', opts));
    // The funnel's own metrics minus those that need distinct counts (raw rows by nature).
    const cat = catalog();
    const additive = reportDef('funnel').metrics.filter((id) =>
      cat.measuresOf(cat.metric(id)).every((m) => cat.measures.get(m)?.agg === 'sum'),
    );
    const rollup = await medianMs(n, () => runReport(store, 'funnel', { ...opts, metrics: additive }));
    console.log(`\n## Funnel by campaign × day, one month, ${fmt(rows)} calls (median of ${n})`);
    console.log(`  hand-written DuckDB SQL on raw calls:      ${hand.median.toFixed(1)} ms`);
    console.log(
      `  callkpi funnel, raw rows (--raw):          ${raw.median.toFixed(1)} ms  ratio ${(raw.median / hand.median).toFixed(2)} (target <= 1.3)`,
    );
    console.log(
      `  callkpi funnel, default (rollups + leads): ${mixed.median.toFixed(1)} ms  ratio ${(mixed.median / hand.median).toFixed(2)}`,
    );
    console.log(
      `  callkpi funnel, rollup-served metrics:     ${rollup.median.toFixed(1)} ms  (target < 150 ms)`,
    );
  } finally {
    await store.close();
  }
}

async function moneyBench(dbPath: string): Promise<void> {
  const store = await DuckStore.open(dbPath);
  try {
    const t = Date.now();
    await prepareMoney(store, out, '2026-10-01', 25);
    const n = smoke ? 3 : 7;
    const r = await roiBench(store, n, { from: '2026-10-01', to: '2026-10-31', timezone: TZ });
    console.log(`\n## ROI by campaign × day, one month, ${fmt(rows)} calls (median of ${n}, alternating)`);
    console.log(`  (finance versions and agent time prepared in ${fmt((Date.now() - t) / 1000)} s)`);
    console.log(`  callkpi funnel (default):  ${r.funnel.toFixed(1)} ms`);
    console.log(
      `  callkpi roi:               ${r.roi.toFixed(1)} ms  ratio ${(r.roi / r.funnel).toFixed(2)} (target <= 1.5)`,
    );
  } finally {
    await store.close();
  }
}

async function agentBench(dbPath: string): Promise<void> {
  const store = await DuckStore.open(dbPath);
  try {
    await prepareMoney(store, out, '2026-10-01', 25);
    const n = smoke ? 3 : 7;
    const r = await agentsBench(store, n, { from: '2026-10-01', to: '2026-10-31', timezone: TZ });
    console.log(
      `\n## Agents report, one month, ${fmt(rows)} calls, ${fmt(r.rows)} agent rows (median of ${n}, alternating)`,
    );
    console.log(`  callkpi funnel by campaign × day:  ${r.funnel.toFixed(1)} ms`);
    console.log(
      `  callkpi agents (full form):        ${r.agents.toFixed(1)} ms  ratio ${(r.agents / r.funnel).toFixed(2)} (target <= 2)`,
    );
  } finally {
    await store.close();
  }
}

async function yearBench(): Promise<void> {
  const path = join(out, `bench-year-${yearRows}.duckdb`);
  if (!existsSync(path)) {
    const store = await DuckStore.open(path);
    const t = Date.now();
    await ensureBuiltinDispositions(store);
    await generateYear(store, yearRows);
    console.log(
      `\n(generated ${fmt(yearRows)} calls and their rollups in ${fmt((Date.now() - t) / 1000)} s)`,
    );
    await store.close();
  }
  const store = await DuckStore.open(path);
  try {
    const n = smoke ? 3 : 7;
    const metrics = [
      'dials',
      'answered',
      'contacts',
      'wins',
      'answer_rate',
      'contact_rate',
      'conversion_rate',
      'drop_rate',
    ];
    const r = await medianMs(n, () =>
      runReport(store, 'funnel', {
        from: '2025-01-01',
        to: '2025-12-31',
        timezone: TZ,
        by: ['campaign', 'month'],
        metrics,
      }),
    );
    const rollupRows =
      (await store.one<{ n: number }>('SELECT count(*) AS n FROM call_rollup_coarse'))?.n ?? 0;
    console.log(
      `\n## A year (${fmt(yearRows)} calls): funnel by campaign × month from rollups (median of ${n})`,
    );
    console.log(
      `  ${r.median.toFixed(1)} ms over ${fmt(rollupRows)} rows of the agent-free rollup (target < 300 ms)`,
    );
  } finally {
    await store.close();
  }
}

// 400 agents: the size the agents report's target is stated for.
const AGENTS = 400;
async function monthCsv(): Promise<string> {
  const csv = join(out, `sim-calls-${rows}-a${AGENTS}.csv`);
  if (!existsSync(csv)) {
    const t = Date.now();
    await writeCallsCsv(csv, { rows, start: new Date('2026-10-01T12:00:00Z'), days: 25, agents: AGENTS });
    console.log(`(generated ${csv} in ${fmt((Date.now() - t) / 1000)} s)`);
  }
  return csv;
}
if (['import', 'funnel', 'roi', 'agents'].some((b) => only.has(b))) {
  const csv = await monthCsv();
  const monthDb = only.has('import') ? await importBench(csv) : join(out, 'bench-month.duckdb');
  if (only.has('funnel')) await funnelBench(monthDb);
  if (only.has('roi')) await moneyBench(monthDb);
  if (only.has('agents')) await agentBench(monthDb);
}
if (only.has('year')) await yearBench();
const dashboardSizes = (['demo', 'big'] as const).filter(
  (s) => only.has('dashboard') || only.has(`dashboard-${s}`),
);
if (dashboardSizes.length) {
  // Loaded only when asked for: it drives a browser (playwright-core).
  const { dashboardBench } = await import('./dashboard.js');
  await dashboardBench({ out, smoke, sizes: dashboardSizes, rows, monthCsv });
}
