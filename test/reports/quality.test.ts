import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ResultRow } from '../../src/query/plan.js';
import { runReport } from '../../src/reports/run.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// The quality report (metrics.md "Quality, customers and tickets") over a hand-counted day,
// 2026-03-02 in UTC. Every expected figure is worked out in the comments, never taken from a run.

const DAY = { from: '2026-03-02', to: '2026-03-02' };

const DISPOSITIONS = csv(
  'code,campaign,label,answered,human,machine,fax,drop,contact,win,dnc,callback,not_interested,unworkable,completed,upsell',
  'SALE,,Sale,1,1,0,0,0,1,1,0,0,0,0,1,0',
  'SALEUP,,Sale with upsell,1,1,0,0,0,1,1,0,0,0,0,1,1',
  'NI,,Not interested,1,1,0,0,0,1,0,0,0,1,0,0,0',
  'DROP,,Drop,1,1,0,0,1,0,0,0,0,0,0,0,0',
  'A,,Machine,1,0,1,0,0,0,0,0,0,0,0,0,0',
  'HANDLED,,Handled,1,1,0,0,0,1,0,0,0,0,0,0,0',
  'ABAND,,Abandon,1,1,0,0,1,0,0,0,0,0,0,0,0',
);

// handled = agent and talk_sec > 0; conversation = outbound, human, not drop, handled.
const CALLS = csv(
  'call_id,started_at,direction,campaign,status,agent,talk_sec,resolved,upsell_amount',
  'o1,2026-03-02T10:00:00Z,outbound,OUT,SALEUP,a1,100,true,40', // conversation; upsell flag AND amount: once
  'o2,2026-03-02T10:05:00Z,outbound,OUT,SALE,a1,80,,25', // conversation; upsell by amount
  'o3,2026-03-02T10:10:00Z,outbound,OUT,NI,a1,30,,0', // conversation; amount 0 is no upsell
  'o4,2026-03-02T10:15:00Z,outbound,OUT,DROP,,,,', // no agent: nothing
  'o5,2026-03-02T10:20:00Z,outbound,OUT,A,a1,10,,', // handled, but a machine: not a conversation
  'h1,2026-03-02T11:00:00Z,inbound,IN,HANDLED,a1,200,true,',
  'h2,2026-03-02T11:10:00Z,inbound,IN,HANDLED,a1,100,false,10', // unresolved; upsell by amount
  'h3,2026-03-02T11:20:00Z,inbound,IN,HANDLED,a1,50,,', // no resolved value
  'x1,2026-03-02T11:30:00Z,inbound,IN,HANDLED,a1,0,true,', // agent but no talk: not handled
  'ab1,2026-03-02T11:40:00Z,inbound,IN,ABAND,,,true,', // abandoned, yet marked resolved
  'h4,2026-03-02T12:00:00Z,inbound,IN,HANDLED,a2,60,Y,',
  'h5,2026-03-02T12:10:00Z,inbound,IN,HANDLED,a2,60,no,',
  'o6,2026-03-02T12:20:00Z,outbound,OUT,SALEUP,a2,90,,',
);

let n = 0;
const survey = (kind: string, score: number, agent: string, scaleMax = '', at = '2026-03-02T14:00:00Z') =>
  `s${++n},${kind},${score},${scaleMax},${at},${agent}`;
const times = (k: number, row: () => string): string[] => Array.from({ length: k }, row);

const SURVEYS = csv(
  'survey_id,kind,score,scale_max,responded_at,agent',
  // metrics.md: "CSAT 30 of 50 responses at 4-5 → 60 %". a1: 15 fives and 15 fours of 50.
  ...times(15, () => survey('csat', 5, 'a1')),
  ...times(15, () => survey('csat', 4, 'a1')),
  ...times(10, () => survey('csat', 3, 'a1')),
  ...times(5, () => survey('csat', 2, 'a1')),
  ...times(5, () => survey('csat', 1, 'a1')),
  // at the end of the day = the start of the next: outside [2 Mar 00:00, 3 Mar 00:00)
  survey('csat', 1, 'a1', '', '2026-03-03T00:00:00Z'),
  // "NPS with 50 % promoters and 10 % detractors → 40": 20 answers, 10 of 9-10, 2 of 0-6
  ...times(5, () => survey('nps', 10, 'a1')),
  ...times(5, () => survey('nps', 9, 'a1')),
  ...times(4, () => survey('nps', 8, 'a1')),
  ...times(4, () => survey('nps', 7, 'a1')),
  survey('nps', 6, 'a1'),
  survey('nps', 0, 'a1'),
  // a2 answers csat on a 0-10 scale: top-2-box is ≥ 80 % of 10 = 8 → 10 and 8 of 4
  survey('csat', 10, 'a2', '10'),
  survey('csat', 8, 'a2', '10'),
  survey('csat', 7.9, 'a2', '10'),
  survey('csat', 5, 'a2', '10'),
  // esat: a1 on the default 1-5 scale (5 and 4 of 4), a2 on 0-10 (9 of 2)
  survey('esat', 5, 'a1'),
  survey('esat', 4, 'a1'),
  survey('esat', 3, 'a1'),
  survey('esat', 2, 'a1'),
  survey('esat', 9, 'a2', '10'),
  survey('esat', 7, 'a2', '10'),
);

// Σ weight × score ÷ Σ weight × max_score; an empty weight is 1.
const QA = csv(
  'evaluation_id,criterion,call_id,agent,evaluated_at,evaluator,weight,score,max_score',
  'e1,greeting,h1,a1,2026-03-02T15:00:00Z,q1,1,4,5', //     4 of   5
  'e1,compliance,h1,a1,2026-03-02T15:00:00Z,q1,3,10,10', // 30 of 30
  'e1,empathy,h1,a1,2026-03-02T15:00:00Z,q1,2,2,5', //       4 of 10
  'e2,greeting,h2,a1,2026-03-02T15:30:00Z,q1,,5,5', //       5 of  5
  'e2,compliance,h2,a1,2026-03-02T15:30:00Z,q1,3,0,10', //   0 of 30
  'e3,accuracy,h4,a2,2026-03-02T16:00:00Z,q2,2,3,4', //      6 of  8
  'e3,courtesy,h4,a2,2026-03-02T16:00:00Z,q2,0,0,10', //     0 of  0 (weight 0)
);

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.store.setMeta('timezone', 'UTC');
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  for (const [type, name, text] of [
    ['calls', 'c.csv', CALLS],
    ['surveys', 's.csv', SURVEYS],
    ['qa', 'q.csv', QA],
  ] as const)
    expect(await s.load(type, name, text)).toMatchObject({ rejected: 0, warnings: [] });
});
afterAll(() => s.done());

const row = (rows: ResultRow[], agent: string): ResultRow => {
  const r = rows.find((x) => x.agent === agent);
  if (!r) throw new Error(`no row for agent "${agent}"`);
  return r;
};

describe('surveys', () => {
  test('the CSAT and NPS examples of metrics.md, as data', async () => {
    const r = await runReport(s.store, 'quality', DAY);
    expect(r.by).toEqual(['agent']);
    const a1 = row(r.rows, 'a1');
    // 30 of 50 at 4-5 (the 51st answer is on 3 March)
    expect(a1).toMatchObject({ csat_responses: 50, csat: 0.6 });
    // (10 promoters − 2 detractors) ÷ 20 × 100
    expect(a1.nps_responses).toBe(20);
    expect(a1.nps).toBeCloseTo(40, 12);
  });

  test('csat_avg is the mean raw score', async () => {
    const r = await runReport(s.store, 'quality', DAY);
    // a1: (15×5 + 15×4 + 10×3 + 5×2 + 5×1) ÷ 50 = (75 + 60 + 30 + 10 + 5) ÷ 50 = 180 ÷ 50
    expect(row(r.rows, 'a1').csat_avg).toBeCloseTo(3.6, 12);
    // a2: (10 + 8 + 7.9 + 5) ÷ 4 = 30.9 ÷ 4
    expect(row(r.rows, 'a2').csat_avg).toBeCloseTo(7.725, 12);
  });

  test('csat on a 0-10 scale counts ≥ 80 % of scale_max; totals re-divide the sums', async () => {
    const r = await runReport(s.store, 'quality', DAY);
    // 10 and 8 reach 8; 7.9 and 5 do not
    expect(row(r.rows, 'a2')).toMatchObject({ csat_responses: 4, csat: 0.5, nps_responses: 0, nps: null });
    // (30 + 2) ÷ (50 + 4), not the mean of 0.6 and 0.5
    expect(r.totals.csat).toBeCloseTo(32 / 54, 12);
    expect(r.totals.csat_responses).toBe(54);
    expect(r.totals.nps).toBeCloseTo(40, 12);
  });

  test('esat: top-2-box of the agents’ own answers', async () => {
    const r = await runReport(s.store, 'quality', DAY);
    // a1: 5, 4 of {5, 4, 3, 2} on 1-5; a2: 9 of {9, 7} on 0-10 (≥ 8)
    expect(row(r.rows, 'a1')).toMatchObject({ esat_responses: 4, esat: 0.5 });
    expect(row(r.rows, 'a2')).toMatchObject({ esat_responses: 2, esat: 0.5 });
    expect(r.totals).toMatchObject({ esat_responses: 6, esat: 0.5 });
  });
});

test('quality_score weighs each criterion: Σ w×score ÷ Σ w×max per agent', async () => {
  const r = await runReport(s.store, 'quality', DAY);
  // a1: (4 + 30 + 4 + 5 + 0) ÷ (5 + 30 + 10 + 5 + 30) = 43 ÷ 80 (not the mean of 38/45 and 5/35)
  expect(row(r.rows, 'a1').quality_score).toBeCloseTo(43 / 80, 12);
  // a2: 6 ÷ 8; the weight-0 criterion adds nothing to either side
  expect(row(r.rows, 'a2').quality_score).toBeCloseTo(0.75, 12);
  expect(r.totals.quality_score).toBeCloseTo(49 / 88, 12);
});

test('resolution_rate counts handled calls that carry a resolved value only', async () => {
  const r = await runReport(s.store, 'quality', DAY);
  // a1: o1 yes, h1 yes, h2 no (h3 has no value; x1 has no talk, so it is not handled) → 2 of 3
  expect(row(r.rows, 'a1').resolution_rate).toBeCloseTo(2 / 3, 12);
  // a2: h4 (Y) yes, h5 (no) no → 1 of 2
  expect(row(r.rows, 'a2').resolution_rate).toBe(0.5);
  // calls without an agent: ab1 is marked resolved but was never handled → nothing to divide
  expect(row(r.rows, '').resolution_rate).toBeNull();
  // o1, h1, h4 of o1, h1, h2, h4, h5
  expect(r.totals.resolution_rate).toBeCloseTo(3 / 5, 12);
});

test('upsell_rate = upsell calls ÷ (outbound conversations + handled inbound)', async () => {
  const r = await runReport(s.store, 'quality', DAY);
  // a1: o1 (flag and amount, counted once), o2 (amount), h2 (amount) = 3;
  //     conversations o1, o2, o3 (o5 is a machine) + handled inbound h1, h2, h3 (not x1) = 6
  expect(row(r.rows, 'a1').upsell_rate).toBe(0.5);
  // a2: o6 ÷ (o6 + h4 + h5)
  expect(row(r.rows, 'a2').upsell_rate).toBeCloseTo(1 / 3, 12);
  expect(row(r.rows, '').upsell_rate).toBeNull();
  expect(r.totals.upsell_rate).toBeCloseTo(4 / 9, 12);
});

test('without customers there is no first contact: fcr_rate is n/a, and the window is named', async () => {
  const r = await runReport(s.store, 'quality', DAY);
  for (const x of r.rows) expect(x.fcr_rate).toBeNull();
  expect(r.totals.fcr_rate).toBeNull();
  expect(r.definitions.fcr_rate).toMatch(/\(window 7 days\)$/);
});

describe('fcr_rate through the report', () => {
  // A week, 10-16 March 2026 UTC. W = 7 days unless the installation sets fcr_window_days.
  const WEEK = { from: '2026-03-10', to: '2026-03-16' };
  const FCR_CALLS = csv(
    'call_id,started_at,direction,campaign,status,agent,customer,topic,talk_sec,resolved',
    'f0,2026-03-05T09:00:00Z,inbound,IN,HANDLED,a2,+15550007,,60,', // before the week: look-back only
    'f1,2026-03-10T10:00:00Z,inbound,IN,HANDLED,a1,+15550001,billing,60,true',
    'f11,2026-03-11T10:00:00Z,inbound,IN,HANDLED,a1,+15550001,tech,60,', // another topic: another issue
    'f2,2026-03-13T10:00:00Z,inbound,IN,HANDLED,a2,+15550001,billing,60,', // 3 days after f1
    'f3,2026-03-10T11:00:00Z,inbound,IN,HANDLED,a1,+15550002,,60,true', // t1 follows 22 h later
    'f4,2026-03-10T12:00:00Z,inbound,IN,HANDLED,a2,+15550003,,60,true',
    'ab,2026-03-11T12:00:00Z,inbound,IN,ABAND,,+15550003,,,', // not handled: not a contact
    'f5,2026-03-12T10:00:00Z,inbound,IN,HANDLED,a1,+15550004,,60,false', // marked unresolved
    'f6,2026-03-14T10:00:00Z,inbound,IN,HANDLED,a1,+15550006,,60,',
    'f7,2026-03-19T10:00:00Z,inbound,IN,HANDLED,a1,+15550006,,60,', // after the week, 5 days after f6
    'f8,2026-03-10T09:00:00Z,inbound,IN,HANDLED,a2,+15550007,,60,', // 5 days after f0
    'f9,2026-03-12T15:00:00Z,inbound,IN,HANDLED,a1,,,60,true', // no customer: left out
    'f10,2026-03-15T10:00:00Z,inbound,IN,HANDLED,a1,+15550008,,60,true',
  );
  const FCR_TICKETS = csv(
    'ticket_id,created_at,channel,agent,customer,topic,status,reopened,contacts',
    't1,2026-03-11T09:00:00Z,email,a2,+15550002,billing,open,0,1',
    't2,2026-03-12T10:00:00Z,chat,a2,+15550005,,resolved,0,1',
  );

  let f: Scratch;
  beforeAll(async () => {
    f = await scratch();
    await f.store.setMeta('timezone', 'UTC');
    await f.load('dispositions', 'd.csv', DISPOSITIONS);
    expect(await f.load('calls', 'c.csv', FCR_CALLS)).toMatchObject({ accepted: 13, rejected: 0 });
    expect(await f.load('tickets', 't.csv', FCR_TICKETS)).toMatchObject({ accepted: 2, rejected: 0 });
  });
  afterAll(() => f.done());

  test('customers are stored as keyed hashes, the same in calls and tickets', async () => {
    const raw = await f.store.one<{ n: number }>(
      `SELECT count(*)::INT AS n FROM calls WHERE CAST(customer AS VARCHAR) LIKE '%5550%'`,
    );
    expect(raw?.n).toBe(0);
    // C1 (f1 f11 f2), C2 (f3), C3 (f4 ab), C4 (f5), C6 (f6 f7), C7 (f0 f8), C8 (f10)
    const distinct = await f.store.one<{ n: number }>(`SELECT count(DISTINCT customer)::INT AS n FROM calls`);
    expect(distinct?.n).toBe(7);
    // t1 is the customer of f3
    const linked = await f.store.all<{ t: string; c: string }>(
      `SELECT t.ticket_id AS t, c.call_id AS c FROM tickets t JOIN calls c ON c.customer = t.customer`,
    );
    expect(linked).toEqual([{ t: 't1', c: 'f3' }]);
  });

  test('a repeat within 7 days makes the first contact unresolved; a ticket is a contact', async () => {
    const r = await runReport(f.store, 'quality', WEEK);
    // a1 first contacts: f1 (repeated by f2), f11 (fcr), f3 (repeated by ticket t1), f5 (marked
    //   unresolved), f6 (repeated by f7, after the week but within W), f10 (fcr) → 2 of 6
    // a2: f2 and t1 are repeats, f8 repeats f0 (5 days earlier); f4 (ab was never handled) and
    //   t2 (resolved, 1 contact, never reopened) are first and resolved → 2 of 2
    expect(row(r.rows, 'a1').fcr_rate).toBeCloseTo(2 / 6, 12);
    expect(row(r.rows, 'a2').fcr_rate).toBe(1);
    expect(r.totals.fcr_rate).toBe(0.5); // 4 of 8
    expect(r.definitions.fcr_rate).toMatch(/\(window 7 days\)$/);
  });

  test('fcr_window_days = 2 changes the outcome', async () => {
    await f.store.setMeta('fcr_window_days', '2');
    try {
      const r = await runReport(f.store, 'quality', WEEK);
      // W = 2 days ("within" is under 2 days):
      // a1: f1 (f2 is 3 days later: fcr), f11 (fcr), f3 (t1 after 22 h: no), f5 (no),
      //     f6 (f7 after 5 days: fcr), f10 (fcr) → 4 of 6
      // a2: f2 (f1 is 3 days back: first; fcr), f4 (fcr), t1 (22 h after f3: not first),
      //     t2 (fcr), f8 (f0 is 5 days back: first; fcr) → 4 of 4
      expect(row(r.rows, 'a1').fcr_rate).toBeCloseTo(4 / 6, 12);
      expect(row(r.rows, 'a2').fcr_rate).toBe(1);
      expect(r.totals.fcr_rate).toBe(0.8); // 8 of 10
      expect(r.definitions.fcr_rate).toMatch(/\(window 2 days\)$/);
    } finally {
      await f.store.setMeta('fcr_window_days', '7');
    }
  });
});
