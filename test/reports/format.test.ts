import { expect, test } from 'vitest';
import { csvCell, fixed, formatValue, toCsv } from '../../src/reports/format.js';

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
