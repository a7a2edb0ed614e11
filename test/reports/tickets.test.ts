import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ResultRow } from '../../src/query/plan.js';
import { runReport } from '../../src/reports/run.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// The tickets report (metrics.md "Quality, customers and tickets") over the week 10-16 March 2026
// in UTC: the period is [10 Mar 00:00, 17 Mar 00:00). Every figure is counted by hand below.

const WEEK = { from: '2026-03-10', to: '2026-03-16' };

const TICKETS = csv(
  'ticket_id,created_at,channel,agent,first_response_at,resolved_at,status,reopened',
  // created before the week, resolved in it: counts for resolution time (6 days = 518 400 s)
  'k1,2026-03-05T10:00:00Z,email,a1,2026-03-05T11:00:00Z,2026-03-11T10:00:00Z,resolved,0',
  // response after 1 800 s, resolved after 14 400 s, reopened once
  'k2,2026-03-10T09:00:00Z,email,a1,2026-03-10T09:30:00Z,2026-03-10T13:00:00Z,resolved,1',
  // response after 7 200 s, still open: backlog
  'k3,2026-03-12T08:00:00Z,email,a2,2026-03-12T10:00:00Z,,open,0',
  // no response; resolved after the week: backlog at the period end
  'k4,2026-03-14T12:00:00Z,email,a2,,2026-03-20T12:00:00Z,resolved,0',
  // response after 60 s, resolved after 1 860 s
  'k5,2026-03-11T10:00:00Z,chat,a1,2026-03-11T10:01:00Z,2026-03-11T10:31:00Z,closed,0',
  // response after 300 s, resolved after 86 400 s, reopened twice
  'k6,2026-03-15T10:00:00Z,chat,a2,2026-03-15T10:05:00Z,2026-03-16T10:00:00Z,resolved,2',
  // created before the week and never answered nor resolved: backlog only
  'k7,2026-03-01T10:00:00Z,chat,a1,,,open,0',
  // created after the week: nothing
  'k8,2026-03-17T09:00:00Z,chat,a2,,,open,0',
  // created and resolved before the week: nothing
  'k9,2026-03-08T10:00:00Z,email,a1,2026-03-08T11:00:00Z,2026-03-09T10:00:00Z,closed,0',
);

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.store.setMeta('timezone', 'UTC');
  expect(await s.load('tickets', 't.csv', TICKETS)).toMatchObject({ accepted: 9, rejected: 0 });
});
afterAll(() => s.done());

const rowOf = (rows: ResultRow[], key: string, value: string): ResultRow => {
  const r = rows.find((x) => x[key] === value);
  if (!r) throw new Error(`no row ${key} = ${value}`);
  return r;
};

test('by channel (the default): created, resolved, backlog, response and resolution times, reopens', async () => {
  const r = await runReport(s.store, 'tickets', WEEK);
  expect(r.by).toEqual(['channel']);
  expect(r.rows.map((x) => x.channel)).toEqual(['chat', 'email']);
  // email: created k2 k3 k4; resolved k1 k2; open at the end k3 k4 (k4 resolved only on 20 Mar);
  //   first response over k2, k3 (k4 got none): (1 800 + 7 200) ÷ 2 = 4 500;
  //   resolution over k1 (created before the week), k2: (518 400 + 14 400) ÷ 2 = 266 400;
  //   reopened k2 of k1, k2
  expect(rowOf(r.rows, 'channel', 'email')).toEqual({
    channel: 'email',
    tickets_created: 3,
    tickets_resolved: 2,
    backlog: 2,
    first_response_sec: 4_500,
    resolution_sec: 266_400,
    reopen_rate: 0.5,
  });
  // chat: created k5 k6 (k8 is after the week); resolved k5 k6; backlog k7;
  //   (60 + 300) ÷ 2 = 180; (1 860 + 86 400) ÷ 2 = 44 130; reopened k6 of k5, k6
  expect(rowOf(r.rows, 'channel', 'chat')).toEqual({
    channel: 'chat',
    tickets_created: 2,
    tickets_resolved: 2,
    backlog: 1,
    first_response_sec: 180,
    resolution_sec: 44_130,
    reopen_rate: 0.5,
  });
  // totals re-divide the sums: (1 800 + 7 200 + 60 + 300) ÷ 4 = 2 340;
  // (518 400 + 14 400 + 1 860 + 86 400) ÷ 4 = 621 060 ÷ 4 = 155 265
  expect(r.totals).toEqual({
    tickets_created: 5,
    tickets_resolved: 4,
    backlog: 3,
    first_response_sec: 2_340,
    resolution_sec: 155_265,
    reopen_rate: 0.5,
  });
});

test('by agent', async () => {
  const r = await runReport(s.store, 'tickets', { ...WEEK, by: ['agent'] });
  // a1 (k1 k2 k5 k7 k9): created k2 k5; resolved k1 k2 k5; backlog k7;
  //   (1 800 + 60) ÷ 2 = 930; (518 400 + 14 400 + 1 860) ÷ 3 = 534 660 ÷ 3 = 178 220; k2 of 3 reopened
  const a1 = rowOf(r.rows, 'agent', 'a1');
  expect(a1).toMatchObject({
    tickets_created: 2,
    tickets_resolved: 3,
    backlog: 1,
    first_response_sec: 930,
    resolution_sec: 178_220,
  });
  expect(a1.reopen_rate).toBeCloseTo(1 / 3, 12);
  // a2 (k3 k4 k6 k8): created k3 k4 k6; resolved k6; backlog k3 k4;
  //   (7 200 + 300) ÷ 2 = 3 750; 86 400; k6 reopened
  expect(rowOf(r.rows, 'agent', 'a2')).toEqual({
    agent: 'a2',
    tickets_created: 3,
    tickets_resolved: 1,
    backlog: 2,
    first_response_sec: 3_750,
    resolution_sec: 86_400,
    reopen_rate: 1,
  });
});

test('ticket_volume is what each agent resolved in the period', async () => {
  const r = await runReport(s.store, 'tickets', { ...WEEK, by: ['agent'], metrics: ['ticket_volume'] });
  expect(r.rows).toEqual([
    { agent: 'a1', ticket_volume: 3 },
    { agent: 'a2', ticket_volume: 1 },
  ]);
});

test('backlog is taken at the period end: a ticket resolved after it is still open then', async () => {
  // Period 10-15 March, end 16 Mar 00:00: k6 (created 15 Mar, resolved 16 Mar 10:00) is open at
  // the end, as are k3, k4 and k7; k5 and k2 were resolved in time.
  const r = await runReport(s.store, 'tickets', { from: '2026-03-10', to: '2026-03-15' });
  expect(r.rows.map((x) => [x.channel, x.backlog])).toEqual([
    ['chat', 2], // k6, k7
    ['email', 2], // k3, k4
  ]);
  // Period 10-12 March, end 13 Mar 00:00: k3 (created 12 Mar 08:00) and k7; k4 is not yet created.
  const early = await runReport(s.store, 'tickets', { from: '2026-03-10', to: '2026-03-12' });
  expect(early.rows.map((x) => [x.channel, x.backlog])).toEqual([
    ['chat', 1], // k7
    ['email', 1], // k3
  ]);
  // resolved by 12 March: k1, k2, k5; k6 is neither created nor resolved yet
  expect(early.totals).toMatchObject({ tickets_created: 3, tickets_resolved: 3, backlog: 2 });
});
