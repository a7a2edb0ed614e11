import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { GENERIC_DISPOSITIONS, VICIDIAL_DISPOSITIONS } from './builtin-dispositions.js';
import { importFile } from './import.js';
import { recordDef } from './records.js';

const BUILTIN_VERSION = '1';

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * A new database starts with the built-in dispositions, loaded through the ordinary import path
 * once; a user's own rows for the same codes later update them like any import.
 */
export async function ensureBuiltinDispositions(store: DuckStore): Promise<void> {
  if ((await store.getMeta('builtin_dispositions')) === BUILTIN_VERSION) return;
  const columns = recordDef('dispositions').fields.map((f) => f.name);
  const rows = [...VICIDIAL_DISPOSITIONS, ...GENERIC_DISPOSITIONS];
  const text = [
    columns.join(','),
    ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(',')),
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-builtin-'));
  try {
    const path = join(dir, 'builtin-dispositions.csv');
    writeFileSync(path, `${text}\n`);
    await importFile(store, 'dispositions', path, { timezone: 'UTC' });
    await store.setMeta('builtin_dispositions', BUILTIN_VERSION);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
