import { keyFields, type RecordDef } from '../../ingest/records.js';
import type { ParamValue } from '../../query/sql.js';
import type { Thresholds } from '../rollup-columns.js';
import type { DuckStore } from './connection.js';
import { applyAgentTimeDelta, applyCallRollupDelta } from './rollups.js';

// Merges the typed batch in temp table `stg` (columns: line, _raw, _reason, record fields) into its
// table. Runs inside the caller's transaction. Every row ends as exactly one of: accepted (new key),
// updated, unchanged, rejected (kept in `rejects` with its line, source text and reason).

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
}

const q = (n: string): string => `"${n}"`;
const APPEND_ONLY = new Set(['finance']);

async function reject(
  store: DuckStore,
  ctx: MergeContext,
  def: RecordDef,
  where: string,
  params: ParamValue[] = [],
) {
  await store.run(
    `INSERT INTO rejects SELECT ${ctx.importId}, $1, $2, line, _raw, _reason, now() FROM ${where}`,
    [def.type, ctx.source, ...params],
  );
}

/** Record-level checks that need more than one field or more than one row. */
async function checkRows(store: DuckStore, def: RecordDef, keys: string[]): Promise<void> {
  if (def.type === 'agent-states') {
    await store.run(`UPDATE stg SET ended_at = started_at + to_microseconds(CAST(round(duration_sec * 1e6) AS BIGINT))
      WHERE ended_at IS NULL AND _reason IS NULL`);
    await store.run(`UPDATE stg SET _reason = 'ended_at: ' || strftime(ended_at, '%Y-%m-%dT%H:%M:%SZ') || ' is not after started_at'
      WHERE _reason IS NULL AND ended_at <= started_at`);
  }
  const keyList = keys.map(q).join(', ');
  await store.run(`UPDATE stg SET _reason = 'duplicate key (${keys.join(', ')}) in this file: first at line ' || d.first
    FROM (SELECT line, min(line) OVER (PARTITION BY ${keyList}) AS first FROM stg WHERE _reason IS NULL) d
    WHERE stg.line = d.line AND d.line <> d.first`);
  if (def.type === 'agent-states') {
    // Overlaps are checked against the batch's own earlier rows and against stored intervals.
    await store.run(`UPDATE stg SET _reason = 'overlaps the interval starting at line ' || d.prev_line || ' for agent ' || d.agent
      FROM (SELECT line, agent, lag(line) OVER w AS prev_line, lag(ended_at) OVER w AS prev_end, started_at
            FROM stg WHERE _reason IS NULL WINDOW w AS (PARTITION BY agent ORDER BY started_at)) d
      WHERE stg.line = d.line AND d.prev_end > d.started_at`);
    await store.run(`UPDATE stg SET _reason = 'overlaps a stored interval of agent ' || stg.agent || ' starting '
        || strftime(e.started_at, '%Y-%m-%dT%H:%M:%SZ')
      FROM agent_states e
      WHERE stg._reason IS NULL AND e.agent = stg.agent AND e.started_at < stg.ended_at AND e.ended_at > stg.started_at
        AND e.started_at <> stg.started_at`);
  }
}

export async function mergeBatch(store: DuckStore, def: RecordDef, ctx: MergeContext): Promise<BatchCounts> {
  const keys = keyFields(def);
  const fields = def.fields.map((f) => f.name);
  const values = fields.filter((f) => !keys.includes(f));
  const table = def.table;
  await checkRows(store, def, keys);

  const on = keys.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ');
  const same = values.length
    ? values.map((v) => `s.${q(v)} IS NOT DISTINCT FROM t.${q(v)}`).join(' AND ')
    : 'TRUE';
  await store.run(`CREATE OR REPLACE TEMP TABLE cls AS
SELECT s.*, CASE WHEN t.${q(keys[0]!)} IS NULL THEN 'new'
  WHEN t.import_id = ${ctx.importId} THEN 'dup'
  WHEN ${same} THEN 'same' ELSE 'upd' END AS _cls, t.src_line AS _first_line
FROM (SELECT * FROM stg WHERE _reason IS NULL) s LEFT JOIN ${q(table)} t ON ${on}`);
  await store.run(`UPDATE cls SET _reason = 'duplicate key (${keys.join(', ')}) in this file: first at line ' || _first_line
    WHERE _cls = 'dup'`);
  if (APPEND_ONLY.has(table))
    await store.run(`UPDATE cls SET _cls = 'dup', _reason = '${table} rows are append-only: to change a setting add a row with a new effective_from'
      WHERE _cls = 'upd'`);

  await reject(store, ctx, def, `stg WHERE _reason IS NOT NULL`);
  await reject(store, ctx, def, `cls WHERE _cls = 'dup'`);
  const counts = await store.one<Record<string, number>>(`SELECT
    count(*) FILTER (WHERE _cls = 'new') AS accepted, count(*) FILTER (WHERE _cls = 'upd') AS updated,
    count(*) FILTER (WHERE _cls = 'same') AS unchanged,
    count(*) FILTER (WHERE _cls = 'dup') + (SELECT count(*) FROM stg WHERE _reason IS NOT NULL) AS rejected FROM cls`);
  const result: BatchCounts = {
    accepted: counts?.accepted ?? 0,
    updated: counts?.updated ?? 0,
    unchanged: counts?.unchanged ?? 0,
    rejected: counts?.rejected ?? 0,
  };
  if (result.accepted + result.updated === 0) return result;

  if (table === 'calls') await applyCallRollupDelta(store, ctx.thresholds, result.updated > 0);
  if (table === 'agent_states') await applyAgentTimeDelta(store, result.updated > 0);

  const cols = [...fields, 'import_id', 'src_line'].map(q).join(', ');
  await store.run(`INSERT INTO ${q(table)} (${cols})
    SELECT ${fields.map(q).join(', ')}, ${ctx.importId}, line FROM cls WHERE _cls = 'new'`);
  if (result.updated > 0) {
    const set = [
      ...values.map((v) => `${q(v)} = s.${q(v)}`),
      `import_id = ${ctx.importId}`,
      'src_line = s.line',
    ];
    await store.run(`UPDATE ${q(table)} AS t SET ${set.join(', ')}
      FROM (SELECT * FROM cls WHERE _cls = 'upd') s WHERE ${on}`);
  }
  if (table === 'calls')
    await store.run(`INSERT INTO call_status_keys SELECT DISTINCT campaign, status FROM cls WHERE _cls IN ('new', 'upd')
      ON CONFLICT DO NOTHING`);
  if (table === 'dispositions')
    await store.run(`INSERT INTO dispositions_history (${fields.map(q).join(', ')}, recorded_at, import_id)
      SELECT ${fields.map(q).join(', ')}, now(), ${ctx.importId} FROM cls WHERE _cls IN ('new', 'upd')`);
  return result;
}
