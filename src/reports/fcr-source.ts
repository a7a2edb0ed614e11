import type { Dimension } from '../catalog/types.js';
import type { Engine, Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import { zonedDate } from '../time/zones.js';
import { calendarValue, computedSource, Tally } from './computed.js';

// fcr_rate needs every customer's contacts in time order across calls and tickets, which no
// single GROUP BY gives: the contacts are classified in fcr.ts and counted here per report row.

const FCR_DIMS: ReadonlySet<Dimension> = new Set(['agent', 'channel', 'date', 'week', 'month', 'dow']);

// Handled calls and tickets of known customers around the period ($1, $2), each with whether it
// closes on first contact (fcr.ts has the rules).
const CONTACTS_SQL = `WITH raw AS (
  SELECT call_id AS id, 'call' AS kind, CAST(customer AS VARCHAR) AS customer, nullif(trim(topic), '') AS topic,
    started_at AS t, agent,
    'voice' AS channel, resolved, CAST(NULL AS BIGINT) AS reopened, CAST(NULL AS BIGINT) AS contacts,
    FALSE AS ticket_resolved
  FROM calls WHERE agent <> '' AND talk_sec > 0 AND customer IS NOT NULL
    AND started_at >= CAST($1 AS TIMESTAMPTZ) AND started_at < CAST($2 AS TIMESTAMPTZ)
  UNION ALL
  SELECT ticket_id, 'ticket', CAST(customer AS VARCHAR), nullif(trim(topic), ''), created_at AS t, coalesce(agent, ''), coalesce(channel, ''),
    NULL, reopened, contacts, (status IN ('resolved', 'closed') OR resolved_at IS NOT NULL) IS TRUE
  FROM tickets WHERE customer IS NOT NULL
    AND created_at >= CAST($1 AS TIMESTAMPTZ) AND created_at < CAST($2 AS TIMESTAMPTZ)
), contacts AS (
  SELECT *,
    CASE WHEN resolved IS FALSE THEN FALSE WHEN kind = 'call' THEN TRUE
      ELSE ticket_resolved AND coalesce(reopened, 0) = 0 AND coalesce(contacts, 1) <= 1 END AS closes
  FROM raw
)`;

// For each contact, the nearest earlier and later contact of the customer on the same issue: with
// no topic any contact is the same issue; with a topic, contacts of that topic or of none. First
// when none lies within W before ($6 seconds, strictly less apart); resolved first time when none
// lies within W after and it closes on first contact. Counted per agent, channel and local day.
const CLASSIFIED_SQL = `${CONTACTS_SQL}, near AS (
  SELECT *, epoch(t) AS s,
    epoch(max(t) OVER before_c) AS prev_any,
    epoch(max(CASE WHEN topic IS NULL THEN t END) OVER before_c) AS prev_untopic,
    epoch(max(t) OVER before_t) AS prev_same,
    epoch(min(t) OVER after_c) AS next_any,
    epoch(min(CASE WHEN topic IS NULL THEN t END) OVER after_c) AS next_untopic,
    epoch(min(t) OVER after_t) AS next_same
  FROM contacts
  WINDOW before_c AS (PARTITION BY customer ORDER BY t, id, kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
    after_c AS (PARTITION BY customer ORDER BY t, id, kind ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING),
    before_t AS (PARTITION BY customer, topic ORDER BY t, id, kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
    after_t AS (PARTITION BY customer, topic ORDER BY t, id, kind ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
), judged AS (
  SELECT *,
    CASE WHEN topic IS NULL THEN coalesce(s - prev_any >= $6, TRUE)
      ELSE coalesce(s - prev_same >= $6, TRUE) AND coalesce(s - prev_untopic >= $6, TRUE) END AS is_first,
    CASE WHEN topic IS NULL THEN coalesce(next_any - s < $6, FALSE)
      ELSE coalesce(next_same - s < $6, FALSE) OR coalesce(next_untopic - s < $6, FALSE) END AS repeated
  FROM near
)
SELECT agent, channel, kind, min(t) AS t,
  count(*) FILTER (WHERE is_first) AS n_first,
  count(*) FILTER (WHERE is_first AND NOT repeated AND closes) AS n_fcr
FROM judged WHERE t >= CAST($3 AS TIMESTAMPTZ) AND t < CAST($4 AS TIMESTAMPTZ)
GROUP BY agent, channel, kind, CAST(timezone($5, t) AS DATE)`;

export function fcrSource(windowMs: number): FactSource {
  return computedSource({
    id: 'fcr',
    table: 'calls',
    dims: FCR_DIMS,
    async rows(engine: Engine, plan: Plan, dims: readonly Dimension[]) {
      const [from, to] = plan.range;
      const tz = plan.req.timezone;
      const tally = new Tally(plan, dims, ['fcr_first_contacts', 'fcr_resolved']);
      // Classified in SQL with window functions over each customer's contacts (fcr.ts holds the
      // same rules in JS, and a test holds the two to the same answers).
      const params = [
        new Date(from.getTime() - windowMs).toISOString(),
        new Date(to.getTime() + windowMs).toISOString(),
        from.toISOString(),
        to.toISOString(),
        tz,
        windowMs / 1000,
      ];
      for (const r of await engine.all(CLASSIFIED_SQL, params)) {
        const day = zonedDate((r.t as Date).getTime(), tz);
        const value = (d: Dimension) =>
          d === 'agent' ? String(r.agent) : d === 'channel' ? String(r.channel) : calendarValue(d, day);
        tally.add(value, [Number(r.n_first), Number(r.n_fcr)]);
      }
      return tally.rows();
    },
  });
}
