// Commission plan text checked in SQL at import, so a bad plan is rejected with its line like any
// other bad value. src/reports/commission.ts parses the same syntax for valuation; both accept
// exactly: none | flat:A | percent:p | tiered:<brackets> | graduated:<brackets>, brackets being
// `from-to@rate,…,from+@rate` from 0 upwards, rates as fractions or with a % sign.

const N = '[0-9]+(\\.[0-9]+)?';
const RATE = `${N}%?`;
const BRACKETS = `(${N}-${N}@${RATE},)*${N}\\+@${RATE}`;

const rateOf = (r: string): string =>
  `CASE WHEN ends_with(${r}, '%') THEN CAST(rtrim(${r}, '%') AS DOUBLE) / 100 ELSE CAST(${r} AS DOUBLE) END`;

export const PLAN_SQL = {
  syntax: 'none, flat:<per win>, percent:<rate>, tiered:<brackets>, graduated:<brackets>',
  pattern: `none|flat:${N}|percent:${RATE}|(tiered|graduated):${BRACKETS}`,
  /** stored form: lower case without spaces */
  normalize: (x: string): string => `lower(regexp_replace(${x}, '\\s+', '', 'g'))`,
  /** [condition, reason suffix] over the normalized plan `v`, checked after the pattern matched */
  checks(v: string): [string, string][] {
    const froms = `list_transform(regexp_extract_all(${v}, '[:,]([0-9.]+)[-+]', 1), lambda x: CAST(x AS DOUBLE))`;
    const tos = `list_transform(regexp_extract_all(${v}, '-([0-9.]+)@', 1), lambda x: CAST(x AS DOUBLE))`;
    const rates = `list_transform(regexp_extract_all(${v}, '[@:]([0-9.]+%?)(,|$)', 1), lambda r: ${rateOf('r')})`;
    const bracketed = `regexp_matches(${v}, '^(tiered|graduated):')`;
    return [
      [
        `${bracketed} AND (${froms}[1] <> 0 OR ${froms}[2:] <> ${tos} OR NOT list_bool_and(list_transform(range(1, len(${tos}) + 1), lambda i: ${tos}[i] > ${froms}[i])))`,
        `': brackets must start at 0 and be contiguous and ascending, e.g. tiered:0-100@0.10,100+@0.15'`,
      ],
      [
        `regexp_matches(${v}, '^(tiered|graduated|percent):') AND list_max(${rates}) > 1`,
        `': a rate above 100 % (rates are fractions like 0.1 or percentages like 10%)'`,
      ],
    ];
  },
};
