import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The CLI tests run the built program (bin/callkpi.js → dist/). Test files run in parallel
// workers, and a build rewriting dist/ while another test spawns the CLI would hand it half-written
// modules: so builds take a lock, and a build newer than every source file is not redone.

export const ROOT = join(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'bin/callkpi.js');
const DIST = join(ROOT, 'dist');
const LOCK = join(DIST, '.test-build.lock');
const STAMP = join(DIST, '.test-build.stamp');
const STALE_LOCK_MS = 5 * 60_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  if (!existsSync(STAMP) || !existsSync(join(DIST, 'src/cli/main.js'))) return false;
  const sources = Math.max(
    newestSource(join(ROOT, 'src')),
    newestSource(join(ROOT, 'bench')),
    statSync(join(ROOT, 'tsconfig.json')).mtimeMs,
    statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs,
  );
  return statSync(STAMP).mtimeMs > sources;
}

async function lock(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** `npm run build` (tsc -p tsconfig.build.json), once for all test files that need dist/. */
export async function buildCli(): Promise<void> {
  await lock();
  try {
    if (upToDate()) return;
    const started = Date.now();
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: ROOT,
          stdio: 'pipe',
          timeout: 180_000,
        },
      );
    } catch (err) {
      // Type errors still emit JavaScript (noEmitOnError is off); `npm run check` reports them.
      // Other engineers' work in progress must not hide what these tests check.
      const out = String((err as { stdout?: Buffer }).stdout ?? '');
      if (!/error TS\d+/.test(out) || !existsSync(join(DIST, 'src/cli/main.js'))) throw err;
      console.warn(`tsc reported type errors; testing the emitted JavaScript anyway:\n${out.slice(0, 2000)}`);
    }
    writeFileSync(STAMP, '');
    // Dated when the build started: a source saved during the build makes the next run rebuild.
    utimesSync(STAMP, started / 1000, started / 1000);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
