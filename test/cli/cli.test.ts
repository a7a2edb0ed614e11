import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CALLS, DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { csv } from '../helpers/store.js';
import { buildCli, CLI, ROOT } from './build.js';

// The built program as a user runs it: exit codes, one-line errors without stack traces, and the
// machine-readable outputs (--json, --format json|csv).

const BAD = join(ROOT, 'test/fixtures/bad');
let dir: string;

beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'callkpi-cli-'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function callkpi(db: string, ...args: string[]): Run {
  const env = { ...process.env };
  delete env.CALLKPI_DB;
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

/** Exactly one line on stderr, no stack frame, and nothing on stdout. */
function expectOneLineError(r: Run, status: number): string {
  expect(r.status, r.stderr).toBe(status);
  expect(lines(r.stderr), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s*at /m);
  expect(r.stderr).not.toMatch(/\b(Error|TypeError|RangeError):/);
  expect(r.stdout).toBe('');
  return r.stderr.trim();
}

describe('file-level failures: exit 1, one line on stderr naming the file', () => {
  test.each([
    ['calls-empty.csv', 'empty file (no header line)'],
    ['calls-binary.bin', 'binary file (not CSV or NDJSON text)'],
    ['calls-missing-required-column.csv', 'no column for required field(s) status'],
  ])('%s', (file, message) => {
    const path = join(BAD, file);
    const line = expectOneLineError(callkpi(join(dir, `${file}.duckdb`), 'import', 'calls', path), 1);
    expect(line).toContain(`callkpi: ${path}: ${message}`);
  });

  test('a missing file and a directory', () => {
    const db = join(dir, 'missing.duckdb');
    const missing = join(dir, 'no-such-file.csv');
    expect(expectOneLineError(callkpi(db, 'import', 'calls', missing), 1)).toBe(
      `callkpi: ${missing}: no such file`,
    );
    expect(expectOneLineError(callkpi(db, 'import', 'calls', dir), 1)).toBe(
      `callkpi: ${dir}: is a directory, not a file`,
    );
  });

  test('a failed file leaves no import behind', () => {
    const db = join(dir, 'after-failure.duckdb');
    callkpi(db, 'import', 'calls', join(BAD, 'calls-binary.bin'));
    const r = callkpi(db, 'rejects', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('usage errors: exit 2 with a one-line reason', () => {
  const db = (): string => join(dir, 'usage.duckdb');
  test.each([
    [['import', 'nonsense', 'x.csv'], 'unknown record type "nonsense"'],
    [['report', 'nope'], 'unknown report "nope"'],
    [['report', 'funnel', '--format', 'xml'], '--format xml: expected table, json or csv'],
    [['report', 'funnel', '--from', '2026-13-01'], '--from 2026-13-01: expected a date as YYYY-MM-DD'],
    [['report', 'funnel', '--bogus'], 'report: Unknown option'],
    [['rejects', '--format', 'xml'], '--format xml: expected table, csv or json'],
  ])('%j', (args, message) => {
    expect(expectOneLineError(callkpi(db(), ...args), 2)).toContain(message);
  });

  // Date.parse rolls 2026-02-30 over to 2 March; the CLI must refuse it like month 13.
  test('an impossible day of the month is a usage error', () => {
    const r = callkpi(db(), 'report', 'funnel', '--from', '2026-02-30', '--to', '2026-03-31');
    expect(expectOneLineError(r, 2)).toContain('--from 2026-02-30: expected a date as YYYY-MM-DD');
  });
});

describe('a database with data', () => {
  let db: string;
  let imported: Run;
  beforeAll(() => {
    db = join(dir, 'data.duckdb');
    const dispositions = join(dir, 'dispositions.csv');
    const calls = join(dir, 'calls.csv');
    writeFileSync(dispositions, DISPOSITIONS);
    writeFileSync(calls, CALLS);
    // Cells a spreadsheet would run as formulas, each in a row that gets rejected.
    writeFileSync(
      join(dir, 'formulas.csv'),
      csv(
        'call_id,started_at,direction,campaign,status,agent,talk_sec',
        '=HYPERLINK(1),2026-03-02T10:00:00Z,outbound,CAMP1,SALE,a1,-5',
        '+15551234,2026-03-02T10:05:00Z,outbound,CAMP1,SALE',
        '@SUM(1),2026-03-02T10:10:00Z,sideways,CAMP1,SALE,a1,5',
      ),
    );
    for (const args of [
      ['import', 'dispositions', dispositions],
      ['import', 'calls', calls, '--timezone', FIXTURE_TZ],
      ['import', 'calls', join(dir, 'formulas.csv')],
    ]) {
      const r = callkpi(db, ...args);
      expect(r.status, r.stderr).toBe(0);
    }
    imported = callkpi(db, 'import', 'calls', join(BAD, 'calls-unknown-status.csv'), '--json');
  });

  test('import --json prints the summary object and nothing else', () => {
    expect(imported.status, imported.stderr).toBe(0);
    expect(lines(imported.stdout)).toHaveLength(1);
    const summary = JSON.parse(imported.stdout) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(['accepted', 'rejected', 'unchanged', 'updated', 'warnings']);
    expect(summary).toMatchObject({ accepted: 4, updated: 0, unchanged: 0, rejected: 0 });
    // the fixture's c8 (CAMP2) has ZZZ too: warnings cover the whole database
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        { code: 'unknown_status', status: 'ZZZ', campaign: 'CAMP1', calls: 2 },
        { code: 'unknown_status', status: 'sale', campaign: 'CAMP1', calls: 1 },
      ]),
    );
  });

  test('import --json on a re-import: all unchanged', () => {
    const r = callkpi(db, 'import', 'calls', join(dir, 'calls.csv'), '--timezone', FIXTURE_TZ, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 0, updated: 0, unchanged: 12, rejected: 0 });
  });

  test('rejects --format csv: source, line and reason; formula-like cells escaped', () => {
    const r = callkpi(db, 'rejects', '--format', 'csv');
    expect(r.status, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('import_id,record_type,source,line,reason,raw');
    const source = join(dir, 'formulas.csv');
    // raw rows contain commas, so the cells are quoted; the apostrophe disarms the formula
    const formulas = out.slice(1).filter((l) => l.includes(source));
    expect(formulas.map((l) => l.replace(/^\d+,/, ''))).toEqual([
      `calls,${source},2,talk_sec: negative duration -5,"'=HYPERLINK(1),2026-03-02T10:00:00Z,outbound,CAMP1,SALE,a1,-5"`,
      `calls,${source},3,"expected 7 fields, found 5","'+15551234,2026-03-02T10:05:00Z,outbound,CAMP1,SALE"`,
      `calls,${source},4,"direction: ""sideways"" is not one of outbound, inbound","'@SUM(1),2026-03-02T10:10:00Z,sideways,CAMP1,SALE,a1,5"`,
    ]);
    // nothing else was rejected in this database
    expect(out).toHaveLength(1 + formulas.length);
  });

  test('rejects (table) shows file:line and the reason', () => {
    const r = callkpi(db, 'rejects');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${join(dir, 'formulas.csv')}:2  [calls] talk_sec: negative duration -5`);
  });

  test('report funnel --format json: numbers are JSON numbers', () => {
    const r = callkpi(
      db,
      'report',
      'funnel',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-02',
      '--timezone',
      FIXTURE_TZ,
      '--by',
      'campaign',
      '--format',
      'json',
    );
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      report: string;
      rows: Record<string, unknown>[];
      totals: Record<string, unknown>;
    };
    expect(report.report).toBe('funnel');
    for (const [k, v] of Object.entries(report.totals))
      expect(v === null || typeof v === 'number', k).toBe(true);
    for (const row of report.rows)
      for (const [k, v] of Object.entries(row))
        if (k !== 'campaign')
          expect(v === null || typeof v === 'number', `${k}=${JSON.stringify(v)}`).toBe(true);
    // fixture c1-c8 on 2 March plus the four calls-unknown-status.csv dials (u1-u4, 10:00-10:15 UTC)
    expect(report.totals.dials).toBe(12);
    expect(report.rows.find((row) => row.campaign === 'CAMP2')).toMatchObject({ dials: 3, wins: 1 });
  });

  test('metrics --format json lists the metric ids', () => {
    const r = callkpi(db, 'metrics', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const metrics = JSON.parse(r.stdout) as { id: string; unit: string; formula: string }[];
    const ids = metrics.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['dials', 'answer_rate', 'contact_rate', 'conversion_rate']));
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of metrics) {
      expect(typeof m.unit).toBe('string');
      expect(m.formula.length).toBeGreaterThan(0);
    }
  });

  test('doctor names the unknown statuses with their counts', () => {
    const r = callkpi(db, 'doctor');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Unknown statuses (counted in dials only)');
    expect(r.stdout).toMatch(/ZZZ\s+CAMP1\s+2 calls/);
    expect(r.stdout).toMatch(/ZZZ\s+CAMP2\s+1 calls/);
    expect(r.stdout).toMatch(/sale\s+CAMP1\s+1 calls/);
    expect(r.stdout).toContain('Rollups: consistent with raw calls');
    expect(r.stdout).toMatch(/Rejected rows by reason:[^]*calls: talk_sec: negative duration/);
  });
});
