// Proves the ClickHouse text the compiler emits runs on a real server (18.16 from Debian 12) and
// gives the numbers DuckDB gives: the fixture is loaded into DuckDB, copied row for row into a
// throwaway ClickHouse database, and every part of every golden case (grouped as asked, and
// ungrouped as for totals) runs on both engines; rows are matched on d0, d1, ... Twice: on the
// fixture, and on the fixture plus EXTRA_CALLS (multi-campaign attribution, hostile campaign
// names, the spring-forward weekend), which is where the one gap below shows.
//
// Measures that are NULL on DuckDB and 0 on ClickHouse (a sum with a filter no row passes:
// FILTER gives NULL, sumIf 0) are listed on stdout and pass: runQuery reads both as 0.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Dialect } from '../../src/query/dialect.js';
import { getDialect } from '../../src/query/dialects/index.js';
import { partSelect, planQuery, type Part, type Plan } from '../../src/query/plan.js';
import type { Select } from '../../src/query/sql.js';
import { GOLDEN_CASES } from '../query/golden-cases.js';
import { chJson, chQuery, clickhouseSuiteName, requireClickhouse } from './clickhouse.js';
import {
  chIdent,
  EXTRA_CALLS,
  chTableRows,
  isTimestamp,
  loadFixture,
  mirrorTable,
  MIRRORED_TABLES,
  throwawayDatabase,
  utcText,
  type MirrorResult,
  type Scratch,
} from './clickhouse-fixture.js';

const url = requireClickhouse();
const duckdb = getDialect('duckdb');
const clickhouse = getDialect('clickhouse');

// EXTRA_CALLS gives agent a1 calls in two campaigns on one day, so campaign-less agent time must be
// split across both: the case that once lost time on ClickHouse when joins were ANY (one match).

interface Scenario {
  readonly name: string;
  readonly tag: string;
  readonly extraCalls?: string;
  /** Cases whose filters match no row here, so an empty result on both engines is the answer. */
  readonly emptyCases: ReadonlySet<string>;
  /**
   * Parts that do not (yet) agree, keyed `<case> [<part>]` (plus ` totals` for the ungrouped query),
   * with the reason: each runs as test.fails, so the suite documents the gap until the dialect or
   * the tree is fixed (and fails loudly once it is, to be removed from here).
   */
  readonly knownGaps: Readonly<Record<string, string>>;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'the fixture', tag: 'conformance', emptyCases: new Set(['hostile_filter']), knownGaps: {} },
  {
    name: 'the fixture plus EXTRA_CALLS',
    tag: 'conformance_extra',
    extraCalls: EXTRA_CALLS,
    emptyCases: new Set(),
    knownGaps: {},
  },
];

type Row = Record<string, unknown>;
type Value = string | number | null;

interface ChResult {
  meta: { name: string; type: string }[];
  data: Row[];
}

const isDimension = (column: string): boolean => /^d\d+$/.test(column);
const unwrapType = (t: string): string => t.replace(/^Nullable\((.*)\)$/, '$1');
const isChDateTime = (t: string): boolean => /^DateTime\b/.test(unwrapType(t));
const isChWideNumber = (t: string): boolean => /^(U?Int(64|128|256)|Decimal)/.test(unwrapType(t));

/** A DuckDB value as compared: instants to epoch seconds, dates stay 'YYYY-MM-DD'. */
function duckValue(v: unknown): Value {
  if (v == null) return null;
  if (v instanceof Date) return v.getTime() / 1000;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new Error(`unexpected DuckDB value ${String(v)}`);
}

/** A ClickHouse JSON value as compared: 64-bit integers arrive as strings. */
function chValue(v: unknown, type: string): Value {
  if (v == null) return null;
  if (isChWideNumber(type)) return Number(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new Error(`unexpected ClickHouse value ${String(v)} of type ${type}`);
}

async function runDuck(store: Scratch['store'], s: Select): Promise<Row[]> {
  const { sql, params } = duckdb.render(s);
  return (await store.all(sql, params)).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, duckValue(v)])),
  );
}

/**
 * Runs the compiled text as is. DateTime results print as wall-clock text in the column's zone (a
 * fall-back hour prints twice), so those columns are read again as epoch seconds by an outer SELECT
 * around the unchanged query.
 */
async function runClickhouse(
  db: string,
  s: Select,
  dialect: Dialect = clickhouse,
): Promise<{ sql: string; rows: Row[] }> {
  const { sql, params } = dialect.render(s);
  expect(params).toEqual([]);
  const first = JSON.parse(await chQuery(`${sql}\nFORMAT JSON`, { database: db })) as ChResult;
  let { meta, data } = first;
  if (meta.some((m) => isChDateTime(m.type))) {
    const cols = meta.map((m) =>
      isChDateTime(m.type)
        ? `toUInt32(${chIdent(m.name)}) AS ${chIdent(`epoch_${m.name}`)}`
        : `${chIdent(m.name)} AS ${chIdent(`as_is_${m.name}`)}`,
    );
    const again = JSON.parse(
      await chQuery(`SELECT ${cols.join(', ')} FROM (${sql})\nFORMAT JSON`, { database: db }),
    ) as ChResult;
    data = again.data.map((r) =>
      Object.fromEntries(
        meta.map((m) => [m.name, r[isChDateTime(m.type) ? `epoch_${m.name}` : `as_is_${m.name}`]]),
      ),
    );
    meta = meta.map((m) => (isChDateTime(m.type) ? { name: m.name, type: 'UInt32' } : m));
  }
  const types = new Map(meta.map((m) => [m.name, m.type]));
  return {
    sql,
    rows: data.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, chValue(v, types.get(k)!)])),
    ),
  };
}

const keyOf = (r: Row): string =>
  JSON.stringify(
    Object.keys(r)
      .filter(isDimension)
      .sort()
      .map((k) => r[k]),
  );

function byKey(rows: readonly Row[], engine: string): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const k = keyOf(r);
    expect(out.has(k), `${engine} returned two rows for dimensions ${k}`).toBe(false);
    out.set(k, r);
  }
  return out;
}

/**
 * Compares two result sets row by row (matched on d0, d1, ...). A measure that is NULL on one engine
 * and 0 on the other (an empty filtered sum: DuckDB's FILTER gives NULL, ClickHouse's sumIf 0) is
 * read alike by runQuery (Number(value ?? 0)); those are collected in `nullVsZero`, not failed.
 */
function compareRows(label: string, duck: readonly Row[], ch: readonly Row[], nullVsZero: string[]): void {
  const d = byKey(duck, 'DuckDB');
  const c = byKey(ch, 'ClickHouse');
  expect([...c.keys()].sort(), `${label}: the same dimension rows`).toEqual([...d.keys()].sort());
  for (const [k, dr] of d) {
    const cr = c.get(k)!;
    expect(Object.keys(cr).sort(), `${label}: the same columns`).toEqual(Object.keys(dr).sort());
    for (const column of Object.keys(dr)) {
      const dv = dr[column] as Value;
      const cv = cr[column] as Value;
      const where = `${label} ${column} at ${k}`;
      if (isDimension(column)) {
        expect(cv, where).toEqual(dv);
        continue;
      }
      if ((dv == null) !== (cv == null)) {
        // runQuery reads every measure as Number(value ?? 0); anything but 0 against NULL is a real difference.
        expect(Number(dv ?? 0), `${where}: NULL on one engine, ${String(dv ?? cv)} on the other`).toBe(
          Number(cv ?? 0),
        );
        nullVsZero.push(`${where}: DuckDB ${String(dv)}, ClickHouse ${String(cv)}`);
        continue;
      }
      if (dv == null) continue;
      expect(typeof cv, where).toBe('number');
      expect(cv as number, where).toBeCloseTo(dv as number, 9);
    }
  }
}

interface Case {
  readonly id: string;
  readonly name: string;
  readonly plan: Plan;
  readonly part: Part;
  readonly totals: boolean;
}

const cases: Case[] = Object.entries(GOLDEN_CASES).flatMap(([name, req]) => {
  const plan = planQuery(req);
  return plan.parts.flatMap((part) =>
    [false, true].map((totals) => ({
      id: `${name} [${part.key}]${totals ? ' totals' : ''}`,
      name,
      plan,
      part,
      totals,
    })),
  );
});

for (const sc of SCENARIOS)
  describe.skipIf(!url)(
    clickhouseSuiteName(`ClickHouse conformance on ${sc.name}: golden cases give DuckDB numbers`),
    () => {
      const db = throwawayDatabase(sc.tag);
      let s: Scratch | undefined;
      const mirrored: MirrorResult[] = [];
      const nullVsZero: string[] = [];

      beforeAll(async () => {
        s = await loadFixture(sc.extraCalls ? { extraCalls: sc.extraCalls } : {});
        await chQuery(`CREATE DATABASE ${chIdent(db)}`);
        for (const t of MIRRORED_TABLES) mirrored.push(await mirrorTable(s.store, db, t));
      });

      afterAll(async () => {
        if (nullVsZero.length)
          console.log(
            `[callkpi] ${sc.name}: NULL on one engine, 0 on the other (read alike by runQuery):\n  ${nullVsZero.join('\n  ')}`,
          );
        await s?.done();
        await chQuery(`DROP DATABASE IF EXISTS ${chIdent(db)}`);
        const left = await chJson<{ n: number }>(
          `SELECT toUInt32(count()) AS n FROM system.databases WHERE name = '${db}'`,
        );
        expect(left).toEqual([{ n: 0 }]);
      });

      test.each(MIRRORED_TABLES.map((t) => t.name))(
        'the ClickHouse copy of %s holds every DuckDB row',
        async (name) => {
          const m = mirrored.find((x) => x.table === name)!;
          const t = MIRRORED_TABLES.find((x) => x.name === name)!;
          const asText = (v: unknown): unknown =>
            v instanceof Date ? utcText(v) : typeof v === 'boolean' ? Number(v) : v;
          const duck = (await s!.store.all(`SELECT * FROM "${name}"`)).map((r) =>
            JSON.stringify(m.columns.map((c) => asText(r[c.name]))),
          );
          const ch = (await chTableRows(db, t)).map((r) =>
            JSON.stringify(
              m.columns.map((c) => {
                const v = r[c.name];
                return v != null && isChWideNumber(c.chType) ? Number(v) : v;
              }),
            ),
          );
          expect(m.rows).toBeGreaterThan(0);
          expect(duck.length).toBe(m.rows);
          expect(ch.sort()).toEqual(duck.sort());
          for (const c of m.columns.filter((x) => isTimestamp(x.duckType)))
            expect(c.chType).toMatch(/DateTime\('UTC'\)/);
        },
      );

      for (const c of cases) {
        const gap = sc.knownGaps[c.id];
        const run = gap ? test.fails : test;
        run(gap ? `${c.id} (known gap: ${gap})` : c.id, async () => {
          const sel = partSelect(c.plan, c.part, c.totals ? [] : c.plan.req.by);
          const duck = await runDuck(s!.store, sel);
          const ch = await runClickhouse(db, sel);
          if (!sc.emptyCases.has(c.name))
            expect(duck.length, 'the data gives this part rows').toBeGreaterThan(0);
          compareRows(c.id, duck, ch.rows, nullVsZero);
        });
      }
    },
  );
