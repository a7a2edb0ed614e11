import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importFile } from '../../src/ingest/import.js';
import {
  BAD,
  badLines,
  expectBadOutcome,
  importBad,
  type BadCase,
  type BadOutcome,
} from '../helpers/bad-corpus.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

type RecordType = 'finance' | 'goals' | 'commissions';

// Bad money settings: the finance, goals and commissions files of test/fixtures/bad. Each row that
// breaks the contract is rejected with its line and a reason naming the field; the others are
// stored. Expected outcomes are written by hand from the files' lines.

const PLAN_SYNTAX = 'none, flat:<per win>, percent:<rate>, tiered:<brackets>, graduated:<brackets>';
const CONTIGUOUS =
  'commission: brackets must start at 0 and be contiguous and ascending, e.g. tiered:0-100@0.10,100+@0.15';
const ABOVE_100 = 'commission: a rate above 100 % (rates are fractions like 0.1 or percentages like 10%)';
const SAME_INSTANT =
  'another version of this setting takes effect at the same instant (campaign, effective_from): first at line 2';
const PACE =
  'red_at/amber_at: need 0 < red_at <= amber_at <= 1 (fractions of pace; empty = 0.75 and 0.9), got';

const CASES: (BadCase & { type: RecordType })[] = [
  {
    file: 'finance-bad-values.csv',
    type: 'finance',
    rows: 8,
    // line 9: keyword case and spaces are normalised, and 100 % is a valid rate
    accepted: [2, 9],
    rejected: [
      [3, 'cost_per_call: negative amount -0.50'],
      [4, `commission: "bonus:5" is not a plan (${PLAN_SYNTAX})`], // unknown plan kind
      [5, CONTIGUOUS], // 0-100 then 150+: a gap from 100 to 150
      [6, ABOVE_100], // percent:150%
      [7, ABOVE_100], // graduated, second bracket @1.5
      [8, 'revenue_per_sale: negative amount -100'], // (cost_per_agent_hour -30 too: one reason per row)
    ],
  },
  {
    file: 'finance-same-instant.csv',
    type: 'finance',
    rows: 5,
    accepted: [2, 5, 6],
    rejected: [
      [3, SAME_INSTANT],
      [4, SAME_INSTANT], // 2026-02-28T19:00:00-05:00 is the same instant as 2026-03-01T00:00:00Z
    ],
  },
  {
    file: 'goals-bad.csv',
    type: 'goals',
    rows: 6,
    accepted: [2],
    rejected: [
      [3, 'metric: "profit_margin" is not a metric id (see callkpi metrics)'],
      [4, 'period: "2026-13" is not a month as YYYY-MM'],
      [5, `${PACE} red_at 0.9, amber_at 0.8`], // amber_at 0.8, red_at 0.9
      [6, `${PACE} red_at 0.95, amber_at 0.9`], // red_at 0.95 above the default amber_at 0.9
      [7, `${PACE} red_at 0.5, amber_at 1.5`], // amber_at 1.5 above 1
    ],
  },
  {
    file: 'commissions-bad.csv',
    type: 'commissions',
    rows: 6,
    accepted: [2],
    rejected: [
      [3, 'agent/team: one of agent, team is required'],
      [4, 'agent/team: a plan belongs to an agent or to a team, not both (one row each)'],
      [5, `commission: "bonus:5" is not a plan (${PLAN_SYNTAX})`],
      [6, CONTIGUOUS], // 0-100, then 100-90 runs backwards
      [7, 'commission: required value missing'],
    ],
  },
];

const importInto = (s: Scratch, file: string, type: RecordType, batchRows?: number): Promise<BadOutcome> =>
  importBad(s, file, type, batchRows ? { batchRows } : {});

async function withStore<T>(fn: (s: Scratch) => Promise<T>): Promise<T> {
  const s = await scratch();
  try {
    return await fn(s);
  } finally {
    await s.done();
  }
}

const expectOutcome = (c: BadCase, o: BadOutcome): void => expectBadOutcome(c, o);
const lines = badLines;

describe('bad money settings: each file ends exactly as listed', () => {
  test.each(CASES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    await withStore(async (s) => expectOutcome(c, await importInto(s, c.file, c.type)));
  });

  test.each(CASES.map((c) => [c.file, c] as const))('%s, in batches of 2 rows', async (_name, c) => {
    await withStore(async (s) => expectOutcome(c, await importInto(s, c.file, c.type, 2)));
  });

  test('finance-bad-values.csv: a valid plan is stored normalised', async () => {
    await withStore(async (s) => {
      await importInto(s, 'finance-bad-values.csv', 'finance');
      expect(await s.store.one(`SELECT commission FROM finance WHERE campaign = 'C7'`)).toEqual({
        commission: 'tiered:0-100@10%,100+@100%',
      });
    });
  });

  test('finance-same-instant.csv: the first version at an instant is the one kept', async () => {
    await withStore(async (s) => {
      await importInto(s, 'finance-same-instant.csv', 'finance');
      expect(
        await s.store.all(
          `SELECT campaign, CAST(revenue_per_sale AS VARCHAR) AS rps, src_line FROM finance ORDER BY campaign, effective_from`,
        ),
      ).toEqual([
        { campaign: 'C1', rps: '100.0000', src_line: 2 },
        { campaign: 'C1', rps: '130.0000', src_line: 6 }, // a later instant: a new version
        { campaign: 'C2', rps: '100.0000', src_line: 5 },
      ]);
    });
  });
});

describe('finance is append-only', () => {
  test('the same file twice changes nothing; a changed version at a stored instant is rejected', async () => {
    await withStore(async (s) => {
      const first = await importFile(s.store, 'finance', join(BAD, 'finance-versions.csv'));
      expect(first).toMatchObject({ accepted: 2, updated: 0, unchanged: 0, rejected: 0 });
      const again = await importFile(s.store, 'finance', join(BAD, 'finance-versions.csv'));
      expect(again).toMatchObject({ accepted: 0, updated: 0, unchanged: 2, rejected: 0 });

      // line 2 is the same `*` version (unchanged); line 3 gives C1's version of 1 March another
      // revenue per sale (rejected, nothing rewritten); line 4 is a new version on 15 March.
      const changed = await importFile(s.store, 'finance', join(BAD, 'finance-changed-version.csv'));
      expect(changed).toMatchObject({ accepted: 1, updated: 0, unchanged: 1, rejected: 1 });
      const rejects = await s.store.all<{ line: number; reason: string; raw: string }>(
        `SELECT line, reason, raw FROM rejects`,
      );
      expect(rejects).toEqual([
        {
          line: 3,
          reason:
            'a version with other values already takes effect at this instant; settings are append-only: add a row with a new effective_from',
          raw: lines('finance-changed-version.csv')[3],
        },
      ]);
      expect(
        await s.store.all(
          `SELECT campaign, strftime(effective_from, '%Y-%m-%d') AS d, CAST(revenue_per_sale AS VARCHAR) AS rps,
             commission FROM finance ORDER BY campaign, effective_from`,
        ),
      ).toEqual([
        { campaign: '*', d: '2026-03-01', rps: '100.0000', commission: 'none' },
        { campaign: 'C1', d: '2026-03-01', rps: '150.0000', commission: 'percent:5%' }, // as first imported
        { campaign: 'C1', d: '2026-03-15', rps: '175.0000', commission: null },
      ]);
    });
  });

  test('a list with a negative cost is rejected like a finance amount', async () => {
    await withStore(async (s) => {
      const summary = await s.load(
        'lists',
        'lists.csv',
        csv('list,campaign,loaded_on,cost', 'L1,C1,2026-03-02,120.50', 'L2,C1,2026-03-02,-5'),
      );
      expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
      expect(await s.store.all(`SELECT line, reason FROM rejects`)).toEqual([
        { line: 3, reason: 'cost: negative amount -5' },
      ]);
    });
  });
});
