// The test fixture (test/helpers/fixture.ts) loaded into an in-memory DuckDB, and copied row for row
// into a throwaway ClickHouse database whose tables carry the names the compiled queries read.
//
// ClickHouse storage proper comes later; these tables only mirror DuckDB's: timestamps are
// DateTime('UTC'), strings String, flags UInt8, numbers Float64, dates Date, and a column is
// Nullable(...) exactly when DuckDB holds a NULL in it (so ClickHouse defaults stay visible).
import { rebuildRollups } from '../../src/storage/duckdb/rollups.js';
import {
  AGENT_TIME_KEYS,
  CALL_ROLLUP_KEYS,
  COARSE_KEYS,
  DEFAULT_THRESHOLDS,
} from '../../src/storage/rollup-columns.js';
import { AGENTS, AGENT_STATES, CALLS, DISPOSITIONS, FIXTURE_TZ, LISTS } from '../helpers/fixture.js';
import { csv, scratch } from '../helpers/store.js';
import { GOLDEN_CASES } from '../query/golden-cases.js';
import { chJson, chQuery } from './clickhouse.js';

export type Scratch = Awaited<ReturnType<typeof scratch>>;
type DuckStore = Scratch['store'];

/** A DuckDB table (or view) the compiled queries read, and the ClickHouse sorting key for its copy. */
export interface MirroredTable {
  readonly name: string;
  readonly orderBy: readonly string[];
}

export const MIRRORED_TABLES: readonly MirroredTable[] = [
  { name: 'calls', orderBy: ['campaign', 'started_at', 'call_id'] },
  { name: 'call_rollup', orderBy: ['hour_utc', ...CALL_ROLLUP_KEYS] },
  { name: 'call_rollup_coarse', orderBy: ['hour_utc', ...COARSE_KEYS] },
  { name: 'agent_time_hourly', orderBy: ['hour_utc', ...AGENT_TIME_KEYS] },
  { name: 'agent_states', orderBy: ['agent', 'started_at'] },
  { name: 'agents', orderBy: ['agent'] },
  { name: 'lists', orderBy: ['list'] },
  // A view on DuckDB; a plain table on ClickHouse, filled from the view.
  { name: 'status_flags', orderBy: ['campaign', 'status'] },
];

const hostileCampaigns = GOLDEN_CASES.hostile_filter?.where.campaign ?? [];
if (hostileCampaigns.length !== 2)
  throw new Error('golden case hostile_filter no longer filters two campaigns');

/**
 * Values the importer cannot take from a CSV (a quoted line break fails DuckDB's CSV reader, see
 * loadFixture): EXTRA_CALLS carries the placeholder, and loadFixture puts the value in its place.
 */
const HOSTILE_VALUES: Readonly<Record<string, string>> = {
  HOSTILE_CAMPAIGN_1: hostileCampaigns[0]!,
  HOSTILE_CAMPAIGN_2: hostileCampaigns[1]!,
  HOSTILE_TOPIC: 'topic, "quoted"\n\\ and \t ünïcödé 📞',
};

/**
 * Calls added to the fixture for a second run of the same cases, where the fixture alone leaves a
 * code path unexercised:
 * - x1: a1 also handles a CAMP2 call on 2026-03-02, so a1's campaign-less break (10:30-10:45) is
 *   split between CAMP1 (handle 190 s) and CAMP2 (150 s) when agent time is reported by campaign;
 * - x2, x3: campaigns named like the hostile_filter case's values, so its filter matches rows;
 * - x4-x7: New York's spring-forward Sunday (2026-03-08, 02:00 EST = 07:00Z) and the Monday after,
 *   for date, hour, week and day-of-week buckets on both sides of the switch.
 */
export const EXTRA_CALLS = csv(
  'call_id,started_at,direction,campaign,status,list,lead,agent,ring_sec,wait_sec,talk_sec,hold_sec,wrap_sec,topic',
  'x1,2026-03-02T10:40:00-05:00,outbound,CAMP2,XFER,L3,lead7,a1,3,1,120,0,30,',
  'x2,2026-03-02T12:00:00-05:00,outbound,HOSTILE_CAMPAIGN_1,SALE,L9,lead8,a2,2,1,60,0,5,billing',
  'x3,2026-03-02T12:05:00-05:00,outbound,HOSTILE_CAMPAIGN_2,NI,L9,lead9,a2,2,1,40,5,5,HOSTILE_TOPIC',
  'x4,2026-03-08T06:30:00Z,inbound,SUPPORT,HANDLED,,,a3,,4,60,0,10,',
  'x5,2026-03-08T07:30:00Z,inbound,SUPPORT,ABAND,,,,,30,,,,',
  'x6,2026-03-09T03:30:00Z,outbound,CAMP1,SALE,L1,lead10,a1,5,2,90,0,20,',
  'x7,2026-03-09T04:30:00Z,outbound,CAMP1,NA,L2,lead11,,20,,,,,',
);

/**
 * A fresh in-memory DuckDB holding the whole fixture, loaded as test/query/golden.test.ts does,
 * plus `extraCalls` (a calls CSV, e.g. EXTRA_CALLS) when given.
 */
export async function loadFixture(opts: { extraCalls?: string } = {}): Promise<Scratch> {
  const s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('agents', 'a.csv', AGENTS);
  await s.load('lists', 'l.csv', LISTS);
  await s.load('calls', 'c.csv', CALLS, { timezone: FIXTURE_TZ });
  if (opts.extraCalls) {
    const r = await s.load('calls', 'x.csv', opts.extraCalls, { timezone: FIXTURE_TZ });
    if (r.rejected) throw new Error(`extra calls rejected: ${JSON.stringify(r)}`);
    // A quoted line break in a CSV field fails the import ("The parallel scanner does not support
    // null_padding in conjunction with quoted new lines"), so hostile values are set afterwards and
    // the rollups rebuilt from the raw rows.
    for (const [placeholder, value] of Object.entries(HOSTILE_VALUES)) {
      await s.store.run(`UPDATE calls SET campaign = $2 WHERE campaign = $1`, [placeholder, value]);
      await s.store.run(`UPDATE calls SET topic = $2 WHERE topic = $1`, [placeholder, value]);
      await s.store.run(`UPDATE call_status_keys SET campaign = $2 WHERE campaign = $1`, [
        placeholder,
        value,
      ]);
    }
  }
  await s.load('agent-states', 's.csv', AGENT_STATES, { timezone: FIXTURE_TZ });
  if (opts.extraCalls) await rebuildRollups(s.store, DEFAULT_THRESHOLDS);
  return s;
}

export interface MirroredColumn {
  readonly name: string;
  /** DuckDB's information_schema data_type */
  readonly duckType: string;
  readonly chType: string;
}

export const isTimestamp = (duckType: string): boolean => duckType.startsWith('TIMESTAMP');

function chBaseType(duckType: string): string {
  if (isTimestamp(duckType)) return "DateTime('UTC')";
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(duckType);
  if (dec) return `Decimal(${dec[1]}, ${dec[2]})`;
  switch (duckType) {
    case 'VARCHAR':
      return 'String';
    case 'BOOLEAN':
      return 'UInt8';
    case 'DATE':
      return 'Date';
    case 'DOUBLE':
    case 'FLOAT':
    case 'INTEGER':
    case 'BIGINT':
    case 'HUGEINT':
    case 'SMALLINT':
    case 'TINYINT':
      return 'Float64';
    default:
      throw new Error(`no ClickHouse type for DuckDB ${duckType}`);
  }
}

const duckIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const chIdent = (name: string): string => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

/** The columns of a DuckDB table or view in order, with the ClickHouse type of their copy. */
export async function mirroredColumns(store: DuckStore, table: string): Promise<MirroredColumn[]> {
  const cols = await store.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  if (cols.length === 0) throw new Error(`DuckDB has no table ${table}`);
  const nulls = await store.one<Record<string, number>>(
    `SELECT ${cols.map((c, i) => `count(*) - count(${duckIdent(c.name)}) AS n${i}`).join(', ')} FROM ${duckIdent(table)}`,
  );
  return cols.map((c, i) => {
    const base = chBaseType(c.type);
    return {
      name: c.name,
      duckType: c.type,
      chType: Number(nulls?.[`n${i}`] ?? 0) > 0 ? `Nullable(${base})` : base,
    };
  });
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD hh:mm:ss' in UTC, as DateTime('UTC') reads and prints it. */
export function utcText(d: Date): string {
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** One DuckDB value as ClickHouse's JSONEachRow reads it for the column's type. */
export function chJsonValue(v: unknown): unknown {
  if (v == null) return null;
  if (v instanceof Date) {
    if (v.getUTCMilliseconds() !== 0) throw new Error(`sub-second instant ${v.toISOString()} in the fixture`);
    return utcText(v);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export interface MirrorResult {
  readonly table: string;
  readonly columns: readonly MirroredColumn[];
  readonly rows: number;
}

/** Creates `db`.`table` on ClickHouse like DuckDB's and copies every row into it. */
export async function mirrorTable(store: DuckStore, db: string, t: MirroredTable): Promise<MirrorResult> {
  const columns = await mirroredColumns(store, t.name);
  const target = `${chIdent(db)}.${chIdent(t.name)}`;
  await chQuery(
    `CREATE TABLE ${target} (${columns.map((c) => `${chIdent(c.name)} ${c.chType}`).join(', ')})
     ENGINE = MergeTree ORDER BY (${t.orderBy.map(chIdent).join(', ')})`,
  );
  const rows = await store.all(`SELECT * FROM ${duckIdent(t.name)}`);
  if (rows.length > 0) {
    const lines = rows.map((r) =>
      JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, chJsonValue(r[c.name])]))),
    );
    await chQuery(`INSERT INTO ${target} FORMAT JSONEachRow\n${lines.join('\n')}\n`);
  }
  return { table: t.name, columns, rows: rows.length };
}

/** Every row of a mirrored table as ClickHouse returns it (for the copy check). */
export async function chTableRows(db: string, t: MirroredTable): Promise<Record<string, unknown>[]> {
  return chJson(`SELECT * FROM ${chIdent(db)}.${chIdent(t.name)}`);
}

/** A database name no other run uses: callkpi_<tag>_<pid>_<time>_<random>. */
export function throwawayDatabase(tag: string): string {
  return `callkpi_${tag}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
}

export { chIdent };
