import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fcrBy, fcrOf, loadFcrContacts, type FcrContact } from '../../src/reports/fcr.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

const DAY = 86_400_000;
const W = 7 * DAY;
const at = (day: number, hh = 10): number => Date.UTC(2026, 2, day, hh);

const call = (
  id: string,
  customer: string | null,
  day: number,
  topic: string | null,
  opts: { hh?: number; agent?: string; resolved?: boolean | null } = {},
): FcrContact => ({
  id,
  kind: 'call',
  customer,
  topic,
  at: at(day, opts.hh),
  agent: opts.agent ?? 'a1',
  channel: 'voice',
  resolvedFlag: opts.resolved ?? null,
});
const ticket = (
  id: string,
  customer: string,
  day: number,
  topic: string | null,
  t: { resolved?: boolean; contacts?: number | null; reopened?: number; channel?: string; hh?: number } = {},
): FcrContact => ({
  id,
  kind: 'ticket',
  customer,
  topic,
  at: at(day, t.hh),
  agent: 'a2',
  channel: t.channel ?? 'email',
  resolvedFlag: null,
  ticketResolved: t.resolved ?? true,
  ticketContacts: t.contacts === undefined ? 1 : t.contacts,
  reopened: t.reopened ?? 0,
});

// W = 7 days; "within W" means less than 7 days apart.
const CONTACTS: FcrContact[] = [
  // C1: same topic again 2 days later → c1 first but repeated; c2 a repeat
  call('c1', 'C1', 1, 'billing', { resolved: true }),
  call('c2', 'C1', 3, 'billing'),
  // C2: a call, then a ticket on the same topic 3 days later: repeats cross kinds
  call('c3', 'C2', 1, 'billing', { resolved: true }),
  ticket('t1', 'C2', 4, 'billing', { channel: 'chat' }),
  // C3: different topics are different issues → both first and resolved (unknown flag passes)
  call('c4', 'C3', 1, 'billing', { agent: 'a3' }),
  call('c5', 'C3', 2, 'tech', { agent: 'a3', resolved: true }),
  // C4: a contact without a topic matches any topic of the customer
  call('c6', 'C4', 1, null),
  call('c7', 'C4', 2, 'tech', { hh: 9 }),
  // C5: exactly 7 days apart → outside the window: both first; c9 is marked unresolved
  call('c8', 'C5', 1, null),
  call('c9', 'C5', 8, null, { resolved: false }),
  // C6-C9: lone tickets, resolved cleanly / two contacts / reopened / still open
  ticket('t2', 'C6', 1, null),
  ticket('t3', 'C7', 1, null, { contacts: 2 }),
  ticket('t4', 'C8', 1, null, { reopened: 1 }),
  ticket('t5', 'C9', 1, null, { resolved: false }),
  // no customer: cannot be linked, left out
  call('c10', null, 1, 'billing'),
  // C10: windows run from each contact: c13 is 13 days after c11 but 6d23h after c12
  call('c11', 'C10', 1, 'x'),
  call('c12', 'C10', 7, 'x'),
  call('c13', 'C10', 14, 'x', { hh: 9 }),
  // C11: same instant, same topic: ordered by id, so c14 is first and t6 its repeat
  call('c14', 'C11', 1, 'x'),
  ticket('t6', 'C11', 1, 'x'),
];

// first: c1 c3 c4 c5 c6 c8 c9 t2 t3 t4 t5 c11 c14 = 13; resolved first-time: c4 c5 c8 t2 = 4
const EXPECTED: Record<string, [first: boolean, fcr: boolean]> = {
  c1: [true, false],
  c2: [false, false],
  c3: [true, false],
  t1: [false, false],
  c4: [true, true],
  c5: [true, true],
  c6: [true, false],
  c7: [false, false],
  c8: [true, true],
  c9: [true, false],
  t2: [true, true],
  t3: [true, false],
  t4: [true, false],
  t5: [true, false],
  c11: [true, false],
  c12: [false, false],
  c13: [false, false],
  c14: [true, false],
  t6: [false, false],
};

describe('fcrOf', () => {
  it('classifies every contact by hand', () => {
    const r = fcrOf(CONTACTS, W);
    expect(Object.fromEntries(r.classified.map((c) => [c.id, [c.first, c.fcr]]))).toEqual(EXPECTED);
    expect(r).toMatchObject({ excluded: 1, first_contacts: 13, fcr_first_contacts: 4 });
    expect(r.fcr_rate).toBeCloseTo(4 / 13, 12);
  });

  it('does not depend on input order', () => {
    const r = fcrOf(CONTACTS.slice().reverse(), W);
    expect(Object.fromEntries(r.classified.map((c) => [c.id, [c.first, c.fcr]]))).toEqual(EXPECTED);
  });

  it('uses a 7-day window by default, and a shorter one separates more issues', () => {
    expect(fcrOf(CONTACTS).first_contacts).toBe(13);
    // W = 1 day: c1/c2 (2 days), c3/t1 (3 days) and c11/c12/c13 are now apart;
    // c6/c7 (23 h) and c14/t6 are not.
    // first += c2, t1, c12, c13 → 17; fcr += c1, c2, c3, t1 (resolved, 1 contact), c11, c12, c13 → 11
    const r = fcrOf(CONTACTS, DAY);
    expect(r).toMatchObject({ first_contacts: 17, fcr_first_contacts: 11 });
  });

  it('rejects a window that is not a positive duration', () => {
    expect(() => fcrOf(CONTACTS, 0)).toThrow(/window/);
  });
});

describe('fcrBy', () => {
  const { classified } = fcrOf(CONTACTS, W);
  it('totals per agent', () => {
    // a1 first: c1 c3 c6 c8 c9 c11 c14 (fcr c8); a2: t2-t5 (fcr t2); a3: c4 c5 (both fcr)
    expect(Object.fromEntries(fcrBy(classified, (c) => c.agent))).toEqual({
      a1: { first_contacts: 7, fcr_first_contacts: 1, fcr_rate: 1 / 7 },
      a2: { first_contacts: 4, fcr_first_contacts: 1, fcr_rate: 0.25 },
      a3: { first_contacts: 2, fcr_first_contacts: 2, fcr_rate: 1 },
    });
  });
  it('totals per channel, with no rate where there is no first contact', () => {
    // chat holds only t1, a repeat
    expect(Object.fromEntries(fcrBy(classified, (c) => c.channel ?? ''))).toEqual({
      chat: { first_contacts: 0, fcr_first_contacts: 0, fcr_rate: null },
      email: { first_contacts: 4, fcr_first_contacts: 1, fcr_rate: 0.25 },
      voice: { first_contacts: 9, fcr_first_contacts: 3, fcr_rate: 3 / 9 },
    });
  });
});

describe('loadFcrContacts', () => {
  let s: Scratch;
  const iso = (day: number, hh = 10): string => new Date(at(day, hh)).toISOString();
  beforeEach(async () => {
    s = await scratch();
    await s.load(
      'calls',
      'c.csv',
      csv(
        'call_id,started_at,direction,campaign,status,agent,customer,topic,talk_sec,resolved',
        `x2,${iso(2)},inbound,Q,HANDLED,a1,+15550001,,60,`, // before from − W (day 3): not read
        `x5,${iso(5)},inbound,Q,HANDLED,a1,+15550001,,60,`,
        `x10,${iso(10)},inbound,Q,HANDLED,a1,+15550001,,60,true`,
        `y9,${iso(9)},inbound,Q,ABAND,,+15550002,,,`, // no agent: not a contact
        `y10,${iso(10, 12)},inbound,Q,HANDLED,a1,+15550002,billing,60,true`,
        `z10,${iso(10, 13)},inbound,Q,HANDLED,a1,+15550003,,60,`,
        `z11,${iso(11)},inbound,Q,HANDLED,a1,+15550003,,0,`, // no talk: not handled
        `n10,${iso(10)},inbound,Q,HANDLED,a1,,,60,true`, // no customer
      ),
    );
    await s.load(
      'tickets',
      't.csv',
      csv(
        'ticket_id,created_at,channel,agent,customer,topic,status,reopened,contacts',
        `ty17,${iso(17, 11)},email,a2,+15550002,billing,resolved,0,1`, // 6d23h after y10
        `tz18,${iso(18, 14)},email,a2,+15550003,,resolved,0,1`, // at or after to + W: not read
      ),
    );
  });
  afterEach(() => s.done());

  it('reads handled calls and tickets in [from − W, to + W) and classifies the period', async () => {
    const contacts = await loadFcrContacts(s.store, {
      from: new Date(at(10, 0)),
      to: new Date(at(11, 0)),
      windowMs: W,
    });
    expect(contacts.map((c) => c.id).sort()).toEqual(['ty17', 'x10', 'x5', 'y10', 'z10']);
    expect(contacts.find((c) => c.id === 'ty17')).toMatchObject({
      kind: 'ticket',
      channel: 'email',
      ticketResolved: true,
      reopened: 0,
      ticketContacts: 1,
    });
    // customers are hashes: never the raw phone number
    expect(contacts.some((c) => c.customer?.includes('5550'))).toBe(false);
    const inPeriod = fcrOf(contacts, W).classified.filter((c) => c.at >= at(10, 0) && c.at < at(11, 0));
    // x10 repeats x5; y10 is repeated by ticket ty17; z10 stands alone
    expect(Object.fromEntries(inPeriod.map((c) => [c.id, [c.first, c.fcr]]))).toEqual({
      x10: [false, false],
      y10: [true, false],
      z10: [true, true],
    });
  });
});
