import { usageError } from '../../errors.js';
import type { Dialect } from '../dialect.js';
import { ClickHouseDialect } from './clickhouse-dialect.js';
import { DuckDbDialect } from './duckdb-dialect.js';

const registry: Record<string, () => Dialect> = {
  duckdb: () => new DuckDbDialect(),
  clickhouse: () => new ClickHouseDialect(),
};

export const DIALECT_NAMES = Object.keys(registry);

export function getDialect(name: string): Dialect {
  const make = registry[name];
  if (!make) throw usageError(`unknown SQL dialect "${name}" (known: ${DIALECT_NAMES.join(', ')})`);
  return make();
}
