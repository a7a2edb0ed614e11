import { expect, test } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import { Rng } from '../../src/sim/prng.js';
import { runReport } from '../../src/reports/run.js';
import { DISPOSITIONS } from '../helpers/fixture.js';
import { csv, scratch } from '../helpers/store.js';

// Random call centers, random groupings: a total is always the metric of the summed measures,
// never a mean of the rows' rates; base counts agree with a plain-JS count of the generated rows.

function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

const FLAGS: Record<
  string,
  { answered: boolean; human: boolean; contact: boolean; win: boolean; drop: boolean }
> = {
  SALE: { answered: true, human: true, contact: true, win: true, drop: false },
  NI: { answered: true, human: true, contact: true, win: false, drop: false },
  A: { answered: true, human: false, contact: false, win: false, drop: false },
  NA: { answered: false, human: false, contact: false, win: false, drop: false },
  DROP: { answered: true, human: true, contact: false, win: false, drop: true },
  ABAND: { answered: true, human: true, contact: false, win: false, drop: true },
  HANDLED: { answered: true, human: true, contact: true, win: false, drop: false },
};
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const DIMS = ['campaign', 'list', 'agent', 'team', 'status', 'direction', 'date', 'hour', 'dow'] as const;
// Rates over calls and agent time whose base measures are metrics of their own (money and quality
// have their own tests).
const METRIC_IDS = new Set(catalog().metrics.map((m) => m.id));
const RATES = catalog().metrics.filter(
  (m) =>
    m.unit !== 'count' &&
    (m.ratio || m.variants) &&
    m.id !== 'list_penetration' &&
    m.section !== 'Money' &&
    catalog()
      .measuresOf(m)
      .every(
        (id) =>
          METRIC_IDS.has(id) &&
          ['calls', 'agent_time', 'activity'].includes(catalog().measures.get(id)!.source),
      ),
);

test.each([1, 2, 3, 4, 5])('seed %i', async (seed) => {
  const r = prng(seed);
  const s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('agents', 'a.csv', csv('agent,team', 'a1,T1', 'a2,T1', 'a3,T2', 'a4,T2'));
  const calls: Record<string, string>[] = [];
  const lines = [
    'call_id,started_at,direction,campaign,status,list,lead,agent,wait_sec,talk_sec,hold_sec,wrap_sec',
  ];
  const base = Date.UTC(2026, 4, 4);
  for (let i = 0; i < 400; i++) {
    const direction = r() < 0.7 ? 'outbound' : 'inbound';
    const status =
      direction === 'outbound'
        ? pick(r, ['SALE', 'NI', 'A', 'NA', 'DROP'])
        : pick(r, ['HANDLED', 'ABAND', 'SALE']);
    const talks = FLAGS[status]!.contact;
    const c = {
      call_id: `p${i}`,
      started_at: new Date(base + Math.floor(r() * 3 * 86_400_000)).toISOString(),
      direction,
      campaign: direction === 'outbound' ? pick(r, ['C1', 'C2']) : 'Q',
      status,
      list: direction === 'outbound' ? pick(r, ['L1', 'L2', 'L3']) : '',
      lead: direction === 'outbound' ? `lead${Math.floor(r() * 150)}` : '',
      agent: talks ? pick(r, ['a1', 'a2', 'a3', 'a4']) : '',
      wait_sec: String(Math.floor(r() * 60)),
      talk_sec: talks ? String(1 + Math.floor(r() * 600)) : '',
      hold_sec: talks && r() < 0.3 ? String(Math.floor(r() * 90)) : '',
      wrap_sec: talks ? String(Math.floor(r() * 60)) : '',
    };
    calls.push(c);
    lines.push(Object.values(c).join(','));
  }
  await s.load('calls', 'p.csv', csv(...lines));
  const states = ['agent,started_at,ended_at,state,reason'];
  for (const agent of ['a1', 'a2', 'a3', 'a4']) {
    let t = base + Math.floor(r() * 7_200_000);
    while (t < base + 3 * 86_400_000) {
      const len = 60_000 + Math.floor(r() * 3_000_000);
      const state = pick(r, ['available', 'talk', 'hold', 'wrap', 'pause']);
      states.push(
        `${agent},${new Date(t).toISOString()},${new Date(t + len).toISOString()},${state},${state === 'pause' ? pick(r, ['break', 'lunch']) : ''}`,
      );
      t += len + (r() < 0.2 ? 3_600_000 : 0);
    }
  }
  await s.load('agent-states', 'st.csv', csv(...states));

  for (let round = 0; round < 6; round++) {
    const by = DIMS.filter(() => r() < 0.25).slice(0, 2);
    const rates = RATES.filter(() => r() < 0.5);
    const measureIds = [...new Set(rates.flatMap((m) => catalog().measuresOf(m)))];
    const counts = [
      'dials',
      'answered',
      'human_answered',
      'contacts',
      'drops',
      'offered',
      'abandoned',
      'handled_calls',
    ];
    const metrics = [...new Set([...rates.map((m) => m.id), ...measureIds, ...counts])];
    const rep = await runReport(s.store, 'agents', {
      from: '2026-05-04',
      to: '2026-05-06',
      timezone: 'UTC',
      by: [...by],
      metrics,
    });
    const additive = measureIds.filter((id) => catalog().measures.get(id)!.agg === 'sum');
    for (const id of [...additive, ...counts]) {
      const sum = rep.rows.reduce((acc, row) => acc + ((row[id] as number | null) ?? 0), 0);
      expect(rep.totals[id], `${id} by ${by}`).toBeCloseTo(sum, 6);
    }
    for (const m of rates) {
      for (const row of [...rep.rows, rep.totals]) {
        const sums = Object.fromEntries(measureIds.map((id) => [id, row[id] as number | null]));
        const expected = catalog().evaluate(m, sums);
        if (expected === null) expect(row[m.id], m.id).toBeNull();
        else expect(row[m.id] as number, `${m.id} by ${by}`).toBeCloseTo(expected, 9);
      }
    }
    // An oracle that never touches the code under test: count the generated rows in JS.
    if (!by.some((d) => ['team', 'date', 'hour', 'dow'].includes(d))) {
      const key = (c: Record<string, string>) => JSON.stringify(by.map((d) => c[d as string]));
      const expected = new Map<string, number>();
      for (const c of calls)
        if (c.direction === 'outbound' && FLAGS[c.status!]!.contact)
          expected.set(key(c), (expected.get(key(c)) ?? 0) + 1);
      for (const row of rep.rows)
        expect(row.contacts, JSON.stringify(row)).toBe(
          expected.get(JSON.stringify(by.map((d) => row[d]))) ?? 0,
        );
    }
  }
  await s.done();
});
