import { DuckDbDialect } from '../../query/dialects/duckdb-dialect.js';
import type { ParamValue } from '../../query/sql.js';
import {
  AGENT_TIME_KEYS,
  CALL_ROLLUP_KEYS,
  COARSE_KEYS,
  callCounters,
  type Thresholds,
} from '../rollup-columns.js';
import type { DuckStore } from './connection.js';

// Rollups are kept exact by deltas inside the batch's transaction: the new versions of rows are
// added and the stored versions they replace are subtracted, so a batch never rescans history.
// Inputs are the temp views `fresh` (new keys) and `changed` (updated keys) over the batch.

const duck = new DuckDbDialect();

/** The UTC hour an instant falls in, by integer arithmetic: 14× faster than date_trunc through ICU. */
const HOUR_FLOOR = (ts: string): string => `make_timestamptz((epoch_us(${ts}) // 3600000000) * 3600000000)`;

/** Adds the rows of temp table `delta` into `table`: existing keys are summed, new keys appended. */
async function mergeDelta(
  store: DuckStore,
  table: string,
  keys: readonly string[],
  sums: readonly string[],
  delta = 'delta',
): Promise<void> {
  const span = await store.one<{ lo: Date | null; hi: Date | null }>(
    `SELECT min(hour_utc) AS lo, max(hour_utc) AS hi FROM ${delta}`,
  );
  if (!span?.lo || !span.hi) return;
  const range = [span.lo.toISOString(), span.hi.toISOString()];
  const match = keys.map((k) => `r."${k}" = d."${k}"`).join(' AND ');
  // The hour range lets DuckDB skip row groups by their min/max, so history is not scanned.
  const inRange = `r.hour_utc BETWEEN CAST($1 AS TIMESTAMPTZ) AND CAST($2 AS TIMESTAMPTZ)`;
  await store.run(
    `UPDATE ${table} AS r SET ${sums.map((c) => `${c} = r.${c} + d.${c}`).join(', ')} FROM ${delta} d WHERE ${match} AND ${inRange}`,
    range,
  );
  await store.run(
    `INSERT INTO ${table} SELECT d.* FROM ${delta} d
     WHERE NOT EXISTS (SELECT 1 FROM ${table} r WHERE ${match} AND ${inRange})`,
    range,
  );
}

function callDeltaSelect(sign: number, from: string, t: Thresholds, params: ParamValue[]): string {
  const counters = [...callCounters(t)].map(
    ([name, e]) => `${sign} * (${duck.renderExpr(e, params)}) AS ${name}`,
  );
  return `SELECT ${HOUR_FLOOR('started_at')} AS hour_utc, ${CALL_ROLLUP_KEYS.map((k) => `"${k}"`).join(', ')}, ${counters.join(', ')} FROM ${from}`;
}

export async function applyCallRollupDelta(
  store: DuckStore,
  t: Thresholds,
  withUpdates: boolean,
): Promise<void> {
  const params: ParamValue[] = [];
  const names = [...callCounters(t).keys()];
  const parts = [callDeltaSelect(1, 'fresh', t, params)];
  if (withUpdates) {
    parts.push(callDeltaSelect(1, 'changed', t, params));
    parts.push(callDeltaSelect(-1, `calls WHERE call_id IN (SELECT call_id FROM changed)`, t, params));
  }
  const keys = ['hour_utc', ...CALL_ROLLUP_KEYS];
  const keyList = keys.map((k) => `"${k}"`).join(', ');
  await store.run(
    `CREATE OR REPLACE TEMP TABLE delta AS SELECT ${keyList}, ${names.map((n) => `sum(${n}) AS ${n}`).join(', ')}
     FROM (${parts.join('\nUNION ALL\n')}) GROUP BY ${keyList}`,
    params,
  );
  await mergeDelta(store, 'call_rollup', keys, names);
  const coarse = ['hour_utc', ...COARSE_KEYS].map((k) => `"${k}"`).join(', ');
  await store.run(
    `CREATE OR REPLACE TEMP TABLE delta_coarse AS SELECT ${coarse}, ${names.map((n) => `sum(${n}) AS ${n}`).join(', ')}
     FROM delta GROUP BY ${coarse}`,
  );
  await mergeDelta(store, 'call_rollup_coarse', ['hour_utc', ...COARSE_KEYS], names, 'delta_coarse');
  if (withUpdates) {
    await store.run(`DELETE FROM call_rollup WHERE n = 0`);
    await store.run(`DELETE FROM call_rollup_coarse WHERE n = 0`);
  }
}

/** Splits intervals into UTC-hour pieces. */
function agentPieces(sign: number, from: string): string {
  return `SELECT h AS hour_utc, ${AGENT_TIME_KEYS.join(', ')},
  ${sign} * (epoch(least(ended_at, h + INTERVAL 1 HOUR)) - epoch(greatest(started_at, h))) AS seconds
FROM (SELECT *, unnest(generate_series(${HOUR_FLOOR('started_at')}, ended_at - INTERVAL 1 MICROSECOND, INTERVAL 1 HOUR)) AS h
      FROM ${from})`;
}

export async function applyAgentTimeDelta(store: DuckStore, withUpdates: boolean): Promise<void> {
  const parts = [agentPieces(1, 'fresh')];
  if (withUpdates)
    parts.push(
      agentPieces(1, 'changed'),
      agentPieces(
        -1,
        `agent_states a WHERE EXISTS (SELECT 1 FROM changed c WHERE c.agent = a.agent AND c.started_at = a.started_at)`,
      ),
    );
  const keys = ['hour_utc', ...AGENT_TIME_KEYS];
  await store.run(
    `CREATE OR REPLACE TEMP TABLE delta AS SELECT ${keys.join(', ')}, sum(seconds) AS seconds
     FROM (${parts.join('\nUNION ALL\n')}) GROUP BY ${keys.join(', ')}`,
  );
  await mergeDelta(store, 'agent_time_hourly', keys, ['seconds']);
  if (withUpdates) await store.run(`DELETE FROM agent_time_hourly WHERE abs(seconds) < 1e-6`);
}

/** Rebuilds both rollups from raw rows (after a threshold change, or to repair). */
export async function rebuildRollups(store: DuckStore, t: Thresholds): Promise<void> {
  await store.transaction(async () => {
    await store.run(`DELETE FROM call_rollup`);
    await store.run(`DELETE FROM call_rollup_coarse`);
    await store.run(`DELETE FROM agent_time_hourly`);
    await store.run(`CREATE OR REPLACE TEMP VIEW fresh AS SELECT * FROM calls`);
    await applyCallRollupDelta(store, t, false);
    await store.run(`CREATE OR REPLACE TEMP VIEW fresh AS SELECT * FROM agent_states`);
    await applyAgentTimeDelta(store, false);
    await store.setMeta('rollup_thresholds', JSON.stringify(t));
  });
}
