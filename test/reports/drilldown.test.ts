import { afterAll, beforeAll, expect, test } from 'vitest';
import { agentCommand, drilldownText, smallTable } from '../../src/cli/agent.js';
import { agentDrilldown, rankHours } from '../../src/reports/drilldown.js';
import { runReport } from '../../src/reports/run.js';
import { DISPOSITIONS, FIXTURE_TZ, loadFixture } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await loadFixture(s);
});
afterAll(() => s.done());
const day = { from: '2026-03-02', to: '2026-03-02', timezone: FIXTURE_TZ };

test('agent a1 on the fixture day: by day, pause reasons and dispositions by hand', async () => {
  const d = await agentDrilldown(s.store, 'a1', day);
  expect(d).toMatchObject({
    report: 'agent',
    agent: 'a1',
    name: 'Ann',
    team: 'Red',
    from: '2026-03-02',
    to: '2026-03-02',
    timezone: FIXTURE_TZ,
  });
  // c1 SALE (talk 100 + hold 10 + wrap 20 = 130 s) and c3 NI (50 + 0 + 10 = 60 s), both contacts.
  // Agent time 09:00-11:00: talk 30 min + wrap 10 min = 2400 s busy; logged 7200 s less 1200 s
  // of pause (LOGIN 5 min, break 15 min) leaves 6000 s.
  expect(d.by_day).toEqual([
    {
      date: '2026-03-02',
      handled_calls: 2,
      aht_sec: (130 + 60) / 2,
      conversion_rate: 1 / 2,
      occupancy: 2400 / 6000,
      pause_sec: 1200,
      wins: 1,
    },
  ]);
  expect(d.pause_reasons).toEqual([
    { reason: 'break', pause_sec: 900 },
    { reason: 'LOGIN', pause_sec: 300 },
  ]);
  // one call each; equal counts in status order
  expect(d.dispositions).toEqual([
    { status: 'NI', calls: 1, dials: 1, offered: 0, handled_calls: 1, wins: 0 },
    { status: 'SALE', calls: 1, dials: 1, offered: 0, handled_calls: 1, wins: 1 },
  ]);
  // one contact in hour 9 and one in hour 10: neither reaches 10 contacts
  expect(d.best_hours).toEqual([]);
  expect(d.worst_hours).toEqual([]);
  expect(d.definitions.calls).toMatch(/dials \+ offered/);
  expect(d.definitions.conversion_rate).toBeDefined();
});

test('the summary is the agents report row of the agent', async () => {
  const d = await agentDrilldown(s.store, 'a1', day);
  const r = await runReport(s.store, 'agents', { ...day, where: { agent: ['a1'] } });
  expect(d.summary).toEqual(r.rows[0]);
  expect(d.summary).toMatchObject({ agent: 'a1', handled_calls: 2, login_sec: 7200, pause_break_sec: 900 });
});

test('an inbound agent: calls count offered, rates without a denominator are null', async () => {
  const d = await agentDrilldown(s.store, 'a3', day);
  expect(d.dispositions).toEqual([
    { status: 'HANDLED', calls: 2, dials: 0, offered: 2, handled_calls: 2, wins: 0 },
  ]);
  // i1 300 + 0 + 30 and i2 100 + 20 + 10; no outbound contacts, no agent time
  expect(d.by_day).toEqual([
    {
      date: '2026-03-02',
      handled_calls: 2,
      aht_sec: (330 + 130) / 2,
      conversion_rate: null,
      occupancy: null,
      pause_sec: 0,
      wins: 0,
    },
  ]);
  expect(d.pause_reasons).toEqual([]);
});

test('a2 gets the unknown-status warning only for its own calls: none', async () => {
  // ZZZ (c8) reached no agent, so no agent's drill-down warns about it.
  const d = await agentDrilldown(s.store, 'a2', day);
  expect(d.warnings.filter((w) => w.code === 'unknown_status')).toEqual([]);
  expect(d.dispositions.map((x) => [x.status, x.calls, x.wins])).toEqual([
    ['DNC', 1, 0],
    ['XFER', 1, 1], // a win in CAMP2
  ]);
});

test('default period: the month to date; an unknown agent is not found', async () => {
  const d = await agentDrilldown(s.store, 'a1', {
    timezone: FIXTURE_TZ,
    now: new Date('2026-03-15T12:00:00Z'),
  });
  expect([d.from, d.to]).toEqual(['2026-03-01', '2026-03-15']);
  expect(d.by_day.map((r) => r.date)).toEqual(['2026-03-02']);
  await expect(agentDrilldown(s.store, 'nobody', day)).rejects.toMatchObject({ code: 'not_found' });
  // a known agent without data in the period is an empty drill-down, not an error
  const empty = await agentDrilldown(s.store, 'a1', { ...day, from: '2026-03-03', to: '2026-03-03' });
  expect(empty.by_day).toEqual([]);
  expect(empty.dispositions).toEqual([]);
});

test('best and worst hours: by conversion rate among hours with at least 10 contacts', async () => {
  // Agent h1 on 2 March, New York (UTC-5). Contacts and wins per hour of day:
  //   9: 10/1 (0.1)  10: 10/5 (0.5)  11: 10/3 (0.3)  12: 10/7 (0.7)  13: 10/0 (0)
  //  14: 10/2 (0.2)  15: 20/4 (0.2, more contacts than 14)  16: 9/9 (too few contacts)
  //   8: 20 no-answer calls (no contacts at all)
  const plan: [number, number, number][] = [
    [9, 10, 1],
    [10, 10, 5],
    [11, 10, 3],
    [12, 10, 7],
    [13, 10, 0],
    [14, 10, 2],
    [15, 20, 4],
    [16, 9, 9],
  ];
  const rows: string[] = [];
  for (const [h, contacts, wins] of plan)
    for (let k = 0; k < contacts; k++) {
      const at = `2026-03-02T${String(h).padStart(2, '0')}:${String(k * 2).padStart(2, '0')}:00-05:00`;
      rows.push(`h${h}-${k},${at},outbound,CAMP1,${k < wins ? 'SALE' : 'NI'},L1,h1,30,0,5`);
    }
  for (let k = 0; k < 20; k++)
    rows.push(`na${k},2026-03-02T08:${String(k).padStart(2, '0')}:00-05:00,outbound,CAMP1,NA,L1,h1,,,`);
  const t = await scratch();
  try {
    await t.load('dispositions', 'd.csv', DISPOSITIONS);
    await t.load(
      'calls',
      'c.csv',
      csv('call_id,started_at,direction,campaign,status,list,agent,talk_sec,hold_sec,wrap_sec', ...rows),
      { timezone: FIXTURE_TZ },
    );
    const d = await agentDrilldown(t.store, 'h1', day);
    expect(d.name).toBeNull();
    expect(d.best_hours).toEqual([
      { hour_of_day: 12, contacts: 10, wins: 7, conversion_rate: 0.7 },
      { hour_of_day: 10, contacts: 10, wins: 5, conversion_rate: 0.5 },
      { hour_of_day: 11, contacts: 10, wins: 3, conversion_rate: 0.3 },
    ]);
    expect(d.worst_hours).toEqual([
      { hour_of_day: 13, contacts: 10, wins: 0, conversion_rate: 0 },
      { hour_of_day: 9, contacts: 10, wins: 1, conversion_rate: 0.1 },
      { hour_of_day: 15, contacts: 20, wins: 4, conversion_rate: 0.2 },
    ]);
    // 89 contacts with 31 wins, 20 no-answers: 109 dials
    expect(d.dispositions).toEqual([
      { status: 'NI', calls: 58, dials: 58, offered: 0, handled_calls: 58, wins: 0 },
      { status: 'SALE', calls: 31, dials: 31, offered: 0, handled_calls: 31, wins: 31 },
      { status: 'NA', calls: 20, dials: 20, offered: 0, handled_calls: 0, wins: 0 },
    ]);
  } finally {
    await t.done();
  }
});

test('rankHours lists an hour once: with 4 hours, 3 best and the one left as worst', () => {
  const h = (hour: number, rate: number) => ({ hour_of_day: hour, contacts: 10, conversion_rate: rate });
  const { best, worst } = rankHours([h(9, 0.1), h(10, 0.4), h(11, 0.3), h(12, 0.2), h(13, null as never)]);
  expect(best.map((r) => r.hour_of_day)).toEqual([10, 11, 12]);
  expect(worst.map((r) => r.hour_of_day)).toEqual([9]);
});

test('the text view shows each section, and empty ones say so', async () => {
  const text = drilldownText(await agentDrilldown(s.store, 'a1', day));
  expect(text.split('\n')[0]).toBe('agent a1 · Ann · team Red · 2026-03-02 → 2026-03-02 · America/New_York');
  for (const title of ['summary', 'by day', 'pause by reason', 'dispositions', 'best hours', 'worst hours'])
    expect(text).toContain(title);
  expect(text).toMatch(/2026-03-02\s+2\s+1:35\s+50\.00 %\s+40\.00 %\s+20:00\s+1/);
  expect(text).toContain('(no hour with at least 10 contacts)');
});

test('callkpi agent: one ID and table or json, else a usage error', async () => {
  const g = { db: ':memory:', verbose: false };
  await expect(agentCommand([], g)).rejects.toMatchObject({ code: 'usage' });
  await expect(agentCommand(['a1', 'a2'], g)).rejects.toMatchObject({ code: 'usage' });
  await expect(agentCommand(['a1', '--format', 'csv'], g)).rejects.toMatchObject({ code: 'usage' });
  await expect(agentCommand(['a1', '--bogus'], g)).rejects.toMatchObject({ code: 'usage' });
});

test('text tables show control characters of stored names as ?', () => {
  const lines = smallTable([{ agent: '\u001b[31mred', wins: 2 }], ['agent']);
  expect(lines[2]).toBe('?[31mred     2');
});
