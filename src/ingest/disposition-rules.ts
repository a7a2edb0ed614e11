import type { DuckStore } from '../storage/duckdb/connection.js';
import type { Warning } from './warnings.js';

// inputs.md: win ⇒ contact ⇒ human ⇒ answered, drop ⇒ human, machine ⇒ answered, fax ⇒ answered.
// Applied in this order one pass reaches the closure. A source that breaks a rule is corrected
// and told so, row by row (VICIdial's own SALE is not a customer contact, for one).
export const FLAG_IMPLICATIONS: readonly (readonly [string, string])[] = [
  ['win', 'contact'],
  ['contact', 'human'],
  ['drop', 'human'],
  ['human', 'answered'],
  ['machine', 'answered'],
  ['fax', 'answered'],
];

/** Fixes the staged disposition rows in `stg` and returns one warning per corrected row. */
export async function enforceDispositionFlags(store: DuckStore): Promise<Warning[]> {
  const warnings: Warning[] = [];
  for (const [from, to] of FLAG_IMPLICATIONS) {
    const rows = await store.all<{ code: string; campaign: string; line: number }>(
      `UPDATE stg SET "${to}" = TRUE WHERE _reason IS NULL AND "${from}" AND NOT "${to}" RETURNING code, campaign, line`,
    );
    for (const r of rows)
      warnings.push({
        code: 'disposition_flag_implied',
        status: r.code,
        campaign: r.campaign,
        line: r.line,
        rule: `${from} ⇒ ${to}`,
        set: to,
      });
  }
  return warnings;
}
