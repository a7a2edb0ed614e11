import { useEffect, useState } from 'preact/hooks';
import { apiGet, ApiError } from './api';

// A GET bound to the component: refetches when the path or query changes, drops stale answers,
// and offers `retry` for the error state.

export type Fetched<T> =
  | { status: 'loading'; data?: T; error?: undefined; retry: () => void }
  | { status: 'error'; data?: undefined; error: ApiError; retry: () => void }
  | { status: 'done'; data: T; error?: undefined; retry: () => void };

export function useFetch<T>(path: string | null, query?: URLSearchParams): Fetched<T> {
  const key = path === null ? null : `${path}?${query?.toString() ?? ''}`;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError }>({ key: null });
  useEffect(() => {
    if (key === null || path === null) return;
    const ctl = new AbortController();
    apiGet<T>(path, query, ctl.signal).then(
      (data) => setState({ key, data }),
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        const e = err instanceof ApiError ? err : new ApiError(0, 'network', networkMessage(err), null);
        setState({ key, error: e });
      },
    );
    return () => ctl.abort();
    // The query is part of key: a new URLSearchParams object with the same text must not refetch.
  }, [key, attempt]);
  const retry = (): void => {
    setState({ key: null });
    setAttempt((n) => n + 1);
  };
  if (key === null || state.key !== key) return { status: 'loading', retry };
  if (state.error) return { status: 'error', error: state.error, retry };
  return { status: 'done', data: state.data as T, retry };
}

function networkMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return `Could not reach the server (${m}).`;
}

/** The combined state of several fetches: the first error, else loading until all are done. */
export function combine(...all: Fetched<unknown>[]): Fetched<null> {
  const failed = all.find((f) => f.status === 'error');
  const retry = (): void => all.forEach((f) => f.status === 'error' && f.retry());
  if (failed?.status === 'error') return { status: 'error', error: failed.error, retry };
  if (all.some((f) => f.status === 'loading')) return { status: 'loading', retry };
  return { status: 'done', data: null, retry };
}
