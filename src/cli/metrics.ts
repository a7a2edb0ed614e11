import { catalog } from '../catalog/index.js';
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
  const shown = cat.metrics.filter((m) => values.all || !m.hidden);
  const entries = shown.map((m) => ({
    id: m.id,
    label: m.label,
    unit: m.unit,
    direction: m.direction,
    section: m.section,
    formula: cat.formula(m),
    description: m.description,
    ...(m.variants ? { variants: Object.keys(m.variants), default_variant: m.defaultVariant } : {}),
  }));
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
