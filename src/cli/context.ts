import { DuckStore } from '../storage/duckdb/connection.js';
import { usageError } from '../errors.js';
import { ensureBuiltinDispositions } from '../ingest/builtins.js';

export interface Globals {
  db: string;
  verbose: boolean;
}

/** Opens the database named by --db / $CALLKPI_DB; only DuckDB files are supported so far. */
export async function openStore(g: Globals): Promise<DuckStore> {
  if (g.db.startsWith('clickhouse://'))
    throw usageError(
      'the ClickHouse engine is not available in this version yet: use a DuckDB file for --db',
    );
  const store = await DuckStore.open(g.db);
  try {
    await ensureBuiltinDispositions(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

export async function withStore<T>(g: Globals, fn: (store: DuckStore) => Promise<T>): Promise<T> {
  const store = await openStore(g);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
