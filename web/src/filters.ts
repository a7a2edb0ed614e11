import { navigate } from './router';

// Filters live in the URL query string so a view is a shareable link. The page reads them from
// the location; the API query maps them: campaign/list/team/agent → where=dim:value, tz → timezone.

export const WHERE_DIMS = ['campaign', 'list', 'team', 'agent'] as const;
export type WhereDim = (typeof WHERE_DIMS)[number];

export interface Filters {
  from: string;
  to: string;
  tz: string;
  campaign: string;
  list: string;
  team: string;
  agent: string;
}

export const FILTER_KEYS = ['from', 'to', 'campaign', 'list', 'team', 'agent', 'tz'] as const;

export function readFilters(q: URLSearchParams): Filters {
  const get = (k: string): string => q.get(k) ?? '';
  return {
    from: get('from'),
    to: get('to'),
    tz: get('tz'),
    campaign: get('campaign'),
    list: get('list'),
    team: get('team'),
    agent: get('agent'),
  };
}

/** The report query for these filters; `skip` leaves out dimensions a report cannot take. */
export function reportQuery(
  f: Filters,
  extra: Record<string, string | undefined> = {},
  skip: readonly WhereDim[] = [],
): URLSearchParams {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.tz) q.set('timezone', f.tz);
  for (const d of WHERE_DIMS) if (f[d] && !skip.includes(d)) q.append('where', `${d}:${f[d]}`);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') q.set(k, v);
  return q;
}

/** Pushes a new URL with `patch` applied to the current query (empty values are removed). */
export function setQuery(patch: Record<string, string>): void {
  const q = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(patch)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  const s = q.toString();
  navigate(`${window.location.pathname}${s ? `?${s}` : ''}`);
}

/** The filters worth carrying from page to page (the period, zone and dimension filters). */
export function carriedQuery(q: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const k of [...FILTER_KEYS, 'period']) {
    const v = q.get(k);
    if (v) out.set(k, v);
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}
