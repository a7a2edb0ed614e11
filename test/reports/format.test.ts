import { expect, test } from 'vitest';
import { csvCell, fixed, formatValue, toCsv, toTable } from '../../src/reports/format.js';

test('display rounds half away from zero on the decimal value', () => {
  expect(fixed(0.975, 2)).toBe('0.98'); // toFixed gives 0.97
  expect(fixed(-0.975, 2)).toBe('-0.98');
  expect(fixed(1.005, 2)).toBe('1.01');
  expect(fixed(2.5, 0)).toBe('3');
  expect(fixed(-0.001, 2)).toBe('0.00');
  expect(fixed(18.92, 2)).toBe('18.92');
  expect(formatValue(0.18915, 'ratio')).toBe('18.92 %');
  expect(formatValue(null, 'ratio')).toBe('n/a');
  expect(formatValue(3725, 'seconds')).toBe('1:02:05');
});

test('CSV cells that start a formula are neutralised; quoting per RFC 4180', () => {
  expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  expect(csvCell('+1 555')).toBe("'+1 555");
  expect(csvCell('-2')).toBe("'-2");
  expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(csvCell(-2)).toBe('-2'); // numbers are data, not formulas
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(toCsv([{ agent: "O'Neil", dials: 3 }])).toBe("agent,dials\nO'Neil,3\n");
});

test('a table wider than the terminal continues in blocks that repeat the dimensions', () => {
  const report = {
    report: 'funnel',
    from: '2026-03-01',
    to: '2026-03-31',
    timezone: 'UTC',
    by: ['campaign'],
    definitions: {},
    rows: [
      { campaign: 'SOLAR', dials: 1200, answered: 300, answer_rate: 0.25, contacts: 120, contact_rate: 0.1 },
      { campaign: 'DEBT', dials: 800, answered: 100, answer_rate: 0.125, contacts: 40, contact_rate: 0.05 },
    ],
    totals: { dials: 2000, answered: 400, answer_rate: 0.2, contacts: 160, contact_rate: 0.08 },
    warnings: [],
    meta: {
      bucketing: '',
      sources: {},
      thresholds: { service_level_sec: 20, short_abandon_sec: 5 },
      conversion_denominator: 'contacts',
    },
  };
  const text = toTable(report, 40);
  const lines = text.split('\n');
  expect(lines.every((l) => l.length <= 40)).toBe(true);
  const headers = lines.filter((l) => l.startsWith('campaign'));
  expect(headers.length).toBeGreaterThan(1); // each block names the dimension again
  expect(lines.filter((l) => l.startsWith('TOTAL')).length).toBe(headers.length);
  expect(text).toContain('20.00 %'); // the total answer rate, 400 ÷ 2000
});
