import { catalog } from '../catalog/index.js';
import type { RecordType } from './records.js';

// Rules that involve more than one field, or knowledge outside the record (the metric catalog),
// as [condition, reason] SQL pairs over the typed values. Each reason names the field it is about.

type Rule = (v: (field: string) => string, lit: (s: string) => string) => [string, string][];

/** The zone names every report accepts (Intl's canonical IANA names). */
const ZONES = [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC'])];

const RULES: Partial<Record<RecordType, Rule>> = {
  campaigns: (v, lit) => [
    [
      `${v('timezone')} NOT IN (${ZONES.map(lit).join(', ')})`,
      `'timezone: "' || left(${v('timezone')}, 40) || '" is not an IANA time zone such as America/New_York'`,
    ],
  ],
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
  surveys: (v) => {
    const scale = `coalesce(${v('scale_max')}, CASE WHEN ${v('kind')} = 'nps' THEN 10 ELSE 5 END)`;
    return [
      [
        `${v('score')} < 0 OR ${v('score')} > ${scale}`,
        `'score: ' || ${v('score')} || ' is outside the ' || ${v('kind')} || ' scale 0-' || ${scale}`,
      ],
      [`${v('scale_max')} <= 0`, `'scale_max: must be above 0, got ' || ${v('scale_max')}`],
    ];
  },
  qa: (v) => [
    [`${v('max_score')} <= 0`, `'max_score: must be above 0, got ' || ${v('max_score')}`],
    [
      `${v('score')} < 0 OR ${v('score')} > ${v('max_score')}`,
      `'score: ' || ${v('score')} || ' is outside 0-' || ${v('max_score')} || ' (max_score)'`,
    ],
    [`${v('weight')} < 0`, `'weight: negative weight ' || ${v('weight')}`],
  ],
  tickets: (v) => [
    [
      `${v('resolved_at')} < ${v('created_at')}`,
      `'resolved_at: ' || strftime(${v('resolved_at')}, '%Y-%m-%dT%H:%M:%SZ') || ' is before created_at'`,
    ],
    [
      `${v('first_response_at')} < ${v('created_at')}`,
      `'first_response_at: ' || strftime(${v('first_response_at')}, '%Y-%m-%dT%H:%M:%SZ') || ' is before created_at'`,
    ],
    [`${v('reopened')} < 0`, `'reopened: negative count ' || ${v('reopened')}`],
    [`${v('contacts')} < 0`, `'contacts: negative count ' || ${v('contacts')}`],
  ],
  schedules: (v) => [
    [
      `${v('ends_at')} <= ${v('starts_at')}`,
      `'ends_at: ' || strftime(${v('ends_at')}, '%Y-%m-%dT%H:%M:%SZ') || ' is not after starts_at'`,
    ],
  ],
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
