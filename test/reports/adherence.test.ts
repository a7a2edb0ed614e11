import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  adherenceOf,
  loadAdherence,
  localDays,
  rollUpAdherence,
  type ScheduleSpan,
  type StateSpan,
} from '../../src/reports/adherence.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

const at = (hhmm: string, day = '2026-03-02'): number => Date.parse(`${day}T${hhmm}:00Z`);
const sched = (agent: string, a: string, b: string, activity: string, day?: string): ScheduleSpan => ({
  agent,
  start: at(a, day),
  end: at(b, day),
  activity,
});
const state = (agent: string, a: string, b: string, s: string, day?: string): StateSpan => ({
  agent,
  start: at(a, day),
  end: at(b, day),
  state: s,
});

// One shift: work 09:00-10:30 (90 min), break 10:30-10:45 (15), work 10:45-11:30 (45),
// meeting 11:30-12:00 (30). scheduled = 180 min = 10 800 s; scheduled work = 135 min = 8 100 s.
const SCHEDULES = [
  sched('a1', '09:00', '10:30', 'work'),
  sched('a1', '10:30', '10:45', 'break'),
  sched('a1', '10:45', '11:30', 'work'),
  sched('a1', '11:30', '12:00', 'meeting'),
];
// The same plan the way some WFM tools export it: one work block with activities laid on top.
const OVERLAID = [
  sched('a1', '09:00', '12:00', 'work'),
  sched('a1', '10:30', '10:45', 'break'),
  sched('a1', '11:30', '12:00', 'meeting'),
];
// Late login at 09:10; early break from 10:25; takes calls during the first 20 min of the meeting;
// 20 min unscheduled overtime after 12:00.
const STATES = [
  state('a1', '09:10', '10:00', 'available'),
  state('a1', '10:00', '10:20', 'talk'),
  state('a1', '10:20', '10:25', 'wrap'),
  state('a1', '10:25', '10:45', 'pause'),
  state('a1', '10:45', '11:40', 'available'),
  state('a1', '11:40', '11:50', 'talk'),
  state('a1', '11:50', '12:00', 'pause'),
  state('a1', '12:00', '12:20', 'talk'),
];
// worked = 09:10-10:25 (75) + 10:45-11:50 (65) + 12:00-12:20 (20) = 160 min = 9 600 s
// missed work = 09:00-09:10 late login (10) + 10:25-10:30 early break (5) = 15 min = 900 s
//   (10:45-11:30 is fully worked; the overtime is outside any schedule)
// worked in non-work = meeting 11:30-11:50 (20 min = 1 200 s); the break itself was kept
// out of adherence = 900 + 1 200 = 2 100 s
// adherence = 1 − 2 100 / 10 800 = 29/36; conformance = 9 600 / 8 100 = 32/27
const A1 = {
  agent: 'a1',
  bucket_start: null,
  scheduled_sec: 10_800,
  scheduled_work_sec: 8_100,
  worked_sec: 9_600,
  missed_work_sec: 900,
  worked_in_nonwork_sec: 1_200,
  out_of_adherence_sec: 2_100,
};

describe('adherenceOf', () => {
  it('works out late login, early break, meeting calls and overtime', () => {
    const [row, ...rest] = adherenceOf(SCHEDULES, STATES);
    expect(rest).toEqual([]);
    expect(row).toMatchObject(A1);
    expect(row!.adherence).toBeCloseTo(29 / 36, 12);
    expect(row!.conformance).toBeCloseTo(32 / 27, 12);
  });

  it('gives the same figures for activities laid on a work block, shuffled, duplicated and overlapping input', () => {
    const messy = [
      ...STATES.slice().reverse(),
      state('a1', '09:10', '10:00', 'available'), // duplicate
      state('a1', '09:30', '10:10', 'hold'), // overlaps available and talk
    ];
    const schedules = [...OVERLAID.slice().reverse(), sched('a1', '09:00', '10:00', 'work')];
    expect(adherenceOf(schedules, messy)).toEqual(adherenceOf(SCHEDULES, STATES));
  });

  it('keeps agents apart and reports unscheduled work only as worked time', () => {
    const rows = adherenceOf(SCHEDULES, [...STATES, state('b2', '09:00', '09:30', 'talk')]);
    expect(rows.map((r) => r.agent)).toEqual(['a1', 'b2']);
    // 30 min with no schedule: no denominator for either rate
    expect(rows[1]).toMatchObject({
      worked_sec: 1_800,
      scheduled_sec: 0,
      adherence: null,
      conformance: null,
    });
  });

  it('reaches 0 at worst: absent for all work, working through all non-work', () => {
    const rows = adherenceOf(SCHEDULES, [
      state('a1', '10:30', '10:45', 'talk'),
      state('a1', '11:30', '12:00', 'talk'),
    ]);
    // out = 8 100 missed + 2 700 in non-work = 10 800 = every scheduled second
    expect(rows[0]).toMatchObject({ out_of_adherence_sec: 10_800, adherence: 0, conformance: 2_700 / 8_100 });
  });

  it('splits at local days, DST included, and rolls days up by re-dividing', () => {
    // New York night shift 2026-03-07 22:00 EST → 2026-03-08 06:00 EDT, i.e. 03:00Z-10:00Z:
    // 7 real hours (the clocks skip 02:00-03:00). Local midnight is 05:00Z. Logged in from 03:30Z.
    const rows = adherenceOf(
      [sched('n', '03:00', '10:00', 'work', '2026-03-08')],
      [state('n', '03:30', '10:00', 'available', '2026-03-08')],
      { splitAt: localDays('America/New_York') },
    );
    // Mar 7: 03:00Z-05:00Z scheduled 7 200 s, worked 5 400, missed 1 800 → 0.75 and 0.75
    // Mar 8: 05:00Z-10:00Z scheduled 18 000 s, all worked → 1 and 1
    expect(rows).toMatchObject([
      {
        bucket_start: at('05:00', '2026-03-07'),
        scheduled_sec: 7_200,
        worked_sec: 5_400,
        adherence: 0.75,
        conformance: 0.75,
      },
      {
        bucket_start: at('05:00', '2026-03-08'),
        scheduled_sec: 18_000,
        worked_sec: 18_000,
        adherence: 1,
        conformance: 1,
      },
    ]);
    // Whole shift: 1 − 1 800 / 25 200 = 23 400 / 25 200 (not the 0.875 mean of the two days)
    const total = rollUpAdherence(rows);
    expect(total.adherence).toBeCloseTo(23_400 / 25_200, 12);
    expect(total.conformance).toBeCloseTo(23_400 / 25_200, 12);
  });

  it('gives the short DST day its 23 hours', () => {
    // 24 real hours from local midnight Mar 8 (05:00Z): Mar 8 ends at 04:00Z on Mar 9 (EDT).
    const rows = adherenceOf(
      [],
      [{ agent: 'n', start: at('05:00', '2026-03-08'), end: at('05:00', '2026-03-09'), state: 'talk' }],
      { splitAt: localDays('America/New_York') },
    );
    expect(rows.map((r) => [r.bucket_start, r.worked_sec])).toEqual([
      [at('05:00', '2026-03-08'), 23 * 3600],
      [at('04:00', '2026-03-09'), 3600],
    ]);
  });

  it('keeps millisecond precision', () => {
    const [row] = adherenceOf(
      [{ agent: 'x', start: 0, end: 1_001, activity: 'work' }],
      [{ agent: 'x', start: 1, end: 1_001, state: 'talk' }],
    );
    expect(row).toMatchObject({ scheduled_work_sec: 1.001, worked_sec: 1, missed_work_sec: 0.001 });
  });
});

describe('loadAdherence', () => {
  let s: Scratch;
  beforeEach(async () => {
    s = await scratch();
    const iso = (hhmm: string): string => new Date(at(hhmm)).toISOString();
    await s.load(
      'schedules',
      'sch.csv',
      csv(
        'agent,starts_at,ends_at,activity',
        ...SCHEDULES.map(
          (x) =>
            `${x.agent},${new Date(x.start).toISOString()},${new Date(x.end).toISOString()},${x.activity}`,
        ),
        `b2,${iso('09:00')},${iso('17:00')},work`,
      ),
    );
    await s.load(
      'agent-states',
      'st.csv',
      csv(
        'agent,started_at,ended_at,state',
        ...STATES.map(
          (x) => `${x.agent},${new Date(x.start).toISOString()},${new Date(x.end).toISOString()},${x.state}`,
        ),
      ),
    );
  });
  afterEach(() => s.done());

  it('reads the same figures as the pure function over a covering range', async () => {
    const rows = await loadAdherence(s.store, {
      from: new Date(at('08:00')),
      to: new Date(at('13:00')),
      agents: ['a1'],
    });
    expect(rows).toEqual([expect.objectContaining(A1)]);
  });

  it('clips schedules and states to the range', async () => {
    // [09:30, 12:10): work 09:30-10:30 (60) + 10:45-11:30 (45) = 6 300 s; non-work 2 700 s;
    // scheduled 9 000 s. worked 09:30-10:25 (55) + 10:45-11:50 (65) + 12:00-12:10 (10) = 7 800 s.
    // missed 10:25-10:30 = 300 s; in meeting 1 200 s; out 1 500 s → 1 − 1 500/9 000 = 5/6;
    // conformance 7 800 / 6 300 = 26/21. b2: 09:30-12:10 scheduled (9 600 s), never logged in.
    const rows = await loadAdherence(s.store, { from: new Date(at('09:30')), to: new Date(at('12:10')) });
    expect(rows).toMatchObject([
      {
        agent: 'a1',
        scheduled_sec: 9_000,
        scheduled_work_sec: 6_300,
        worked_sec: 7_800,
        out_of_adherence_sec: 1_500,
      },
      { agent: 'b2', scheduled_sec: 9_600, worked_sec: 0, adherence: 0, conformance: 0 },
    ]);
    expect(rows[0]!.adherence).toBeCloseTo(5 / 6, 12);
    expect(rows[0]!.conformance).toBeCloseTo(26 / 21, 12);
  });

  it('returns nothing for an empty agent list or range', async () => {
    expect(
      await loadAdherence(s.store, { from: new Date(at('08:00')), to: new Date(at('13:00')), agents: [] }),
    ).toEqual([]);
    expect(await loadAdherence(s.store, { from: new Date(at('10:00')), to: new Date(at('10:00')) })).toEqual(
      [],
    );
  });
});
