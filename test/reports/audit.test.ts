import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { auditCommand } from '../../src/cli/audit.js';
import { importFile } from '../../src/ingest/import.js';
import { auditSample, type AuditSample } from '../../src/reports/audit.js';
import { DuckStore } from '../../src/storage/duckdb/connection.js';
import { DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';

// March 2026 in New York. Agents and their calls per disposition:
//   a1: 30 SALE, 12 NI · a2: 5 SALE, 25 NI · =cmd (a hostile name): 3 SALE
// plus 10 no-answer calls without an agent, and calls just outside the month on both sides.
const PHONE = '+15551234567';
const H =
  'call_id,started_at,direction,campaign,status,list,lead,customer,agent,talk_sec,hold_sec,wrap_sec,amount';
const call = (id: string, at: string, status: string, agent: string, amount = ''): string =>
  `${id},${at},outbound,CAMP1,${status},L1,lead-${id},${PHONE},${agent},60,5,10,${amount}`;
// Mid-day UTC on 2..27 March: inside the month in New York whatever the DST offset.
const midMonth = (i: number): string =>
  `2026-03-${String(2 + (i % 26)).padStart(2, '0')}T${String(12 + (i % 8)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;

function calls(): string[] {
  const out: string[] = [];
  let i = 0;
  const add = (agent: string, status: string, n: number, prefix: string): void => {
    for (let k = 1; k <= n; k++)
      out.push(call(`${prefix}${k}`, midMonth(i++), status, agent, status === 'SALE' ? '99.5' : ''));
  };
  add('a1', 'SALE', 30, 'a1s');
  add('a1', 'NI', 12, 'a1n');
  add('a2', 'SALE', 5, 'a2s');
  add('a2', 'NI', 25, 'a2n');
  add('=cmd', 'SALE', 3, 'xs');
  for (let k = 1; k <= 10; k++)
    out.push(`na${k},${midMonth(k)},outbound,CAMP1,NA,L1,lead-na${k},${PHONE},,,,,`);
  // 23:30 on 31 March in New York is in March; 00:30 on 1 April is not; 23:30 on 28 February is not.
  out.push(call('edge-in', '2026-03-31T23:30:00-04:00', 'SALE', 'a2'));
  out.push(call('edge-out', '2026-04-01T00:30:00-04:00', 'SALE', 'a2'));
  out.push(call('edge-before', '2026-02-28T23:30:00-05:00', 'SALE', 'a2'));
  return out;
}

let s: Scratch;
beforeAll(async () => {
  s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('calls', 'c.csv', csv(H, ...calls()), { timezone: FIXTURE_TZ });
});
afterAll(() => s.done());

const march = { from: '2026-03-01', to: '2026-03-31', timezone: FIXTURE_TZ };
const ids = (r: AuditSample, agent: string, status: string): string[] =>
  r.rows.filter((x) => x.agent === agent && x.status === status).map((x) => x.call_id);

/** The documented draw, worked out apart from the engine: lowest md5("len:seed:" + call_id) first. */
const expectedDraw = (seed: string, callIds: string[], n: number): string[] =>
  callIds
    .map((id) => ({ id, h: createHash('md5').update(`${seed.length}:${seed}:${id}`).digest('hex') }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, n)
    .map((x) => x.id);
const range = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, k) => `${prefix}${k + 1}`);

test('--status SALE gives N per agent, with the population of each group', async () => {
  const r = await auditSample(s.store, { ...march, status: 'SALE', sample: 5, seed: 'x' });
  // a2's SALEs: 5 mid-month plus edge-in (31 March 23:30 local); edge-out and edge-before fall outside.
  expect(r.groups).toEqual([
    { agent: '=cmd', status: 'SALE', sampled: 3, population: 3 },
    { agent: 'a1', status: 'SALE', sampled: 5, population: 30 },
    { agent: 'a2', status: 'SALE', sampled: 5, population: 6 },
  ]);
  expect(r.rows).toHaveLength(13);
  expect(r.rows.every((x) => x.status === 'SALE')).toBe(true);
  expect(r.rows.map((x) => x.call_id)).not.toContain('edge-out');
  expect(r.rows.map((x) => x.call_id)).not.toContain('edge-before');
  expect(r.rows.filter((x) => x.agent === 'a1').map((x) => [x.pick, x.population])).toEqual([
    [1, 30],
    [2, 30],
    [3, 30],
    [4, 30],
    [5, 30],
  ]);
});

test('--agent gives N per disposition of that agent; no filter gives N per (agent, status)', async () => {
  const one = await auditSample(s.store, { ...march, agent: 'a1', sample: 4, seed: 'x' });
  expect(one.groups).toEqual([
    { agent: 'a1', status: 'NI', sampled: 4, population: 12 },
    { agent: 'a1', status: 'SALE', sampled: 4, population: 30 },
  ]);
  const all = await auditSample(s.store, { ...march, sample: 4, seed: 'x' });
  // calls without an agent (NA) have no one to review
  expect(all.groups.map((g) => `${g.agent}/${g.status}:${g.sampled}/${g.population}`)).toEqual([
    '=cmd/SALE:3/3',
    'a1/NI:4/12',
    'a1/SALE:4/30',
    'a2/NI:4/25',
    'a2/SALE:4/6',
  ]);
  const both = await auditSample(s.store, { ...march, agent: 'a2', status: 'NI', sample: 100, seed: 'x' });
  expect(both.groups).toEqual([{ agent: 'a2', status: 'NI', sampled: 25, population: 25 }]);
});

test('the draw is md5(seed, call_id) per group: reproducible, and another seed draws others', async () => {
  const a = await auditSample(s.store, {
    ...march,
    agent: 'a1',
    status: 'SALE',
    sample: 5,
    seed: 'review-7',
  });
  const again = await auditSample(s.store, {
    ...march,
    agent: 'a1',
    status: 'SALE',
    sample: 5,
    seed: 'review-7',
  });
  expect(again).toEqual(a);
  expect(ids(a, 'a1', 'SALE')).toEqual(expectedDraw('review-7', range('a1s', 30), 5));
  const b = await auditSample(s.store, {
    ...march,
    agent: 'a1',
    status: 'SALE',
    sample: 5,
    seed: 'review-8',
  });
  expect(ids(b, 'a1', 'SALE')).toEqual(expectedDraw('review-8', range('a1s', 30), 5));
  expect(ids(b, 'a1', 'SALE')).not.toEqual(ids(a, 'a1', 'SALE'));
  // A group's draw does not depend on the other groups in scope.
  const wide = await auditSample(s.store, { ...march, sample: 5, seed: 'review-7' });
  expect(ids(wide, 'a1', 'SALE')).toEqual(ids(a, 'a1', 'SALE'));
});

test('the default seed is the period, and it is reported', async () => {
  const r = await auditSample(s.store, { ...march, agent: 'a2', status: 'NI', sample: 3 });
  expect(r.seed).toBe('2026-03-01..2026-03-31');
  expect(ids(r, 'a2', 'NI')).toEqual(expectedDraw('2026-03-01..2026-03-31', range('a2n', 25), 3));
  // Without dates: the current month to date in the zone.
  const now = new Date('2026-03-10T15:00:00Z');
  const d = await auditSample(s.store, { timezone: FIXTURE_TZ, sample: 1, now });
  expect([d.from, d.to, d.seed]).toEqual(['2026-03-01', '2026-03-10', '2026-03-01..2026-03-10']);
});

test('a call added later does not reshuffle the others', async () => {
  const t = await scratch();
  try {
    await t.load('dispositions', 'd.csv', DISPOSITIONS);
    const base = Array.from({ length: 40 }, (_, k) => call(`n${k + 1}`, midMonth(k), 'NI', 'a9'));
    await t.load('calls', 'c1.csv', csv(H, ...base), { timezone: FIXTURE_TZ });
    const opts = { ...march, agent: 'a9', sample: 8, seed: 's' };
    const before = ids(await auditSample(t.store, opts), 'a9', 'NI');
    await t.load('calls', 'c2.csv', csv(H, call('late', midMonth(3), 'NI', 'a9')), { timezone: FIXTURE_TZ });
    const after = await auditSample(t.store, opts);
    expect(after.groups).toEqual([{ agent: 'a9', status: 'NI', sampled: 8, population: 41 }]);
    const kept = ids(after, 'a9', 'NI').filter((id) => id !== 'late');
    // the old picks keep their order; at most the last one gives way to the new call
    expect(before.slice(0, kept.length)).toEqual(kept);
    expect(kept.length).toBeGreaterThanOrEqual(7);
  } finally {
    await t.done();
  }
});

test('rows carry the call, local start time and amounts, never the customer', async () => {
  const r = await auditSample(s.store, { ...march, agent: 'a2', status: 'SALE', sample: 10, seed: 'x' });
  const edge = r.rows.find((x) => x.call_id === 'edge-in');
  expect(edge).toEqual({
    agent: 'a2',
    status: 'SALE',
    pick: expect.any(Number),
    population: 6,
    call_id: 'edge-in',
    started_at: '2026-03-31T23:30:00-04:00',
    direction: 'outbound',
    campaign: 'CAMP1',
    list: 'L1',
    talk_sec: 60,
    hold_sec: 5,
    wrap_sec: 10,
    amount: null,
  });
  expect(r.rows.find((x) => x.call_id === 'a2s1')?.amount).toBe(99.5);
  const stored = await s.store.all<{ customer: string }>(`SELECT DISTINCT customer FROM calls`);
  expect(stored).toHaveLength(1);
  const text = JSON.stringify(await auditSample(s.store, { ...march, sample: 100, seed: 'x' }));
  expect(text).not.toContain(stored[0]!.customer);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain('customer');
  expect(text).not.toContain('lead-');
});

test('bad options are usage errors', async () => {
  await expect(auditSample(s.store, { ...march, sample: 0 })).rejects.toMatchObject({ code: 'usage' });
  await expect(auditSample(s.store, { ...march, from: '2026-02-30', sample: 1 })).rejects.toMatchObject({
    code: 'usage',
  });
  await expect(auditSample(s.store, { ...march, from: '2026-04-02', sample: 1 })).rejects.toMatchObject({
    code: 'usage',
  });
  await expect(auditSample(s.store, { ...march, timezone: 'Mars/Base', sample: 1 })).rejects.toMatchObject({
    code: 'usage',
  });
});

test('callkpi audit --format csv: a hostile agent name cannot run as a spreadsheet formula', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'callkpi-audit-'));
  const db = join(dir, 'audit.duckdb');
  const store = await DuckStore.open(db);
  try {
    const load = async (type: string, name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      await importFile(store, type, p, { timezone: FIXTURE_TZ });
    };
    await load('dispositions', 'd.csv', DISPOSITIONS);
    await load('calls', 'c.csv', csv(H, ...calls()));
    // the installation zone, as `callkpi demo` or the settings record it
    await store.setMeta('timezone', FIXTURE_TZ);
  } finally {
    await store.close();
  }
  const out: string[] = [];
  const spy = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => (out.push(String(chunk)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    const g = { db, verbose: false };
    const args = [
      '--status',
      'SALE',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--sample',
      '2',
      '--seed',
      'q',
    ];
    expect(await auditCommand([...args, '--format', 'csv'], g)).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'agent,status,pick,population,call_id,started_at,direction,campaign,list,talk_sec,hold_sec,wrap_sec,amount',
    );
    expect(lines).toHaveLength(1 + 2 + 2 + 2);
    const hostile = lines.filter((l) => l.includes('cmd'));
    expect(hostile).toHaveLength(2);
    for (const l of hostile) expect(l.startsWith("'=cmd,SALE,")).toBe(true);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
    expect(out.join('')).not.toContain(PHONE);

    out.length = 0;
    expect(await auditCommand([...args, '--format', 'table'], g)).toBe(0);
    const table = out.join('\n');
    expect(table).toMatch(/^audit · 2026-03-01 → 2026-03-31 · America\/New_York · seed "q"/);
    expect(table).toMatch(/a1\s+SALE\s+2\s+30/);
    expect(table).not.toContain('customer');

    await expect(auditCommand(['--sample', 'x'], g)).rejects.toMatchObject({ code: 'usage' });
    await expect(auditCommand(['--format', 'xml'], g)).rejects.toMatchObject({ code: 'usage' });
    await expect(auditCommand(['extra'], g)).rejects.toMatchObject({ code: 'usage' });
  } finally {
    spy.mockRestore();
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
});
