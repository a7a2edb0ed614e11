import { catalog } from '../catalog/index.js';
import type { Unit } from '../catalog/types.js';
import { usageError } from '../errors.js';
import { agentDrilldown, MIN_CONTACTS_PER_HOUR, type AgentDrilldown } from '../reports/drilldown.js';
import { describeWarning, formatValue } from '../reports/format.js';
import { parse } from './args.js';
import { withStore, type Globals } from './context.js';

export const AGENT_HELP = `callkpi agent ID [--from DATE] [--to DATE] [--timezone TZ] [--format table|json]

One agent's drill-down: the agents report row, the trend by day (handled calls, AHT, conversion,
occupancy, pause, wins), pause time by reason, calls by disposition (calls = dials + offered) and
the 3 best and 3 worst hours of the day by conversion rate among hours with at least
${MIN_CONTACTS_PER_HOUR} contacts. --to is inclusive; the default period is the current month to date.`;

const EXTRA_UNITS: Readonly<Record<string, Unit>> = {
  expected_wins: 'per_hour',
  performance_index: 'score',
  seat_hour_margin: 'money',
  marginal_revenue_per_agent_hour: 'money',
  amount: 'money',
  talk_sec: 'seconds',
  hold_sec: 'seconds',
  wrap_sec: 'seconds',
  pause_sec: 'seconds',
  kpi_achievement: 'ratio',
};

function unitOf(col: string): Unit | undefined {
  if (/^pause_.*_sec$/.test(col)) return 'seconds';
  if (col in EXTRA_UNITS) return EXTRA_UNITS[col];
  const base = col.replace(/_(low|high)$/, '');
  return catalog().metrics.find((m) => m.id === base)?.unit;
}

/** Control characters of stored names would move the terminal's cursor: shown as `?`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const printable = (s: string): string => s.replace(CONTROL, '?');

/**
 * A small aligned text table. Columns in `dims` are labels (left-aligned, shown as they are);
 * the others are figures, formatted by their metric's unit and right-aligned.
 */
export function smallTable(
  rows: readonly Record<string, unknown>[],
  dims: readonly string[],
  columns: readonly string[] = rows.length ? Object.keys(rows[0]!) : dims,
): string[] {
  const cell = (r: Record<string, unknown>, c: string): string =>
    printable(
      dims.includes(c)
        ? r[c] === ''
          ? '(none)'
          : r[c] == null
            ? 'n/a'
            : String(r[c])
        : formatValue(r[c], unitOf(c)),
    );
  const body = rows.map((r) => columns.map((c) => cell(r, c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((x, i) => (dims.includes(columns[i]!) ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}

export function drilldownText(d: AgentDrilldown): string {
  const who = [d.agent, d.name, d.team ? `team ${d.team}` : null].filter(Boolean).join(' · ');
  const lines = [`agent ${printable(who)} · ${d.from} → ${d.to} · ${d.timezone}`, ''];
  const section = (
    title: string,
    rows: readonly Record<string, unknown>[],
    dims: string[],
    empty: string,
  ) => {
    lines.push(title, ...(rows.length ? smallTable(rows, dims) : [`  ${empty}`]), '');
  };
  if (d.summary) {
    const pairs = Object.entries(d.summary)
      .filter(([k]) => k !== 'agent')
      .map(([k, v]) => ({ metric: k, value: k === 'kpi_detail' ? v : formatValue(v, unitOf(k)) }))
      .filter((p) => !(p.metric === 'kpi_detail' && !p.value));
    section('summary', pairs, ['metric'], '');
  } else lines.push('summary', '  (no data in this period)', '');
  section('by day', d.by_day, ['date'], '(no data in this period)');
  section('pause by reason', d.pause_reasons, ['reason'], '(no pause time)');
  section('dispositions', d.dispositions, ['status'], '(no calls)');
  const few = `(no hour with at least ${MIN_CONTACTS_PER_HOUR} contacts)`;
  section('best hours (conversion rate)', d.best_hours, ['hour_of_day'], few);
  section('worst hours (conversion rate)', d.worst_hours, ['hour_of_day'], few);
  for (const w of d.warnings) lines.push(`warning: ${describeWarning(w)}`);
  return lines.join('\n').trimEnd();
}

export async function agentCommand(argv: string[], g: Globals): Promise<number> {
  const { values, positionals } = parse('agent', argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    timezone: { type: 'string' },
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return (console.log(AGENT_HELP), 0);
  if (positionals.length !== 1)
    throw usageError(
      positionals.length
        ? `agent: unexpected argument "${positionals[1]}" (one agent ID)`
        : 'agent: expected an agent ID (callkpi agent ID [--from DATE] [--to DATE] [--format table|json])',
    );
  const format = values.format!;
  if (!['table', 'json'].includes(format)) throw usageError(`--format ${format}: expected table or json`);
  const d = await withStore(g, (store) =>
    agentDrilldown(store, positionals[0]!, {
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.timezone ? { timezone: values.timezone } : {}),
    }),
  );
  console.log(format === 'json' ? JSON.stringify(d, null, 2) : drilldownText(d));
  return 0;
}
