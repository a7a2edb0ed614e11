import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { definitionOf, labelOf, unitOf } from '../catalog';
import { formatValue } from '../format';
import type { Row, Unit } from '../types';
import { Card } from './Card';

export interface Column {
  key: string;
  label?: string;
  /** dim: a label column (left-aligned); metric: a figure with data-metric/data-value */
  kind?: 'dim' | 'metric';
  unit?: Unit;
  /** the cell's content; the figure's test hooks stay on the cell */
  render?: (row: Row) => ComponentChildren;
  info?: string;
}

interface Props {
  /** data-table: `<report>-<by>` */
  id: string;
  title: string;
  info?: string;
  rows: readonly Row[];
  columns: readonly Column[];
  rowKey: (r: Row) => string;
  currency?: string | null | undefined;
  definitions?: Record<string, string>;
  totals?: Record<string, number | null> | null;
  onRowClick?: (r: Row) => void;
  sort?: { key: string; desc: boolean };
  extra?: ComponentChildren;
  wide?: boolean;
  /** long tables scroll inside their card past this height (px), header kept in view */
  maxHeight?: number;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** A report table: sortable headers with definitions, figures right-aligned, CSV of its rows. */
export function DataTable(p: Props) {
  const [sort, setSort] = useState(p.sort ?? null);
  const rows = sort
    ? [...p.rows].sort((a, b) => {
        const c = compare(a[sort.key], b[sort.key]);
        // Missing values stay last in both directions.
        return a[sort.key] == null || b[sort.key] == null ? c : sort.desc ? -c : c;
      })
    : p.rows;
  const kindOf = (c: Column): 'dim' | 'metric' => c.kind ?? 'metric';
  const toggle = (key: string): void =>
    setSort((s) => (s?.key === key ? { key, desc: !s.desc } : { key, desc: true }));
  const csvCols = p.columns.map((c) => c.key);
  const firstDim = p.columns.find((c) => kindOf(c) === 'dim');
  return (
    <Card
      title={p.title}
      info={p.info}
      extra={p.extra}
      wide={p.wide}
      csv={{ filename: `${p.id}.csv`, columns: csvCols, rows: rows as Record<string, unknown>[] }}
    >
      <div
        class="table-wrap"
        style={p.maxHeight ? { maxHeight: `${p.maxHeight}px`, overflowY: 'auto' } : undefined}
      >
        <table class="data" data-table={p.id}>
          <thead>
            <tr>
              {p.columns.map((c) => {
                const active = sort?.key === c.key;
                const metric = kindOf(c) === 'metric';
                return (
                  <th
                    key={c.key}
                    scope="col"
                    class={metric ? 'num' : undefined}
                    title={c.info ?? (metric ? definitionOf(c.key, p.definitions) : undefined)}
                    aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
                  >
                    <button type="button" class="th-sort" data-sort={c.key} onClick={() => toggle(c.key)}>
                      {c.label ?? labelOf(c.key)}
                      <span class="sort-mark" aria-hidden="true">
                        {active ? (sort.desc ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={p.rowKey(r)}
                data-row-key={p.rowKey(r)}
                class={p.onRowClick ? 'clickable' : undefined}
                onClick={p.onRowClick ? () => p.onRowClick!(r) : undefined}
              >
                {p.columns.map((c) => cell(c, r, kindOf(c), p.currency))}
              </tr>
            ))}
          </tbody>
          {p.totals && (
            <tfoot>
              <tr data-row-key="__total">
                {p.columns.map((c) =>
                  kindOf(c) === 'dim' ? (
                    <th key={c.key} scope="row">
                      {c === firstDim ? 'Total' : ''}
                    </th>
                  ) : c.key in p.totals! ? (
                    cell(c, p.totals as Row, 'metric', p.currency, true)
                  ) : (
                    <td key={c.key} />
                  ),
                )}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </Card>
  );
}

function cell(c: Column, r: Row, kind: 'dim' | 'metric', currency: string | null | undefined, total = false) {
  const v = r[c.key];
  if (kind === 'dim')
    return <td key={c.key}>{c.render ? c.render(r) : v === '' ? '(none)' : String(v ?? '–')}</td>;
  const content = c.render && !total ? c.render(r) : formatValue(v, c.unit ?? unitOf(c.key), currency);
  return (
    <td
      key={c.key}
      class={`num${typeof v === 'number' && v < 0 ? ' neg' : ''}`}
      data-metric={c.key}
      data-value={typeof v === 'number' ? String(v) : undefined}
    >
      {content}
    </td>
  );
}
