import type { Dimension } from '../catalog/types.js';
import type { Engine, Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import { col, table } from '../query/sql.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { addDays, zonedDate } from '../time/zones.js';
import { fcrOf, loadFcrContacts, type FcrClassified } from './fcr.js';

// fcr_rate needs every customer's contacts in time order across calls and tickets, which no
// single GROUP BY gives: the contacts are classified in fcr.ts and counted here per report row.

const FCR_DIMS: ReadonlySet<Dimension> = new Set(['agent', 'channel', 'date', 'week', 'month', 'dow']);

function dimOf(d: Dimension, c: FcrClassified, tz: string): string | number {
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
      // The loader only reads; an engine answers the same SQL as the store it wraps.
      const reader = { all: engine.all } as Pick<DuckStore, 'all'>;
      const contacts = await loadFcrContacts(reader, { from, to, windowMs });
      const tz = plan.req.timezone;
      const out = new Map<string, { dims: (string | number)[]; first: number; fcr: number }>();
      for (const c of fcrOf(contacts, windowMs).classified) {
        if (!c.first || c.at < from.getTime() || c.at >= to.getTime()) continue;
        const filtered = Object.entries(plan.req.where).some(
          ([d, values]) => !(values as string[]).includes(String(dimOf(d as Dimension, c, tz))),
        );
        if (filtered) continue;
        const values = dims.map((d) => dimOf(d, c, tz));
        const key = JSON.stringify(values);
        const o = out.get(key) ?? { dims: values, first: 0, fcr: 0 };
        o.first += 1;
        o.fcr += c.fcr ? 1 : 0;
        out.set(key, o);
      }
      return [...out.values()].map((o) => ({
        ...Object.fromEntries(o.dims.map((v, i) => [`d${i}`, v])),
        m_fcr_first_contacts: o.first,
        m_fcr_resolved: o.fcr,
      }));
    },
  };
}
