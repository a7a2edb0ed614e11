// Proves the ClickHouse from scripts/services/clickhouse.sh is a real server: version, MergeTree
// storage, and the time-zone functions the KPI queries rely on, across both 2024 US DST switches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chJson, chQuery, clickhouseSuiteName, requireClickhouse } from './clickhouse.js';

const url = requireClickhouse();
const TZ = 'America/New_York';
const db = `callkpi_smoke_${process.pid}_${Date.now()}`;

// Instants in UTC (stored in a DateTime('UTC') column), with their New York wall-clock time.
// 2024-03-10: at 02:00 EST (07:00Z) clocks jump to 03:00 EDT; 2024-11-03: at 02:00 EDT (06:00Z) back to 01:00 EST.
const rows: Array<[utc: string, agent: string, talk: number]> = [
  ['2024-03-10 04:30:00', 'ann', 10], // Sat 2024-03-09 23:30 EST
  ['2024-03-10 06:59:00', 'bob', 20], // Sun 2024-03-10 01:59 EST
  ['2024-03-10 07:00:00', 'ann', 30], // Sun 2024-03-10 03:00 EDT (02:xx never happens)
  ['2024-03-10 07:45:00', 'bob', 40], // Sun 2024-03-10 03:45 EDT
  ['2024-03-11 03:30:00', 'ann', 50], // Sun 2024-03-10 23:30 EDT
  ['2024-03-11 04:30:00', 'bob', 60], // Mon 2024-03-11 00:30 EDT
  ['2024-11-03 05:30:00', 'ann', 70], // Sun 2024-11-03 01:30 EDT (first 01:xx)
  ['2024-11-03 06:30:00', 'bob', 80], // Sun 2024-11-03 01:30 EST (second 01:xx)
  ['2024-11-03 06:10:00', 'ann', 90], // Sun 2024-11-03 01:10 EST (second 01:xx)
];

describe.skipIf(!url)(clickhouseSuiteName('ClickHouse smoke'), () => {
  beforeAll(async () => {
    await chQuery(`CREATE DATABASE ${db}`);
    await chQuery(
      `CREATE TABLE ${db}.calls (t DateTime('UTC'), agent String, talk UInt32)
       ENGINE = MergeTree() PARTITION BY toYYYYMM(t) ORDER BY (agent, t)`,
    );
    // Two INSERTs, so the table has several parts to read.
    const values = (part: typeof rows) => part.map(([t, a, s]) => `('${t}', '${a}', ${s})`).join(', ');
    await chQuery(`INSERT INTO ${db}.calls (t, agent, talk) VALUES ${values(rows.slice(0, 5))}`);
    await chQuery(`INSERT INTO ${db}.calls (t, agent, talk) VALUES ${values(rows.slice(5))}`);
  });

  afterAll(async () => {
    await chQuery(`DROP DATABASE IF EXISTS ${db}`);
    const left = await chJson<{ n: number }>(
      `SELECT toUInt32(count()) AS n FROM system.databases WHERE name = '${db}'`,
    );
    expect(left).toEqual([{ n: 0 }]);
  });

  it('answers SELECT version() with a version number', async () => {
    const version = (await chQuery('SELECT version()')).trim();
    expect(version).toMatch(/^\d+\.\d+/);
    console.log(`[callkpi] ClickHouse server version ${version}`);
  });

  it('rejects bad SQL with the server error text', async () => {
    await expect(chQuery('SELEC 1')).rejects.toThrow(/ClickHouse HTTP 400: Code: 62.*Syntax error/s);
  });

  it('stores the rows in a MergeTree table', async () => {
    const [row] = await chJson<{ engine: string }>(
      `SELECT engine FROM system.tables WHERE database = '${db}' AND name = 'calls'`,
    );
    expect(row?.engine).toBe('MergeTree');
    const [totals] = await chJson<{ n: number; talk: number }>(
      `SELECT toUInt32(count()) AS n, toUInt32(sum(talk)) AS talk FROM ${db}.calls`,
    );
    expect(totals).toEqual({ n: 9, talk: 450 });
  });

  it(`groups by toDate(t, '${TZ}') and toMonday on New York dates`, async () => {
    const daily = await chJson(
      `SELECT toString(toDate(t, '${TZ}')) AS day, toString(toMonday(toDate(t, '${TZ}'))) AS week,
              toUInt32(count()) AS calls, toUInt32(sum(talk)) AS talk
       FROM ${db}.calls GROUP BY day, week ORDER BY day`,
    );
    expect(daily).toEqual([
      { day: '2024-03-09', week: '2024-03-04', calls: 1, talk: 10 },
      { day: '2024-03-10', week: '2024-03-04', calls: 4, talk: 140 }, // 20 + 30 + 40 + 50
      { day: '2024-03-11', week: '2024-03-11', calls: 1, talk: 60 },
      { day: '2024-11-03', week: '2024-10-28', calls: 3, talk: 240 }, // 70 + 80 + 90
    ]);

    const weekly = await chJson(
      `SELECT toString(toMonday(toDate(t, '${TZ}'))) AS week, toUInt32(count()) AS calls, toUInt32(sum(talk)) AS talk
       FROM ${db}.calls GROUP BY week ORDER BY week`,
    );
    expect(weekly).toEqual([
      { week: '2024-03-04', calls: 5, talk: 150 },
      { week: '2024-03-11', calls: 1, talk: 60 },
      { week: '2024-10-28', calls: 3, talk: 240 },
    ]);
  });

  it(`groups by toStartOfHour(t, '${TZ}') across both DST switches`, async () => {
    const hourly = await chJson<{ unix: number; local: string; calls: number; talk: number }>(
      `SELECT toUInt32(toUnixTimestamp(toStartOfHour(t, '${TZ}'))) AS unix,
              toString(toStartOfHour(t, '${TZ}')) AS local,
              toUInt32(count()) AS calls, toUInt32(sum(talk)) AS talk
       FROM ${db}.calls GROUP BY unix, local ORDER BY unix`,
    );
    const got = hourly.map((h) => ({ ...h, unix: new Date(h.unix * 1000).toISOString() }));
    expect(got).toEqual([
      { unix: '2024-03-10T04:00:00.000Z', local: '2024-03-09 23:00:00', calls: 1, talk: 10 },
      { unix: '2024-03-10T06:00:00.000Z', local: '2024-03-10 01:00:00', calls: 1, talk: 20 },
      // no 02:00 bucket on 2024-03-10: the next hour after 01:00 EST is 03:00 EDT
      { unix: '2024-03-10T07:00:00.000Z', local: '2024-03-10 03:00:00', calls: 2, talk: 70 },
      { unix: '2024-03-11T03:00:00.000Z', local: '2024-03-10 23:00:00', calls: 1, talk: 50 },
      { unix: '2024-03-11T04:00:00.000Z', local: '2024-03-11 00:00:00', calls: 1, talk: 60 },
      // 01:00 happens twice on 2024-11-03: same wall-clock label, two different hours
      { unix: '2024-11-03T05:00:00.000Z', local: '2024-11-03 01:00:00', calls: 1, talk: 70 },
      { unix: '2024-11-03T06:00:00.000Z', local: '2024-11-03 01:00:00', calls: 2, talk: 170 },
    ]);
  });
});
