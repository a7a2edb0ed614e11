import { afterAll, beforeAll, expect, test } from 'vitest';
import { fcrBy, fcrOf, loadFcrContacts } from '../../src/reports/fcr.js';
import { runReport } from '../../src/reports/run.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// fcr_rate in reports is classified in SQL with window functions; fcr.ts holds the same rules in
// plain JS (with hand-computed tests of its own). On random repeat contacts, with and without
// topics, across calls and tickets and ties at one instant, the two must agree agent by agent.

let s: Scratch;
const FROM = '2026-03-05';
const TO = '2026-03-20';

function prng(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

beforeAll(async () => {
  s = await scratch();
  await s.store.setMeta('timezone', 'UTC');
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  const r = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const calls = ['call_id,started_at,direction,campaign,status,agent,customer,topic,talk_sec,resolved'];
  const tickets = ['ticket_id,created_at,channel,agent,customer,topic,status,resolved_at,reopened,contacts'];
  const base = Date.parse('2026-02-25T00:00:00Z');
  for (let i = 0; i < 600; i++) {
    // Whole hours, so several contacts share an instant.
    const t = new Date(base + Math.floor(r() * 30 * 24) * 3_600_000).toISOString();
    const customer = `+1555${String(Math.floor(r() * 60)).padStart(4, '0')}`;
    const topic = pick(['', '', 'billing', 'tech']);
    const agent = pick(['a1', 'a2', 'a3']);
    if (r() < 0.7)
      calls.push(
        `c${i},${t},inbound,SUPPORT,HANDLED,${agent},${customer},${topic},${r() < 0.1 ? 0 : 60},${pick(['', 'true', 'false'])}`,
      );
    else
      tickets.push(
        `t${i},${t},${pick(['email', 'chat'])},${agent},${customer},${topic},${pick(['resolved', 'open'])},,${pick(['0', '1'])},${pick(['1', '2'])}`,
      );
  }
  await s.load('calls', 'c.csv', csv(...calls));
  await s.load('tickets', 't.csv', csv(...tickets));
});
afterAll(() => s.done());

test.each([7, 2])('SQL and JS classify alike with a %i-day window', async (days) => {
  await s.store.setMeta('fcr_window_days', String(days));
  const w = days * 86_400_000;
  const from = new Date(`${FROM}T00:00:00Z`);
  const to = new Date(Date.parse(`${TO}T00:00:00Z`) + 86_400_000);
  const classified = fcrOf(await loadFcrContacts(s.store, { from, to, windowMs: w }), w).classified.filter(
    (c) => c.at >= from.getTime() && c.at < to.getTime(),
  );
  const js = fcrBy(classified, (c) => c.agent);
  const report = await runReport(s.store, 'quality', {
    from: FROM,
    to: TO,
    timezone: 'UTC',
    by: ['agent'],
    metrics: ['fcr_rate'],
  });
  const sql = report.rows.filter((r) => r.fcr_rate !== null);
  expect(sql.length).toBe(3);
  for (const row of sql) {
    const t = js.get(String(row.agent))!;
    expect(t.first_contacts).toBeGreaterThan(10);
    expect(row.fcr_rate).toBe(t.fcr_rate);
  }
});
