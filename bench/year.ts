import type { DuckStore } from '../src/storage/duckdb/connection.js';
import { rebuildRollups } from '../src/storage/duckdb/rollups.js';
import { DEFAULT_THRESHOLDS } from '../src/storage/rollup-columns.js';

// A year of calls made inside DuckDB (a 100 M-row CSV would be 12 GB of disk for nothing): the
// same shape as gen-calls.ts, pseudo-random from hash(i). Rollups are then built by our own code.
export async function generateYear(store: DuckStore, rows: number, year = 2025): Promise<void> {
  const start = `${year}-01-01 05:00:00+00`;
  await store.run(`INSERT INTO calls (call_id, started_at, direction, campaign, status, list, lead, agent,
      ring_sec, wait_sec, talk_sec, hold_sec, wrap_sec, amount, topic, import_id, src_line)
    SELECT 'y' || i, TIMESTAMPTZ '${start}' + to_seconds(CAST(i * (365 * 86400.0) / ${rows} AS BIGINT)),
      CASE WHEN c = 3 THEN 'inbound' ELSE 'outbound' END,
      ['SOLAR', 'INSURE', 'DEBT', 'SUPPORT'][c + 1],
      CASE WHEN c = 3 THEN (CASE WHEN r < 8 THEN 'DROP' ELSE 'SALE' END)
           ELSE (CASE WHEN r < 45 THEN 'NA' WHEN r < 50 THEN 'B' WHEN r < 62 THEN 'A' WHEN r < 66 THEN 'AA'
                      WHEN r < 70 THEN 'DC' WHEN r < 72 THEN 'DROP' WHEN r < 85 THEN 'NI' WHEN r < 90 THEN 'CALLBK'
                      WHEN r < 95 THEN 'DEC' WHEN r < 96 THEN 'DNC' ELSE 'SALE' END) END,
      CASE WHEN c = 3 THEN '' ELSE ['SOLAR', 'INSURE', 'DEBT'][c + 1] || '-L' || (h % 3) END,
      CASE WHEN c = 3 THEN NULL ELSE 'L' || (h % 3000000) END,
      CASE WHEN (c = 3 AND r >= 8) OR (c < 3 AND r >= 72) THEN 'agent' || (h % 40) ELSE '' END,
      h % 30, CASE WHEN c = 3 THEN h % 90 ELSE 1 END,
      CASE WHEN (c = 3 AND r >= 8) OR (c < 3 AND r >= 72) THEN 20 + h % 400 END,
      CASE WHEN h % 7 = 0 THEN h % 60 END, CASE WHEN r >= 72 THEN h % 60 END,
      CASE WHEN r >= 96 THEN 100 + h % 900 END, '', 0, i
    FROM (SELECT i, hash(i) AS h, CAST(hash(i * 7 + 1) % 4 AS INTEGER) AS c, CAST(hash(i * 13 + 5) % 100 AS INTEGER) AS r
          FROM range(${rows}) t(i))`);
  await store.run(
    `INSERT INTO call_status_keys SELECT DISTINCT campaign, status FROM calls ON CONFLICT DO NOTHING`,
  );
  await rebuildRollups(store, DEFAULT_THRESHOLDS);
}
