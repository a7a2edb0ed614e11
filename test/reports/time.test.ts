import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runReport } from '../../src/reports/run.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch } from '../helpers/store.js';

// One call at the start of every UTC hour from 2026-03-07 to 2026-11-03 (New York changes
// to summer time on 03-08 and back on 11-01).
let s: Awaited<ReturnType<typeof scratch>>;
const NY = 'America/New_York';
beforeAll(async () => {
  s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  const lines = ['call_id,started_at,direction,campaign,status'];
  for (let t = Date.UTC(2026, 2, 7); t < Date.UTC(2026, 10, 4); t += 3_600_000)
    lines.push(`h${t},${new Date(t).toISOString()},outbound,C,NA`);
  await s.load('calls', 'hours.csv', csv(...lines));
  await s.load(
    'agent-states',
    'night.csv',
    csv('agent,started_at,ended_at,state', 'a,2026-03-02T23:30:00-05:00,2026-03-03T00:30:00-05:00,available'),
  );
});
afterAll(() => s.done());

describe.each([false, true])('DST (raw=%s)', (forceRaw) => {
  test('spring-forward day has 23 hourly buckets and loses no call', async () => {
    const r = await runReport(s.store, 'funnel', {
      from: '2026-03-08',
      to: '2026-03-08',
      timezone: NY,
      by: ['hour'],
      metrics: ['dials'],
      forceRaw,
    });
    expect(r.rows).toHaveLength(23);
    expect(r.totals.dials).toBe(23);
    expect(r.rows.map((x) => x.hour)).not.toContain('2026-03-08T02:00-05:00');
    // 00:00 and 01:00 EST, then 03:00 EDT: the hour 02:00 does not exist that night.
    expect(r.rows[2]).toEqual({ hour: '2026-03-08T03:00-04:00', dials: 1 });
  });

  test('fall-back day has 25 hourly buckets: 01:00 twice, with different offsets', async () => {
    const r = await runReport(s.store, 'funnel', {
      from: '2026-11-01',
      to: '2026-11-01',
      timezone: NY,
      by: ['hour'],
      metrics: ['dials'],
      forceRaw,
    });
    expect(r.rows).toHaveLength(25);
    expect(r.totals.dials).toBe(25);
    expect(r.rows.slice(1, 3).map((x) => x.hour)).toEqual([
      '2026-11-01T01:00-04:00',
      '2026-11-01T01:00-05:00',
    ]);
  });

  test('daily buckets around both changes hold 24, 23, 24 / 24, 25, 24 calls', async () => {
    const spring = await runReport(s.store, 'funnel', {
      from: '2026-03-07',
      to: '2026-03-09',
      timezone: NY,
      by: ['date'],
      metrics: ['dials'],
      forceRaw,
    });
    expect(spring.rows).toEqual([
      { date: '2026-03-07', dials: 24 },
      { date: '2026-03-08', dials: 23 },
      { date: '2026-03-09', dials: 24 },
    ]);
    const fall = await runReport(s.store, 'funnel', {
      from: '2026-10-31',
      to: '2026-11-02',
      timezone: NY,
      by: ['date'],
      metrics: ['dials'],
      forceRaw,
    });
    expect(fall.rows).toEqual([
      { date: '2026-10-31', dials: 24 },
      { date: '2026-11-01', dials: 25 },
      { date: '2026-11-02', dials: 24 },
    ]);
  });
});

test('weeks are ISO (Monday) and months are calendar months in the zone', async () => {
  const r = await runReport(s.store, 'funnel', {
    from: '2026-03-30',
    to: '2026-04-05',
    timezone: NY,
    by: ['week', 'month'],
    metrics: ['dials'],
  });
  expect(r.rows).toEqual([
    { week: '2026-03-30', month: '2026-03', dials: 48 }, // Mon 30 and Tue 31 March
    { week: '2026-03-30', month: '2026-04', dials: 120 }, // Wed 1 to Sun 5 April
  ]);
});

test('an agent-state interval across midnight is split between the two days', async () => {
  const r = await runReport(s.store, 'agents', {
    from: '2026-03-02',
    to: '2026-03-03',
    timezone: NY,
    by: ['date'],
    metrics: ['login_sec'],
  });
  expect(r.rows).toEqual([
    { date: '2026-03-02', login_sec: 1800 },
    { date: '2026-03-03', login_sec: 1800 },
  ]);
});
