import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordType } from '../ingest/records.js';
import { monthOf } from './calendar.js';
import { dayExtras } from './extras.js';
import { FastCalls, MAX_LINE_BYTES, callRowOf, encodeCsvLine } from './fast.js';
import { FloorCarry, simulateFloor } from './floor.js';
import { planDay } from './plan.js';
import { columnsOf } from './rows.js';
import { setupTables } from './setup.js';
import type { Row, SimDay, SimOptions, SimTables } from './types.js';
import { buildWorld, type World } from './world.js';
import { CsvWriter, writeCsv } from './writer.js';

// The simulated call center (demo data, test fixtures, benchmarks). Its output is canonical rows of
// src/ingest/records.ts that go through the product's normal CSV import, so the demo exercises the
// same path as real data.

export type { Row, SimDay, SimOptions, SimTables } from './types.js';
export { GENERIC_DISPOSITIONS, VICIDIAL_DISPOSITIONS } from './dispositions.js';
export { CsvWriter, csvField, csvLine, writeCsv } from './writer.js';

/** Record types in the order they must be imported (meanings and dimensions before facts). */
export const IMPORT_ORDER = [
  'dispositions',
  'campaigns',
  'lists',
  'agents',
  'finance',
  'commissions',
  'goals',
  'schedules',
  'annotations',
  'calls',
  'agent-states',
  'tickets',
  'surveys',
  'qa',
] as const satisfies readonly RecordType[];

const isSetupType = (type: RecordType, tables: SimTables): type is RecordType & keyof SimTables =>
  type in tables;

/** The small tables: dispositions, campaigns, lists, agents, money settings, goals, schedules, annotations. */
export function simulateSetup(opts: SimOptions = {}): SimTables {
  return setupTables(buildWorld(opts));
}

/** One local day at a time, so long runs never hold more than a day of rows. */
export function* simulateDays(opts: SimOptions = {}): Generator<SimDay> {
  yield* daysOf(buildWorld(opts));
}

function* daysOf(world: World): Generator<SimDay> {
  if (world.callsPerDay !== null) {
    const fast = new FastCalls(world);
    for (let i = 0; i < world.days; i++) {
      const calls: SimDay['calls'] = [];
      for (const _ of fast.day(i, (v) => calls.push(callRowOf(v)))) continue; // pauses matter only to writers
      yield { date: world.dates[i]!, calls, agentStates: [], tickets: [], surveys: [], qa: [] };
    }
    return;
  }
  const carry = new FloorCarry(world);
  for (let i = 0; i < world.days; i++) {
    const plan = planDay(world, i);
    const floor = simulateFloor(world, plan, carry);
    const extras = dayExtras(world, plan, floor.handled, carry);
    yield { date: plan.date, calls: floor.calls, agentStates: floor.agentStates, ...extras };
  }
}

/**
 * Writes one CSV per record type into dir (calls and agent states one file per month) and returns the
 * files per record type in import order.
 */
export async function writeSimulation(dir: string, opts: SimOptions = {}): Promise<Record<string, string[]>> {
  const world = buildWorld(opts);
  await mkdir(dir, { recursive: true });
  const files: Record<string, string[]> = Object.fromEntries(IMPORT_ORDER.map((t) => [t, [] as string[]]));
  const tables = setupTables(world);
  for (const type of IMPORT_ORDER) {
    if (!isSetupType(type, tables)) continue;
    const path = join(dir, `${type}.csv`);
    await writeCsv(path, tables[type], columnsOf(type));
    files[type]!.push(path);
  }
  const monthly = {
    calls: new MonthlyFiles(dir, 'calls', files),
    states: new MonthlyFiles(dir, 'agent-states', files),
  };
  const single = (type: 'tickets' | 'surveys' | 'qa'): CsvWriter => {
    const path = join(dir, `${type}.csv`);
    files[type]!.push(path);
    return new CsvWriter(path, columnsOf(type));
  };
  const tail = { tickets: single('tickets'), surveys: single('surveys'), qa: single('qa') };
  const put = async (w: CsvWriter, rows: Row[]): Promise<void> => {
    for (const row of rows) await w.write(row);
  };
  try {
    if (world.callsPerDay !== null) {
      const fast = new FastCalls(world);
      for (let i = 0; i < world.days; i++)
        await writeFastDay(fast, i, await monthly.calls.writer(world.dates[i]!));
    } else {
      for (const day of daysOf(world)) {
        await put(await monthly.calls.writer(day.date), day.calls);
        if (day.agentStates.length) await put(await monthly.states.writer(day.date), day.agentStates);
        await put(tail.tickets, day.tickets);
        await put(tail.surveys, day.surveys);
        await put(tail.qa, day.qa);
      }
    }
  } finally {
    await Promise.all([
      monthly.calls.close(),
      monthly.states.close(),
      ...Object.values(tail).map((w) => w.close()),
    ]);
  }
  return files;
}

/** Encodes a fast-generator day straight into CSV bytes, one buffer per batch of calls. */
async function writeFastDay(fast: FastCalls, dayIdx: number, w: CsvWriter): Promise<void> {
  let buf = Buffer.allocUnsafe(1 << 21);
  let off = 0;
  let rows = 0;
  const sink = (v: string[]): void => {
    if (off + MAX_LINE_BYTES > buf.length) buf = Buffer.concat([buf.subarray(0, off)], buf.length * 2);
    off = encodeCsvLine(v, buf, off);
    rows++;
  };
  const flush = async (): Promise<void> => {
    const full = buf.subarray(0, off);
    buf = Buffer.allocUnsafe(buf.length);
    off = 0;
    await w.writeBytes(full, rows);
    rows = 0;
  };
  for (const _ of fast.day(dayIdx, sink)) await flush();
  await flush();
}

/** One writer per calendar month, opened on the month's first row. */
class MonthlyFiles {
  private month = '';
  private current: CsvWriter | null = null;

  constructor(
    private readonly dir: string,
    private readonly type: 'calls' | 'agent-states',
    private readonly files: Record<string, string[]>,
  ) {}

  async writer(date: string): Promise<CsvWriter> {
    if (this.current && monthOf(date) === this.month) return this.current;
    await this.current?.close();
    this.month = monthOf(date);
    const path = join(this.dir, `${this.type}-${this.month}.csv`);
    this.files[this.type]!.push(path);
    this.current = new CsvWriter(path, columnsOf(this.type));
    return this.current;
  }

  async close(): Promise<void> {
    await this.current?.close();
    this.current = null;
  }
}

/**
 * Streams calls straight to one CSV file and resolves to the number of rows: the path for benchmark
 * files of 10 M or 100 M rows. With `callsPerDay` set, lines are encoded directly from the fast
 * generator (no row objects); without it, the floor simulation's calls are written.
 */
export async function writeCallsCsv(path: string, opts: SimOptions): Promise<number> {
  const world = buildWorld(opts);
  const w = new CsvWriter(path, columnsOf('calls'));
  try {
    if (world.callsPerDay !== null) {
      const fast = new FastCalls(world);
      for (let i = 0; i < world.days; i++) await writeFastDay(fast, i, w);
    } else {
      for (const day of daysOf(world)) for (const row of day.calls) await w.write(row);
    }
  } finally {
    await w.close();
  }
  return w.rows;
}
