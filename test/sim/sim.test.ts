import { planProblem } from '../../src/reports/commission.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallkpiError } from '../../src/errors.js';
import { DISPOSITION_FLAGS, RECORD_DEFS, recordDef, type RecordType } from '../../src/ingest/records.js';
import {
  GENERIC_DISPOSITIONS,
  IMPORT_ORDER,
  VICIDIAL_DISPOSITIONS,
  csvLine,
  simulateDays,
  simulateSetup,
  writeCallsCsv,
  writeSimulation,
  type Row,
  type SimDay,
  type SimOptions,
  type SimTables,
} from '../../src/sim/index.js';

const START = '2026-03-02'; // a Monday
const WEEK: SimOptions = { seed: 1, days: 7, agents: 40, start: START };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INT = /^\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const MONEY = /^\d+\.\d{2}$/;
const BOOLEAN = /^(1|0|y|n|true|false|yes|no)$/i;
const MONEY_FIELDS = new Set([
  'amount',
  'upsell_amount',
  'cost',
  'revenue_per_sale',
  'cost_per_call',
  'cost_per_agent_hour',
]);

const epoch = (iso: string): number => Date.parse(iso) / 1000;
const num = (v: string | undefined): number => Number(v || 0);

/** Everything wrong with rows of a record type, judged by the field definitions of records.ts. */
function problems(type: RecordType, rows: readonly Row[]): string[] {
  const def = recordDef(type);
  const columns = def.fields.map((f) => f.name);
  const out: string[] = [];
  for (const [i, row] of rows.entries()) {
    const bad = (why: string): void => void out.push(`${type}[${i}] ${why}: ${JSON.stringify(row)}`);
    if (Object.keys(row).join() !== columns.join()) bad('fields differ from records.ts');
    for (const f of def.fields) {
      const v = row[f.name] ?? '';
      if (v === '') {
        if (f.required) bad(`${f.name} is required`);
        continue;
      }
      const ok =
        f.type === 'timestamp'
          ? TIMESTAMP.test(v) && new Date(v).toISOString().replace('.000', '') === v
          : f.type === 'date'
            ? DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
            : f.type === 'seconds'
              ? INT.test(v) && Number(v) < 65000
              : f.type === 'int'
                ? INT.test(v)
                : f.type === 'decimal'
                  ? DECIMAL.test(v) && (!MONEY_FIELDS.has(f.name) || MONEY.test(v))
                  : f.type === 'boolean'
                    ? BOOLEAN.test(v)
                    : true;
      if (!ok) bad(`${f.name} is not a valid ${f.type}`);
      if (f.oneOf && !f.oneOf.includes(v.toLowerCase())) bad(`${f.name} not one of ${f.oneOf.join('/')}`);
    }
    for (const alternatives of def.oneOfRequired ?? []) {
      if (alternatives.every((a) => !row[a])) bad(`one of ${alternatives.join('/')} is required`);
    }
    if (out.length > 5) break;
  }
  return out;
}

function flagsOf(dispositions: readonly Row[]): (campaign?: string, status?: string) => Row | undefined {
  const global = new Map(dispositions.filter((d) => !d.campaign).map((d) => [d.code, d]));
  const local = new Map(dispositions.filter((d) => d.campaign).map((d) => [`${d.campaign}|${d.code}`, d]));
  return (campaign = '', status = '') => local.get(`${campaign}|${status}`) ?? global.get(status);
}

const vicidialCodes = new Set(VICIDIAL_DISPOSITIONS.map((d) => d.code));
const genericCodes = new Set(GENERIC_DISPOSITIONS.map((d) => d.code));

describe('dispositions', () => {
  it('has the 50 VICIdial defaults, each code once', () => {
    expect(VICIDIAL_DISPOSITIONS).toHaveLength(50);
    expect(vicidialCodes.size).toBe(50);
    for (const code of [
      'NA',
      'B',
      'AB',
      'A',
      'AA',
      'AM',
      'AL',
      'AFAX',
      'DC',
      'ADC',
      'DROP',
      'SALE',
      'NI',
      'XFER',
    ]) {
      expect(vicidialCodes.has(code), code).toBe(true);
    }
  });

  it('keeps win ⇒ contact ⇒ human ⇒ answered, drop ⇒ human, machine and fax ⇒ answered', () => {
    const all = [...VICIDIAL_DISPOSITIONS, ...GENERIC_DISPOSITIONS, ...simulateSetup(WEEK).dispositions];
    for (const d of all) {
      for (const f of DISPOSITION_FLAGS) expect(['0', '1'], `${d.code}.${f}`).toContain(d[f]);
      const on = (f: string): boolean => d[f] === '1';
      if (on('win')) expect(on('contact'), d.code).toBe(true);
      if (on('contact')) expect(on('human'), d.code).toBe(true);
      if (on('human')) expect(on('answered'), d.code).toBe(true);
      if (on('drop')) expect(on('human'), d.code).toBe(true);
      if (on('machine') || on('fax')) expect(on('answered'), d.code).toBe(true);
    }
  });

  it('maps the VICIdial flags by the reference rules', () => {
    const get = (code: string): Row => VICIDIAL_DISPOSITIONS.find((d) => d.code === code)!;
    expect(get('SALE')).toMatchObject({ win: '1', contact: '1', human: '1', answered: '1', completed: '1' });
    expect(get('AA')).toMatchObject({ machine: '1', answered: '1', human: '0' });
    expect(get('AFAX')).toMatchObject({ fax: '1', unworkable: '1', answered: '1', human: '0' });
    expect(get('DROP')).toMatchObject({ drop: '1', human: '1', answered: '1', contact: '0' });
    expect(get('TIMEOT')).toMatchObject({ drop: '1', human: '1' });
    expect(get('NA')).toMatchObject({ answered: '0', human: '0' });
    expect(get('NI')).toMatchObject({ contact: '1', not_interested: '1', win: '0' });
    expect(get('DNC')).toMatchObject({ dnc: '1', human: '1', completed: '1' });
  });

  it('ships the simulated floor with a campaign override: XFER is a win on INSURE', () => {
    const insure = simulateSetup(WEEK).dispositions.find((d) => d.code === 'XFER' && d.campaign === 'INSURE');
    expect(insure).toMatchObject({ win: '1', contact: '1' });
  });
});

describe('a simulated week with 40 agents', () => {
  let setup: SimTables;
  let days: SimDay[];
  let calls: Row[];
  let states: Row[];
  const byType = (): Record<RecordType, Row[]> => ({
    ...setup,
    calls,
    'agent-states': states,
    tickets: days.flatMap((d) => d.tickets),
    surveys: days.flatMap((d) => d.surveys),
    qa: days.flatMap((d) => d.qa),
  });

  beforeAll(() => {
    setup = simulateSetup(WEEK);
    days = [...simulateDays(WEEK)];
    calls = days.flatMap((d) => d.calls);
    states = days.flatMap((d) => d.agentStates);
  });

  it('gives every record type valid rows with exactly the fields of records.ts', () => {
    const all = byType();
    for (const def of RECORD_DEFS) {
      expect(all[def.type].length, def.type).toBeGreaterThan(0);
      expect(problems(def.type, all[def.type])).toEqual([]);
    }
  });

  it('has unique keys', () => {
    const all = byType();
    for (const def of RECORD_DEFS) {
      const keys = def.fields.filter((f) => f.key).map((f) => f.name);
      const seen = new Set(all[def.type].map((r) => keys.map((k) => r[k]).join('|')));
      expect(seen.size, def.type).toBe(all[def.type].length);
    }
  });

  it('uses only known statuses: VICIdial defaults outbound, plus generic codes on the inbound queue', () => {
    const known = flagsOf(setup.dispositions);
    const wrong = new Set<string>();
    for (const c of calls) {
      const allowed =
        vicidialCodes.has(c.status!) || (c.direction === 'inbound' && genericCodes.has(c.status!));
      if (!known(c.campaign, c.status) || !allowed) wrong.add(`${c.direction} ${c.status}`);
    }
    expect([...wrong]).toEqual([]);
  });

  it('puts calls on the working days: busy weekdays, a light Saturday, a closed Sunday', () => {
    const perDay = days.map((d) => d.calls.length);
    for (const n of perDay.slice(0, 5)) {
      expect(n).toBeGreaterThanOrEqual(15_000);
      expect(n).toBeLessThanOrEqual(25_000);
    }
    expect(perDay[5]).toBeLessThan(perDay[0]! / 2);
    expect(perDay[5]).toBeGreaterThan(0);
    expect(perDay[6]).toBe(0);
    const early = days.flatMap((d) => d.calls.filter((c) => c.started_at!.slice(0, 10) < d.date));
    expect(early).toEqual([]);
  });

  it('lands the outbound funnel in plausible ranges', () => {
    const flags = flagsOf(setup.dispositions);
    const n = { dials: 0, answered: 0, machine: 0, human: 0, drop: 0, contact: 0, win: 0 };
    const leads = new Set<string>();
    for (const c of calls) {
      if (c.direction !== 'outbound') continue;
      const d = flags(c.campaign, c.status)!;
      n.dials++;
      leads.add(c.lead!);
      for (const f of ['answered', 'machine', 'human', 'drop', 'contact', 'win'] as const)
        if (d[f] === '1') n[f]++;
    }
    expect(n.answered / n.dials).toBeGreaterThan(0.25);
    expect(n.answered / n.dials).toBeLessThan(0.4);
    expect(n.machine / n.answered).toBeGreaterThan(0.25);
    expect(n.machine / n.answered).toBeLessThan(0.45);
    expect(n.contact / n.dials).toBeGreaterThan(0.1);
    expect(n.contact / n.dials).toBeLessThan(0.2);
    expect(n.win / n.contact).toBeGreaterThan(0.05);
    expect(n.win / n.contact).toBeLessThan(0.15);
    expect(n.drop / n.human).toBeGreaterThan(0.01);
    expect(n.drop / n.human).toBeLessThan(0.04);
    expect(leads.size).toBeLessThan(n.dials);
  });

  it('serves the inbound queue at a realistic service level', () => {
    const flags = flagsOf(setup.dispositions);
    let handled = 0;
    let withinT = 0;
    let waited = 0;
    let abandoned = 0;
    let short = 0;
    for (const c of calls) {
      if (c.direction !== 'inbound') continue;
      if (c.agent && num(c.talk_sec) > 0) {
        handled++;
        waited += num(c.wait_sec);
        if (num(c.wait_sec) <= 20) withinT++;
        expect(c.resolved).toMatch(/^[YN]$/);
        expect(c.topic).not.toBe('');
      } else if (flags(c.campaign, c.status)?.drop === '1') {
        abandoned++;
        if (num(c.wait_sec) < 5) short++;
      }
    }
    const sl = withinT / (handled + abandoned - short);
    expect(sl).toBeGreaterThan(0.7);
    expect(sl).toBeLessThan(0.9);
    expect(waited / handled).toBeGreaterThan(5);
    expect(waited / handled).toBeLessThan(60);
    expect(short).toBeGreaterThan(0);
  });

  it('shapes each kind of call like a dialer records it', () => {
    let holds = 0;
    let handled = 0;
    let wrap = 0;
    const talk: Record<string, number[]> = { SALE: [], NI: [] };
    const wrong: string[] = [];
    for (const c of calls) {
      const bad = (why: string): void => void wrong.push(`${why}: ${JSON.stringify(c)}`);
      if (!/^\+1555\d{7}$/.test(c.customer!)) bad('customer');
      if (c.status === 'DROP' && c.direction === 'outbound') {
        if (c.agent || num(c.wait_sec) < 1 || num(c.wait_sec) > 5) bad('drop');
      }
      if (c.status === 'NA' && (c.agent || !(num(c.ring_sec) > 0))) bad('no answer');
      if (c.agent && num(c.talk_sec) > 0) {
        handled++;
        wrap += num(c.wrap_sec);
        if (num(c.hold_sec) > 0) holds++;
        talk[c.status!]?.push(num(c.talk_sec));
      }
      if (c.status === 'SALE' && c.direction === 'outbound' && c.amount) {
        // the widest band of any campaign: 0.4 × the lowest median (22) to 3 × the highest (60)
        if (num(c.amount) < 8.8 || num(c.amount) > 180) bad('amount');
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(holds / handled).toBeGreaterThan(0.08);
    expect(holds / handled).toBeLessThan(0.25);
    expect(wrap / handled).toBeGreaterThan(10);
    expect(wrap / handled).toBeLessThan(60);
    expect(mean(talk.SALE!)).toBeGreaterThan(120);
    expect(mean(talk.SALE!)).toBeGreaterThan(3 * mean(talk.NI!));
    expect(calls.some((c) => c.upsell_amount)).toBe(true);
  });

  it('never has an agent in two states at once', () => {
    const byAgent = new Map<string, [number, number][]>();
    const wrong: string[] = [];
    for (const s of states) {
      const list = byAgent.get(s.agent!) ?? [];
      list.push([epoch(s.started_at!), epoch(s.ended_at!)]);
      byAgent.set(s.agent!, list);
      if (epoch(s.ended_at!) - epoch(s.started_at!) !== num(s.duration_sec))
        wrong.push(`duration ${JSON.stringify(s)}`);
    }
    for (const [agent, list] of byAgent) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++)
        if (list[i]![0] < list[i - 1]![1]) wrong.push(`overlap ${agent} ${list[i]}`);
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("puts every handled call inside its agent's talk, hold and wrap intervals", () => {
    const busy = new Map<string, [number, number][]>();
    for (const s of states) {
      if (s.state === 'available' || s.state === 'pause') continue;
      const list = busy.get(s.agent!) ?? [];
      list.push([epoch(s.started_at!), epoch(s.ended_at!)]);
      busy.set(s.agent!, list);
    }
    for (const list of busy.values()) list.sort((a, b) => a[0] - b[0]);
    let checked = 0;
    const outside: string[] = [];
    for (const c of calls) {
      if (!c.agent || !(num(c.talk_sec) > 0)) continue;
      const from = epoch(c.started_at!) + num(c.ring_sec) + num(c.wait_sec);
      const to = from + num(c.talk_sec) + num(c.hold_sec) + num(c.wrap_sec);
      const list = busy.get(c.agent) ?? [];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]![1] <= from) lo = mid + 1;
        else hi = mid;
      }
      let covered = 0;
      for (let i = lo; i < list.length && list[i]![0] < to; i++) {
        covered += Math.min(to, list[i]![1]) - Math.max(from, list[i]![0]);
      }
      if (covered !== to - from) outside.push(c.call_id!);
      checked++;
    }
    expect(outside).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('writes agent days that start with LOGIN and pause for breaks, lunch and more', () => {
    const reasons = new Set(states.filter((s) => s.state === 'pause').map((s) => s.reason));
    for (const r of ['LOGIN', 'break', 'lunch', 'bathroom', 'LOGOUT']) expect(reasons.has(r), r).toBe(true);
    const withCampaign = states.filter((s) => s.campaign).length;
    expect(withCampaign / states.length).toBeGreaterThan(0.9);
    expect(states.some((s) => s.state === 'pause' && !s.campaign)).toBe(true);
    for (const s of ['available', 'talk', 'hold', 'wrap'])
      expect(states.some((x) => x.state === s)).toBe(true);
  });

  it('schedules every agent who logs in that day', () => {
    const scheduled = new Set(setup.schedules.map((s) => `${s.agent}|${s.starts_at!.slice(0, 10)}`));
    const logins = states.filter((s) => s.reason === 'LOGIN');
    expect(logins.length).toBeGreaterThan(100);
    for (const s of logins)
      expect(scheduled.has(`${s.agent}|${s.started_at!.slice(0, 10)}`), s.agent).toBe(true);
    expect(new Set(setup.schedules.map((s) => s.activity))).toEqual(
      new Set(['work', 'break', 'lunch', 'training', 'meeting']),
    );
  });

  it('describes the center: campaigns, lists, agents, money, goals and annotations', () => {
    const outbound = setup.campaigns.filter((c) => c.direction === 'outbound');
    expect(outbound).toHaveLength(3);
    expect(setup.campaigns.filter((c) => c.direction === 'inbound')).toHaveLength(1);
    for (const c of setup.campaigns) expect(c.timezone).toBe('America/New_York');
    const groups = outbound.map((c) => c.drop_group).filter(Boolean);
    expect(groups).toHaveLength(2);
    expect(new Set(groups).size).toBe(1);
    for (const c of outbound) {
      const lists = setup.lists.filter((l) => l.campaign === c.campaign);
      expect(lists.length).toBeGreaterThanOrEqual(2);
      expect(lists.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(setup.lists.map((l) => l.cost)).size).toBeGreaterThan(3);
    const names = setup.agents.map((a) => a.name!);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes('<b>'))).toBe(true);
    expect(new Set(setup.agents.map((a) => a.team)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(setup.agents.map((a) => a.site)).size).toBe(2);
    expect(setup.finance.some((f) => f.campaign === '*')).toBe(true);
    expect(setup.finance.filter((f) => f.campaign === 'DEBT').length).toBeGreaterThanOrEqual(2);
    for (const f of setup.finance) {
      expect(f.commission).toMatch(
        // empty: this version leaves the plan as it was
        /^(|none|flat:\d+(\.\d+)?|percent:0?\.\d+|(tiered|graduated):(\d+-\d+@0?\.\d+,)*\d+\+@0?\.\d+)$/,
      );
    }
    // A change in the middle of a working day, off the hour, so valuation must read those calls raw.
    const offHour = setup.finance.filter((f) => !/T\d{2}:00:00/.test(f.effective_from!));
    expect(offHour.length).toBeGreaterThanOrEqual(1);
    // Plans that override the campaign's: one per team and one per agent, each a valid plan.
    expect(setup.commissions.some((c) => c.team && !c.agent)).toBe(true);
    expect(setup.commissions.some((c) => c.agent && !c.team)).toBe(true);
    for (const c of setup.commissions) expect(planProblem(c.commission!)).toBeNull();
    const scopes = new Set(setup.goals.map((g) => g.scope));
    for (const scope of ['*', 'SOLAR', 'Falcons', '1001']) expect(scopes.has(scope), scope).toBe(true);
    expect(new Set(setup.goals.map((g) => g.period))).toEqual(new Set(['2026-03']));
    const kinds = new Set(setup.annotations.map((a) => a.kind));
    for (const k of ['list', 'staffing', 'script']) expect(kinds.has(k), k).toBe(true);
  });

  it('ties surveys and QA to real calls and tickets', () => {
    const all = byType();
    const callIds = new Set(calls.map((c) => c.call_id));
    const ticketIds = new Set(all.tickets.map((t) => t.ticket_id));
    for (const s of all.surveys) {
      if (s.kind === 'esat') expect(s.call_id || s.ticket_id).toBe('');
      else expect(callIds.has(s.call_id!) || ticketIds.has(s.ticket_id!), s.survey_id).toBe(true);
    }
    for (const q of all.qa) expect(callIds.has(q.call_id!)).toBe(true);
    expect(new Set(all.surveys.map((s) => s.kind))).toEqual(new Set(['csat', 'nps', 'esat']));
    expect(new Set(all.tickets.map((t) => t.channel))).toEqual(new Set(['email', 'chat', 'voice', 'social']));
  });
});

describe('determinism', () => {
  const small: SimOptions = { seed: 7, days: 3, agents: 12, start: START };
  const snapshot = (opts: SimOptions): string =>
    JSON.stringify([simulateSetup(opts), [...simulateDays(opts)]]);

  it('gives the same output for the same seed and a different one for another seed', () => {
    const a = snapshot(small);
    expect(snapshot(small)).toBe(a);
    expect(snapshot({ ...small, seed: 8 })).not.toBe(a);
  });

  describe('files', () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    });
    const write = async (opts: SimOptions): Promise<Record<string, string[]>> => {
      const dir = await mkdtemp(join(tmpdir(), 'callkpi-sim-'));
      dirs.push(dir);
      return writeSimulation(dir, opts);
    };

    it('writes byte-identical files for the same seed, in import order', async () => {
      const opts: SimOptions = { seed: 3, days: 2, agents: 8, start: '2026-03-31' };
      const a = await write(opts);
      const b = await write(opts);
      expect(Object.keys(a)).toEqual([...IMPORT_ORDER]);
      expect(a.calls!.map((p) => p.split('/').pop())).toEqual(['calls-2026-03.csv', 'calls-2026-04.csv']);
      for (const type of IMPORT_ORDER) {
        expect(a[type]!.length, type).toBeGreaterThan(0);
        for (const [i, path] of a[type]!.entries()) {
          const text = await readFile(path, 'utf8');
          expect(text).toBe(await readFile(b[type]![i]!, 'utf8'));
          expect(text.slice(0, text.indexOf('\r\n'))).toBe(
            recordDef(type)
              .fields.map((f) => f.name)
              .join(','),
          );
        }
      }
      const agents = await readFile(a.agents![0]!, 'utf8');
      expect(agents).toContain('"Marcus ""<b>Ace</b>"" Bell"');
      expect(agents).toContain("Siobhan O'Brien");
    });

    it('streams benchmark calls as CSV text identical to the row objects', async () => {
      const opts: SimOptions = { seed: 5, days: 3, agents: 20, start: START, callsPerDay: 5000 };
      const dir = await mkdtemp(join(tmpdir(), 'callkpi-sim-'));
      dirs.push(dir);
      const path = join(dir, 'calls.csv');
      expect(await writeCallsCsv(path, opts)).toBe(15_000);
      const rows = [...simulateDays(opts)].flatMap((d) => d.calls);
      const columns = recordDef('calls').fields.map((f) => f.name);
      expect(await readFile(path, 'utf8')).toBe(
        columns.join(',') + '\r\n' + rows.map((r) => csvLine(r, columns)).join(''),
      );
    });
  });
});

describe('benchmark scale (callsPerDay)', () => {
  it('makes exactly callsPerDay valid calls a day, in time order, with known statuses', () => {
    const days = [...simulateDays({ seed: 2, days: 2, agents: 40, start: START, callsPerDay: 20_000 })];
    const known = flagsOf(simulateSetup({ seed: 2, days: 2, agents: 40, start: START }).dispositions);
    for (const d of days) {
      expect(d.calls).toHaveLength(20_000);
      expect(d.agentStates).toEqual([]);
      expect(problems('calls', d.calls)).toEqual([]);
      const unordered = d.calls.filter((c, i) => i > 0 && c.started_at! < d.calls[i - 1]!.started_at!);
      expect(unordered).toEqual([]);
      expect(d.calls.filter((c) => !known(c.campaign, c.status))).toEqual([]);
    }
  });
});

describe('options', () => {
  it('starts `days` days before today in the center time zone by default', () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const first = simulateDays({ days: 1, agents: 2 }).next().value as SimDay;
    expect(new Date(`${first.date}T00:00:00Z`).getTime() + 86400000).toBe(
      new Date(`${today}T00:00:00Z`).getTime(),
    );
  });

  it('rejects bad options as usage errors', () => {
    for (const bad of [{ days: 0 }, { agents: 1.5 }, { start: '2026-02-30' }, { timezone: 'Mars/Olympus' }]) {
      expect(() => simulateSetup(bad)).toThrow(CallkpiError);
    }
  });

  it('follows the time zone and its daylight-saving changes', () => {
    const first = (opts: SimOptions, date: string): string =>
      [...simulateDays(opts)].find((d) => d.date === date)!.calls.find((c) => c.direction === 'outbound')!
        .started_at!;
    // US clocks go forward on Sunday 2026-03-08: 08:00 local is 13:00Z before and 12:00Z after.
    const ny: SimOptions = { seed: 1, days: 4, agents: 8, start: '2026-03-06' };
    expect(first(ny, '2026-03-06') >= '2026-03-06T13:00:00Z').toBe(true);
    expect(first(ny, '2026-03-06') < '2026-03-06T13:10:00Z').toBe(true);
    expect(first(ny, '2026-03-09') < '2026-03-09T12:10:00Z').toBe(true);
    const berlin: SimOptions = {
      seed: 1,
      days: 1,
      agents: 8,
      start: '2026-03-06',
      timezone: 'Europe/Berlin',
    };
    expect(first(berlin, '2026-03-06') >= '2026-03-06T07:00:00Z').toBe(true);
    expect(simulateSetup(berlin).campaigns[0]!.timezone).toBe('Europe/Berlin');
  });

  it('runs with tiny rosters', () => {
    for (const agents of [1, 3, 5]) {
      const days = [...simulateDays({ seed: 1, days: 2, agents, start: START })];
      expect(days.flatMap((d) => d.calls).length, String(agents)).toBeGreaterThan(0);
    }
  });
});
