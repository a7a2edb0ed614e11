import { labelOf, unitOf } from '../catalog';
import { formatValue } from '../format';
import { DataTable, type Column } from './DataTable';
import type { Row } from '../types';

/** The rows of a settings answer: the body itself when it is a list, else its first list. */
export function rowsOf(body: unknown): Record<string, unknown>[] {
  if (Array.isArray(body)) return body as Record<string, unknown>[];
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    for (const k of ['rows', 'history', 'versions', 'records'])
      if (Array.isArray(o[k])) return o[k] as Record<string, unknown>[];
    const first = Object.values(o).find(Array.isArray);
    if (first) return first as Record<string, unknown>[];
  }
  return [];
}

/**
 * Nested values (a finance entry's `resolved` values) become columns of their own; lists become text.
 * Stored texts stay text: nothing here is markup.
 */
function flatten(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === 'row') continue; // the finance version as stored: `resolved` shows the values in force
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out[k2] = cellOf(v2);
    else out[k] = cellOf(v);
  }
  return out;
}

const cellOf = (v: unknown): Row[string] =>
  v === null || v === undefined
    ? null
    : Array.isArray(v)
      ? v.join(', ')
      : typeof v === 'object'
        ? JSON.stringify(v)
        : (v as Row[string]);

const NUMERIC = /^(revenue_per_sale|cost_per_call|cost_per_agent_hour|target|amber_at|red_at|leads|cost)$/;
const KEYS: Record<string, string[]> = {
  finance: ['campaign', 'effective_from'],
  goals: ['scope', 'period', 'metric'],
  campaigns: ['campaign'],
  dispositions: ['code', 'campaign'],
};

// A goal's target is in its metric's unit (2.5% not 0.03); thresholds are fractions of pace.
const GOAL_RENDER: Record<string, Partial<Column>> = {
  metric: { render: (r) => `${labelOf(String(r.metric))} (${String(r.metric)})` },
  target: { render: (r) => formatValue(r.target, unitOf(String(r.metric))) },
  amber_at: { unit: 'ratio' },
  red_at: { unit: 'ratio' },
};

export function SettingsTable({
  kind,
  title,
  rows,
}: {
  kind: string;
  title: string;
  rows: Record<string, unknown>[];
}) {
  const flat = rows.map(flatten);
  const keys = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const columns: Column[] = keys.map((k) => ({
    key: k,
    kind: NUMERIC.test(k) && flat.some((r) => typeof r[k] === 'number') ? 'metric' : 'dim',
    unit: k.startsWith('cost') || k === 'revenue_per_sale' ? 'money' : 'count',
    render:
      typeof flat[0]?.[k] === 'boolean'
        ? (r: Row) => (r[k] === true ? '✓' : r[k] === false ? '–' : '')
        : undefined,
  }));
  if (kind === 'goals') for (const c of columns) Object.assign(c, GOAL_RENDER[c.key] ?? {});
  const keyCols = KEYS[kind] ?? keys.slice(0, 1);
  if (!flat.length)
    return (
      <div class="state-box" data-empty>
        <h2>No {title.toLowerCase()} stored yet</h2>
      </div>
    );
  return (
    <DataTable
      id={`settings-${kind}`}
      title={title}
      rows={flat}
      columns={columns}
      rowKey={(r) => keyCols.map((k) => String(r[k] ?? '')).join('|')}
    />
  );
}
