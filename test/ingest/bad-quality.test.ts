import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import {
  badLines,
  expectBadOutcome,
  importBad,
  type BadCase,
  type BadOutcome,
} from '../helpers/bad-corpus.js';
import { scratch, type Scratch } from '../helpers/store.js';

// Bad quality records: the surveys, qa, tickets and schedules files of test/fixtures/bad. Each row
// that breaks the contract is rejected with its line and a reason that starts with or names the
// field; the other rows are stored, and the import prints nothing. Expected outcomes are written
// by hand from the files' lines. Numbers in reasons are the typed values (DOUBLE: 6 reads "6.0");
// instants are shown in UTC.

type RecordType = 'surveys' | 'qa' | 'tickets' | 'schedules';

const CASES: (BadCase & { type: RecordType })[] = [
  {
    file: 'surveys-out-of-scale.csv',
    type: 'surveys',
    rows: 8,
    // line 6: 9 on a 0-10 csat scale; line 9: nps 0 is the bottom of its scale
    accepted: [2, 4, 6, 9],
    rejected: [
      [3, 'score: 6.0 is outside the csat scale 0-5.0'], // csat 6 on the default 5-point scale
      [5, 'score: 11.0 is outside the nps scale 0-10.0'],
      [7, 'score: -1.0 is outside the esat scale 0-5.0'],
      [8, 'score: 5.5 is outside the esat scale 0-5.0'],
    ],
  },
  {
    file: 'qa-above-max.csv',
    type: 'qa',
    rows: 6,
    accepted: [2, 4], // line 4 scores exactly max_score
    rejected: [
      [3, 'score: 12.0 is outside 0-10.0 (max_score)'],
      [5, 'score: 5.5 is outside 0-5.0 (max_score)'], // empty weight (1) is fine
      [6, 'max_score: must be above 0, got 0.0'],
      [7, 'weight: negative weight -1.0'],
    ],
  },
  {
    file: 'tickets-bad-times.csv',
    type: 'tickets',
    rows: 6,
    // line 5: response and resolution at the very instant of creation are fine
    accepted: [2, 5],
    rejected: [
      [3, 'resolved_at: 2026-03-02T09:59:59Z is before created_at'], // one second early
      [4, 'first_response_at: 2026-03-02T09:00:00Z is before created_at'],
      // created 10:00-05:00 = 15:00Z: resolved 14:00Z is before it (the response at 15:05Z is not)
      [6, 'resolved_at: 2026-03-02T14:00:00Z is before created_at'],
      // created "2026-03-02 10:00:00" in the import's zone, New York: 15:00Z
      [7, 'first_response_at: 2026-03-02T14:30:00Z is before created_at'],
    ],
    timezone: 'America/New_York',
  },
  {
    file: 'schedules-overlap.csv',
    type: 'schedules',
    rows: 7,
    // line 3 only touches line 2; line 8 touches line 7
    accepted: [2, 3, 7, 8],
    rejected: [
      [4, 'overlaps the interval starting at line 2 for agent a1'], // a break laid on the work block
      // earlier in the file, later in time than line 7 (10:00-11:30), which it lies inside
      [5, 'overlaps the interval starting at line 7 for agent a2'],
      // 12:15 is before the latest end among a1's earlier intervals: 12:30, line 3's
      [6, 'overlaps the interval starting at line 3 for agent a1'],
    ],
  },
];

let s: Scratch;
let spies: MockInstance[];
beforeEach(async () => {
  s = await scratch();
  spies = [
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m)),
  ];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await s.done();
});

/** Nothing was printed while importing: the rejects table and the summary are the whole answer. */
function expectSilence(): void {
  for (const spy of spies) expect(spy).not.toHaveBeenCalled();
}

const importInto = (
  file: string,
  type: RecordType,
  opts: { timezone?: string; batchRows?: number } = {},
): Promise<BadOutcome> => importBad(s, file, type, opts);

const expectOutcome = (c: BadCase, o: BadOutcome): void =>
  expectBadOutcome(c, o, { onlyRejectWarnings: true });

describe('bad quality records: each file ends exactly as listed', () => {
  test.each(CASES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    expectOutcome(c, await importInto(c.file, c.type, { timezone: c.timezone }));
    expectSilence();
  });

  test('rows out of range never reach the reports: only valid survey scores are stored', async () => {
    await importInto('surveys-out-of-scale.csv', 'surveys');
    expect(await s.store.all(`SELECT survey_id, kind, score FROM surveys ORDER BY survey_id`)).toEqual([
      { survey_id: 's1', kind: 'csat', score: 5 },
      { survey_id: 's3', kind: 'nps', score: 10 },
      { survey_id: 's5', kind: 'csat', score: 9 },
      { survey_id: 's8', kind: 'nps', score: 0 },
    ]);
  });
});

describe('overlapping schedules across batches and against stored rows', () => {
  test('in batches of 2 rows, the later batch meets the earlier one as stored intervals', async () => {
    // batch 1: lines 2-3 fine. batch 2: line 4 lies in stored 09:00-12:00 of a1; line 5 (a2) has
    // nothing stored yet. batch 3: line 6 overlaps stored lunch 12:00-12:30; line 7 (a2 10:00-11:30)
    // now overlaps line 5, stored. batch 4: line 8 (11:30-12:00) only touches line 5's 11:15.
    const o = await importInto('schedules-overlap.csv', 'schedules', { batchRows: 2 });
    expect(o.accepted).toEqual([2, 3, 5, 8]);
    expect(o.rejects.map((r) => [r.line, r.reason])).toEqual([
      [4, 'overlaps a stored interval of agent a1 starting 2026-03-02T09:00:00Z'],
      [6, 'overlaps a stored interval of agent a1 starting 2026-03-02T12:00:00Z'],
      [7, 'overlaps a stored interval of agent a2 starting 2026-03-02T11:00:00Z'],
    ]);
    expectSilence();
  });

  test('a second file is checked against the stored schedule', async () => {
    const first = await importInto('schedules-stored-day.csv', 'schedules');
    expect(first.summary).toMatchObject({ accepted: 2, rejected: 0, warnings: [] });
    const o = await importInto('schedules-against-stored.csv', 'schedules');
    // line 2: a meeting inside a1's stored work 09:00-12:00; line 3 starts as the stored lunch
    // ends; line 4 is a2's; line 5 runs one second into the stored work block
    expect(o.summary).toMatchObject({ accepted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(o.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, 'overlaps a stored interval of agent a1 starting 2026-03-03T09:00:00Z'],
      [5, 'overlaps a stored interval of agent a1 starting 2026-03-03T09:00:00Z'],
    ]);
    const text = badLines('schedules-against-stored.csv');
    expect(o.rejects.map((r) => r.raw)).toEqual([text[2], text[5]]);
    expect(
      await s.store.all(
        `SELECT agent, strftime(starts_at, '%H:%M') AS a, strftime(ends_at, '%H:%M') AS b, activity
         FROM schedules ORDER BY agent, starts_at`,
      ),
    ).toEqual([
      { agent: 'a1', a: '09:00', b: '12:00', activity: 'work' },
      { agent: 'a1', a: '12:00', b: '12:30', activity: 'lunch' },
      { agent: 'a1', a: '12:30', b: '13:00', activity: 'work' },
      { agent: 'a2', a: '11:30', b: '11:45', activity: 'meeting' },
    ]);
    // the same file again changes nothing: the stored rows are unchanged, the bad ones bad again
    const again = await importInto('schedules-against-stored.csv', 'schedules');
    expect(again.summary).toMatchObject({ accepted: 0, updated: 0, unchanged: 2, rejected: 2 });
    expectSilence();
  });

  // A file that corrects stored intervals is checked against their new form: the plan for 3 March
  // (work 09:00-12:00 split into work 09:00-11:00 + training 11:00-12:00) has no overlap, so line 2
  // is updated, line 3 accepted, line 4 unchanged, and a second import changes nothing. (It was once
  // checked against the stored 09:00-12:00 and rejected.)
  test('a corrected schedule that shortens a stored interval imports in one go', async () => {
    await importInto('schedules-stored-day.csv', 'schedules');
    const o = await importInto('schedules-corrected-day.csv', 'schedules');
    expect(o.summary).toMatchObject({ accepted: 1, updated: 1, unchanged: 1, rejected: 0 });
    const again = await importInto('schedules-corrected-day.csv', 'schedules');
    expect(again.summary).toMatchObject({ accepted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });
});
