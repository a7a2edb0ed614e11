import type { DuckStore } from '../src/storage/duckdb/connection.js';
import { applyCallRollupDelta, setRollupThresholds } from '../src/storage/duckdb/rollups.js';
import { DEFAULT_THRESHOLDS } from '../src/storage/rollup-columns.js';

// A year of calls made inside DuckDB (a 100 M-row CSV would be 12 GB of disk for nothing): the
// shape of the simulator's calls (campaigns, lists, agents, VICIdial statuses), pseudo-random from hash(i). Each slice streams through our own rollup
// upkeep exactly as an import batch does; the raw rows are not kept, as this benchmark reads only
// the rollups (storing 100 M raw rows would take most of the run and measure nothing more).
export async function generateYear(store: DuckStore, rows: number, year = 2025): Promise<void> {
  const slices = Math.max(1, Math.ceil(rows / 5_000_000));
  for (let k = 0; k < slices; k++) {
    const lo = Math.floor((rows * k) / slices);
    const hi = Math.floor((rows * (k + 1)) / slices);
    await store.transaction(async () => {
      await store.run(`CREATE OR REPLACE TEMP VIEW fresh AS ${sliceSelect(rows, lo, hi, year)}`);
      await applyCallRollupDelta(store, DEFAULT_THRESHOLDS, false);
    });
  }
  await store.run(`INSERT INTO call_status_keys SELECT DISTINCT campaign, status FROM call_rollup_coarse
    ON CONFLICT DO NOTHING`);
  await setRollupThresholds(store, DEFAULT_THRESHOLDS);
}

/** Calls lo..hi of a year of `rows` calls, spread evenly over the year, in the calls table's shape. */
function sliceSelect(rows: number, lo: number, hi: number, year: number): string {
  const start = `${year}-01-01 05:00:00+00`;
  const live = `((c = 3 AND r >= 8) OR (c < 3 AND r >= 72))`;
  return `SELECT 'y' || i AS call_id,
      TIMESTAMPTZ '${start}' + to_seconds(CAST(i * (365 * 86400.0) / ${rows} AS BIGINT)) AS started_at,
      CASE WHEN c = 3 THEN 'inbound' ELSE 'outbound' END AS direction,
      ['SOLAR', 'INSURE', 'DEBT', 'SUPPORT'][c + 1] AS campaign,
      CASE WHEN c = 3 THEN (CASE WHEN r < 8 THEN 'DROP' ELSE 'SALE' END)
           ELSE (CASE WHEN r < 45 THEN 'NA' WHEN r < 50 THEN 'B' WHEN r < 62 THEN 'A' WHEN r < 66 THEN 'AA'
                      WHEN r < 70 THEN 'DC' WHEN r < 72 THEN 'DROP' WHEN r < 85 THEN 'NI' WHEN r < 90 THEN 'CALLBK'
                      WHEN r < 95 THEN 'DEC' WHEN r < 96 THEN 'DNC' ELSE 'SALE' END) END AS status,
      CASE WHEN c = 3 THEN '' ELSE ['SOLAR', 'INSURE', 'DEBT'][c + 1] || '-L' || (h % 3) END AS list,
      CASE WHEN c = 3 THEN NULL ELSE 'L' || (h % 3000000) END AS lead,
      CASE WHEN ${live} THEN 'agent' || (h % 40) ELSE '' END AS agent,
      CAST(h % 30 AS DOUBLE) AS ring_sec, CAST(CASE WHEN c = 3 THEN h % 90 ELSE 1 END AS DOUBLE) AS wait_sec,
      CAST(CASE WHEN ${live} THEN 20 + h % 400 END AS DOUBLE) AS talk_sec,
      CAST(CASE WHEN h % 7 = 0 THEN h % 60 END AS DOUBLE) AS hold_sec,
      CAST(CASE WHEN ${live} THEN h % 60 END AS DOUBLE) AS wrap_sec,
      CAST(CASE WHEN r >= 96 THEN 100 + h % 900 END AS DOUBLE) AS amount,
      CAST(NULL AS BOOLEAN) AS resolved, CAST(NULL AS DOUBLE) AS upsell_amount
    FROM (SELECT i, hash(i) AS h, CAST(hash(i * 7 + 1) % 4 AS INTEGER) AS c, CAST(hash(i * 13 + 5) % 100 AS INTEGER) AS r
          FROM range(${lo}, ${hi}) t(i))`;
}
