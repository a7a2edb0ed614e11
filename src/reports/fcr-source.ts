import type { Dimension } from '../catalog/types.js';
import type { Engine, Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import { col, table } from '../query/sql.js';
import { addDays, zonedDate } from '../time/zones.js';
import { fcrOf, type FcrClassified, type FcrContact } from './fcr.js';

// fcr_rate needs every customer's contacts in time order across calls and tickets, which no
// single GROUP BY gives: the contacts are classified in fcr.ts and counted here per report row.

const FCR_DIMS: ReadonlySet<Dimension> = new Set(['agent', 'channel', 'date', 'week', 'month', 'dow']);

function dimOf(
  d: Dimension,
  c: Pick<FcrClassified, 'agent' | 'channel' | 'kind' | 'at'>,
  tz: string,
): string | number {
  const day = zonedDate(c.at, tz);
  const isoDow = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  switch (d) {
    case 'agent':
      return c.agent;
    case 'channel':
      return c.channel ?? (c.kind === 'call' ? 'voice' : '');
    case 'date':
      return day;
    case 'week':
      return addDays(day, 1 - isoDow);
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'dow':
      return isoDow;
    default:
      throw new Error(`fcr has no dimension ${d}`);
  }
}

// Handled calls and tickets of known customers around the period ($1, $2), each with how many
// contacts its customer has there and whether it closes on first contact (fcr.ts has the rules).
const CONTACTS_SQL = `WITH raw AS (
  SELECT call_id AS id, 'call' AS kind, CAST(customer AS VARCHAR) AS customer, topic, started_at AS t, agent,
    'voice' AS channel, resolved, CAST(NULL AS BIGINT) AS reopened, CAST(NULL AS BIGINT) AS contacts,
    FALSE AS ticket_resolved
  FROM calls WHERE agent <> '' AND talk_sec > 0 AND customer IS NOT NULL
    AND started_at >= CAST($1 AS TIMESTAMPTZ) AND started_at < CAST($2 AS TIMESTAMPTZ)
  UNION ALL
  SELECT ticket_id, 'ticket', CAST(customer AS VARCHAR), topic, created_at AS t, coalesce(agent, ''), coalesce(channel, ''),
    NULL, reopened, contacts, (status IN ('resolved', 'closed') OR resolved_at IS NOT NULL) IS TRUE
  FROM tickets WHERE customer IS NOT NULL
    AND created_at >= CAST($1 AS TIMESTAMPTZ) AND created_at < CAST($2 AS TIMESTAMPTZ)
), contacts AS (
  SELECT *, count(*) OVER (PARTITION BY customer) AS n,
    CASE WHEN resolved IS FALSE THEN FALSE WHEN kind = 'call' THEN TRUE
      ELSE ticket_resolved AND coalesce(reopened, 0) = 0 AND coalesce(contacts, 1) <= 1 END AS closes
  FROM raw
)`;

export function fcrSource(windowMs: number): FactSource {
  const none = (): never => {
    throw new Error('fcr is computed, not read');
  };
  return {
    id: 'fcr',
    from: table('calls'),
    joins: [],
    time: null,
    fromRollup: false,
    dim: (d) => (FCR_DIMS.has(d) ? col(d) : undefined),
    cond: none,
    counter: none,
    async rows(engine: Engine, plan: Plan, dims: readonly Dimension[]) {
      const [from, to] = plan.range;
      const tz = plan.req.timezone;
      const out = new Map<string, { dims: (string | number)[]; first: number; fcr: number }>();
      const add = (
        c: Pick<FcrClassified, 'agent' | 'channel' | 'kind' | 'at'>,
        first: number,
        fcr: number,
      ) => {
        const keep = Object.entries(plan.req.where).every(([d, values]) =>
          (values as string[]).includes(String(dimOf(d as Dimension, c, tz))),
        );
        if (!keep) return;
        const values = dims.map((d) => dimOf(d, c, tz));
        const key = JSON.stringify(values);
        const o = out.get(key) ?? { dims: values, first: 0, fcr: 0 };
        o.first += first;
        o.fcr += fcr;
        out.set(key, o);
      };
      // Most customers have one contact in the window span: each is a first contact, resolved
      // unless marked otherwise. Those are counted in SQL; only repeat customers are classified here.
      const params = [
        new Date(from.getTime() - windowMs).toISOString(),
        new Date(to.getTime() + windowMs).toISOString(),
        from.toISOString(),
        to.toISOString(),
        tz,
      ];
      const singles = await engine.all(
        `${CONTACTS_SQL}
        SELECT agent, channel, kind, min(t) AS t,
          count(*) AS n_first, count(*) FILTER (WHERE closes) AS n_fcr
        FROM contacts WHERE n = 1 AND t >= CAST($3 AS TIMESTAMPTZ) AND t < CAST($4 AS TIMESTAMPTZ)
        GROUP BY agent, channel, kind, CAST(timezone($5, t) AS DATE)`,
        params,
      );
      for (const r of singles)
        add(
          {
            agent: String(r.agent),
            channel: String(r.channel),
            kind: r.kind as 'call' | 'ticket',
            at: (r.t as Date).getTime(),
          },
          Number(r.n_first),
          Number(r.n_fcr),
        );
      const repeat = await engine.all(
        `${CONTACTS_SQL}
        SELECT id, kind, customer, topic, t, agent, channel, resolved, reopened, contacts, ticket_resolved
        FROM contacts WHERE n > 1`,
        params.slice(0, 2),
      );
      const contacts: FcrContact[] = repeat.map((r) => ({
        id: String(r.id),
        kind: r.kind as 'call' | 'ticket',
        customer: String(r.customer),
        topic: (r.topic as string | null) || null,
        at: (r.t as Date).getTime(),
        agent: String(r.agent ?? ''),
        channel: String(r.channel ?? ''),
        resolvedFlag: r.resolved as boolean | null,
        ticketContacts: r.contacts as number | null,
        reopened: r.reopened as number | null,
        ticketResolved: r.ticket_resolved as boolean,
      }));
      for (const c of fcrOf(contacts, windowMs).classified)
        if (c.first && c.at >= from.getTime() && c.at < to.getTime()) add(c, 1, c.fcr ? 1 : 0);
      return [...out.values()].map((o) => ({
        ...Object.fromEntries(o.dims.map((v, i) => [`d${i}`, v])),
        m_fcr_first_contacts: o.first,
        m_fcr_resolved: o.fcr,
      }));
    },
  };
}
