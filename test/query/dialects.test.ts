import { expect, test } from 'vitest';
import { getDialect } from '../../src/query/dialects/index.js';
import { encodeClickHouseString } from '../../src/query/dialects/clickhouse-dialect.js';
import { col, eq, param, select, table } from '../../src/query/sql.js';

test('unknown dialects are refused by name', () => {
  expect(() => getDialect('oracle')).toThrow(/unknown SQL dialect "oracle"/);
});

test('DuckDB binds values; ClickHouse encodes them with its one literal encoder', () => {
  const s = select({ columns: [['n', col('x')]], from: table('t'), where: eq(col('name'), param("a'b\\c")) });
  expect(getDialect('duckdb').render(s)).toEqual({
    sql: 'SELECT "x" AS "n"\nFROM "t"\nWHERE ("name" = $1)',
    params: ["a'b\\c"],
  });
  expect(getDialect('clickhouse').render(s)).toEqual({
    sql: "SELECT `x` AS `n`\nFROM `t`\nWHERE (`name` = 'a\\'b\\\\c')",
    params: [],
  });
  expect(encodeClickHouseString("\n\t'\\\0")).toBe("\\n\\t\\'\\\\\\0");
});

test('identifiers are quoted, never trusted', () => {
  expect(getDialect('duckdb').quoteIdent('a"b')).toBe('"a""b"');
  expect(getDialect('clickhouse').quoteIdent('a`b')).toBe('`a\\`b`');
});
