import type { DuckStore } from '../storage/duckdb/connection.js';

/** A structured warning in an import summary or a report (`code` plus its facts). */
export type Warning = { code: string } & Record<string, unknown>;

/**
 * Statuses used by calls that no disposition row defines, with their call counts: over the whole
 * database, or over the rows one import wrote.
 */
export async function unknownStatusWarnings(store: DuckStore, importId?: number): Promise<Warning[]> {
  const rows = await store.all<{ status: string; campaign: string; calls: number }>(
    importId === undefined
      ? `SELECT r.status, r.campaign, sum(r.n) AS calls FROM call_rollup r
         JOIN status_flags f USING (campaign, status) WHERE NOT f.f_known
         GROUP BY 1, 2 ORDER BY calls DESC, 1, 2 LIMIT 100`
      : `SELECT c.status, c.campaign, count(*) AS calls FROM calls c
         JOIN status_flags f USING (campaign, status) WHERE NOT f.f_known AND c.import_id = $1
         GROUP BY 1, 2 ORDER BY calls DESC, 1, 2 LIMIT 100`,
    importId === undefined ? [] : [importId],
  );
  return rows.map((r) => ({
    code: 'unknown_status',
    status: r.status,
    campaign: r.campaign,
    calls: r.calls,
  }));
}

/**
 * A reject reason reduced to its kind, so rows with the same problem group together: quoted values,
 * line numbers and other numbers become …, while `field 6` and identifiers such as `a1` stay.
 */
export function reasonKindSql(column: string): string {
  const quoted = `regexp_replace(${column}, '"[^"]*"', '"…"', 'g')`;
  const guarded = `regexp_replace(${quoted}, 'field ([0-9]+)', 'field_\\1_', 'g')`;
  const masked = `regexp_replace(${guarded}, '(^|[^_0-9A-Za-z])-?[0-9][0-9:TZ.+-]*', '\\1…', 'g')`;
  return `regexp_replace(${masked}, 'field_([0-9]+)_', 'field \\1', 'g')`;
}
