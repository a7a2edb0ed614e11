import { useEffect, useState } from 'preact/hooks';
import type { DrillRequest } from '../drill';
import { useFetch } from '../fetch';
import { readFilters, WHERE_DIMS } from '../filters';
import { formatCount } from '../format';
import type { RowsPage } from '../types';
import { ErrorState } from './States';
import { RowsTable } from './RowsTable';

const PAGE_SIZE = 50;

/** The call rows behind a chart point: the page's filters plus the point's dimensions, paginated. */
export function DrillPanel({ req, onClose }: { req: DrillRequest; onClose: () => void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [req]);
  useEffect(() => {
    const esc = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [onClose]);

  const q = new URLSearchParams({ from: req.from, to: req.to, timezone: req.timezone });
  const where: Record<string, string> = {};
  const filters = readFilters(new URLSearchParams(window.location.search));
  for (const d of WHERE_DIMS) if (filters[d]) where[d] = filters[d];
  Object.assign(where, req.where);
  for (const [d, v] of Object.entries(where)) q.append('where', `${d}:${v}`);
  q.set('page', String(page));
  q.set('page_size', String(PAGE_SIZE));
  const rows = useFetch<RowsPage>('/rows', q);

  const total = rows.data?.total ?? 0;
  const first = total ? (page - 1) * PAGE_SIZE + 1 : 0;
  const last = Math.min(page * PAGE_SIZE, total);
  return (
    <aside class="drill" data-drill data-total={rows.status === 'done' ? String(total) : undefined}>
      <div class="drill-head">
        <div>
          <h2>{req.title}</h2>
          <p class="muted">
            {Object.entries(where)
              .map(([d, v]) => `${d}: ${v}`)
              .join(' · ') || 'all calls'}{' '}
            · {req.from} → {req.to}
          </p>
        </div>
        <button type="button" class="icon-btn" aria-label="Close" data-action="close-drill" onClick={onClose}>
          ✕
        </button>
      </div>
      {rows.status === 'error' ? (
        <ErrorState error={rows.error} retry={rows.retry} />
      ) : (
        <div class={`drill-body${rows.status === 'loading' ? ' is-loading' : ''}`}>
          {rows.status === 'done' && <RowsTable page={rows.data} />}
          {rows.status === 'loading' && <div class="spinner" aria-label="Loading rows" />}
        </div>
      )}
      <div class="drill-foot">
        <span class="muted">
          {rows.status === 'done'
            ? total
              ? `rows ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`
              : 'No calls behind this point'
            : 'Loading…'}
        </span>
        <span class="pager">
          <button
            type="button"
            data-action="prev-page"
            disabled={page <= 1 || rows.status !== 'done'}
            onClick={() => setPage((p) => p - 1)}
          >
            ← Prev
          </button>
          <button
            type="button"
            data-action="next-page"
            disabled={last >= total || rows.status !== 'done'}
            onClick={() => setPage((p) => p + 1)}
          >
            Next →
          </button>
        </span>
      </div>
    </aside>
  );
}
