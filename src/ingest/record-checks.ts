import { catalog } from '../catalog/index.js';
import type { RecordType } from './records.js';

// Rules that involve more than one field, or knowledge outside the record (the metric catalog),
// as [condition, reason] SQL pairs over the typed values. Each reason names the field it is about.

type Rule = (v: (field: string) => string, lit: (s: string) => string) => [string, string][];

const RULES: Partial<Record<RecordType, Rule>> = {
  goals: (v, lit) => {
    const ids = catalog()
      .metrics.filter((m) => !m.hidden)
      .map((m) => lit(m.id));
    return [
      [
        `NOT regexp_full_match(${v('period')}, '[0-9]{4}-(0[1-9]|1[0-2])')`,
        `'period: "' || left(${v('period')}, 40) || '" is not a month as YYYY-MM'`,
      ],
      [
        `${v('metric')} NOT IN (${ids.join(', ')})`,
        `'metric: "' || left(${v('metric')}, 40) || '" is not a metric id (see callkpi metrics)'`,
      ],
      [
        `${v('red_at')} <= 0 OR ${v('amber_at')} > 1 OR ${v('red_at')} > ${v('amber_at')}`,
        `'red_at/amber_at: need 0 < red_at <= amber_at <= 1 (fractions of pace; empty = 0.75 and 0.9), got red_at ' || ${v('red_at')} || ', amber_at ' || ${v('amber_at')}`,
      ],
    ];
  },
  commissions: (v) => [
    [`${v('agent')} = '' AND ${v('team')} = ''`, `'agent/team: one of agent, team is required'`],
    [
      `${v('agent')} <> '' AND ${v('team')} <> ''`,
      `'agent/team: a plan belongs to an agent or to a team, not both (one row each)'`,
    ],
  ],
};

export function recordChecks(
  type: RecordType,
  v: (field: string) => string,
  lit: (s: string) => string,
): [string, string][] {
  return RULES[type]?.(v, lit) ?? [];
}
