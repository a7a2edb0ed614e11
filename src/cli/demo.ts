import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallkpiError } from '../errors.js';
import { importFile } from '../ingest/import.js';
import { executiveTable } from '../reports/format-summary.js';
import { runExecutive } from '../reports/executive.js';
import { toTable } from '../reports/format.js';
import { runReport } from '../reports/run.js';
import { writeSimulation } from '../sim/index.js';
import { intOption, parse } from './args.js';
import { openStore, withStore, type Globals } from './context.js';
import { serveUntilStopped } from './serve.js';
import { progressBar } from './progress.js';

const DEMO_TZ = 'America/New_York';

export const DEMO_HELP = `callkpi demo [--days 60] [--agents 40] [--seed 1] [--port 8080] [--no-serve]

Fills the database (--db, default ./callkpi.duckdb) with a deterministic simulated call center:
outbound predictive campaigns with lists of different quality, an inbound queue, agents with
breaks and skill differences, finance settings that change mid-period, goals, tickets, surveys,
QA and schedules. The data goes through the same import path as yours. Then it serves the\ndashboard on 127.0.0.1:PORT (Ctrl-C stops) unless --no-serve.`;

export async function demoCommand(argv: string[], g: Globals): Promise<number> {
  const { values } = parse(
    'demo',
    argv,
    {
      days: { type: 'string' },
      agents: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      'no-serve': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) return (console.log(DEMO_HELP), 0);
  const days = intOption('days', values.days, 60, 1);
  const agents = intOption('agents', values.agents, 40, 1);
  const seed = intOption('seed', values.seed, 1, 0);
  const port = intOption('port', values.port, 8080, 1);
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-demo-'));
  try {
    console.log(`simulating ${days} days of a ${agents}-agent call center (seed ${seed})…`);
    const files = await writeSimulation(dir, { days, agents, seed, timezone: DEMO_TZ });
    await withStore(g, async (store) => {
      const calls = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM calls`))?.n ?? 0;
      if (calls > 0 && (await store.getMeta('demo')) !== '1')
        throw new CallkpiError(
          'conflict',
          `${g.db} holds imported data; run the demo on another file: callkpi --db demo.duckdb demo`,
        );
      await store.setMeta('demo', '1');
      await store.setMeta('timezone', DEMO_TZ);
      for (const [type, paths] of Object.entries(files)) {
        for (const path of paths) {
          const bar = progressBar(`importing ${type}`);
          const s = await importFile(store, type, path, {
            timezone: DEMO_TZ,
            onProgress: (d, t) => bar.update(d, t),
          });
          bar.finish();
          console.log(
            `  ${type.padEnd(13)} ${s.accepted} accepted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected`,
          );
        }
      }
      for (const [name, by] of [
        ['funnel', undefined],
        ['roi', undefined],
        ['quality', []],
        ['tickets', undefined],
      ] as const) {
        const r = await runReport(store, name, by ? { by } : {});
        console.log(`\n${toTable(r)}`);
      }
      console.log(`\n${executiveTable(await runExecutive(store))}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (values['no-serve']) return 0;
  console.log('');
  return serveUntilStopped(await openStore(g), { host: '127.0.0.1', port });
}
