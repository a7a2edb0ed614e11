import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DuckStore } from '../../src/storage/duckdb/connection.js';
import { SCHEMA_VERSION } from '../../src/storage/duckdb/schema.js';

test('a database records its schema version, keeps its key, and refuses a newer schema', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-mig-'));
  const path = join(dir, 'x.duckdb');
  try {
    const a = await DuckStore.open(path);
    expect(await a.getMeta('schema_version')).toBe(String(SCHEMA_VERSION));
    const key = (await a.secret()).toString('hex');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    await a.close();

    const b = await DuckStore.open(path); // reopening runs no migration and keeps the data
    expect((await b.secret()).toString('hex')).toBe(key);
    await b.setMeta('schema_version', String(SCHEMA_VERSION + 1));
    await b.close();

    await expect(DuckStore.open(path)).rejects.toThrow(/newer than this callkpi/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
