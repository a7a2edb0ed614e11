import { basename } from 'node:path';
import { usageError } from '../errors.js';
import { importFile, type ImportSummary } from '../ingest/import.js';
import { loadMapping } from '../ingest/mapping.js';
import { RECORD_TYPES } from '../ingest/records.js';
import { describeWarning } from '../reports/format.js';
import { parse } from './args.js';
import { withStore, type Globals } from './context.js';
import { progressBar } from './progress.js';

export const IMPORT_HELP = `callkpi import TYPE PATH... [--mapping FILE] [--timezone TZ] [--json]

TYPE: ${RECORD_TYPES.join(', ')}
PATH: CSV, NDJSON (.ndjson/.jsonl), optionally gzipped, or - for stdin.
Re-importing a file changes nothing; rows with known keys and new values update.
Rejected rows are kept with their reason: see callkpi rejects.`;

export async function importCommand(argv: string[], g: Globals): Promise<number> {
  const { values, positionals } = parse('import', argv, {
    mapping: { type: 'string' },
    timezone: { type: 'string' },
    json: { type: 'boolean', default: false },
    'batch-rows': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return (console.log(IMPORT_HELP), 0);
  const [type, ...paths] = positionals;
  if (!type || paths.length === 0)
    throw usageError(`import: expected TYPE and at least one PATH\n${IMPORT_HELP}`);
  if (!(RECORD_TYPES as readonly string[]).includes(type))
    throw usageError(`import: unknown record type "${type}" (one of: ${RECORD_TYPES.join(', ')})`);
  const mapping = values.mapping ? loadMapping(values.mapping) : undefined;
  const total: ImportSummary = { accepted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: [] };
  await withStore(g, async (store) => {
    for (const path of paths) {
      const bar = progressBar(`importing ${path === '-' ? 'stdin' : basename(path)}`);
      const s = await importFile(store, type, path, {
        ...(mapping ? { mapping } : {}),
        ...(values.timezone ? { timezone: values.timezone } : {}),
        ...(values['batch-rows'] ? { batchRows: Number(values['batch-rows']) } : {}),
        onProgress: (done, size) => bar.update(done, size),
      });
      bar.finish();
      total.accepted += s.accepted;
      total.updated += s.updated;
      total.unchanged += s.unchanged;
      total.rejected += s.rejected;
      total.warnings.push(...s.warnings.map((w) => (paths.length > 1 ? { ...w, file: path } : w)));
      if (!values.json) printSummary(path, s);
    }
  });
  if (values.json) console.log(JSON.stringify(total));
  return 0;
}

function printSummary(path: string, s: ImportSummary): void {
  const n = (x: number): string => x.toLocaleString('en-US');
  console.log(
    `${path}: ${n(s.accepted)} accepted, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ${n(s.rejected)} rejected`,
  );
  for (const w of s.warnings) {
    if (w.code === 'rejected_rows')
      console.log(`  rejected ${n(w.rows as number)} × ${w.reason} (first at line ${w.first_line})`);
    else console.log(`  warning: ${describeWarning(w)}`);
  }
  if (s.rejected) console.log('  see the rows with: callkpi rejects');
}
