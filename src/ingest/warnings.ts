import type { DuckStore } from '../storage/duckdb/connection.js';

/** A structured warning in an import summary or a report (`code` plus its facts). */
export type Warning = { code: string } & Record<string, unknown>;

/** Statuses used by calls that no disposition row defines, with their call counts. */
export async function unknownStatusWarnings(store: DuckStore): Promise<Warning[]> {
  const rows = await store.all<{ status: string; campaign: string; calls: number }>(
    `SELECT r.status, r.campaign, sum(r.n) AS calls FROM call_rollup r
     JOIN status_flags f USING (campaign, status) WHERE NOT f.f_known
     GROUP BY 1, 2 ORDER BY calls DESC, 1, 2 LIMIT 100`,
  );
  return rows.map((r) => ({
    code: 'unknown_status',
    status: r.status,
    campaign: r.campaign,
    calls: r.calls,
  }));
}
