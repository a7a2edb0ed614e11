import type { Fetched } from './fetch';
import type { PageState } from './components/Page';

/** loading / error from the fetches, empty when the page's main data has nothing to show. */
export function pageState(f: Fetched<unknown>, empty: boolean): PageState {
  if (f.status === 'loading') return 'loading';
  if (f.status === 'error') return 'error';
  return empty ? 'empty' : 'ready';
}

/** A report row has data when any figure but the dimensions is a non-zero number. */
export function hasFigures(rows: readonly Record<string, unknown>[], dims: readonly string[]): boolean {
  return rows.some((r) =>
    Object.entries(r).some(([k, v]) => !dims.includes(k) && typeof v === 'number' && v !== 0),
  );
}
