import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CallkpiError } from '../../src/errors.js';
import {
  appendCommissionPlan,
  appendFinance,
  commissionHistory,
  financeHistory,
  financeInForce,
  readInstant,
} from '../../src/settings/finance.js';
import { csv, scratch, type Scratch } from '../helpers/store.js';
import { buildCli, CLI, ROOT } from './build.js';

// Finance settings set by hand go through the import pipeline: same checks, same reasons. Expected
// values are worked out by hand from the versions each test appends.

const NY = 'America/New_York';

/** The reason a CSV import gives for the last row of `lines` (after `before` was imported). */
async function csvReason(type: string, before: string | null, lines: string): Promise<string> {
  const s = await scratch();
  try {
    if (before) await s.load(type, 'before.csv', before);
    const r = await s.load(type, 'x.csv', lines);
    expect(r.rejected).toBe(1);
    const row = await s.store.one<{ reason: string }>(`SELECT reason FROM rejects ORDER BY import_id DESC`);
    return row!.reason;
  } finally {
    await s.done();
  }
}

async function rejection(p: Promise<unknown>): Promise<CallkpiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CallkpiError);
  return err as CallkpiError;
}

describe('appendFinance and the history', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
    await s.store.setMeta('timezone', NY);
    // The default from 1 Sep; SOLAR's own revenue from 1 Oct 09:00 New York (EDT, 13:00Z); the
    // default's cost per call changes on 15 Oct; SOLAR's own plan from 1 Nov.
    await appendFinance(s.store, {
      campaign: '*',
      effective_from: '2026-09-01T00:00:00Z',
      revenue_per_sale: 100,
      cost_per_call: '0.03',
      cost_per_agent_hour: '18',
      currency: 'USD',
      commission: 'flat:25',
    });
    await appendFinance(s.store, {
      campaign: 'SOLAR',
      effective_from: '2026-10-01T09:00',
      revenue_per_sale: '120.50',
    });
    await appendFinance(s.store, {
      campaign: '*',
      effective_from: '2026-10-15T00:00Z',
      cost_per_call: 0.035,
    });
    await appendFinance(s.store, {
      campaign: 'SOLAR',
      effective_from: new Date('2026-11-01T05:00:00Z'),
      commission: 'tiered:0-100@10%,100+@15%',
    });
  });
  afterAll(() => s.done());

  test('every version in time order, with empty fields carried on and the * default as fallback', async () => {
    const h = await financeHistory(s.store);
    expect(h.map((e) => [e.effective_from, e.campaign, e.source])).toEqual([
      ['2026-09-01T00:00:00Z', '*', 'settings'],
      ['2026-10-01T13:00:00Z', 'SOLAR', 'settings'],
      ['2026-10-15T00:00:00Z', '*', 'settings'],
      ['2026-11-01T05:00:00Z', 'SOLAR', 'settings'],
    ]);
    // SOLAR's first version sets only revenue: the rest comes from the default in force on 1 Oct.
    expect(h[1]!.row).toEqual({
      revenue_per_sale: 120.5,
      cost_per_call: null,
      cost_per_agent_hour: null,
      currency: null,
      commission: null,
    });
    expect(h[1]!.resolved).toEqual({
      revenue_per_sale: 120.5,
      cost_per_call: 0.03,
      cost_per_agent_hour: 18,
      currency: 'USD',
      commission: 'flat:25',
    });
    expect(h[1]!.carried).toEqual(['cost_per_call', 'cost_per_agent_hour', 'currency', 'commission']);
    // The default's 15 Oct version carries its own earlier values on.
    expect(h[2]!.resolved).toEqual({
      revenue_per_sale: 100,
      cost_per_call: 0.035,
      cost_per_agent_hour: 18,
      currency: 'USD',
      commission: 'flat:25',
    });
    expect(h[2]!.carried).toEqual(['revenue_per_sale', 'cost_per_agent_hour', 'currency', 'commission']);
    // SOLAR on 1 Nov: its own revenue carried, the default's new cost per call, its own plan.
    expect(h[3]!.resolved).toEqual({
      revenue_per_sale: 120.5,
      cost_per_call: 0.035,
      cost_per_agent_hour: 18,
      currency: 'USD',
      commission: 'tiered:0-100@10%,100+@15%',
    });
    expect(h[3]!.carried).toEqual(['revenue_per_sale', 'cost_per_call', 'cost_per_agent_hour', 'currency']);
  });

  test('for one campaign: the * versions too, resolved for that campaign', async () => {
    const h = await financeHistory(s.store, { campaign: 'SOLAR' });
    expect(h.map((e) => [e.campaign, e.resolved_for])).toEqual([
      ['*', 'SOLAR'],
      ['SOLAR', 'SOLAR'],
      ['*', 'SOLAR'],
      ['SOLAR', 'SOLAR'],
    ]);
    // 15 Oct: SOLAR keeps its own 120.50 (a campaign's value beats the default), takes the new cost.
    expect(h[2]!.resolved.revenue_per_sale).toBe(120.5);
    expect(h[2]!.resolved.cost_per_call).toBe(0.035);
    expect(h[2]!.carried).toEqual(['revenue_per_sale', 'cost_per_agent_hour', 'currency', 'commission']);
    // 1 Sep: SOLAR has nothing of its own yet, so every value is the default's, set by this row.
    expect(h[0]!.resolved.revenue_per_sale).toBe(100);
    expect(h[0]!.carried).toEqual([]);
    expect((await financeHistory(s.store, { campaign: '*' })).map((e) => e.campaign)).toEqual(['*', '*']);
  });

  test('values in force at an instant, per campaign and for the default', async () => {
    expect(await financeInForce(s.store, new Date('2026-09-20T00:00:00Z'))).toEqual([
      {
        campaign: '*',
        values: {
          revenue_per_sale: 100,
          cost_per_call: 0.03,
          cost_per_agent_hour: 18,
          currency: 'USD',
          commission: 'flat:25',
        },
        from_default: [],
      },
      {
        campaign: 'SOLAR',
        values: {
          revenue_per_sale: 100,
          cost_per_call: 0.03,
          cost_per_agent_hour: 18,
          currency: 'USD',
          commission: 'flat:25',
        },
        from_default: ['revenue_per_sale', 'cost_per_call', 'cost_per_agent_hour', 'currency', 'commission'],
      },
    ]);
    const nov = await financeInForce(s.store, new Date('2026-11-02T00:00:00Z'));
    expect(nov[1]).toEqual({
      campaign: 'SOLAR',
      values: {
        revenue_per_sale: 120.5,
        cost_per_call: 0.035,
        cost_per_agent_hour: 18,
        currency: 'USD',
        commission: 'tiered:0-100@10%,100+@15%',
      },
      from_default: ['cost_per_call', 'cost_per_agent_hour', 'currency'],
    });
    // Before any version nothing is set.
    expect((await financeInForce(s.store, new Date('2026-01-01T00:00:00Z')))[0]!.values.cost_per_call).toBe(
      null,
    );
  });

  test('an imported version shows its file and line; a settings change its label', async () => {
    const text = csv('campaign,effective_from,cost_per_agent_hour', 'WIND,2026-10-20T00:00:00Z,21');
    await s.load('finance', 'finance.csv', text);
    const file = join(s.dir, 'finance.csv');
    await appendFinance(
      s.store,
      { campaign: 'WIND', effective_from: '2026-10-21T00:00Z', currency: 'USD' },
      { source: 'api (admin)' },
    );
    const h = await financeHistory(s.store, { campaign: 'WIND' });
    expect(h.filter((e) => e.campaign === 'WIND').map((e) => e.source)).toEqual([`${file}:2`, 'api (admin)']);
  });
});

describe('rejected versions fail with the reason a CSV import gives, and leave nothing behind', () => {
  let s: Scratch;
  beforeAll(async () => {
    s = await scratch();
  });
  afterAll(() => s.done());

  test('a negative cost', async () => {
    const err = await rejection(
      appendFinance(s.store, { campaign: 'A', effective_from: '2026-10-01T00:00Z', cost_per_call: -1 }),
    );
    expect(err.code).toBe('bad_input');
    expect(err.message).toBe('cost_per_call: negative amount -1');
    expect(err.message).toBe(
      await csvReason(
        'finance',
        null,
        csv('campaign,effective_from,cost_per_call', 'A,2026-10-01T00:00:00Z,-1'),
      ),
    );
    const left = await s.store.one<{ f: number; r: number; i: number }>(
      `SELECT (SELECT count(*) FROM finance) AS f, (SELECT count(*) FROM rejects) AS r, (SELECT count(*) FROM imports) AS i`,
    );
    expect(left).toEqual({ f: 0, r: 0, i: 0 });
  });

  test('an unknown plan and brackets with a gap', async () => {
    const unknown = await rejection(appendFinance(s.store, { campaign: 'A', commission: 'bonus:5' }));
    expect(unknown.code).toBe('bad_input');
    expect(unknown.message).toMatch(/^commission: "bonus:5" is not a plan \(none, flat:<per win>/);
    expect(unknown.message).toBe(
      await csvReason(
        'finance',
        null,
        csv('campaign,effective_from,commission', 'A,2026-10-01T00:00:00Z,bonus:5'),
      ),
    );
    const gap = await rejection(
      appendCommissionPlan(s.store, { agent: 'a1', commission: 'tiered:0-100@10%,150+@15%' }),
    );
    expect(gap.message).toBe(
      'commission: brackets must start at 0 and be contiguous and ascending, e.g. tiered:0-100@0.10,100+@0.15',
    );
    expect(gap.message).toBe(
      await csvReason(
        'commissions',
        null,
        csv('agent,effective_from,commission', 'a1,2026-10-01T00:00:00Z,"tiered:0-100@10%,150+@15%"'),
      ),
    );
  });

  test('two versions at the same instant: other values are rejected, the same values are unchanged', async () => {
    const at = '2026-10-01T00:00:00Z';
    const first = await appendFinance(s.store, { campaign: 'B', effective_from: at, revenue_per_sale: 100 });
    expect(first.status).toBe('added');
    const again = await appendFinance(s.store, {
      campaign: 'B',
      effective_from: at,
      revenue_per_sale: '100.00',
    });
    expect(again.status).toBe('unchanged');
    const clash = await rejection(
      appendFinance(s.store, { campaign: 'B', effective_from: at, revenue_per_sale: 120 }),
    );
    expect(clash.code).toBe('bad_input');
    expect(clash.message).toBe(
      'a version with other values already takes effect at this instant; settings are append-only: add a row with a new effective_from',
    );
    const header = 'campaign,effective_from,revenue_per_sale';
    expect(clash.message).toBe(
      await csvReason('finance', csv(header, `B,${at},100`), csv(header, `B,${at},120`)),
    );
    expect((await financeHistory(s.store, { campaign: 'B' })).map((e) => e.row.revenue_per_sale)).toEqual([
      100,
    ]);
  });

  test('usage errors: no value, no owner, an unreadable instant', async () => {
    expect((await rejection(appendFinance(s.store, { campaign: 'A' }))).code).toBe('usage');
    expect((await rejection(appendFinance(s.store, { campaign: 'A', currency: ' ' }))).code).toBe('usage');
    expect((await rejection(appendCommissionPlan(s.store, { commission: 'none' }))).code).toBe('usage');
    const when = await rejection(
      appendFinance(s.store, { campaign: 'A', effective_from: 'next tuesday', revenue_per_sale: 1 }),
    );
    expect(when.code).toBe('usage');
    expect(when.message).toMatch(/^effective_from: cannot read "next tuesday" as a date-time/);
  });
});

describe('commission plans of agents and teams', () => {
  test('appended, listed in time order, agent and team exclusive', async () => {
    const s = await scratch();
    await appendCommissionPlan(s.store, {
      team: 'north',
      effective_from: '2026-10-01T00:00Z',
      commission: 'percent:4%',
    });
    const r = await appendCommissionPlan(s.store, {
      agent: 'a1',
      effective_from: '2026-09-01T00:00Z',
      commission: 'Graduated: 0-1000@0.05, 1000+@0.07',
    });
    expect(r.status).toBe('added');
    // Stored in the import's normal form: lower case, no spaces.
    expect(r.version.commission).toBe('graduated:0-1000@0.05,1000+@0.07');
    expect(await commissionHistory(s.store)).toEqual([
      {
        effective_from: '2026-09-01T00:00:00Z',
        agent: 'a1',
        team: null,
        commission: 'graduated:0-1000@0.05,1000+@0.07',
        source: 'settings',
      },
      {
        effective_from: '2026-10-01T00:00:00Z',
        agent: null,
        team: 'north',
        commission: 'percent:4%',
        source: 'settings',
      },
    ]);
    const both = await rejection(
      appendCommissionPlan(s.store, { agent: 'a2', team: 'north', commission: 'none' }),
    );
    expect(both.message).toBe('agent/team: a plan belongs to an agent or to a team, not both (one row each)');
    await s.done();
  });

  test('the default instant is the start of the current minute', async () => {
    const s = await scratch();
    const before = Math.floor(Date.now() / 60_000) * 60_000;
    const r = await appendCommissionPlan(s.store, { agent: 'a1', commission: 'flat:5' });
    const at = Date.parse(r.version.effective_from);
    expect(at % 60_000).toBe(0);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    await s.done();
  });
});

describe('readInstant', () => {
  test('offsets and Z as written; naive wall time in the zone, across DST changes', () => {
    const iso = (t: string, tz = NY): string | undefined => readInstant(t, tz)?.toISOString();
    expect(iso('2026-10-01T09:00Z')).toBe('2026-10-01T09:00:00.000Z');
    expect(iso('2026-10-01T09:00:00+02:00')).toBe('2026-10-01T07:00:00.000Z');
    expect(iso('2026-10-01T09:00-0430')).toBe('2026-10-01T13:30:00.000Z');
    expect(iso('2026-10-01T09:00')).toBe('2026-10-01T13:00:00.000Z'); // EDT, UTC-4
    expect(iso('2026-12-01 09:00:30')).toBe('2026-12-01T14:00:30.000Z'); // EST, UTC-5
    expect(iso('2026-10-01')).toBe('2026-10-01T04:00:00.000Z');
    // 8 Mar 2026 02:30 does not exist in New York: read with the offset before the change (EST).
    expect(iso('2026-03-08T02:30')).toBe('2026-03-08T07:30:00.000Z');
    // 1 Nov 2026 01:30 happens twice: the first one (EDT).
    expect(iso('2026-11-01T01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('1790000000', 'UTC')).toBe(new Date(1_790_000_000_000).toISOString());
    for (const bad of ['2026-02-30', '2026-10-01T24:00', 'yesterday', '2026-10-01Z', '01/10/2026'])
      expect(readInstant(bad, NY), bad).toBeNull();
  });
});

describe('callkpi settings finance (the built program)', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'callkpi-settings-'));
    db = join(dir, 'finance.duckdb');
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const callkpi = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const env = { ...process.env };
    delete env.CALLKPI_DB;
    const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const lines = (t: string): string[] => t.split('\n').filter((l) => l.trim() !== '');

  test('set prints what is in force from when; the history shows carried values with *', () => {
    const a = callkpi(
      'settings',
      'finance',
      'set',
      '--campaign',
      '*',
      '--from',
      '2021-09-01T00:00:00Z',
      '--revenue-per-sale',
      '100',
      '--cost-per-call',
      '0.03',
    );
    expect(a.status, a.stderr).toBe(0);
    expect(lines(a.stdout)).toEqual([
      '* (default) from 2021-09-01T00:00:00Z: revenue_per_sale 100.00, cost_per_call 0.03, cost_per_agent_hour -, currency -, commission -',
    ]);
    // 1 Sep 2021 is before the day this runs: the note says what the change does to reports.
    expect(a.stderr).toMatch(/^note: 2021-09-01T00:00:00Z is in the past/);

    const b = callkpi(
      'settings',
      'finance',
      'set',
      '--campaign',
      'SOLAR',
      '--from',
      '2021-10-01T09:00-04:00',
      '--revenue-per-sale',
      '120.5',
    );
    expect(b.status, b.stderr).toBe(0);
    expect(lines(b.stdout)).toEqual([
      'SOLAR from 2021-10-01T13:00:00Z: revenue_per_sale 120.50, cost_per_call 0.03*, cost_per_agent_hour -, currency -, commission - (* = carried over or from the * default)',
    ]);

    const c = callkpi(
      'settings',
      'finance',
      'set',
      '--agent',
      'a1',
      '--commission',
      'Flat: 5',
      '--from',
      '2021-10-01T00:00:00Z',
    );
    expect(c.status, c.stderr).toBe(0);
    expect(lines(c.stdout)).toEqual([
      'agent a1 from 2021-10-01T00:00:00Z: commission flat:5 (overrides the campaign plans)',
    ]);

    const h = callkpi('settings', 'finance', '--campaign', 'SOLAR');
    expect(h.status, h.stderr).toBe(0);
    const rows = lines(h.stdout).filter((l) => /^2021-/.test(l));
    expect(rows).toHaveLength(3); // two finance versions, then the agent plan
    expect(rows[1]).toMatch(/^2021-10-01T13:00:00Z +SOLAR +120\.50 +0\.03\* +- +- +- +settings$/);
    expect(h.stdout).toContain(
      '* after a value: carried over from an earlier version or inherited from the * default',
    );

    const j = callkpi('settings', 'finance', '--format', 'json');
    expect(j.status, j.stderr).toBe(0);
    const json = JSON.parse(j.stdout) as {
      finance: { campaign: string; resolved: { cost_per_call: number } }[];
    };
    expect(json.finance.map((e) => [e.campaign, e.resolved.cost_per_call])).toEqual([
      ['*', 0.03],
      ['SOLAR', 0.03],
    ]);
    expect(callkpi('settings', 'show').status).toBe(0);
  });

  test.each([
    [['--campaign', 'SOLAR', '--cost-per-call=-1'], 1, 'callkpi: cost_per_call: negative amount -1'],
    [['--agent', 'a1', '--commission', 'bonus:5'], 1, 'callkpi: commission: "bonus:5" is not a plan'],
    [['--campaign', 'SOLAR'], 2, 'give at least one of --revenue-per-sale'],
    [['--campaign', 'SOLAR', '--from', 'yesterday', '--currency', 'USD'], 2, '--from yesterday: expected'],
    [['--agent', 'a1'], 2, '--commission PLAN is required'],
    [['--campaign', 'SOLAR', '--cost-per-call', '-1'], 2, "Option '--cost-per-call' argument is ambiguous"],
  ])('set %j fails with exit %i and one line', (args, status, message) => {
    const r = callkpi('settings', 'finance', 'set', ...args);
    expect(r.status, r.stderr).toBe(status);
    expect(lines(r.stderr), r.stderr).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
