import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planQuery, partSelect } from '../../src/query/plan.js';
import { DIALECT_NAMES, getDialect } from '../../src/query/dialects/index.js';
import { scratch, type Scratch } from '../helpers/store.js';
import { loadFixture } from '../helpers/fixture.js';
import { GOLDEN_CASES } from './golden-cases.js';

// Golden SQL per engine: regenerate with `npm run golden` and review the diff; CI only compares.
const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');
const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';

function compile(name: string, engine: string): string {
  const plan = planQuery(GOLDEN_CASES[name]!);
  const dialect = getDialect(engine);
  return plan.parts
    .map((part) => {
      const { sql, params } = dialect.render(partSelect(plan, part));
      const p = params.length ? `\n-- params: ${JSON.stringify(params)}` : '';
      return `-- part: ${part.key}${p}\n${sql};\n`;
    })
    .join('\n');
}

describe('golden SQL', () => {
  for (const name of Object.keys(GOLDEN_CASES))
    for (const engine of DIALECT_NAMES)
      test(`${name} (${engine})`, () => {
        const file = join(GOLDEN_DIR, `${name}.${engine}.sql`);
        const sql = compile(name, engine);
        if (update) writeFileSync(file, sql);
        expect(existsSync(file), `${file} missing: run npm run golden`).toBe(true);
        expect(sql).toBe(readFileSync(file, 'utf8'));
      });
});

describe('golden SQL runs on DuckDB', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await loadFixture(s);
  });
  afterAll(() => s.done());
  for (const name of Object.keys(GOLDEN_CASES))
    test(name, async () => {
      const plan = planQuery(GOLDEN_CASES[name]!);
      const dialect = getDialect('duckdb');
      for (const part of plan.parts) {
        const { sql, params } = dialect.render(partSelect(plan, part));
        const rows = await s.store.all(sql, params);
        expect(Array.isArray(rows)).toBe(true);
      }
    });
});
