import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ResultRow } from '../../src/query/plan.js';
import { runReport } from '../../src/reports/run.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// metrics.md "Fair comparison of agents": agent A has the better raw conversion only because of a
// better list, and performance_index ranks B above A. One UTC day, 2026-03-02, one campaign C1 with
// a fresh list (FRESH) and an aged one (AGED). Every call is a contact with talk time, so
// conversations = contacts and close_rate = conversion_rate.
//
//            FRESH (wins/contacts)   AGED        agent total   raw conversion
//   A        10 / 20                 –           10 / 20       0.5
//   B         4 /  5                 6 / 20      10 / 25       0.4
//   C         –                      0 / 20       0 / 20       0
//   D         8 / 10                 –            8 / 10       0.8
//   floor    22 / 35                 6 / 40      28 / 75       0.37333
//
// expected_wins = Σ contacts in the cell × the cell's conversion for everyone:
//   A: 20 × 22/35 = 440/35 = 88/7 (12.571)      → performance_index 10 ÷ 88/7 = 70/88 = 35/44 (0.795)
//   B: 5 × 22/35 + 20 × 6/40 = 22/7 + 3 = 43/7   → 10 ÷ 43/7 = 70/43 (1.628)
//   C: 20 × 6/40 = 3                             → 0 ÷ 3 = 0
//   D: 10 × 22/35 = 44/7                         → 8 ÷ 44/7 = 56/44 = 14/11 (1.273)
// The expected wins add up to the floor's 28 wins: 88/7 + 43/7 + 3 + 44/7 = 175/7 + 3 = 28.

const DISPOSITIONS = csv(
  'code,campaign,label,answered,human,machine,fax,drop,contact,win,dnc,callback,not_interested,unworkable,completed,upsell',
  'SALE,,Sale,1,1,0,0,0,1,1,0,0,0,0,1,0',
  'NI,,Not interested,1,1,0,0,0,1,0,0,0,1,0,0,0',
);

const CELLS: [agent: string, list: string, wins: number, contacts: number][] = [
  ['A', 'FRESH', 10, 20],
  ['B', 'FRESH', 4, 5],
  ['B', 'AGED', 6, 20],
  ['C', 'AGED', 0, 20],
  ['D', 'FRESH', 8, 10],
];

function calls(): string {
  const rows: string[] = [];
  let n = 0;
  for (const [agent, list, wins, contacts] of CELLS)
    for (let i = 0; i < contacts; i++) {
      n++;
      // one call a minute from 09:00 UTC: 75 calls end before 10:15
      const at = new Date(Date.UTC(2026, 2, 2, 9, n)).toISOString();
      rows.push(`k${n},${at},outbound,C1,${i < wins ? 'SALE' : 'NI'},${list},lead${n},${agent},60`);
    }
  return csv('call_id,started_at,direction,campaign,status,list,lead,agent,talk_sec', ...rows);
}

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.store.setMeta('timezone', 'UTC');
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('lists', 'l.csv', csv('list,campaign,name', 'FRESH,C1,Fresh', 'AGED,C1,Aged'));
  expect(await s.load('calls', 'c.csv', calls())).toMatchObject({ accepted: 75, rejected: 0 });
});
afterAll(() => s.done());

const DAY = { from: '2026-03-02', to: '2026-03-02' };
const agent = (rows: ResultRow[], id: string): ResultRow => {
  const r = rows.find((x) => x.agent === id);
  if (!r) throw new Error(`no row for ${id}`);
  return r;
};

test('A converts better than B only thanks to the fresh list; the performance index ranks B above A', async () => {
  const r = await runReport(s.store, 'agents', DAY);
  expect(r.rows.map((x) => x.agent)).toEqual(['A', 'B', 'C', 'D']);
  const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((id) => agent(r.rows, id)) as [
    ResultRow,
    ResultRow,
    ResultRow,
    ResultRow,
  ];
  expect([a.contacts, a.wins, a.conversion_rate]).toEqual([20, 10, 0.5]);
  expect([b.contacts, b.wins, b.conversion_rate]).toEqual([25, 10, 0.4]);
  expect(a.conversion_rate as number).toBeGreaterThan(b.conversion_rate as number);

  expect(a.expected_wins).toBeCloseTo(88 / 7, 9);
  expect(b.expected_wins).toBeCloseTo(43 / 7, 9);
  expect(c.expected_wins).toBeCloseTo(3, 9);
  expect(d.expected_wins).toBeCloseTo(44 / 7, 9);
  expect(a.performance_index).toBeCloseTo(35 / 44, 9);
  expect(b.performance_index).toBeCloseTo(70 / 43, 9);
  expect(c.performance_index).toBe(0);
  expect(d.performance_index).toBeCloseTo(14 / 11, 9);
  expect(b.performance_index as number).toBeGreaterThan(a.performance_index as number);

  // ranked by the index: B, D, A, C (by raw conversion it would be D, A, B, C)
  const ranked = [a, b, c, d]
    .slice()
    .sort((x, y) => (y.performance_index as number) - (x.performance_index as number));
  expect(ranked.map((x) => x.agent)).toEqual(['B', 'D', 'A', 'C']);
  // the floor's pace: the expected wins add up to the actual ones
  const sum = [a, b, c, d].reduce((acc, x) => acc + (x.expected_wins as number), 0);
  expect(sum).toBeCloseTo(28, 9);
  expect(r.totals.conversion_rate).toBeCloseTo(28 / 75, 12);
});

test('filtered to one agent (their own page), the index still compares them with the whole floor', async () => {
  const r = await runReport(s.store, 'agents', { ...DAY, where: { agent: ['A'] } });
  expect(r.rows.map((x) => x.agent)).toEqual(['A']);
  expect(agent(r.rows, 'A').expected_wins).toBeCloseTo(88 / 7, 9);
  expect(agent(r.rows, 'A').performance_index).toBeCloseTo(35 / 44, 9);
});

test('95 % Wilson bounds for conversion and close rate, and the flag against the floor', async () => {
  const r = await runReport(s.store, 'agents', DAY);
  // Published Wilson 95 % intervals (z = 1.959964), to 4 decimals:
  //   8 of 10 → [0.4902, 0.9433]    10 of 20 → [0.2993, 0.7007]
  //   10 of 25 → [0.2340, 0.5926]   0 of 20 → [0, z²/(20 + z²) = 3.8415/23.8415 = 0.1611]
  // Floor (the totals' rate) 28/75 = 0.3733: D lies wholly above it, C wholly below, A and B straddle.
  const expected: Record<string, [low: number, high: number, flag: 'above' | 'below' | null]> = {
    A: [0.2993, 0.7007, null],
    B: [0.234, 0.5926, null],
    C: [0, 0.1611, 'below'],
    D: [0.4902, 0.9433, 'above'],
  };
  for (const [id, [low, high, flag]] of Object.entries(expected)) {
    const x = agent(r.rows, id);
    for (const rate of ['conversion_rate', 'close_rate']) {
      expect(x[`${rate}_low`], `${id} ${rate}_low`).toBeCloseTo(low, 4);
      expect(x[`${rate}_high`], `${id} ${rate}_high`).toBeCloseTo(high, 4);
      expect(x[`${rate}_vs_floor`], `${id} ${rate}_vs_floor`).toBe(flag);
    }
  }
});

test('the columns come with the default metrics only', async () => {
  const r = await runReport(s.store, 'agents', { ...DAY, metrics: ['conversion_rate'] });
  expect(Object.keys(r.rows[0]!).sort()).toEqual(['agent', 'conversion_rate']);
});
