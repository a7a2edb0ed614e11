import { catalog, catalogEntries } from '../catalog/index.js';
import { usageError } from '../errors.js';
import { parse } from './args.js';

export async function metricsCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    'metrics',
    argv,
    { format: { type: 'string', default: 'table' }, all: { type: 'boolean' } },
    false,
  );
  const cat = catalog();
  const entries = catalogEntries(cat, values.all);
  if (values.format === 'json') return (console.log(JSON.stringify(entries, null, 2)), 0);
  if (values.format !== 'table') throw usageError(`--format ${values.format}: expected table or json`);
  let section = '';
  const w = Math.max(...entries.map((e) => e.id.length));
  for (const e of entries) {
    if (e.section !== section) {
      section = e.section;
      console.log(`\n${section}`);
    }
    console.log(`  ${e.id.padEnd(w)}  ${e.unit.padEnd(8)} ${e.direction.padEnd(7)} ${e.formula}`);
  }
  return 0;
}
