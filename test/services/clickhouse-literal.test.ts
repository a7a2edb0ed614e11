// ClickHouse 18.16 has no bound parameters, so every value in the compiled SQL is spelled by the
// dialect's one literal encoder. This proves, on the real server, that each encoded value reads
// back as exactly the value encoded: byte for byte for strings (hex and length, not only JSON),
// as the same double for numbers, and as 1/0/NULL for booleans and null; and that the values
// work where the compiler puts them (SELECT list, `=`, `IN`) against stored rows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDialect } from '../../src/query/dialects/index.js';
import { encodeClickHouseString } from '../../src/query/dialects/clickhouse-dialect.js';
import { col, eq, inList, param, select, table, type ParamValue } from '../../src/query/sql.js';
import { GOLDEN_CASES } from '../query/golden-cases.js';
import { chJson, chQuery, clickhouseSuiteName, requireClickhouse } from './clickhouse.js';
import { Rng } from '../../src/sim/prng.js';

const url = requireClickhouse();
const ch = getDialect('clickhouse');
const db = `callkpi_literal_${process.pid}_${Date.now()}`;

/** mulberry32: a fixed seed, so a failure names a string that can be made again. */
function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

const range = (from: number, to: number): string =>
  String.fromCharCode(...Array.from({ length: to - from + 1 }, (_, i) => from + i));

/** 10 240 characters U+0001..U+00FF (each at least once, the rest at random), sent as UTF-8. */
function randomLatin1(length: number, seed: number): string {
  const next = prng(seed);
  const codes = Array.from({ length: 255 }, (_, i) => i + 1);
  while (codes.length < length) codes.push(1 + Math.floor(next() * 255));
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  return String.fromCharCode(...codes);
}

const hostileFilter = GOLDEN_CASES.hostile_filter?.where.campaign ?? [];

const STRINGS: readonly (readonly [label: string, value: string])[] = [
  ['empty', ''],
  ['single quote', "'"],
  ['two single quotes', "''"],
  ['quote inside', "O'Brien"],
  ['backslash', '\\'],
  ['two backslashes', '\\\\'],
  ['backslash then quote', "\\'"],
  ['quote then backslash', "'\\"],
  ['trailing backslash', 'abc\\'],
  ['escape-looking text', '\\n\\t\\0\\x41\\u0041\\N'],
  ['line feed', '\n'],
  ['carriage return', '\r'],
  ['CRLF', 'a\r\nb'],
  ['tab', '\t'],
  ['NUL', '\0'],
  ['NUL inside', 'a\0b\0'],
  ['backspace, form feed, vertical tab', '\b\f\v'],
  ['other controls and DEL', '\x01\x1a\x1b\x1f\x7f'],
  ['every control character', range(1, 31)],
  ['SQL injection', "'; DROP TABLE x; --"],
  ['SQL injection with backslash', "\\'; DROP TABLE x; --"],
  ['comment openers', '/* -- # */'],
  ['other quotes', '"double" `backtick` \u2018curly\u2019 \u201cdouble curly\u201d'],
  ['placeholder-looking text', '? $1 {p:String} %s :name @x'],
  ['TSV NULL marker', '\\N'],
  ['NULL as text', 'NULL'],
  ['unicode', 'ünïcödé Ελληνικά 日本語 עברית العربية'],
  ['combining marks and BOM', 'e\u0301 \uFEFF zero\u200Bwidth'],
  ['line and paragraph separators', '\u2028\u2029\u0085'],
  ['emoji', '📞☎️ 👩🏽‍💻 🏳️‍🌈 🇺🇸'],
  ['astral plane letters', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱'],
  ['U+FFFF and U+10FFFF', '\uFFFF \u{10FFFF}'],
  ...hostileFilter.map((v, i) => [`golden hostile_filter value ${i + 1}`, v] as const),
  ['every char U+0001..U+00FF in order', range(1, 255)],
  ['10 KB random U+0001..U+00FF', randomLatin1(10_240, 20260302)],
  ['4 000 backslash-quote pairs', "\\'".repeat(4000)],
];

const utf8Hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

describe.skipIf(!url)(clickhouseSuiteName('ClickHouse literal encoder round-trips on the server'), () => {
  beforeAll(async () => {
    await chQuery(`CREATE DATABASE ${db}`);
    await chQuery(`CREATE TABLE ${db}.strings (id UInt32, s String) ENGINE = Memory`);
    // Stored through JSONEachRow, not through the encoder under test.
    const rows = STRINGS.map(([, s], id) => JSON.stringify({ id, s }));
    await chQuery(`INSERT INTO ${db}.strings FORMAT JSONEachRow\n${rows.join('\n')}\n`);
  });

  afterAll(async () => {
    await chQuery(`DROP DATABASE IF EXISTS ${db}`);
  });

  test('the encoder is the dialect literal for strings', () => {
    for (const [, s] of STRINGS) expect(ch.literal(s)).toBe(`'${encodeClickHouseString(s)}'`);
  });

  test.each(STRINGS.map(([label, value], id) => [label, value, id] as const))(
    'string %s: SELECT <literal> gives it back byte for byte',
    async (_label, value, id) => {
      const lit = ch.literal(value);
      const [row] = await chJson<{ s: string; hex: string; bytes: number }>(
        `SELECT ${lit} AS s, hex(${lit}) AS hex, toUInt32(length(${lit})) AS bytes`,
      );
      expect(row?.s).toBe(value);
      expect(row?.hex).toBe(utf8Hex(value));
      expect(row?.bytes).toBe(Buffer.byteLength(value, 'utf8'));

      // Where the compiler puts values: the SELECT list, `=` and `IN` against a stored row. (Not
      // aliased `s`: a ClickHouse alias shadows the column of that name in WHERE.)
      const { sql, params } = ch.render(
        select({
          columns: [
            ['id', col('id')],
            ['v', param(value)],
            ['same', eq(param(value), col('s'))],
          ],
          from: table('strings'),
          where: inList(col('s'), [value, `${value}\0other`]),
        }),
      );
      expect(params).toEqual([]);
      const stored = await chJson<{ id: number; v: string; same: number }>(sql, { database: db });
      expect(stored).toEqual([{ id, v: value, same: 1 }]);
    },
  );

  test('all strings in one IN list match every stored row and nothing else', async () => {
    const { sql } = ch.render(
      select({
        columns: [['id', col('id')]],
        from: table('strings'),
        where: inList(
          col('s'),
          STRINGS.map(([, s]) => s),
        ),
        orderBy: [[col('id'), 'ASC']],
      }),
    );
    const ids = (await chJson<{ id: number }>(sql, { database: db })).map((r) => r.id);
    expect(ids).toEqual(STRINGS.map((_, i) => i));
    const [none] = await chJson<{ n: number }>(
      `SELECT toUInt32(count()) AS n FROM strings WHERE s IN (${ch.literal("O'Brien ")}, ${ch.literal('\\\\N')})`,
      { database: db },
    );
    expect(none?.n).toBe(0);
  });

  const NUMBERS: readonly number[] = [
    0,
    1,
    -1,
    42,
    255,
    256,
    65_536,
    -129,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    2 ** 63,
    -(2 ** 63),
    2 ** 64,
    1e21,
    -1e21,
    1.5,
    -1.5,
    0.1,
    0.1 + 0.2,
    1 / 3,
    Math.PI,
    1e-7,
    -2.5e-9,
    123.456e200,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    2.2250738585072014e-308, // the smallest normal double
    Number.EPSILON,
  ];

  test.each(NUMBERS.map((n) => [String(n), n] as const))(
    'number %s: SELECT <literal> gives it back',
    async (_s, n) => {
      const [row] = await chJson<{ v: number | string }>(`SELECT ${ch.literal(n)} AS v`);
      // 64-bit integer types come back as JSON strings.
      expect(Number(row?.v)).toBe(n);
    },
  );

  test('negative zero is encoded as 0', async () => {
    expect(ch.literal(-0)).toBe('0');
    const [row] = await chJson<{ v: number }>(`SELECT ${ch.literal(-0)} AS v`);
    expect(row?.v).toBe(0);
  });

  // 18.16 cannot parse a subnormal literal (5e-324 is a syntax error there): the dialect spells
  // such numbers by their bytes, and this proves the server reads them back exactly.
  test.each([5e-324, 1e-308, -2.225073858507201e-308].map((n) => [String(n), n] as const))(
    'subnormal number %s: SELECT <literal> gives it back',
    async (_s, n) => {
      const [row] = await chJson<{ v: number }>(`SELECT ${ch.literal(n)} AS v`);
      expect(row?.v).toBe(n);
    },
  );

  test('non-finite numbers are refused, never sent', () => {
    for (const n of [NaN, Infinity, -Infinity]) expect(() => ch.literal(n)).toThrow(/cannot encode/);
  });

  test.each([
    [true, 1],
    [false, 0],
  ] as const)('boolean %s reads as %i, in the SELECT list and as a condition', async (b, expected) => {
    expect(ch.literal(b)).toBe(String(expected));
    const [row] = await chJson<{ v: number; cond: number; n: number }>(
      `SELECT ${ch.literal(b)} AS v, if(${ch.literal(b)}, 1, 0) AS cond,
              (SELECT toUInt8(count()) FROM system.one WHERE ${ch.literal(b)}) AS n`,
    );
    expect(row).toEqual({ v: expected, cond: expected, n: expected });
  });

  test('null reads as NULL', async () => {
    const value: ParamValue = null;
    expect(ch.literal(value)).toBe('NULL');
    const [row] = await chJson<{ v: null; isnull: number }>(
      `SELECT ${ch.literal(value)} AS v, isNull(${ch.literal(value)}) AS isnull`,
    );
    expect(row).toEqual({ v: null, isnull: 1 });
  });
});
