import { afterAll, beforeAll, expect, test } from 'vitest';
import { runReport } from '../../src/reports/run.js';
import { CALLS, DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { csv, scratch } from '../helpers/store.js';

let s: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('calls', 'c.csv', CALLS, { timezone: FIXTURE_TZ });
});
afterAll(() => s.done());

test('service report on the fixture queue (hand-computed)', async () => {
  const r = await runReport(s.store, 'service', {
    from: '2026-03-02',
    to: '2026-03-02',
    timezone: FIXTURE_TZ,
    by: [],
  });
  // i1 handled wait 10, i2 handled wait 25, i3 abandoned wait 3 (short), i4 abandoned wait 40
  expect(r.totals).toEqual({
    offered: 4,
    handled: 2,
    abandoned: 2,
    short_abandons: 1,
    abandon_rate: 0.5,
    abandon_rate_excl_short: 1 / 3,
    inbound_answer_rate: 0.5,
    asa_sec: 17.5,
    service_level: 1 / 3, // i1 within 20 s ÷ (2 + 2 − 1)
    sl_answered_only: 0.5,
    sl_all_offered: 0.25,
    sl_abandon_credit: 0.5, // (i1 + i3) ÷ 4
    sl_ignore_early_abandons: 1 / 3, // i1 ÷ (2 + 1 abandoned after T)
    aht_sec: (330 + 130) / 2,
  });
  expect(r.definitions.service_level).toContain('T = 20 s');
});

test('the ICMI service-level test vector, every variant', async () => {
  const t = await scratch();
  await t.load('dispositions', 'd.csv', DISPOSITIONS);
  const lines = ['call_id,started_at,direction,campaign,status,agent,wait_sec,talk_sec'];
  let n = 0;
  const add = (count: number, status: string, agent: string, wait: number, talk: number) => {
    for (let i = 0; i < count; i++)
      lines.push(`q${n++},2026-05-04T14:00:00Z,inbound,Q,${status},${agent},${wait},${talk}`);
  };
  add(860, 'HANDLED', 'a', 12, 60); // handled within T
  add(140, 'HANDLED', 'a', 45, 60); // handled after T
  add(10, 'ABAND', '', 2, 0); // abandoned within T, under 5 s
  add(10, 'ABAND', '', 12, 0); // abandoned within T, over 5 s
  add(40, 'ABAND', '', 90, 0); // abandoned after T
  await t.load('calls', 'v.csv', csv(...lines));
  const r = await runReport(t.store, 'service', {
    from: '2026-05-04',
    to: '2026-05-04',
    timezone: 'UTC',
    by: [],
  });
  const pct = (x: number | null | undefined) => Math.round((x ?? NaN) * 10000) / 100;
  expect(pct(r.totals.sl_abandon_credit)).toBe(83.02);
  expect(pct(r.totals.sl_answered_only)).toBe(86.0);
  expect(pct(r.totals.sl_all_offered)).toBe(81.13);
  expect(pct(r.totals.sl_ignore_early_abandons)).toBe(82.69);
  expect(pct(r.totals.service_level)).toBe(81.9);
  expect(r.totals.service_level).toBe(860 / 1050);
  // Another threshold is answered exactly from raw calls: 30 s still leaves the 45 s calls out.
  const r30 = await runReport(t.store, 'service', {
    from: '2026-05-04',
    to: '2026-05-04',
    timezone: 'UTC',
    by: [],
    slThresholdSec: 60,
  });
  expect(r30.totals.sl_answered_only).toBe(1);
  expect(r30.meta.sources).toEqual({ 'calls:raw': 'raw' });
  await t.done();
});
