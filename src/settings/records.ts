import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput } from '../errors.js';
import { importFile, type ImportSummary } from '../ingest/import.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { appendCommissionPlan, appendFinance, type CommissionInput, type FinanceInput } from './finance.js';

// Settings appended over the HTTP API: the records go through the import pipeline (finance through
// its own append, which carries empty fields over), so a record is checked exactly like a row of a
// file import. Rejected records are answered to the caller with their reasons; as with
// `settings finance set`, they are not kept among the installation's rejected input rows.

export const SETTING_TYPES = ['dispositions', 'finance', 'goals', 'campaigns'] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export interface RecordReject {
  /** the record's position in the request, from 0 */
  index: number;
  reason: string;
}

export interface AppendSummary extends Omit<ImportSummary, 'warnings'> {
  warnings: ImportSummary['warnings'];
  rejects: RecordReject[];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

async function appendMoney(
  store: DuckStore,
  records: readonly Record<string, unknown>[],
  source: string,
): Promise<AppendSummary> {
  const out: AppendSummary = {
    accepted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    warnings: [],
    rejects: [],
  };
  for (const [index, r] of records.entries()) {
    try {
      const plan = text(r.agent) || text(r.team);
      const res = plan
        ? await appendCommissionPlan(store, r as unknown as CommissionInput, { source })
        : await appendFinance(store, r as unknown as FinanceInput, { source });
      if (res.status === 'added') out.accepted++;
      else out.unchanged++;
    } catch (err) {
      out.rejected++;
      out.rejects.push({ index, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** Appends `records` of a settings type; the summary counts them as an import does. */
export async function appendRecords(
  store: DuckStore,
  type: SettingType,
  records: readonly Record<string, unknown>[],
  source = 'api',
): Promise<AppendSummary> {
  if (type === 'finance') return appendMoney(store, records, source);
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-api-'));
  try {
    const file = join(dir, `${type}.ndjson`);
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const summary = await importFile(store, type, file);
    const imp = await store.one<{ id: number | null }>(
      `SELECT max(import_id) AS id FROM imports WHERE source = $1`,
      [file],
    );
    if (imp?.id == null) throw badInput(`the ${type} records left no import record`);
    const rejects = (
      await store.all<{ line: number | null; reason: string }>(
        `SELECT line, reason FROM rejects WHERE import_id = $1 ORDER BY line`,
        [imp.id],
      )
    ).map((r) => ({ index: r.line == null ? -1 : r.line - 1, reason: r.reason }));
    await store.transaction(async () => {
      await store.run(`DELETE FROM rejects WHERE import_id = $1`, [imp.id]);
      await store.run(`UPDATE imports SET source = $2 WHERE import_id = $1`, [imp.id, source]);
    });
    return { ...summary, rejects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
