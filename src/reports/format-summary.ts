import { catalog } from '../catalog/index.js';
import type { ExecutiveReport } from './executive.js';
import { describeWarning, fixed, formatValue, toTable } from './format.js';
import type { GoalRow, GoalsReport } from './goals.js';
import type { ReportJson } from './run.js';

// Text for the two summary reports whose rows mix units: each goal's figures are shown in its
// own metric's unit, and the executive page is several small tables.

const STATUS_MARK: Record<string, string> = { green: '● green', amber: '◐ amber', red: '○ red', none: '  –' };

function goalLines(rows: readonly GoalRow[]): string[] {
  const unit = (id: string) => catalog().metrics.find((m) => m.id === id)?.unit;
  const table = rows.map((g) => [
    g.scope === '*' ? 'all' : g.scope,
    g.metric,
    formatValue(g.target, unit(g.metric)),
    formatValue(g.actual, unit(g.metric)),
    formatValue(g.pace, unit(g.metric)),
    g.attainment === null ? 'n/a' : `${fixed(g.attainment * 100, 1)} %`,
    STATUS_MARK[g.status] ?? g.status,
    formatValue(g.projection, unit(g.metric)),
    STATUS_MARK[g.projected_status] ?? g.projected_status,
  ]);
  const head = [
    'scope',
    'metric',
    'target',
    'actual',
    'pace',
    'attainment',
    'status',
    'projection',
    'projected',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 || i === 6 || i === 8 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...table.map(line)];
}

export function goalsTable(r: GoalsReport): string {
  const lines = [`goals · ${r.from.slice(0, 7)} · ${r.timezone} · as of ${r.meta.as_of}`, ''];
  lines.push(...(r.rows.length ? goalLines(r.rows) : ['(no goals for this month)']));
  for (const w of r.warnings) lines.push(`warning: ${describeWarning(w)}`);
  return lines.join('\n');
}

export function executiveTable(r: ExecutiveReport): string {
  const t = r.totals;
  const money = (v: number | null | undefined) => formatValue(v ?? null, 'money');
  const p = r.revenue_projection;
  const lines = [
    `executive · ${r.period} · ${r.from} → ${r.to} · ${r.timezone}`,
    '',
    `revenue ${money(t.revenue)}   cost ${money(t.total_cost)}   net ${money(t.net_profit)}   ROI ${formatValue(t.roi_pct ?? null, 'ratio')}   CPA ${money(t.cpa)}`,
    `month-end revenue projection ${money(p.projection)} (range ${money(p.low)} – ${money(p.high)})`,
    '',
    ...(r.goals.length ? goalLines(r.goals) : ['(no goals for this month)']),
  ];
  const ranking: ReportJson = {
    report: 'campaigns by net profit',
    from: r.from,
    to: r.to,
    timezone: r.timezone,
    by: ['campaign'],
    definitions: {},
    rows: r.rows,
    totals: {},
    warnings: r.warnings,
    meta: {} as ReportJson['meta'],
  };
  // The ranking has no totals row: the operation's totals are the first line of the page.
  const table = toTable(ranking).split('\n');
  const drop = new Set(table.flatMap((l, i) => (l.startsWith('TOTAL') ? [i - 1, i] : [])));
  lines.push('', ...table.filter((_, i) => !drop.has(i)));
  if (r.bottom_campaigns.length)
    lines.push(
      '',
      `earning most: ${r.top_campaigns.join(', ')} · earning least: ${r.bottom_campaigns.join(', ')}`,
    );
  return lines.join('\n');
}
