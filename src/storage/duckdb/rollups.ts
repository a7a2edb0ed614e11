import { DuckDbDialect } from '../../query/dialects/duckdb-dialect.js';
import type { ParamValue } from '../../query/sql.js';
import { AGENT_TIME_KEYS, CALL_ROLLUP_KEYS, callCounters, type Thresholds } from '../rollup-columns.js';
import type { DuckStore } from './connection.js';

// Rollups are kept exact by deltas inside the batch's transaction: the new versions of rows are
// added and the stored versions they replace are subtracted, so a batch never rescans history.

const duck = new DuckDbDialect();

function callDeltaSelect(sign: number, from: string, t: Thresholds, params: ParamValue[]): string {
  const counters = [...callCounters(t)].map(
    ([name, e]) => `${sign} * (${duck.renderExpr(e, params)}) AS ${name}`,
  );
  return `SELECT date_trunc('hour', started_at) AS hour_utc, ${CALL_ROLLUP_KEYS.join(', ')}, ${counters.join(', ')} FROM ${from}`;
}

/** Applies the delta of `cls` (new and updated calls of this batch) to call_rollup. */
export async function applyCallRollupDelta(
  store: DuckStore,
  t: Thresholds,
  withUpdates: boolean,
): Promise<void> {
  const params: ParamValue[] = [];
  const names = [...callCounters(t).keys()];
  const parts = [callDeltaSelect(1, `cls WHERE _cls IN ('new', 'upd')`, t, params)];
  if (withUpdates)
    parts.push(
      callDeltaSelect(-1, `calls WHERE call_id IN (SELECT call_id FROM cls WHERE _cls = 'upd')`, t, params),
    );
  const keys = ['hour_utc', ...CALL_ROLLUP_KEYS];
  await store.run(
    `INSERT INTO call_rollup
SELECT ${keys.join(', ')}, ${names.map((n) => `sum(${n})`).join(', ')}
FROM (${parts.join('\nUNION ALL\n')}) d
GROUP BY ${keys.join(', ')}
ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${names.map((n) => `${n} = call_rollup.${n} + excluded.${n}`).join(', ')}`,
    params,
  );
  if (withUpdates) await store.run(`DELETE FROM call_rollup WHERE n = 0`);
}

/** Splits intervals into UTC-hour pieces: the session zone is UTC, so date_trunc cuts at UTC hours. */
function agentPieces(sign: number, from: string): string {
  return `SELECT h AS hour_utc, ${AGENT_TIME_KEYS.join(', ')},
  ${sign} * (epoch(least(ended_at, h + INTERVAL 1 HOUR)) - epoch(greatest(started_at, h))) AS seconds
FROM (SELECT *, unnest(generate_series(date_trunc('hour', started_at), ended_at - INTERVAL 1 MICROSECOND, INTERVAL 1 HOUR)) AS h
      FROM ${from})`;
}

export async function applyAgentTimeDelta(store: DuckStore, withUpdates: boolean): Promise<void> {
  const parts = [agentPieces(1, `cls WHERE _cls IN ('new', 'upd')`)];
  if (withUpdates)
    parts.push(
      agentPieces(
        -1,
        `agent_states a WHERE EXISTS (SELECT 1 FROM cls WHERE cls._cls = 'upd' AND cls.agent = a.agent AND cls.started_at = a.started_at)`,
      ),
    );
  const keys = ['hour_utc', ...AGENT_TIME_KEYS];
  await store.run(
    `INSERT INTO agent_time_hourly
SELECT ${keys.join(', ')}, sum(seconds) FROM (${parts.join('\nUNION ALL\n')}) d
GROUP BY ${keys.join(', ')}
ON CONFLICT (${keys.join(', ')}) DO UPDATE SET seconds = agent_time_hourly.seconds + excluded.seconds`,
  );
  if (withUpdates) await store.run(`DELETE FROM agent_time_hourly WHERE abs(seconds) < 1e-6`);
}

/** Rebuilds both rollups from raw rows (after a threshold change, or to repair). */
export async function rebuildRollups(store: DuckStore, t: Thresholds): Promise<void> {
  await store.transaction(async () => {
    await store.run(`DELETE FROM call_rollup`);
    await store.run(`DELETE FROM agent_time_hourly`);
    await store.run(`CREATE OR REPLACE TEMP TABLE cls AS SELECT *, 'new' AS _cls FROM calls`);
    await applyCallRollupDelta(store, t, false);
    await store.run(`CREATE OR REPLACE TEMP TABLE cls AS SELECT *, 'new' AS _cls FROM agent_states`);
    await applyAgentTimeDelta(store, false);
    await store.run(`DROP TABLE cls`);
    await store.setMeta('rollup_thresholds', JSON.stringify(t));
  });
}
