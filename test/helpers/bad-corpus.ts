import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { importFile, type ImportSummary } from '../../src/ingest/import.js';
import { recordDef } from '../../src/ingest/records.js';
import type { Scratch } from './store.js';

// Running a file of test/fixtures/bad and checking how it ends: which lines were stored, which
// were rejected with which exact reason, and that each reject keeps its source, type and raw text.

export const BAD = join(import.meta.dirname, '../fixtures/bad');

export interface BadCase {
  file: string;
  type: string;
  /** data rows in the file (lines after the header) */
  rows: number;
  /** lines of the accepted rows */
  accepted: number[];
  /** [line, exact reason] of the rejected rows */
  rejected: [number, string][];
  /** zone for values without an offset (default UTC) */
  timezone?: string;
}

export interface BadOutcome {
  summary: ImportSummary;
  accepted: number[];
  rejects: { line: number; reason: string; raw: string; source: string; record_type: string }[];
}

export async function importBad(
  s: Scratch,
  file: string,
  type: string,
  opts: { timezone?: string; batchRows?: number } = {},
): Promise<BadOutcome> {
  const summary = await importFile(s.store, type, join(BAD, file), {
    timezone: opts.timezone ?? 'UTC',
    ...(opts.batchRows ? { batchRows: opts.batchRows } : {}),
  });
  const accepted = (
    await s.store.all<{ l: number }>(`SELECT src_line AS l FROM ${recordDef(type).table} ORDER BY 1`)
  ).map((r) => r.l);
  const rejects = await s.store.all<BadOutcome['rejects'][number]>(
    `SELECT line, reason, raw, source, record_type FROM rejects ORDER BY import_id, line`,
  );
  return { summary, accepted, rejects };
}

/** The file's lines, numbered from 1 (the header). */
export const badLines = (file: string): string[] => [
  '',
  ...readFileSync(join(BAD, file), 'utf8').split('\n'),
];

function namesAField(type: string, reason: string): boolean {
  const names = recordDef(type).fields.map((f) => f.name);
  return new RegExp(`\\b(${names.join('|')})\\b`).test(reason);
}

/**
 * The outcome is exactly the case's; every reject names a field of its record (overlap reasons name
 * the other line and the agent instead). With `onlyRejectWarnings` the summary warns of nothing else.
 */
export function expectBadOutcome(
  c: BadCase,
  o: BadOutcome,
  opts: { onlyRejectWarnings?: boolean } = {},
): void {
  expect(o.summary).toMatchObject({
    accepted: c.accepted.length,
    updated: 0,
    unchanged: 0,
    rejected: c.rejected.length,
  });
  if (opts.onlyRejectWarnings) {
    expect(o.summary.warnings.every((w) => w.code === 'rejected_rows')).toBe(true);
    expect(o.summary.warnings.reduce((n, w) => n + Number((w as { rows?: number }).rows ?? 0), 0)).toBe(
      c.rejected.length,
    );
  }
  expect(o.accepted).toEqual(c.accepted);
  expect(o.rejects.map((r) => [r.line, r.reason])).toEqual(c.rejected);
  const all = [...o.accepted, ...o.rejects.map((r) => r.line)].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: c.rows }, (_, i) => i + 2));
  const text = badLines(c.file);
  for (const r of o.rejects) {
    expect(r.source).toBe(join(BAD, c.file));
    expect(r.record_type).toBe(c.type);
    expect(r.raw).toBe(text[r.line]);
    if (!r.reason.startsWith('overlaps')) expect(namesAField(c.type, r.reason), r.reason).toBe(true);
  }
}
