// Comparisons between what a page shows (its test hooks) and what the API answers.
import type { Page } from 'playwright-core';
import type { Doc, Win } from './dom.js';
import { hook, type Figures, type Json } from './harness.js';

declare const document: Doc;
declare const window: Win;

/** Every number of the API answers by field name: what a hook's data-value may legitimately hold. */
export function valueIndex(answers: readonly unknown[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (k: string, x: number): void => {
    let set = index.get(k);
    if (!set) index.set(k, (set = new Set()));
    set.add(String(x));
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    // A row about one metric (a goal: { metric, target, actual, projection, … }): its numbers are
    // values of that metric too.
    const about = typeof (v as Json).metric === 'string' ? String((v as Json).metric) : null;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'number') {
        add(k, x);
        if (about) add(about, x);
      } else walk(x);
    }
  };
  answers.forEach(walk);
  return index;
}

/** Figures on the page whose value is not a number the API gave for that metric. */
export function unexplainedFigures(fig: Figures, index: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  const check = (where: string, metric: string, value: string | null): void => {
    if (value === null || value === '') return;
    if (!index.get(metric)?.has(value))
      out.push(`${where}: ${metric}=${value} is in no API answer of the page`);
  };
  for (const [m, values] of Object.entries(fig.tiles)) for (const v of values) check('tile', m, v);
  for (const [t, rows] of Object.entries(fig.tables))
    for (const [key, cells] of Object.entries(rows))
      for (const [m, v] of Object.entries(cells)) check(`table ${t} row "${key}"`, m, v);
  return out;
}

/**
 * The table's rows against the API's rows keyed by `dim`: the same row keys, and every figure the
 * page shows for a row equal to the API's (a cell without data-value stands for null).
 */
export function tableMismatches(
  table: Record<string, Record<string, string | null>> | undefined,
  apiRows: readonly Json[],
  dim: string,
  opts: { dropEmptyKey?: boolean } = {},
): string[] {
  if (!table) return [`no table on the page`];
  const rows = apiRows.filter((r) => !(opts.dropEmptyKey && (r[dim] ?? '') === ''));
  const keyOf = (r: Json): string => String(r[dim] ?? '');
  const out: string[] = [];
  const want = rows.map(keyOf).sort();
  const got = Object.keys(table).sort();
  if (JSON.stringify(want) !== JSON.stringify(got))
    out.push(`row keys: page ${JSON.stringify(got)}, API ${JSON.stringify(want)}`);
  for (const r of rows) {
    const cells = table[keyOf(r)];
    if (!cells) continue;
    for (const [m, v] of Object.entries(cells))
      if (m in r && v !== hook(r[m])) out.push(`row "${keyOf(r)}" ${m}: page ${v}, API ${hook(r[m])}`);
  }
  return out;
}

/** Tiles for `metrics` against the API's totals: each metric's first figure outside a table. */
export function tileMismatches(
  fig: Figures,
  totals: Record<string, unknown> | null | undefined,
  metrics: readonly string[],
): string[] {
  const out: string[] = [];
  for (const m of metrics) {
    const got = fig.tiles[m]?.[0];
    const want = hook(totals?.[m]) ?? '';
    if (got === undefined) out.push(`no tile for ${m}`);
    else if (got !== want) out.push(`tile ${m}: page ${got}, API ${want}`);
  }
  return out;
}

/**
 * The viewport pixel of category `index` of a chart: the middle of its first series' bar (or the
 * axis line when the bar is empty), from the chart's own convertToPixel, after scrolling it into view.
 */
export async function chartPoint(
  page: Page,
  id: string,
  index: number,
  categoryAxis: 'x' | 'y',
): Promise<{ x: number; y: number; category: string }> {
  const p = await page.evaluate(
    ({ id, index, categoryAxis }) => {
      const chart = window.__callkpiCharts?.[id];
      const el = document.querySelector(`[data-chart="${id}"]`);
      if (!chart || !el) return null;
      el.scrollIntoView({ block: 'center' });
      const opt = chart.getOption() as {
        series: { data: (number | null | { value: number | null })[] }[];
        xAxis: { data?: string[] }[];
        yAxis: { data?: string[] }[];
      };
      const raw = opt.series[0]?.data[index];
      const v = (raw !== null && typeof raw === 'object' ? raw.value : raw) ?? 0;
      const axis = categoryAxis === 'x' ? opt.xAxis[0] : opt.yAxis[0];
      const at = categoryAxis === 'x' ? [index, v / 2] : [v / 2, index];
      const [px, py] = chart.convertToPixel({ gridIndex: 0 }, at);
      const r = el.getBoundingClientRect();
      return { x: r.left + px!, y: r.top + py!, category: String(axis?.data?.[index] ?? '') };
    },
    { id, index, categoryAxis },
  );
  if (!p) throw new Error(`chart ${id}: no [data-chart] element or no window.__callkpiCharts["${id}"]`);
  return p;
}

/** The CSV button of the card holding `inner` (a chart or table selector). */
export function csvButton(page: Page, inner: string) {
  return page
    .locator(inner)
    .locator('xpath=ancestor::*[.//*[@data-action="csv"]][1]')
    .locator('[data-action="csv"]')
    .first();
}

/** The row keys of the drill panel's rows table. */
export async function drillKeys(page: Page): Promise<string[]> {
  return page
    .locator('[data-drill] table[data-table="rows"] tbody tr[data-row-key]')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key') ?? ''));
}

export { parseCsv } from '../helpers/csv.js';
