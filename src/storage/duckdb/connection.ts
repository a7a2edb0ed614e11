import { randomBytes } from 'node:crypto';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { CallkpiError } from '../../errors.js';
import type { ParamValue } from '../../query/sql.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type Row = Record<string, unknown>;

/** DuckDB's buffer pool; override with $CALLKPI_MEMORY_LIMIT (e.g. 8GB on a reporting server). */
export const DEFAULT_MEMORY_LIMIT = '1GB';

/** One open DuckDB database. Values leave this class as plain JS: BIGINT → number, TIMESTAMPTZ → Date. */
export class DuckStore {
  readonly engine = 'duckdb';
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<DuckStore> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/lock/i.test(msg))
        throw new CallkpiError(
          'unavailable',
          `${path} is in use by another callkpi process (DuckDB allows one process per file); stop it, or send the request to its server`,
        );
      throw new CallkpiError('unavailable', `cannot open ${path}: ${msg.split('\n')[0]}`);
    }
    const store = new DuckStore(instance, await instance.connect(), path);
    try {
      // Every instant is stored and compared in UTC; zones appear only inside bucketing expressions.
      await store.run(`SET TimeZone = 'UTC'`);
      // Row order carries no meaning here (lines are explicit columns); not keeping it lets DuckDB
      // insert in parallel and hold less in memory during bulk loads.
      await store.run(`SET preserve_insertion_order = false`);
      // DuckDB would cache up to 80 % of RAM; a bounded pool spills to disk instead, so a laptop
      // import or report stays within a predictable footprint.
      await store.run(`SET memory_limit = $1`, [process.env.CALLKPI_MEMORY_LIMIT || DEFAULT_MEMORY_LIMIT]);
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  async run(sql: string, params: readonly ParamValue[] = []): Promise<void> {
    await this.conn.run(sql, params.length ? (params as DuckDBValue[]) : undefined);
  }

  async all<T extends Row = Row>(sql: string, params: readonly ParamValue[] = []): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
    return reader.getRowObjects().map((r) => decodeRow(r) as T);
  }

  async one<T extends Row = Row>(sql: string, params: readonly ParamValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs `fn` in one transaction: all of it lands or none of it does. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.run('COMMIT');
      return result;
    } catch (err) {
      await this.run('ROLLBACK');
      throw err;
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.one<{ value: string }>(`SELECT value FROM meta WHERE key = $1`, [key]);
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.run(
      `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [key, value],
    );
  }

  /** The per-installation HMAC key for customer identifiers, created on first use. */
  async secret(): Promise<Buffer> {
    let hex = await this.getMeta('customer_hash_key');
    if (!hex) {
      hex = randomBytes(32).toString('hex');
      await this.setMeta('customer_hash_key', hex);
    }
    return Buffer.from(hex, 'hex');
  }

  private async migrate(): Promise<void> {
    const hasMeta = await this.one(
      `SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`,
    );
    const current = hasMeta ? Number((await this.getMeta('schema_version')) ?? '0') : 0;
    if (current > SCHEMA_VERSION)
      throw new CallkpiError(
        'unavailable',
        `${this.path} has schema version ${current}, newer than this callkpi (${SCHEMA_VERSION}): upgrade callkpi`,
      );
    if (current < SCHEMA_VERSION)
      await this.transaction(async () => {
        for (let v = current; v < SCHEMA_VERSION; v++)
          for (const stmt of MIGRATIONS[v] ?? []) await this.run(stmt);
        // v3 added rollup counters that start at 0: they are recounted from the stored calls below,
        // and the flag survives a crash in between, so the next open finishes the job.
        if (current > 0 && current < 3) await this.setMeta('rebuild_rollups', '1');
        await this.setMeta('schema_version', String(SCHEMA_VERSION));
      });
    if (hasMeta && (await this.getMeta('rebuild_rollups')) === '1') {
      const { rebuildRollups, rollupThresholds } = await import('./rollups.js');
      const t = await rollupThresholds(this);
      if (t) await rebuildRollups(this, t);
      await this.run(`DELETE FROM meta WHERE key = 'rebuild_rollups'`);
    }
  }
}

function decodeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object') {
    switch (v.constructor.name) {
      case 'DuckDBTimestampTZValue':
      case 'DuckDBTimestampValue':
        return new Date(Number((v as { micros: bigint }).micros / 1000n));
      // Calendar dates stay calendar dates: an instant would shift with the reader's zone.
      case 'DuckDBDateValue':
        return new Date((v as { days: number }).days * 86_400_000).toISOString().slice(0, 10);
      case 'DuckDBDecimalValue':
        return Number(String(v));
    }
  }
  return v;
}

function decodeRow(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = decodeValue(v);
  return out;
}
