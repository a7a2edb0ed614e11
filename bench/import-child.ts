import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { ensureBuiltinDispositions } from '../src/ingest/builtins.js';
import { importFile } from '../src/ingest/import.js';
import { DuckStore } from '../src/storage/duckdb/connection.js';

// One import in a process of its own, so peak RSS belongs to it alone. Prints one JSON line.
const [mode, csvPath, dbPath] = process.argv.slice(2) as [string, string, string];
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
let t0 = process.hrtime.bigint();
let rows = 0;
if (mode === 'baseline') {
  // DuckDB's own parallel reader into a plain table: the physical limit of this machine.
  const db = await DuckDBInstance.create(dbPath);
  const c = await db.connect();
  await c.run(
    `CREATE TABLE calls AS SELECT * FROM read_csv('${csvPath.replace(/'/g, "''")}', header = true)`,
  );
  const r = await c.runAndReadAll('SELECT count(*) AS n FROM calls');
  rows = Number(r.getRowObjects()[0]!.n);
  c.closeSync();
  db.closeSync();
} else {
  const store = await DuckStore.open(dbPath);
  await ensureBuiltinDispositions(store); // what every new installation has; not part of the timing
  t0 = process.hrtime.bigint();
  const s = await importFile(store, 'calls', csvPath, { timezone: 'UTC' });
  rows = s.accepted + s.updated + s.unchanged;
  await store.close();
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ mode, rows, ms, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
