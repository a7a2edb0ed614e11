import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeCallsCsv } from '../../bench/gen-calls.js';
import { importFile } from '../../src/ingest/import.js';
import type { DuckStore } from '../../src/storage/duckdb/connection.js';
import { CALL_COUNTER_NAMES } from '../../src/storage/rollup-columns.js';
import { AGENT_STATES, CALLS, DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { csv, scratch } from '../helpers/store.js';

// Re-importing a file changes nothing; re-importing it with one value changed updates exactly that
// row, and the hourly rollups stay equal to an aggregate of the raw rows throughout.

let s: Awaited<ReturnType<typeof scratch>>;
beforeEach(async () => {
  s = await scratch();
  await s.load('dispositions', 'dispositions.csv', DISPOSITIONS);
});
afterEach(() => s.done());

/** Everything an import may change, in a comparable form. */
async function snapshot(store: DuckStore): Promise<unknown> {
  return {
    calls: await store.all(`SELECT * FROM calls ORDER BY call_id`),
    agent_states: await store.all(`SELECT * FROM agent_states ORDER BY agent, started_at`),
    call_rollup: await store.all(`SELECT * FROM call_rollup WHERE n <> 0 ORDER BY ALL`),
    call_rollup_coarse: await store.all(`SELECT * FROM call_rollup_coarse WHERE n <> 0 ORDER BY ALL`),
    agent_time_hourly: await store.all(`SELECT * FROM agent_time_hourly WHERE seconds <> 0 ORDER BY ALL`),
    call_status_keys: await store.all(`SELECT * FROM call_status_keys ORDER BY ALL`),
  };
}

/** A rollup grouped by `keys`, next to the same sums computed from the raw calls. */
async function rollupAndRaw(
  store: DuckStore,
  rollup: string,
  keys: string,
): Promise<{ rollup: unknown[]; raw: unknown[] }> {
  return {
    rollup: await store.all(
      `SELECT hour_utc, ${keys}, sum(n) AS n, sum(talk_sec) AS talk, sum(wait_sec) AS wait, sum(handled) AS handled,
         sum(handled_talk_sec) AS handled_talk
       FROM ${rollup} GROUP BY ALL HAVING sum(n) <> 0 ORDER BY ALL`,
    ),
    raw: await store.all(
      `SELECT date_trunc('hour', started_at) AS hour_utc, ${keys},
         CAST(count(*) AS DOUBLE) AS n, sum(coalesce(talk_sec, 0)) AS talk, sum(coalesce(wait_sec, 0)) AS wait,
         CAST(count(*) FILTER (WHERE agent <> '' AND coalesce(talk_sec, 0) > 0) AS DOUBLE) AS handled,
         sum(CASE WHEN agent <> '' AND coalesce(talk_sec, 0) > 0 THEN talk_sec ELSE 0 END) AS handled_talk
       FROM calls GROUP BY ALL ORDER BY ALL`,
    ),
  };
}

async function expectRollupsMatchRaw(store: DuckStore): Promise<void> {
  const totals = await store.one(
    `SELECT (SELECT coalesce(sum(n), 0) FROM call_rollup) AS rollup_n, (SELECT count(*) FROM calls) AS calls,
       (SELECT coalesce(sum(talk_sec), 0) FROM call_rollup) AS rollup_talk,
       (SELECT coalesce(sum(talk_sec), 0) FROM calls) AS calls_talk`,
  );
  expect(totals!.rollup_n).toBe(totals!.calls);
  expect(totals!.rollup_talk).toBe(totals!.calls_talk);
  for (const [table, keys] of [
    ['call_rollup', 'direction, campaign, list, agent, status'],
    ['call_rollup_coarse', 'direction, campaign, list, status'],
  ] as const) {
    const { rollup, raw } = await rollupAndRaw(store, table, keys);
    expect(rollup, table).toEqual(raw);
  }
}

const tz = { timezone: FIXTURE_TZ };

describe.each([
  ['one batch', undefined],
  ['batches of 5 rows', 5],
])('re-importing the fixture calls (%s)', (_name, batchRows) => {
  const opts = { ...tz, ...(batchRows ? { batchRows } : {}) };

  test('the same file twice: all unchanged, nothing in the database changes', async () => {
    // test/helpers/fixture.ts CALLS has 12 rows, all valid
    expect(await s.load('calls', 'calls.csv', CALLS, opts)).toMatchObject({
      accepted: 12,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const before = await snapshot(s.store);
    expect(await s.load('calls', 'calls.csv', CALLS, opts)).toMatchObject({
      accepted: 0,
      updated: 0,
      unchanged: 12,
      rejected: 0,
    });
    expect(await snapshot(s.store)).toEqual(before);
    await expectRollupsMatchRaw(s.store);
  });

  test('one changed talk time: 1 updated, 11 unchanged, rollups follow', async () => {
    await s.load('calls', 'calls.csv', CALLS, opts);
    // c3: talk_sec 50 → 70
    const changed = CALLS.replace(
      'c3,2026-03-02T10:05:00-05:00,outbound,CAMP1,NI,L1,lead2,a1,4,2,50,0,10',
      'c3,2026-03-02T10:05:00-05:00,outbound,CAMP1,NI,L1,lead2,a1,4,2,70,0,10',
    );
    expect(changed).not.toBe(CALLS);
    expect(await s.load('calls', 'calls.csv', changed, opts)).toMatchObject({
      accepted: 0,
      updated: 1,
      unchanged: 11,
      rejected: 0,
    });
    // fixture talk_sec: c1 100 + c3 50 + c6 200 + c7 5 + i1 300 + i2 100 = 755; now c3 is 70
    expect(await s.store.one(`SELECT sum(talk_sec) AS t FROM call_rollup`)).toEqual({ t: 775 });
    await expectRollupsMatchRaw(s.store);
  });

  test('one changed status moves the call from one rollup key to another', async () => {
    await s.load('calls', 'calls.csv', CALLS, opts);
    // c2: NA → B, so its rollup row (CAMP1, L1, '', NA) loses the call and (CAMP1, L1, '', B) gains it
    const changed = CALLS.replace(
      'c2,2026-03-02T10:01:00-05:00,outbound,CAMP1,NA,',
      'c2,2026-03-02T10:01:00-05:00,outbound,CAMP1,B,',
    );
    expect(changed).not.toBe(CALLS);
    expect(await s.load('calls', 'calls.csv', changed, opts)).toMatchObject({ updated: 1, unchanged: 11 });
    expect(
      await s.store.one(
        `SELECT coalesce(sum(n) FILTER (WHERE status = 'NA'), 0) AS na, sum(n) FILTER (WHERE status = 'B') AS b
         FROM call_rollup`,
      ),
    ).toEqual({ na: 0, b: 1 });
    await expectRollupsMatchRaw(s.store);
    // and back again: the original file now updates c2 once more and is otherwise unchanged
    expect(await s.load('calls', 'calls.csv', CALLS, opts)).toMatchObject({ updated: 1, unchanged: 11 });
    await expectRollupsMatchRaw(s.store);
  });
});

test('every rollup counter survives a re-import of a generated file in small batches', async () => {
  const path = join(s.dir, 'gen.csv');
  await writeCallsCsv(path, { rows: 3000, start: new Date('2026-03-01T00:00:00Z'), days: 2 });
  const first = await importFile(s.store, 'calls', path, { timezone: 'UTC', batchRows: 700 });
  expect(first).toMatchObject({ accepted: 3000, updated: 0, unchanged: 0, rejected: 0 });
  const before = await snapshot(s.store);
  const sums = `SELECT ${CALL_COUNTER_NAMES.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM call_rollup`;
  const sumsBefore = await s.store.one(sums);
  const again = await importFile(s.store, 'calls', path, { timezone: 'UTC', batchRows: 1100 });
  expect(again).toMatchObject({ accepted: 0, updated: 0, unchanged: 3000, rejected: 0 });
  expect(await snapshot(s.store)).toEqual(before);
  expect(await s.store.one(sums)).toEqual(sumsBefore);
  await expectRollupsMatchRaw(s.store);

  // One value of one row changed (the talk time of the first call that has one): 1 updated.
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n > 0 && l.split(',')[11] !== '');
  const cells = lines[i]!.split(',');
  cells[11] = String(Number(cells[11]) + 1);
  lines[i] = cells.join(',');
  const edited = s.file('gen-edited.csv', lines.join('\n'));
  const third = await importFile(s.store, 'calls', edited, { timezone: 'UTC', batchRows: 700 });
  expect(third).toMatchObject({ accepted: 0, updated: 1, unchanged: 2999, rejected: 0 });
  expect((await s.store.one<{ t: number }>(`SELECT sum(talk_sec) AS t FROM call_rollup`))!.t).toBe(
    (sumsBefore as { talk_sec: number }).talk_sec + 1,
  );
  await expectRollupsMatchRaw(s.store);
});

test('agent states twice: all unchanged, agent time identical', async () => {
  expect(await s.load('agent-states', 'states.csv', AGENT_STATES, tz)).toMatchObject({
    accepted: 6,
    rejected: 0,
  });
  const before = await snapshot(s.store);
  expect(await s.load('agent-states', 'states.csv', AGENT_STATES, tz)).toMatchObject({
    accepted: 0,
    updated: 0,
    unchanged: 6,
    rejected: 0,
  });
  expect(await snapshot(s.store)).toEqual(before);
  // fixture: 09:00 to 11:00 New York without gaps = 7200 s of logged-in time
  expect(await s.store.one(`SELECT sum(seconds) AS s FROM agent_time_hourly`)).toEqual({ s: 7200 });
});

test('rejected rows are rejected again on every import, and nothing else changes', async () => {
  const file = csv(
    'call_id,started_at,direction,campaign,status',
    'x1,2026-03-02T10:00:00Z,outbound,CAMP1,SALE',
    'x2,not a date,outbound,CAMP1,SALE',
  );
  expect(await s.load('calls', 'x.csv', file, tz)).toMatchObject({ accepted: 1, rejected: 1 });
  const before = await snapshot(s.store);
  expect(await s.load('calls', 'x.csv', file, tz)).toMatchObject({ accepted: 0, unchanged: 1, rejected: 1 });
  expect(await snapshot(s.store)).toEqual(before);
  // each import keeps its own rejects, so the list shows which run saw them
  expect(await s.store.all(`SELECT import_id, line FROM rejects ORDER BY 1`)).toEqual([
    { import_id: 2, line: 3 },
    { import_id: 3, line: 3 },
  ]);
});

// The repeat of k1 falls into a later batch than its first row, which the re-import leaves unchanged
// (with its old import_id): it must still be rejected as a repeat, not taken as an update.
test('a file with a repeated key, re-imported in batches of 2, changes nothing', async () => {
  const file = csv(
    'call_id,started_at,direction,campaign,status,agent,talk_sec',
    'k1,2026-03-02T10:00:00Z,outbound,CAMP1,SALE,a1,100',
    'k2,2026-03-02T10:05:00Z,outbound,CAMP1,NI,a1,30',
    'k1,2026-03-02T10:10:00Z,outbound,CAMP1,NA,,',
  );
  const opts = { ...tz, batchRows: 2 };
  expect(await s.load('calls', 'k.csv', file, opts)).toMatchObject({ accepted: 2, rejected: 1 });
  const before = await snapshot(s.store);
  expect(await s.load('calls', 'k.csv', file, opts)).toMatchObject({
    accepted: 0,
    updated: 0,
    unchanged: 2,
    rejected: 1,
  });
  expect(await snapshot(s.store)).toEqual(before);
});
