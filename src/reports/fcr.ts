import { badInput } from '../errors.js';
import type { DuckStore } from '../storage/duckdb/connection.js';

// First-contact resolution (metrics.md "Quality, customers and tickets"), over handled calls and
// tickets together, so a call followed by an e-mail ticket is one issue, not two resolved ones.
//
// Readings of the spec:
// - Contacts without a customer cannot be linked to a repeat, so they are left out entirely: not
//   counted, and not a "preceding contact" for anyone.
// - Two contacts of one customer concern the same issue unless both carry a topic and the topics
//   differ: a contact without a topic matches every topic of that customer, both ways.
// - "Within W" is strictly less than W apart: a contact exactly W after another starts afresh. This
//   keeps the loader's half-open range [from − W, to + W) sufficient for every contact in [from, to).
// - Contacts at the same instant are ordered by id (then kind), so one of them is the first.
// - A call is not resolved first-time only when marked `resolved` = false; an unknown flag passes.
// - A ticket is resolved first-time when it is resolved (status resolved/closed or resolved_at
//   set), was never reopened, and took at most one contact; unknown reopened/contacts pass,
//   as an unknown call flag does.

export const DEFAULT_FCR_WINDOW_MS = 7 * 86_400_000;

export interface FcrContact {
  readonly id: string;
  readonly kind: 'call' | 'ticket';
  readonly customer: string | null;
  readonly topic: string | null;
  readonly at: number;
  readonly agent: string;
  /** 'voice' for calls; the ticket's channel for tickets */
  readonly channel?: string | null;
  readonly resolvedFlag: boolean | null;
  readonly ticketContacts?: number | null;
  readonly reopened?: number | null;
  readonly ticketResolved?: boolean;
}

export interface FcrClassified extends FcrContact {
  /** no contact of this customer on this issue in the preceding window */
  readonly first: boolean;
  /** a first contact resolved without a repeat within the window */
  readonly fcr: boolean;
}

export interface FcrTotals {
  readonly first_contacts: number;
  readonly fcr_first_contacts: number;
  readonly fcr_rate: number | null;
}

const topicOf = (c: FcrContact): string | null => c.topic?.trim() || null;

function sameIssue(a: FcrContact, b: FcrContact): boolean {
  const ta = topicOf(a);
  const tb = topicOf(b);
  return ta === null || tb === null || ta === tb;
}

function closesOnFirstContact(c: FcrContact): boolean {
  if (c.resolvedFlag === false) return false;
  if (c.kind === 'call') return true;
  return c.ticketResolved === true && (c.reopened ?? 0) === 0 && (c.ticketContacts ?? 1) <= 1;
}

const order = (a: FcrContact, b: FcrContact): number =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

export function fcrTotals(classified: readonly FcrClassified[]): FcrTotals {
  let first = 0;
  let fcr = 0;
  for (const c of classified) {
    if (c.first) first++;
    if (c.fcr) fcr++;
  }
  return { first_contacts: first, fcr_first_contacts: fcr, fcr_rate: first > 0 ? fcr / first : null };
}

/**
 * Classifies every contact that has a customer (in input order) and totals them. Count only the
 * contacts whose `at` is in the report period: the rest are there to look back and ahead.
 */
export function fcrOf(
  contacts: readonly FcrContact[],
  windowMs: number = DEFAULT_FCR_WINDOW_MS,
): { classified: FcrClassified[]; excluded: number } & FcrTotals {
  if (!(windowMs > 0 && Number.isFinite(windowMs))) throw badInput(`fcr window must be a positive duration`);
  const byCustomer = new Map<string, FcrContact[]>();
  for (const c of contacts) {
    if (!c.customer) continue;
    const list = byCustomer.get(c.customer) ?? [];
    list.push(c);
    byCustomer.set(c.customer, list);
  }
  const result = new Map<FcrContact, { first: boolean; fcr: boolean }>();
  for (const list of byCustomer.values()) {
    list.sort(order);
    list.forEach((c, i) => {
      let first = true;
      for (let j = i - 1; first && j >= 0 && c.at - list[j]!.at < windowMs; j--)
        if (sameIssue(c, list[j]!)) first = false;
      let repeated = false;
      for (let j = i + 1; !repeated && j < list.length && list[j]!.at - c.at < windowMs; j++)
        if (sameIssue(c, list[j]!)) repeated = true;
      result.set(c, { first, fcr: first && !repeated && closesOnFirstContact(c) });
    });
  }
  const classified = contacts.filter((c) => result.has(c)).map((c) => ({ ...c, ...result.get(c)! }));
  return { classified, excluded: contacts.length - classified.length, ...fcrTotals(classified) };
}

/** Totals per key (agent, channel, ...), keys sorted; a rate per key re-divides that key's sums. */
export function fcrBy(
  classified: readonly FcrClassified[],
  key: (c: FcrClassified) => string,
): Map<string, FcrTotals> {
  const groups = new Map<string, FcrClassified[]>();
  for (const c of classified) {
    const k = key(c);
    const list = groups.get(k) ?? [];
    list.push(c);
    groups.set(k, list);
  }
  return new Map([...groups.keys()].sort().map((k) => [k, fcrTotals(groups.get(k)!)]));
}

/**
 * Handled calls and tickets with a customer in [from − W, to + W): enough to classify every
 * contact in [from, to). Customers are the stored keyed hashes, matched as text across both tables.
 */
export async function loadFcrContacts(
  store: Pick<DuckStore, 'all'>,
  opts: { from: Date; to: Date; windowMs?: number },
): Promise<FcrContact[]> {
  const w = opts.windowMs ?? DEFAULT_FCR_WINDOW_MS;
  if (!(w > 0 && Number.isFinite(w))) throw badInput(`fcr window must be a positive duration`);
  if (!(opts.from.getTime() <= opts.to.getTime())) throw badInput(`fcr: from must not be after to`);
  const range = [
    new Date(opts.from.getTime() - w).toISOString(),
    new Date(opts.to.getTime() + w).toISOString(),
  ];
  const calls = await store.all<{
    id: string;
    customer: string;
    topic: string;
    at: Date;
    agent: string;
    resolved: boolean | null;
  }>(
    `SELECT call_id AS id, CAST(customer AS VARCHAR) AS customer, topic, started_at AS at, agent, resolved
     FROM calls
     WHERE agent <> '' AND talk_sec > 0 AND coalesce(CAST(customer AS VARCHAR), '') <> ''
       AND started_at >= $1 AND started_at < $2`,
    range,
  );
  const tickets = await store.all<{
    id: string;
    customer: string;
    topic: string | null;
    at: Date;
    agent: string | null;
    channel: string | null;
    resolved: boolean;
    reopened: number | null;
    contacts: number | null;
  }>(
    `SELECT ticket_id AS id, CAST(customer AS VARCHAR) AS customer, topic, created_at AS at, agent, channel,
       (status IN ('resolved', 'closed') OR resolved_at IS NOT NULL) IS TRUE AS resolved, reopened, contacts
     FROM tickets
     WHERE coalesce(CAST(customer AS VARCHAR), '') <> '' AND created_at >= $1 AND created_at < $2`,
    range,
  );
  return [
    ...calls.map((r): FcrContact => ({
      id: r.id,
      kind: 'call',
      customer: r.customer,
      topic: r.topic || null,
      at: r.at.getTime(),
      agent: r.agent,
      channel: 'voice',
      resolvedFlag: r.resolved,
    })),
    ...tickets.map((r): FcrContact => ({
      id: r.id,
      kind: 'ticket',
      customer: r.customer,
      topic: r.topic || null,
      at: r.at.getTime(),
      agent: r.agent ?? '',
      channel: r.channel ?? '',
      resolvedFlag: null,
      ticketContacts: r.contacts,
      reopened: r.reopened,
      ticketResolved: r.resolved,
    })),
  ];
}
