import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckStore } from '../../src/storage/duckdb/connection.js';
import { importFile, type ImportOptions, type ImportSummary } from '../../src/ingest/import.js';

export type Scratch = Awaited<ReturnType<typeof scratch>>;

/** A fresh in-memory database and a scratch folder for fixture files. */
export async function scratch(): Promise<{
  store: DuckStore;
  dir: string;
  file(name: string, text: string | Buffer): string;
  load(type: string, name: string, text: string, opts?: ImportOptions): Promise<ImportSummary>;
  done(): Promise<void>;
}> {
  const store = await DuckStore.open(':memory:');
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-test-'));
  const file = (name: string, text: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return {
    store,
    dir,
    file,
    load: (type, name, text, opts) => importFile(store, type, file(name, text), opts),
    async done() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const csv = (...lines: string[]): string => lines.join('\n') + '\n';
