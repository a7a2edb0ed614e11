import { usageError } from '../errors.js';
import { toCsv } from '../reports/format.js';
import { intOption, parse } from './args.js';
import { withStore, type Globals } from './context.js';

export async function rejectsCommand(argv: string[], g: Globals): Promise<number> {
  const { values } = parse(
    'rejects',
    argv,
    {
      format: { type: 'string', default: 'table' },
      import: { type: 'string' },
      limit: { type: 'string' },
    },
    false,
  );
  if (!['table', 'csv', 'json'].includes(values.format!))
    throw usageError(`--format ${values.format}: expected table, csv or json`);
  const limit = intOption('limit', values.limit, values.format === 'table' ? 200 : 0, 0);
  const rows = await withStore(g, (store) =>
    store.all(
      `SELECT import_id, record_type, source, line, reason, raw FROM rejects
       WHERE $1 IS NULL OR import_id = $1 ORDER BY import_id, source, line ${limit ? `LIMIT ${limit}` : ''}`,
      [values.import ? intOption('import', values.import, 0, 1) : null],
    ),
  );
  if (values.format === 'csv')
    return (
      process.stdout.write(toCsv(rows, ['import_id', 'record_type', 'source', 'line', 'reason', 'raw'])),
      0
    );
  if (values.format === 'json') return (console.log(JSON.stringify(rows, null, 2)), 0);
  if (!rows.length) return (console.log('no rejected rows'), 0);
  for (const r of rows)
    console.log(
      `${r.source}:${r.line ?? '?'}  [${r.record_type}] ${r.reason}\n    ${String(r.raw ?? '').slice(0, 160)}`,
    );
  if (limit && rows.length === limit)
    console.log(`(first ${limit} shown; --limit 0 or --format csv for all)`);
  return 0;
}
