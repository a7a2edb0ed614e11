import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeCallsCsv } from '../../bench/gen-calls.js';
import { DuckStore } from '../../src/storage/duckdb/connection.js';
import { buildCli, CLI, ROOT } from '../cli/build.js';

// Atomicity under SIGKILL: the built CLI imports a large file into a DuckDB file in batches and is
// killed while a later batch is being merged. The database must hold whole batches only, with
// rollups equal to the raw rows, and running the same import again must complete it.
//
// When to kill: the importer spools each batch to a file in $TMPDIR, merges it in one transaction
// and deletes the file after the commit. So once the file of batch k-1 is gone, batches before k
// are committed, and a file k that has stopped growing is being merged. Watching a private TMPDIR
// makes the kill land mid-import whatever the machine's speed; the clock is only a fallback.

const ROWS = Number(process.env.CALLKPI_CRASH_ROWS ?? 1_500_000);
const BATCH = ROWS / 5;
const ATTEMPTS = 3;

let dir: string;
let csvPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callkpi-crash-'));
  csvPath = join(dir, 'calls.csv');
  await Promise.all([
    buildCli(),
    writeCallsCsv(csvPath, { rows: ROWS, start: new Date('2026-03-01T00:00:00Z'), days: 30 }),
  ]);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Spool files under `tmp` as [batch index, size]. */
function spoolFiles(tmp: string): [number, number][] {
  const out: [number, number][] = [];
  for (const sub of readdirSync(tmp)) {
    let names: string[];
    try {
      names = readdirSync(join(tmp, sub));
    } catch {
      continue; // removed meanwhile, or not a directory
    }
    for (const n of names) {
      const m = /-(\d{5})\.csv$/.exec(n);
      const size = m ? statSync(join(tmp, sub, n), { throwIfNoEntry: false })?.size : undefined;
      if (m && size !== undefined) out.push([Number(m[1]), size]);
    }
  }
  return out;
}

/**
 * Starts the import and SIGKILLs it once batch `target` (>= 1, so batch 0 is committed) has been
 * spooled completely and is being merged, `extraMs` later; or after `fallbackMs` if no spool file
 * shows up at all (the spooling changed). Tells whether the kill came before the process ended.
 */
async function importAndKill(
  db: string,
  tmp: string,
  target: number,
  extraMs: number,
  fallbackMs: number,
): Promise<{ killed: boolean; ms: number }> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [CLI, '--db', db, 'import', 'calls', csvPath, '--batch-rows', String(BATCH), '--timezone', 'UTC'],
    { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let ended = false;
  void exited.then(() => (ended = true));
  let last = -1;
  let stableFor = 0;
  let sawSpool = false;
  let sawTarget = false;
  while (!ended) {
    await sleep(25);
    const files = new Map(spoolFiles(tmp));
    sawSpool ||= files.size > 0;
    if (!sawSpool && Date.now() - started > fallbackMs) break;
    const size = files.get(target);
    if (size === undefined) {
      if (sawTarget) break; // batch `target` is committed already: kill now, the checks still hold
      continue;
    }
    sawTarget = true;
    // Batch target-1 committed (its file is gone) and target's file complete: target is merging.
    // The scanner may be reading batch target+1 meanwhile, so later files prove nothing.
    stableFor = size === last && !files.has(target - 1) ? stableFor + 1 : 0;
    last = size;
    if (stableFor >= 2) break;
  }
  if (!ended) {
    await sleep(extraMs);
    child.kill('SIGKILL');
  }
  await exited;
  const killed = child.signalCode === 'SIGKILL';
  if (!killed) expect(stderr).toBe(''); // ended by itself: it must at least have succeeded
  return { killed, ms: Date.now() - started };
}

async function inspect(
  db: string,
): Promise<{ calls: number; distinct: number; rollup: number; coarse: number; talkOk: boolean }> {
  const store = await DuckStore.open(db);
  try {
    const r = await store.one<{
      calls: number;
      distinct: number;
      rollup: number;
      coarse: number;
      talk_raw: number;
      talk_rollup: number;
      talk_coarse: number;
    }>(
      `SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(DISTINCT call_id) FROM calls) AS distinct,
         (SELECT coalesce(sum(n), 0) FROM call_rollup) AS rollup,
         (SELECT coalesce(sum(n), 0) FROM call_rollup_coarse) AS coarse,
         (SELECT coalesce(sum(talk_sec), 0) FROM calls) AS talk_raw,
         (SELECT coalesce(sum(talk_sec), 0) FROM call_rollup) AS talk_rollup,
         (SELECT coalesce(sum(talk_sec), 0) FROM call_rollup_coarse) AS talk_coarse`,
    );
    return {
      calls: r!.calls,
      distinct: r!.distinct,
      rollup: r!.rollup,
      coarse: r!.coarse,
      talkOk: r!.talk_raw === r!.talk_rollup && r!.talk_raw === r!.talk_coarse,
    };
  } finally {
    await store.close();
  }
}

test(`SIGKILL during an import of ${ROWS.toLocaleString('en-US')} rows leaves whole batches; a re-run completes it`, async () => {
  const db = join(dir, 'crash.duckdb');
  let committed = 0;
  let fallbackMs = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
    const tmp = join(dir, `tmp-${attempt}`);
    mkdirSync(tmp);
    // Kill while batch 1, 2 or 3 is merged, at a different point of its transaction each time.
    const run = await importAndKill(db, tmp, 1 + (attempt % 3), [150, 50, 400][attempt]!, fallbackMs);
    const state = await inspect(db);
    committed = state.calls;
    // No partial batch, whatever the moment of the kill, and the rollups match the raw rows.
    expect(committed % BATCH).toBe(0);
    expect(state.distinct).toBe(committed);
    expect(state.rollup).toBe(committed);
    expect(state.talkOk).toBe(true);
    if (run.killed && committed > 0 && committed < ROWS) break;
    // The kill landed before the first commit or after the last: try again, by the clock if the
    // spool files could not be watched (half of a whole import is past a commit and before the end).
    if (!run.killed) fallbackMs = run.ms / 2;
    committed = 0;
  }
  if (committed === 0) throw new Error(`no attempt out of ${ATTEMPTS} killed the import between two commits`);

  const store = await DuckStore.open(db);
  // The interrupted import is not marked done, and its counts match what it committed.
  expect(
    await store.one(
      `SELECT status <> 'done' AS interrupted, accepted FROM imports WHERE record_type = 'calls'`,
    ),
  ).toEqual({
    interrupted: true,
    accepted: committed,
  });
  await store.close();

  const rerun = spawnSync(
    process.execPath,
    [
      CLI,
      '--db',
      db,
      'import',
      'calls',
      csvPath,
      '--batch-rows',
      String(BATCH),
      '--timezone',
      'UTC',
      '--json',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: dir }, timeout: 240_000 },
  );
  expect(rerun.status, rerun.stderr).toBe(0);
  expect(JSON.parse(rerun.stdout)).toMatchObject({
    accepted: ROWS - committed,
    updated: 0,
    unchanged: committed,
    rejected: 0,
  });
  expect(await inspect(db)).toEqual({
    calls: ROWS,
    distinct: ROWS,
    rollup: ROWS,
    coarse: ROWS,
    talkOk: true,
  });
}, 300_000);
