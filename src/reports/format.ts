import { catalog } from '../catalog/index.js';
import type { Unit } from '../catalog/types.js';
import type { ReportJson } from './run.js';

// Display is the only place numbers are rounded (metrics.md rule 3): half away from zero, on the
// decimal text of the value, so 0.975 shows as 0.98 where toFixed would print 0.97.

/** Rounds the shortest decimal text of `value` half away from zero; returns the text. */
export function fixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = Math.abs(value).toString();
  if (text.includes('e')) return (Math.sign(value) * Math.abs(value)).toFixed(digits);
  const [int = '0', frac = ''] = text.split('.');
  let n = BigInt(int + frac.padEnd(digits, '0').slice(0, digits));
  if ((frac[digits] ?? '0') >= '5') n += 1n;
  const s = n.toString().padStart(digits + 1, '0');
  const out = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return value < 0 && n !== 0n ? `-${out}` : out;
}

export function roundHalfAway(value: number, digits: number): number {
  return Number(fixed(value, digits));
}

export function formatDuration(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}`
    : `${m}:${String(r).padStart(2, '0')}`;
}

const grouped = (n: number, digits = 0): string =>
  fixed(n, digits).replace(/^(-?\d+)/, (int) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

export function formatValue(value: unknown, unit: Unit | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'ratio':
      return `${fixed(value * 100, 2)} %`;
    case 'seconds':
      return formatDuration(value);
    case 'money':
      return grouped(value, 2);
    case 'per_hour':
    case 'score':
      return fixed(value, 2);
    default:
      return Number.isInteger(value) ? grouped(value) : fixed(value, 2);
  }
}

const EXTRA_UNITS: Readonly<Record<string, Unit>> = {
  marginal_revenue_per_agent_hour: 'money',
  seat_hour_margin: 'money',
  expected_wins: 'per_hour',
  performance_index: 'score',
  expected_sl: 'ratio',
  expected_abandon: 'ratio',
  expected_asa_sec: 'seconds',
  forecast_aht_sec: 'seconds',
  conversion_rate_low: 'ratio',
  conversion_rate_high: 'ratio',
  close_rate_low: 'ratio',
  close_rate_high: 'ratio',
  kpi_achievement: 'ratio',
};

const unitOf = (col: string): Unit | undefined => {
  if (/^pause_.*_sec$/.test(col)) return 'seconds';
  if (col in EXTRA_UNITS) return EXTRA_UNITS[col];
  return catalog().metrics.find((m) => m.id === col)?.unit;
};

/** Aligned text table: dimensions left, figures right, a totals line, warnings after. */
/**
 * Aligned text table: dimensions left, figures right, a totals line, warnings after. Metric
 * columns that do not fit `width` continue in further blocks that repeat the dimensions.
 */
export function toTable(r: ReportJson, width = process.stdout.columns || 120): string {
  const cols = r.rows.length ? Object.keys(r.rows[0]!) : [...r.by, ...Object.keys(r.totals)];
  const isDim = (c: string): boolean => r.by.includes(c);
  // Without dimensions the one row is the total: printing it twice says nothing.
  const withTotal = r.rows.length > 1 || (r.by.length === 0 && r.rows.length === 0);
  const cells = (c: string, i: number): string[] => {
    const body = r.rows.map((row) => (isDim(c) ? displayDim(row[c]) : formatValue(row[c], unitOf(c))));
    // Columns that are not metrics (ranks, flags) have no total: blank, not n/a.
    if (withTotal)
      body.push(
        isDim(c) ? (i === 0 ? 'TOTAL' : '') : c in r.totals ? formatValue(r.totals[c], unitOf(c)) : '',
      );
    return body;
  };
  const columns = cols.map((c, i) => {
    const body = cells(c, i);
    return { name: c, dim: isDim(c), body, width: Math.max(c.length, ...body.map((x) => x.length)) };
  });
  const dims = columns.filter((c) => c.dim);
  const blocks: (typeof columns)[] = [];
  let current: typeof columns = [];
  let used = dims.reduce((acc, c) => acc + c.width + 2, 0);
  for (const c of columns.filter((x) => !x.dim)) {
    if (current.length && used + c.width > width) {
      blocks.push(current);
      current = [];
      used = dims.reduce((acc, d) => acc + d.width + 2, 0);
    }
    current.push(c);
    used += c.width + 2;
  }
  if (current.length || !blocks.length) blocks.push(current);

  const lines = [`${r.report} · ${r.from} → ${r.to} · ${r.timezone}`];
  for (const block of blocks) {
    const shown = [...dims, ...block];
    const line = (k: number): string =>
      shown
        .map((c) => (c.dim ? c.body[k]!.padEnd(c.width) : c.body[k]!.padStart(c.width)))
        .join('  ')
        .trimEnd();
    const rule = shown.map((c) => '─'.repeat(c.width)).join('  ');
    lines.push(
      '',
      shown
        .map((c) => (c.dim ? c.name.padEnd(c.width) : c.name.padStart(c.width)))
        .join('  ')
        .trimEnd(),
      rule,
    );
    for (let k = 0; k < r.rows.length; k++) lines.push(line(k));
    if (withTotal) lines.push(rule, line(r.rows.length));
  }
  if (!r.rows.length) lines.push('(no data in this period)');
  for (const w of r.warnings) lines.push(`warning: ${describeWarning(w)}`);
  return lines.join('\n');
}

const displayDim = (v: unknown): string => (v === '' ? '(none)' : v == null ? 'n/a' : String(v));

export function describeWarning(w: { code: string } & Record<string, unknown>): string {
  switch (w.code) {
    case 'unknown_status':
      return `status ${JSON.stringify(w.status)} has no disposition: ${w.calls} call(s) counted in dials only (see callkpi doctor)`;
    case 'finance_not_set':
      return `no ${String(w.field)} in force for ${(w.campaigns as string[]).join(', ')} during part of the period: valued as 0 (see callkpi settings finance)`;
    case 'several_currencies':
      return `finance settings use several currencies (${(w.currencies as string[]).join(', ')}): amounts are added as they are`;
    case 'aht_from_all_intervals':
      return "some half hours had no handled calls: their AHT is the whole history's";
    case 'no_handle_time':
      return 'the queues have no handled calls in the history: no AHT to plan with';
    case 'unknown_goal_scope':
      return `goal scope ${JSON.stringify(w.scope)} is no known campaign, team or agent`;
    case 'dimension_not_applicable':
      return `${(w.metrics as string[]).join(', ')}: ${w.source} records have no ${(w.dimensions as string[]).join(', ')} (shown as n/a)`;
    default: {
      const { code, ...rest } = w;
      return `${code} ${JSON.stringify(rest)}`;
    }
  }
}

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(v) : String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]!) : []);
  return (
    [cols.map(csvCell).join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') +
    '\n'
  );
}
