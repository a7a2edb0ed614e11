import { writeCallsCsv as simulateCallsCsv } from '../src/sim/index.js';

/**
 * The canonical calls CSV for benchmarks and large tests, from the simulator's fast generator
 * (same outcome and handle-time models as the demo floor, without its clock): exactly `rows`
 * calls over `days` local days from `start`.
 */
export async function writeCallsCsv(
  path: string,
  opts: { rows: number; start: Date; days: number; agents?: number },
): Promise<number> {
  if (opts.rows % opts.days !== 0)
    throw new Error(
      `${opts.rows} rows do not divide into ${opts.days} days: the generator writes a fixed number per day`,
    );
  const written = await simulateCallsCsv(path, {
    start: opts.start.toISOString().slice(0, 10),
    days: opts.days,
    callsPerDay: opts.rows / opts.days,
    ...(opts.agents ? { agents: opts.agents } : {}),
  });
  if (written !== opts.rows) throw new Error(`the generator wrote ${written} rows, expected ${opts.rows}`);
  return written;
}
