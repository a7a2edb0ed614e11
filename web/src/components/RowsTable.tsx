import { labelOf, unitOf } from '../catalog';
import { formatValue } from '../format';
import type { RowsPage } from '../types';

/** The raw call rows of /rows: the server's columns in its order, figures right-aligned. */
export function RowsTable({ page }: { page: RowsPage }) {
  const columns = page.columns.length ? page.columns : Object.keys(page.rows[0] ?? {});
  return (
    <div class="table-wrap">
      <table class="data" data-table="rows">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} class={isNumeric(page, c) ? 'num' : undefined} scope="col">
                <span class="th-label">{labelOf(c)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r, i) => (
            <tr key={i} data-row-key={String(r.call_id ?? i)}>
              {columns.map((c) => {
                const v = r[c];
                return typeof v === 'number' ? (
                  <td key={c} class="num" data-metric={c} data-value={String(v)}>
                    {formatValue(v, unitOf(c))}
                  </td>
                ) : c === 'started_at' && typeof v === 'string' ? (
                  // Local wall time to the second; the offset (and the full instant) on hover.
                  <td key={c} class="nowrap" title={v}>
                    {`${v.slice(0, 10)} ${v.slice(11, 19)}`}
                  </td>
                ) : (
                  <td key={c}>{v === null || v === undefined ? '–' : String(v)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const isNumeric = (page: RowsPage, c: string): boolean => page.rows.some((r) => typeof r[c] === 'number');
