import { expect, test } from 'vitest';
import { parseMapping, toStrptime } from '../../src/ingest/mapping.js';
import { runReport } from '../../src/reports/run.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { scratch } from '../helpers/store.js';

const MAPPING = `
type: calls
timezone: Europe/Zurich
fields:
  call_id: Call ID
  agent: agent
  started_at: { datetime: [date, time], formats: [MM-DD-YYYY, M/D/YYYY] }
  status: { column: "answered (Y/N)", map: { Y: HANDLED, N: ABAND } }
  resolved: resolved
  wait_sec: { column: speed, decimal_comma: true }
  talk_sec: { column: talk }
  topic: topic
  direction: { value: inbound }
  campaign: { value: HELP }
`;

test('format tokens translate to strptime', () => {
  expect(toStrptime('MM-DD-YYYY')).toBe('%m-%d-%Y');
  expect(toStrptime('M/D/YYYY')).toBe('%m/%d/%Y');
  expect(toStrptime('YYYY-MM-DD HH:mm:ss')).toBe('%Y-%m-%d %H:%M:%S');
  expect(toStrptime('%d.%m.%Y')).toBe('%d.%m.%Y');
});

test('a dirty export imports through a mapping: mixed dates, date + time, maps, durations, Y/N, decimal comma', async () => {
  const s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  const mapping = parseMapping(MAPPING, 'acd.yaml');
  // BOM, a header in other case with spaces, CRLF, an empty trailing column, both date layouts.
  const text =
    '\uFEFF call id ,Agent,DATE,time,topic,Answered (Y/N),resolved,speed,talk,\r\n' +
    'A1,Ann,01-02-2021,09:12:58,Billing,Y,Y,"12,5",0:03:20,\r\n' +
    'A2,Bob,3/31/2021,14:05:00,Tech,Y,n,4,75,\r\n' +
    'A3,,3/31/2021,14:06:00,Tech,N,,30,,\r\n' +
    'A4,Cy,13/31/2021,14:07:00,Tech,Y,maybe,x,1:2:3:4,\r\n';
  const sum = await s.load('calls', 'export.csv', text, { mapping });
  expect(sum).toMatchObject({ accepted: 3, rejected: 1 });
  const rows = await s.store.all(
    `SELECT call_id, started_at, status, agent, wait_sec, talk_sec, resolved, direction, campaign FROM calls ORDER BY call_id`,
  );
  expect(rows).toEqual([
    // 09:12:58 in Zurich in winter (UTC+1)
    {
      call_id: 'A1',
      started_at: new Date('2021-01-02T08:12:58Z'),
      status: 'HANDLED',
      agent: 'Ann',
      wait_sec: 12.5,
      talk_sec: 200,
      resolved: true,
      direction: 'inbound',
      campaign: 'HELP',
    },
    // 14:05 in Zurich in summer time (UTC+2 from 28 March 2021)
    {
      call_id: 'A2',
      started_at: new Date('2021-03-31T12:05:00Z'),
      status: 'HANDLED',
      agent: 'Bob',
      wait_sec: 4,
      talk_sec: 75,
      resolved: false,
      direction: 'inbound',
      campaign: 'HELP',
    },
    {
      call_id: 'A3',
      started_at: new Date('2021-03-31T12:06:00Z'),
      status: 'ABAND',
      agent: '',
      wait_sec: 30,
      talk_sec: null,
      resolved: null,
      direction: 'inbound',
      campaign: 'HELP',
    },
  ]);
  const [rej] = await s.store.all<{ line: number; reason: string }>(`SELECT line, reason FROM rejects`);
  expect(rej).toEqual({
    line: 5,
    reason: expect.stringMatching(/^started_at: cannot read "13\/31\/2021 14:07:00" as a date-time/),
  });
  const r = await runReport(s.store, 'service', {
    from: '2021-01-01',
    to: '2021-03-31',
    timezone: 'Europe/Zurich',
    by: [],
  });
  expect(r.totals).toMatchObject({ offered: 3, handled: 2, abandoned: 1, asa_sec: (12.5 + 4) / 2 });
  await s.done();
});

test('mapping errors name the file and the field', () => {
  expect(() => parseMapping('type: calls\nfields:\n  nope: x\n', 'm.yaml')).toThrow(
    /m\.yaml: fields\.nope: not a field of calls/,
  );
  expect(() => parseMapping('type: calls\nfields:\n  agent: { column: a, value: b }\n', 'm.yaml')).toThrow(
    /m\.yaml: fields\.agent: give exactly one of column, datetime or value/,
  );
  expect(() => parseMapping('type: callz\nfields: {}\n', 'm.yaml')).toThrow(/m\.yaml: type/);
  expect(() => parseMapping('{', 'm.json')).toThrow(/m\.json: not valid JSON/);
});

test('a disposition that breaks the flag rules is corrected and reported row by row', async () => {
  const s = await scratch();
  const sum = await s.load('dispositions', 'd.csv', 'code,label,win\nSOLD,Sold without contact flag,Y\n');
  expect(sum.warnings.filter((w) => w.code === 'disposition_flag_implied').map((w) => w.rule)).toEqual([
    'win ⇒ contact',
    'contact ⇒ human',
    'human ⇒ answered',
  ]);
  expect(
    await s.store.one(`SELECT win, contact, human, answered FROM dispositions WHERE code = 'SOLD'`),
  ).toEqual({
    win: true,
    contact: true,
    human: true,
    answered: true,
  });
  await s.done();
});
