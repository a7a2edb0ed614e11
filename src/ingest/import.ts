import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput } from '../errors.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { rollupThresholds, setRollupThresholds } from '../storage/duckdb/rollups.js';
import { mergeBatch, seenKeysTable, type BatchCounts } from '../storage/duckdb/writer.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../storage/rollup-columns.js';
import { checkTimezone, installationTimezone } from '../time/zones.js';
import { enforceDispositionFlags } from './disposition-rules.js';
import { canonicalSources, headerProblem, type Mapping } from './mapping.js';
import { recordDef, type RecordDef } from './records.js';
import { detectFormat, openScanner, type StructuralReject } from './scanner.js';
import { Params, rawRowSql, typedSelect, type StageSpec } from './stage-sql.js';
import type { ParamValue } from '../query/sql.js';
import { reasonKindSql, unknownStatusWarnings, type Warning } from './warnings.js';

/** Rows per transaction: large enough to amortise each commit, small enough to stay in memory. */
export const DEFAULT_BATCH_ROWS = 1_000_000;

export interface ImportOptions {
  readonly mapping?: Mapping;
  readonly timezone?: string;
  readonly batchRows?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

export interface ImportSummary extends BatchCounts {
  warnings: Warning[];
}

function hmacPads(key: Buffer): StageSpec['hmac'] {
  const k = Buffer.alloc(64);
  key.copy(k);
  return {
    ipadHex: Buffer.from(k.map((b) => b ^ 0x36)).toString('hex'),
    opadHex: Buffer.from(k.map((b) => b ^ 0x5c)).toString('hex'),
  };
}

async function nextImportId(store: DuckStore): Promise<number> {
  const row = await store.one<{ id: number }>(`SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports`);
  return row?.id ?? 1;
}

/** The first import fixes the installation's thresholds at their defaults. */
async function thresholdsOf(store: DuckStore): Promise<Thresholds> {
  const t = await rollupThresholds(store);
  if (t) return t;
  await setRollupThresholds(store, DEFAULT_THRESHOLDS);
  return DEFAULT_THRESHOLDS;
}

async function storeStructuralRejects(
  store: DuckStore,
  importId: number,
  def: RecordDef,
  source: string,
  rejects: readonly StructuralReject[],
): Promise<void> {
  for (let i = 0; i < rejects.length; i += 500) {
    const chunk = rejects.slice(i, i + 500);
    const params: ParamValue[] = [importId, def.type, source];
    const rows = chunk.map((r) => {
      params.push(r.line, r.raw, r.reason.replace(/^line \d+: /, ''));
      const n = params.length;
      return `($1, $2, $3, $${n - 2}, $${n - 1}, $${n}, now())`;
    });
    await store.run(`INSERT INTO rejects VALUES ${rows.join(', ')}`, params);
  }
}

/**
 * Imports one file (CSV, NDJSON, gzip or `-` for stdin) of one record type. Each batch is one
 * transaction: a crash leaves the database as it was before that batch, and a re-run completes
 * the import because rows already stored count as unchanged.
 */
export async function importFile(
  store: DuckStore,
  type: string,
  path: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const def = recordDef(opts.mapping?.type ?? type);
  if (opts.mapping && opts.mapping.type !== type)
    throw badInput(`${opts.mapping.path}: maps ${opts.mapping.type} records, but the import is for ${type}`);
  const timezone = checkTimezone(
    opts.timezone ?? opts.mapping?.timezone ?? (await installationTimezone(store)),
  );
  const format = detectFormat(path);
  const spoolDir = mkdtempSync(join(tmpdir(), 'callkpi-spool-'));
  const totals: ImportSummary = { accepted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: [] };
  try {
    const ndjsonColumns = opts.mapping
      ? [...new Set(opts.mapping.sources.flatMap((s) => s.columns ?? []))]
      : def.fields.map((f) => f.name);
    // Progress counts bytes whose rows are committed: the scanner reads ahead of the merge, and a
    // bar that followed it would reach 90 % long before the work is done.
    let scanned = 0;
    let totalBytes: number | undefined;
    const scanner = await openScanner(path, {
      spoolDir,
      batchRows: opts.batchRows ?? DEFAULT_BATCH_ROWS,
      ...(format === 'ndjson' ? { columns: ndjsonColumns } : {}),
      onProgress: (bytes, total) => {
        scanned = bytes;
        totalBytes = total;
      },
    });
    const header = scanner.header.names;
    const sources = opts.mapping ? opts.mapping.sources : canonicalSources(def, header);
    const problem = headerProblem(def, sources, header);
    if (problem) {
      scanner.close();
      throw badInput(`${path}: ${problem}`);
    }
    const unused = header.filter(
      (h) =>
        h.trim() &&
        !sources.some((s) => s.columns?.some((c) => c.trim().toLowerCase() === h.trim().toLowerCase())),
    );
    if (unused.length && format === 'csv') totals.warnings.push({ code: 'ignored_columns', columns: unused });

    const spec: StageSpec = {
      def,
      sources,
      spoolColumns: header,
      timezone,
      hmac: hmacPads(await store.secret()),
    };
    const thresholds = await thresholdsOf(store);
    const importId = await nextImportId(store);
    await store.run(
      `INSERT INTO imports (import_id, record_type, source, started_at, status) VALUES ($1, $2, $3, now(), 'running')`,
      [importId, def.type, path],
    );
    const columns = ['line', ...header.map((_, i) => `c${i}`)];
    const columnsSql = `{${columns.map((c) => `'${c}': ${c === 'line' ? "'BIGINT'" : "'VARCHAR'"}`).join(', ')}}`;
    const delim = scanner.header.delimiter;
    const readSpool = (P: Params, file: string): string =>
      `read_csv(${P.p(file)}, delim = ${P.p(delim)}, quote = '"', escape = '"', header = false,
        auto_detect = false, columns = ${columnsSql}, strict_mode = false)`;
    for await (const { batch, rejects } of prefetch(scanner.batches())) {
      const boundary = scanned;
      const counts = await store.transaction(async () => {
        await storeStructuralRejects(store, importId, def, path, rejects);
        const P = new Params();
        await store.run(
          `CREATE OR REPLACE TEMP TABLE stg AS ${typedSelect(spec, P, readSpool(P, batch.path))}`,
          P.values,
        );
        // The source text of a rejected row is rebuilt from the spool only when a row is rejected.
        const fillRaw = async (): Promise<void> => {
          const R = new Params();
          await store.run(`ALTER TABLE stg ADD COLUMN IF NOT EXISTS _raw VARCHAR`);
          await store.run(
            `UPDATE stg SET _raw = r.raw FROM (SELECT line, ${rawRowSql(spec)} AS raw FROM ${readSpool(R, batch.path)}
               WHERE line IN (SELECT line FROM stg WHERE _reason IS NOT NULL)) r WHERE stg.line = r.line`,
            R.values,
          );
        };
        if (def.type === 'dispositions') totals.warnings.push(...(await enforceDispositionFlags(store)));
        const c = await mergeBatch(store, def, { importId, source: path, thresholds, fillRaw });
        c.rejected += rejects.length;
        await store.run(
          `UPDATE imports SET accepted = accepted + $2, updated = updated + $3, unchanged = unchanged + $4,
             rejected = rejected + $5 WHERE import_id = $1`,
          [importId, c.accepted, c.updated, c.unchanged, c.rejected],
        );
        return c;
      });
      rmSync(batch.path, { force: true });
      opts.onProgress?.(boundary, totalBytes);
      totals.accepted += counts.accepted;
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
      totals.rejected += counts.rejected;
    }
    await store.run(`UPDATE imports SET status = 'done', finished_at = now() WHERE import_id = $1`, [
      importId,
    ]);
    await store.run(
      `DROP VIEW IF EXISTS fresh; DROP VIEW IF EXISTS changed; DROP TABLE IF EXISTS stg; DROP TABLE IF EXISTS cls; DROP TABLE IF EXISTS delta;
       DROP TABLE IF EXISTS ${seenKeysTable(importId)}`,
    );
    if (totals.rejected > 0) totals.warnings.push(...(await rejectReasonWarnings(store, importId)));
    if (def.type === 'calls') totals.warnings.push(...(await unknownStatusWarnings(store, importId)));
    if (def.type === 'dispositions') totals.warnings.push(...(await unknownStatusWarnings(store)));
    return totals;
  } finally {
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

/**
 * Asks for the next batch before handing out the current one: the scanner (JS, main thread) then
 * reads batch k+1 while DuckDB (its own threads) merges batch k.
 */
async function* prefetch<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = source.next();
      yield r.value;
    }
  } finally {
    // Consumer stopped early (an error): let the scanner close its input and spool files.
    await source.return(undefined);
  }
}

/** Rejected rows of one import, grouped by reason kind, for the summary. */
async function rejectReasonWarnings(store: DuckStore, importId: number): Promise<Warning[]> {
  const rows = await store.all<{ reason: string; rows: number; first_line: number }>(
    `SELECT ${reasonKindSql('reason')} AS reason, count(*) AS rows, min(line) AS first_line
     FROM rejects WHERE import_id = $1 GROUP BY 1 ORDER BY rows DESC LIMIT 20`,
    [importId],
  );
  return rows.map((r) => ({
    code: 'rejected_rows',
    reason: r.reason,
    rows: r.rows,
    first_line: r.first_line,
  }));
}
