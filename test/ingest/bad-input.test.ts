import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { CallkpiError } from '../../src/errors.js';
import { importFile, type ImportSummary } from '../../src/ingest/import.js';
import { recordDef } from '../../src/ingest/records.js';
import { runReport } from '../../src/reports/run.js';
import { DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { csv, scratch } from '../helpers/store.js';

// Every file of test/fixtures/bad against the outcome documented in its README. Expected values
// are written by hand from the files' lines, never taken from a run of the importer.

const BAD = join(import.meta.dirname, '../fixtures/bad');

type RecordType = 'calls' | 'agent-states';

interface Case {
  file: string;
  type: RecordType;
  /** data rows in the file (lines after the header) */
  rows: number;
  /** lines of the accepted rows */
  accepted: number[];
  /** [line, exact reason] of the rejected rows */
  rejected: [number, string][];
}

const CASES: Case[] = [
  {
    file: 'calls-quote-in-unquoted-field.csv',
    type: 'calls',
    rows: 3,
    accepted: [2, 4],
    rejected: [[3, 'malformed quoting in field 6 "agent" (quote inside an unquoted field)']],
  },
  {
    file: 'calls-text-after-closing-quote.csv',
    type: 'calls',
    rows: 3,
    accepted: [2, 4],
    rejected: [[3, 'malformed quoting in field 4 "campaign" (text after closing quote)']],
  },
  {
    file: 'calls-unterminated-quote.csv',
    type: 'calls',
    rows: 4,
    accepted: [2, 4, 5],
    rejected: [[3, 'unterminated quoted field 4 "campaign"']],
  },
  {
    file: 'calls-too-few-columns.csv',
    type: 'calls',
    rows: 4,
    accepted: [2, 5],
    rejected: [
      [3, 'expected 7 fields, found 6'],
      [4, 'expected 7 fields, found 4'],
    ],
  },
  {
    file: 'calls-too-many-columns.csv',
    type: 'calls',
    rows: 4,
    // line 4's extra field is empty: padding, dropped; line 3's holds a value
    accepted: [2, 4, 5],
    rejected: [[3, 'expected 7 fields, found 8']],
  },
  { file: 'calls-bom-crlf.csv', type: 'calls', rows: 3, accepted: [2, 3, 4], rejected: [] },
  {
    file: 'calls-bad-dates.csv',
    type: 'calls',
    rows: 6,
    accepted: [2, 6],
    rejected: [
      [3, 'started_at: cannot read "2026-02-30T10:00:00Z" as a date-time'],
      [4, 'started_at: cannot read "yesterday" as a date-time'],
      [5, 'started_at: cannot read "2026-13-01 10:00:00" as a date-time'],
      [7, 'started_at: required value missing'],
    ],
  },
  {
    file: 'calls-negative-durations.csv',
    type: 'calls',
    rows: 4,
    accepted: [2, 5],
    rejected: [
      [3, 'talk_sec: negative duration -5'],
      [4, 'talk_sec: negative duration -0.5'],
    ],
  },
  {
    file: 'calls-overflow-durations.csv',
    type: 'calls',
    rows: 4,
    accepted: [2],
    rejected: [
      [3, 'talk_sec: 65535 s is a source overflow value (>= 65000 s), not a duration'],
      [4, 'talk_sec: 65000 s is a source overflow value (>= 65000 s), not a duration'],
      // 18 h 3 min 55 s = 65035 s: the sentinel check applies after H:MM:SS is read
      [5, 'talk_sec: 18:03:55 s is a source overflow value (>= 65000 s), not a duration'],
    ],
  },
  { file: 'calls-unknown-status.csv', type: 'calls', rows: 4, accepted: [2, 3, 4, 5], rejected: [] },
  {
    file: 'calls-duplicate-keys.csv',
    type: 'calls',
    rows: 5,
    accepted: [2, 3, 5],
    rejected: [
      [4, 'duplicate key (call_id) in this file: first at line 2'],
      [6, 'duplicate key (call_id) in this file: first at line 2'],
    ],
  },
  {
    file: 'calls-invalid-direction.csv',
    type: 'calls',
    rows: 4,
    accepted: [2, 4],
    rejected: [
      [3, 'direction: "sideways" is not one of outbound, inbound'],
      [5, 'direction: required value missing'],
    ],
  },
  {
    file: 'calls-gzipped.csv.gz',
    type: 'calls',
    rows: 3,
    accepted: [2, 4],
    rejected: [[3, 'talk_sec: negative duration -1']],
  },
  {
    file: 'agent-states-overlap.csv',
    type: 'agent-states',
    rows: 8,
    accepted: [2, 4, 5, 8, 9],
    rejected: [
      [3, 'overlaps the interval starting at line 2 for agent a1'],
      [6, 'overlaps the interval starting at line 4 for agent a1'],
      // a3: line 8 starts first in time, so line 7 is the later interval of the pair
      [7, 'overlaps the interval starting at line 8 for agent a3'],
    ],
  },
  {
    file: 'agent-states-nested-overlap.csv',
    type: 'agent-states',
    rows: 3,
    accepted: [2],
    // line 4 does not overlap line 3, the interval just before it, but it lies inside line 2's
    rejected: [
      [3, 'overlaps the interval starting at line 2 for agent a2'],
      [4, 'overlaps the interval starting at line 2 for agent a2'],
    ],
  },
  {
    file: 'agent-states-bad-intervals.csv',
    type: 'agent-states',
    rows: 5,
    accepted: [2, 6],
    rejected: [
      [3, 'ended_at: 2026-03-02T09:50:00Z is not after started_at'],
      [4, 'one of ended_at, duration_sec is required'],
      [5, 'state: "lunch" is not one of available, talk, hold, wrap, pause'],
    ],
  },
];

const TABLE: Record<RecordType, string> = { calls: 'calls', 'agent-states': 'agent_states' };

interface Outcome {
  summary: ImportSummary;
  accepted: number[];
  rejects: { line: number; reason: string; raw: string; source: string; record_type: string }[];
}

/** Imports one corpus file into a fresh database that knows the fixture's dispositions. */
async function importCorpusFile(
  file: string,
  type: RecordType,
  batchRows?: number,
  inspect?: (store: Awaited<ReturnType<typeof scratch>>['store']) => Promise<void>,
): Promise<Outcome> {
  const s = await scratch();
  try {
    await s.load('dispositions', 'dispositions.csv', DISPOSITIONS);
    const summary = await importFile(s.store, type, join(BAD, file), {
      timezone: FIXTURE_TZ,
      ...(batchRows ? { batchRows } : {}),
    });
    const accepted = (
      await s.store.all<{ l: number }>(`SELECT src_line AS l FROM ${TABLE[type]} ORDER BY 1`)
    ).map((r) => r.l);
    const rejects = await s.store.all<Outcome['rejects'][number]>(
      `SELECT line, reason, raw, source, record_type FROM rejects ORDER BY line`,
    );
    await inspect?.(s.store);
    return { summary, accepted, rejects };
  } finally {
    await s.done();
  }
}

/** The file's physical lines as text (decompressed, without BOM or CR), numbered from 1. */
function sourceLines(file: string): string[] {
  const bytes = readFileSync(join(BAD, file));
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  return ['', ...text.split(/\r?\n/)];
}

/** A reason names what is wrong: a field of the record type, or a field position (and header name) for damaged CSV. */
function namesAField(type: RecordType, reason: string): boolean {
  const names = recordDef(type).fields.map((f) => f.name);
  return new RegExp(`\\b(${names.join('|')})\\b|\\bfield \\d+\\b|\\bfields\\b`).test(reason);
}

function expectOutcome(c: Case, o: Outcome): void {
  expect(o.summary).toMatchObject({
    accepted: c.accepted.length,
    updated: 0,
    unchanged: 0,
    rejected: c.rejected.length,
  });
  expect(o.accepted).toEqual(c.accepted);
  expect(o.rejects.map((r) => [r.line, r.reason])).toEqual(c.rejected);
  // Nothing lost: every data line is accepted or rejected, none both.
  const all = [...o.accepted, ...o.rejects.map((r) => r.line)].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: c.rows }, (_, i) => i + 2));
  const lines = sourceLines(c.file);
  for (const r of o.rejects) {
    expect(r.source).toBe(join(BAD, c.file));
    expect(r.record_type).toBe(c.type);
    expect(r.raw).toBe(lines[r.line]);
    expect(r.reason).not.toMatch(/\n/);
    expect(namesAField(c.type, r.reason), r.reason).toBe(true);
  }
}

describe('bad-input corpus: each file ends exactly as documented', () => {
  test.each(CASES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    expectOutcome(c, await importCorpusFile(c.file, c.type));
  });

  // Batch boundaries must be invisible: batches of 2 rows put related rows (the first and the
  // repeated key, a quote and the next line) into different transactions.
  // The overlap files are left out: across batches the reason names the stored interval instead
  // (tested on their own below).
  const OVERLAPS = ['agent-states-overlap.csv', 'agent-states-nested-overlap.csv'];
  test.each(CASES.filter((c) => !OVERLAPS.includes(c.file)).map((c) => [c.file, c] as const))(
    '%s, in batches of 2 rows',
    async (_name, c) => {
      expectOutcome(c, await importCorpusFile(c.file, c.type, 2));
    },
  );

  test('agent-states-overlap.csv in batches of 2: the later row in the file meets a stored interval', async () => {
    // Across batches the earlier batch is already stored, so which interval of an overlapping
    // pair is rejected follows file order, and the reason names the stored interval. Documented
    // limitation: within a batch the later-starting interval is rejected (see the case above).
    const o = await importCorpusFile('agent-states-overlap.csv', 'agent-states', 2);
    expect(o.summary).toMatchObject({ accepted: 5, rejected: 3 });
    expect(o.accepted).toEqual([2, 4, 5, 7, 9]);
    expect(o.rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, 'overlaps the interval starting at line 2 for agent a1'],
      [6, 'overlaps a stored interval of agent a1 starting 2026-03-02T09:40:00Z'],
      [8, 'overlaps a stored interval of agent a3 starting 2026-03-02T10:10:00Z'],
    ]);
  });

  test('agent-states-nested-overlap.csv in batches of 2: line 4 lies inside the stored line 2', async () => {
    const o = await importCorpusFile('agent-states-nested-overlap.csv', 'agent-states', 2);
    expect(o.summary).toMatchObject({ accepted: 1, rejected: 2 });
    expect(o.accepted).toEqual([2]);
    expect(o.rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, 'overlaps the interval starting at line 2 for agent a2'],
      [4, 'overlaps a stored interval of agent a2 starting 2026-03-02T09:00:00Z'],
    ]);
  });

  test('a damaged field is named by its position and its header name', async () => {
    for (const [file, name] of [
      ['calls-quote-in-unquoted-field.csv', 'field 6 "agent"'],
      ['calls-text-after-closing-quote.csv', 'field 4 "campaign"'],
      ['calls-unterminated-quote.csv', 'field 4 "campaign"'],
    ] as const) {
      const o = await importCorpusFile(file, 'calls');
      expect(o.rejects.map((r) => r.reason)).toEqual([expect.stringContaining(name)]);
    }
  });

  test('calls-too-many-columns.csv: line 4 is stored without its empty extra field', async () => {
    await importCorpusFile('calls-too-many-columns.csv', 'calls', undefined, async (store) => {
      // talk_sec is the last named column: 30, not 30 followed by the padding
      expect(
        await store.one(`SELECT status, agent, talk_sec, src_line FROM calls WHERE call_id = 'w3'`),
      ).toEqual({ status: 'NI', agent: 'a1', talk_sec: 30, src_line: 4 });
    });
  });

  test('calls-bom-crlf.csv: neither the BOM nor the CR ends up in a value', async () => {
    await importCorpusFile('calls-bom-crlf.csv', 'calls', undefined, async (store) => {
      expect(
        await store.all(`SELECT call_id, status, talk_sec, direction FROM calls ORDER BY call_id`),
      ).toEqual([
        { call_id: 'b1', status: 'SALE', talk_sec: 100, direction: 'outbound' },
        { call_id: 'b2', status: 'NI', talk_sec: 30, direction: 'outbound' },
        { call_id: 'b3', status: 'HANDLED', talk_sec: 120, direction: 'inbound' },
      ]);
    });
  });

  test('calls-bad-dates.csv: a value without offset is read in the import time zone', async () => {
    await importCorpusFile('calls-bad-dates.csv', 'calls', undefined, async (store) => {
      const rows = await store.all<{ call_id: string; started_at: Date }>(
        `SELECT call_id, started_at FROM calls ORDER BY call_id`,
      );
      // 10:20 in New York on 2 March 2026 (EST, UTC-5) is 15:20 UTC
      expect(rows.map((r) => [r.call_id, r.started_at.toISOString()])).toEqual([
        ['d1', '2026-03-02T10:00:00.000Z'],
        ['d5', '2026-03-02T15:20:00.000Z'],
      ]);
    });
  });

  test('calls-invalid-direction.csv: OUTBOUND is stored lower-case', async () => {
    await importCorpusFile('calls-invalid-direction.csv', 'calls', undefined, async (store) => {
      expect(await store.all(`SELECT call_id, direction FROM calls ORDER BY call_id`)).toEqual([
        { call_id: 'r1', direction: 'outbound' },
        { call_id: 'r3', direction: 'outbound' },
      ]);
    });
  });

  test('calls-duplicate-keys.csv: the first row of a repeated key is the one kept', async () => {
    await importCorpusFile('calls-duplicate-keys.csv', 'calls', undefined, async (store) => {
      expect(await store.one(`SELECT status, src_line FROM calls WHERE call_id = 'k1'`)).toEqual({
        status: 'SALE',
        src_line: 2,
      });
    });
  });

  test('calls-unknown-status.csv: accepted, warned about, counted in dials only', async () => {
    let funnel: Awaited<ReturnType<typeof runReport>> | undefined;
    const o = await importCorpusFile('calls-unknown-status.csv', 'calls', undefined, async (store) => {
      funnel = await runReport(store, 'funnel', {
        from: '2026-03-02',
        to: '2026-03-02',
        timezone: FIXTURE_TZ,
        by: [],
        metrics: ['dials', 'answered', 'contacts', 'wins', 'unknown_status_calls'],
      });
    });
    expect(o.summary.warnings).toEqual([
      { code: 'unknown_status', status: 'ZZZ', campaign: 'CAMP1', calls: 2 },
      { code: 'unknown_status', status: 'sale', campaign: 'CAMP1', calls: 1 },
    ]);
    // u1 SALE is the only known status: 4 dials, of which 1 answered, 1 contact, 1 win
    expect(funnel!.totals).toMatchObject({
      dials: 4,
      answered: 1,
      contacts: 1,
      wins: 1,
      unknown_status_calls: 3,
    });
    expect(funnel!.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'unknown_status', status: 'ZZZ', calls: 2 })]),
    );
  });

  test('the summary groups rejected rows by reason with the first line', async () => {
    const o = await importCorpusFile('calls-negative-durations.csv', 'calls');
    expect(o.summary.warnings).toEqual([
      { code: 'rejected_rows', reason: 'talk_sec: negative duration …', rows: 2, first_line: 3 },
    ]);
  });

  test('calls-one-invalid-line.ndjson: the broken line is rejected, the others are read', async () => {
    const o = await importCorpusFile('calls-one-invalid-line.ndjson', 'calls');
    expect(o.summary).toMatchObject({ accepted: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(o.accepted).toEqual([1, 3]);
    expect(o.rejects).toHaveLength(1);
    const r = o.rejects[0]!;
    expect(r.line).toBe(2);
    expect(r.raw).toBe(sourceLines('calls-one-invalid-line.ndjson')[2]);
    // The detail after the prefix is JSON.parse's own message, which differs between Node versions.
    expect(r.reason).toMatch(/^invalid JSON \(.+\)$/);
  });

  test('agent-states-bad-intervals.csv: duration_sec gives the end', async () => {
    await importCorpusFile('agent-states-bad-intervals.csv', 'agent-states', undefined, async (store) => {
      const rows = await store.all<{ ended_at: Date }>(`SELECT ended_at FROM agent_states ORDER BY src_line`);
      expect(rows.map((r) => r.ended_at.toISOString())).toEqual([
        '2026-03-02T09:30:00.000Z',
        '2026-03-02T13:10:00.000Z',
      ]);
    });
  });

  test('an interval overlapping one stored by an earlier import is rejected', async () => {
    const s = await scratch();
    try {
      await importFile(s.store, 'agent-states', join(BAD, 'agent-states-overlap.csv'), { timezone: 'UTC' });
      const r = await s.load(
        'agent-states',
        'later.csv',
        csv(
          'agent,started_at,ended_at,state,reason,campaign',
          'a2,2026-03-02T09:30:00Z,2026-03-02T09:50:00Z,pause,break,',
          'a2,2026-03-02T09:50:00Z,2026-03-02T10:00:00Z,talk,,CAMP1',
        ),
        { timezone: 'UTC' },
      );
      expect(r).toMatchObject({ accepted: 1, rejected: 1 });
      // line 2 overlaps a2's stored 09:20-09:40; line 3 starts where line 2 ends
      expect(await s.store.all(`SELECT line, reason FROM rejects WHERE source LIKE '%later.csv'`)).toEqual([
        { line: 2, reason: 'overlaps a stored interval of agent a2 starting 2026-03-02T09:20:00Z' },
      ]);
    } finally {
      await s.done();
    }
  });
});

describe('file-level problems fail the whole import with one line naming the file', () => {
  const FILE_ERRORS: [string, string][] = [
    ['calls-empty.csv', 'empty file (no header line)'],
    ['calls-binary.bin', 'binary file (not CSV or NDJSON text)'],
    [
      'calls-missing-required-column.csv',
      'no column for required field(s) status (found: call_id, started_at, direction, campaign, agent, talk_sec); name the columns like the fields or pass --mapping',
    ],
  ];

  test.each(FILE_ERRORS)('%s', async (file, message) => {
    const s = await scratch();
    try {
      await s.load('dispositions', 'dispositions.csv', DISPOSITIONS);
      const path = join(BAD, file);
      const err = await importFile(s.store, 'calls', path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CallkpiError);
      expect(err).toMatchObject({ code: 'bad_input', message: `${path}: ${message}` });
      // Nothing was written: no rows, no rejects, no import record beyond the dispositions'.
      expect(
        await s.store
          .one(`SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM rejects) AS rejects,
          (SELECT count(*) FROM imports) AS imports`),
      ).toEqual({ calls: 0, rejects: 0, imports: 1 });
    } finally {
      await s.done();
    }
  });

  test.each([
    [
      'UTF-16',
      Buffer.from('\ufeffcall_id,started_at\n', 'utf16le'),
      'file is UTF-16LE encoded (byte-order mark); convert it to UTF-8',
    ],
    [
      'Latin-1',
      Buffer.from('call_id,agent\nc1,Jos\xe9\n', 'latin1'),
      'not UTF-8 text (Latin-1 or Windows-1252?); convert it to UTF-8',
    ],
    ['only blank lines', Buffer.from('\n \r\n\t\n'), 'empty file (no header line)'],
  ])('%s', async (_name, bytes, message) => {
    const s = await scratch();
    try {
      const path = s.file('input.csv', bytes);
      await expect(importFile(s.store, 'calls', path)).rejects.toMatchObject({
        code: 'bad_input',
        message: `${path}: ${message}`,
      });
    } finally {
      await s.done();
    }
  });
});
