import { keyFields, type RecordDef } from '../../ingest/records.js';
import type { Thresholds } from '../rollup-columns.js';
import type { DuckStore } from './connection.js';
import { applyAgentTimeDelta, applyCallRollupDelta } from './rollups.js';

// Merges the typed batch in temp table `stg` (columns: line, _reason, record fields) into its
// table. Runs inside the caller's transaction. Every row ends as exactly one of: accepted (new key),
// updated, unchanged, rejected (kept in `rejects` with its line, source text and reason).
// Only rows whose key already exists are compared, so a fresh bulk load does no row-by-row work.

export interface BatchCounts {
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface MergeContext {
  readonly importId: number;
  readonly source: string;
  readonly thresholds: Thresholds;
  /** adds the source text of rejected rows as `stg._raw` (only called when a row was rejected) */
  readonly fillRaw: () => Promise<void>;
}

const q = (n: string): string => `"${n}"`;
// Settings are versions in time: a second value for the same instant would make history ambiguous.
const APPEND_ONLY = new Set(['finance', 'commission_plans']);
const dupReason = (def: RecordDef, keys: string[]): string =>
  APPEND_ONLY.has(def.table)
    ? `another version of this setting takes effect at the same instant (${keys.join(', ')}): first at line `
    : `duplicate key (${keys.join(', ')}) in this file: first at line `;

const INTERVALS: Partial<Record<string, readonly [string, string, string]>> = {
  'agent-states': ['started_at', 'ended_at', 'agent_states'],
  schedules: ['starts_at', 'ends_at', 'schedules'],
};

/** Record-level checks that need more than one field or more than one row. */
async function checkRows(store: DuckStore, def: RecordDef, keys: string[]): Promise<void> {
  if (def.type === 'agent-states') {
    await store.run(`UPDATE stg SET ended_at = started_at + to_microseconds(CAST(round(duration_sec * 1e6) AS BIGINT))
      WHERE ended_at IS NULL AND _reason IS NULL`);
    await store.run(`UPDATE stg SET _reason = 'ended_at: ' || strftime(ended_at, '%Y-%m-%dT%H:%M:%SZ') || ' is not after started_at'
      WHERE _reason IS NULL AND ended_at <= started_at`);
  }
  const keyList = keys.map(q).join(', ');
  const distinct = keys.length === 1 ? keyList : `(${keyList})`;
  const dup = await store.one<{ d: number }>(
    `SELECT count(*) - count(DISTINCT ${distinct}) AS d FROM stg WHERE _reason IS NULL`,
  );
  if ((dup?.d ?? 0) > 0)
    await store.run(`UPDATE stg SET _reason = '${dupReason(def, keys)}' || d.first
      FROM (SELECT line, min(line) OVER (PARTITION BY ${keyList}) AS first FROM stg WHERE _reason IS NULL) d
      WHERE stg.line = d.line AND d.line <> d.first`);
  // Intervals of one agent may not overlap: agent states, and schedules (one plan at a time).
  const span = INTERVALS[def.type];
  if (span) {
    const [a, b, table] = span;
    // Overlaps are checked against the batch's own earlier rows and against stored intervals.
    // Earlier rows means the latest end among all of them, not just the previous interval's: a short
    // interval can lie inside a long one with others in between.
    await store.run(`UPDATE stg SET _reason = 'overlaps the interval starting at line ' || d.prev_line || ' for agent ' || d.agent
      FROM (SELECT line, agent, ${a}, max(${b}) OVER w AS prev_end, arg_max(line, ${b}) OVER w AS prev_line
            FROM stg WHERE _reason IS NULL
            WINDOW w AS (PARTITION BY agent ORDER BY ${a} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) d
      WHERE stg.line = d.line AND d.prev_end > d.${a}`);
    await store.run(`UPDATE stg SET _reason = 'overlaps a stored interval of agent ' || stg.agent || ' starting '
        || strftime(e.${a}, '%Y-%m-%dT%H:%M:%SZ')
      FROM ${table} e
      WHERE stg._reason IS NULL AND e.agent = stg.agent AND e.${a} < stg.${b} AND e.${b} > stg.${a}
        AND e.${a} <> stg.${a}
        -- a stored interval this file replaces (same key) is checked in its new form, above
        AND NOT EXISTS (SELECT 1 FROM stg n WHERE n.agent = e.agent AND n.${a} = e.${a} AND n._reason IS NULL)`);
  }
}

/** Keys an import found unchanged in its earlier batches; the importer drops it when done. */
export const seenKeysTable = (importId: number): string => `seen_keys_${importId}`;

export async function mergeBatch(store: DuckStore, def: RecordDef, ctx: MergeContext): Promise<BatchCounts> {
  const keys = keyFields(def);
  const fields = def.fields.map((f) => f.name);
  const values = fields.filter((f) => !keys.includes(f));
  const table = q(def.table);
  await checkRows(store, def, keys);

  const on = keys.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ');
  const same = values.length
    ? values.map((v) => `s.${q(v)} IS NOT DISTINCT FROM t.${q(v)}`).join(' AND ')
    : 'TRUE';
  // A key this import already met is a duplicate: either it wrote the row (import_id) or, when the
  // row was unchanged and so kept its old import_id, the key is in the import's seen-keys table.
  const seen = seenKeysTable(ctx.importId);
  await store.run(`CREATE TEMP TABLE IF NOT EXISTS ${seen} AS
    SELECT ${keys.map(q).join(', ')}, CAST(0 AS BIGINT) AS line FROM ${table} WHERE FALSE`);
  const onSeen = keys.map((k) => `u.${q(k)} = s.${q(k)}`).join(' AND ');
  await store.run(`CREATE OR REPLACE TEMP TABLE cls AS
SELECT s.line, CASE WHEN t.import_id = ${ctx.importId} OR u.line IS NOT NULL THEN 'dup' WHEN ${same} THEN 'same' ELSE 'upd' END AS _cls,
  coalesce(u.line, t.src_line) AS _first_line
FROM stg s JOIN ${table} t ON ${on} LEFT JOIN ${seen} u ON ${onSeen} WHERE s._reason IS NULL`);
  await store.run(`INSERT INTO ${seen} SELECT ${keys.map((k) => `s.${q(k)}`).join(', ')}, s.line
    FROM stg s JOIN cls c ON c.line = s.line WHERE c._cls = 'same'`);
  const appendOnly = APPEND_ONLY.has(def.table)
    ? `WHEN c._cls = 'upd' THEN 'a version with other values already takes effect at this instant; settings are append-only: add a row with a new effective_from'`
    : '';
  await store.run(`UPDATE stg SET _reason = CASE
      WHEN c._cls = 'dup' THEN '${dupReason(def, keys)}' || c._first_line ${appendOnly} END
    FROM cls c WHERE stg.line = c.line AND (c._cls = 'dup' ${appendOnly ? `OR c._cls = 'upd'` : ''})`);

  const counts = await store.one<Record<string, number>>(`SELECT
    (SELECT count(*) FROM stg WHERE _reason IS NOT NULL) AS rejected,
    (SELECT count(*) FROM cls WHERE _cls = 'upd') AS updated, (SELECT count(*) FROM cls WHERE _cls = 'same') AS unchanged,
    (SELECT count(*) FROM stg WHERE _reason IS NULL) AS ok`);
  const rejected = counts?.rejected ?? 0;
  const updated = APPEND_ONLY.has(def.table) ? 0 : (counts?.updated ?? 0);
  const unchanged = counts?.unchanged ?? 0;
  const result: BatchCounts = {
    accepted: (counts?.ok ?? 0) - updated - unchanged,
    updated,
    unchanged,
    rejected,
  };

  if (rejected > 0) {
    await ctx.fillRaw();
    await store.run(
      `INSERT INTO rejects SELECT ${ctx.importId}, $1, $2, line, _raw, _reason, now() FROM stg WHERE _reason IS NOT NULL`,
      [def.type, ctx.source],
    );
  }
  if (result.accepted + result.updated === 0) return result;

  // `fresh` = new keys, `changed` = updated keys; both views over stg, nothing copied.
  await store.run(`CREATE OR REPLACE TEMP VIEW fresh AS SELECT s.* FROM stg s
    WHERE s._reason IS NULL AND NOT EXISTS (SELECT 1 FROM cls c WHERE c.line = s.line)`);
  await store.run(`CREATE OR REPLACE TEMP VIEW changed AS SELECT s.* FROM stg s JOIN cls c ON c.line = s.line
    WHERE c._cls = 'upd' AND s._reason IS NULL`);
  if (def.table === 'calls') await applyCallRollupDelta(store, ctx.thresholds, updated > 0);
  if (def.table === 'agent_states') await applyAgentTimeDelta(store, updated > 0);

  const cols = [...fields, 'import_id', 'src_line'].map(q).join(', ');
  await store.run(
    `INSERT INTO ${table} (${cols}) SELECT ${fields.map(q).join(', ')}, ${ctx.importId}, line FROM fresh`,
  );
  if (updated > 0) {
    const set = [
      ...values.map((v) => `${q(v)} = s.${q(v)}`),
      `import_id = ${ctx.importId}`,
      'src_line = s.line',
    ];
    await store.run(`UPDATE ${table} AS t SET ${set.join(', ')} FROM changed s WHERE ${on}`);
  }
  if (def.table === 'calls')
    await store.run(`INSERT INTO call_status_keys SELECT DISTINCT campaign, status FROM stg WHERE _reason IS NULL
      ON CONFLICT DO NOTHING`);
  if (def.table === 'dispositions')
    await store.run(`INSERT INTO dispositions_history (${fields.map(q).join(', ')}, recorded_at, import_id)
      SELECT ${fields.map(q).join(', ')}, now(), ${ctx.importId} FROM (SELECT * FROM fresh UNION ALL SELECT * FROM changed)`);
  return result;
}
