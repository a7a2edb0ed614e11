import { readFilters, reportQuery, type WhereDim } from './filters';
import type { Location } from './router';
import type { ReportJson } from './types';
import type { DrillRequest } from './drill';

// Shared plumbing of the report pages: the query of a report for the URL's filters, and the drill
// request of a point (the report's settled period and zone plus the point's dimension values).

export function queryFor(
  loc: Location,
  extra: Record<string, string | undefined> = {},
  skip: readonly WhereDim[] = [],
): URLSearchParams {
  return reportQuery(readFilters(loc.query), extra, skip);
}

export function drillOf(
  r: Pick<ReportJson, 'from' | 'to' | 'timezone'>,
  title: string,
  where: Record<string, string>,
): DrillRequest {
  return { title, from: r.from, to: r.to, timezone: r.timezone, where };
}

/** A dimension value as the axis shows it ('' is the rows without one). */
export const dimLabel = (v: unknown): string =>
  v === '' ? '(none)' : v === null || v === undefined ? '–' : String(v);
