import { expect } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { ServerState } from '../../src/server/state.js';
import { createToken } from '../../src/settings/tokens.js';
import { DISPOSITIONS } from './fixture.js';
import { csv, scratch, type Scratch } from './store.js';
import { parseCsv } from './csv.js';

// A small call center for the HTTP API tests, written so every figure can be counted by hand.
// Installation and campaigns in UTC; "now" is pinned to Wed 4 March 2026 12:00 UTC, so the default
// period is 2026-03-01 … 2026-03-04.
//
// Dispositions (test/helpers/fixture.ts): SALE win+contact, NI contact, A machine (answered),
// NA not answered.
//
//  call  started (UTC)        campaign status list lead   agent talk wrap amount   revenue
//  c1    2026-03-02 09:10     CAMP1    SALE   L1   lead1  a1    100  20   —        100 (per sale)
//  c2    2026-03-02 09:20     CAMP1    NI     L1   lead2  a1     50  10
//  c3    2026-03-02 10:05     CAMP1    NA     L1   lead3  —
//  c4    2026-03-02 10:30     CAMP1    SALE   L2   lead4  a2    200  20   250      250
//  c5    2026-03-02 14:00     CAMP2    SALE   L3   lead5  a2    120   0   —         80 (CAMP2's price)
//  c6    2026-03-03 09:45     CAMP2    NI     L3   lead6  a3     60   0
//  c7    2026-03-03 10:15     CAMP2    SALE   L3   lead7  a3     90   0   —         80
//  c8    2026-03-03 10:40     CAMP1    A      L2   lead8  —
//  c9    2026-03-03 15:00     CAMP1    SALE   L1   lead9  a1     80   0   —        100
//
// Agents: a1 Ann (team Red), a2 Bob (team Blue), a3 Cy (team Blue).
// Finance: `*` from 1 March: 100 per sale, 0.50 per call, 30 per agent hour; CAMP2 sells at 80.

export const NOW = new Date('2026-03-04T12:00:00Z');
export const MARCH = 'from=2026-03-01&to=2026-03-31';

export const CALLS = csv(
  'call_id,started_at,direction,campaign,status,list,lead,agent,ring_sec,wait_sec,talk_sec,hold_sec,wrap_sec,amount',
  'c1,2026-03-02T09:10:00Z,outbound,CAMP1,SALE,L1,lead1,a1,5,1,100,0,20,',
  'c2,2026-03-02T09:20:00Z,outbound,CAMP1,NI,L1,lead2,a1,5,1,50,0,10,',
  'c3,2026-03-02T10:05:00Z,outbound,CAMP1,NA,L1,lead3,,30,,,,,',
  'c4,2026-03-02T10:30:00Z,outbound,CAMP1,SALE,L2,lead4,a2,5,1,200,0,20,250',
  'c5,2026-03-02T14:00:00Z,outbound,CAMP2,SALE,L3,lead5,a2,5,1,120,0,0,',
  'c6,2026-03-03T09:45:00Z,outbound,CAMP2,NI,L3,lead6,a3,5,1,60,0,0,',
  'c7,2026-03-03T10:15:00Z,outbound,CAMP2,SALE,L3,lead7,a3,5,1,90,0,0,',
  'c8,2026-03-03T10:40:00Z,outbound,CAMP1,A,L2,lead8,,6,,,,,',
  'c9,2026-03-03T15:00:00Z,outbound,CAMP1,SALE,L1,lead9,a1,5,1,80,0,0,',
);
export const CALL_COUNT = 9;

export const AGENTS = csv('agent,name,team,site', 'a1,Ann,Red,NYC', 'a2,Bob,Blue,NYC', 'a3,Cy,Blue,Remote');
export const CAMPAIGNS = csv(
  'campaign,name,direction,timezone',
  'CAMP1,Solar,outbound,UTC',
  'CAMP2,Roofing,outbound,UTC',
);
export const LISTS = csv(
  'list,campaign,name,leads',
  'L1,CAMP1,Fresh,10',
  'L2,CAMP1,Aged,20',
  'L3,CAMP2,Web,5',
);
export const AGENT_STATES = csv(
  'agent,started_at,ended_at,state,reason,campaign',
  'a1,2026-03-02T09:00:00Z,2026-03-02T09:30:00Z,talk,,CAMP1',
  'a1,2026-03-02T09:30:00Z,2026-03-02T10:00:00Z,pause,break,CAMP1',
  'a2,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,talk,,CAMP1',
  'a3,2026-03-03T09:30:00Z,2026-03-03T10:30:00Z,available,,CAMP2',
);
export const FINANCE = csv(
  'campaign,effective_from,revenue_per_sale,cost_per_call,cost_per_agent_hour,currency,commission',
  '*,2026-03-01T00:00:00Z,100,0.50,30,USD,none',
  'CAMP2,2026-03-01T00:00:00Z,80,,,,',
);
// a1 wins: c1, c9 = 2; a2 wins: c4, c5 = 2; a3 wins: c7 = 1.
export const GOALS = csv(
  'scope,period,metric,target,amber_at,red_at',
  '*,2026-03,wins,31,,',
  'CAMP1,2026-03,wins,20,,',
  'team:Blue,2026-03,wins,15,,',
  'a1,2026-03,wins,10,,',
  'a1,2026-03,contacts,12,,',
  'a2,2026-03,wins,12,,',
  'agent:a3,2026-03,wins,8,,',
);
export const TICKETS = csv(
  'ticket_id,created_at,channel,agent,topic,first_response_at,resolved_at,status',
  't1,2026-03-02T09:00:00Z,email,a1,billing,2026-03-02T09:30:00Z,2026-03-02T11:00:00Z,resolved',
  't2,2026-03-02T10:00:00Z,chat,a2,billing,2026-03-02T10:05:00Z,,open',
  't3,2026-03-03T10:00:00Z,email,a3,setup,2026-03-03T10:10:00Z,2026-03-03T12:00:00Z,closed',
);
export const SURVEYS = csv(
  'survey_id,kind,score,responded_at,agent,call_id',
  's1,csat,5,2026-03-02T12:00:00Z,a1,c1',
  's2,csat,2,2026-03-02T12:00:00Z,a2,c4',
  's3,csat,4,2026-03-03T12:00:00Z,a3,c7',
);
export const QA = csv(
  'evaluation_id,criterion,call_id,agent,evaluated_at,score,max_score',
  'e1,greeting,c1,a1,2026-03-02T13:00:00Z,9,10',
  'e2,greeting,c4,a2,2026-03-02T13:00:00Z,6,10',
);
export const SCHEDULES = csv(
  'agent,starts_at,ends_at,activity',
  'a1,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,work',
  'a2,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,work',
  'a3,2026-03-03T09:30:00Z,2026-03-03T10:30:00Z,work',
);

/** Loads the dataset above through the import pipeline; every file must load without a reject. */
export async function loadApiData(s: Scratch): Promise<void> {
  await s.store.setMeta('timezone', 'UTC');
  const files: [string, string, string][] = [
    ['dispositions', 'd.csv', DISPOSITIONS],
    ['agents', 'a.csv', AGENTS],
    ['campaigns', 'k.csv', CAMPAIGNS],
    ['lists', 'l.csv', LISTS],
    ['calls', 'c.csv', CALLS],
    ['agent-states', 's.csv', AGENT_STATES],
    ['finance', 'f.csv', FINANCE],
    ['goals', 'g.csv', GOALS],
    ['tickets', 't.csv', TICKETS],
    ['surveys', 'v.csv', SURVEYS],
    ['qa', 'q.csv', QA],
    ['schedules', 'w.csv', SCHEDULES],
  ];
  for (const [type, name, text] of files) {
    const r = await s.load(type, name, text, { timezone: 'UTC' });
    expect(r.rejected, `${type} rejects`).toBe(0);
  }
}

export interface Tokens {
  admin: string;
  supervisor: string;
  a1: string;
  a2: string;
  a3: string;
  ids: Record<'admin' | 'supervisor' | 'a1' | 'a2' | 'a3', string>;
}

export async function makeTokens(s: Scratch): Promise<Tokens> {
  const admin = await createToken(s.store, { role: 'admin', label: 'boss' });
  const supervisor = await createToken(s.store, { role: 'supervisor' });
  const a1 = await createToken(s.store, { role: 'agent', agent: 'a1' });
  const a2 = await createToken(s.store, { role: 'agent', agent: 'a2' });
  const a3 = await createToken(s.store, { role: 'agent', agent: 'a3' });
  return {
    admin: admin.token,
    supervisor: supervisor.token,
    a1: a1.token,
    a2: a2.token,
    a3: a3.token,
    ids: {
      admin: admin.info.id,
      supervisor: supervisor.info.id,
      a1: a1.info.id,
      a2: a2.info.id,
      a3: a3.info.id,
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** the parsed JSON body, or undefined when the body is not JSON */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallInit {
  method?: string;
  token?: string;
  cookie?: string;
  csrf?: string;
  origin?: string;
  /** the Host header; default `localhost:8080` (a real server always receives one) */
  host?: string | null;
  /** a JSON body (objects are serialised; strings are sent as they are) */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiFixture {
  s: Scratch;
  app: ReturnType<typeof createApp>['app'];
  state: ServerState;
  /** a request to `/api/v1${path}` */
  call(path: string, init?: CallInit): Promise<Answer>;
  done(): Promise<void>;
}

export const HOST = 'localhost:8080';

/** A fresh database with the dataset, and the app over it. */
export async function apiFixture(
  opts: { host?: string; load?: boolean; extra?: (s: Scratch) => Promise<void> } = {},
): Promise<ApiFixture> {
  const s = await scratch();
  if (opts.load !== false) await loadApiData(s);
  if (opts.extra) await opts.extra(s);
  const { app, state } = createApp({
    store: s.store,
    host: opts.host ?? '0.0.0.0',
    webRoot: null,
    now: () => NOW,
  });
  const call = async (path: string, init: CallInit = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.host !== null) headers.host = init.host ?? HOST;
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    if (init.cookie !== undefined) headers.cookie = init.cookie;
    if (init.csrf !== undefined) headers['x-csrf-token'] = init.csrf;
    if (init.origin !== undefined) headers.origin = init.origin;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`http://${HOST}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return { s, app, state, call, done: () => s.done() };
}

/** Every error is `{ error: { code, message } }` with the status its code stands for. */
export function expectError(a: Answer, status: number, code?: string): void {
  expect(a.status, a.text).toBe(status);
  expect(a.json, a.text).toBeTypeOf('object');
  expect(a.json.error, a.text).toBeTypeOf('object');
  expect(a.json.error.code).toBeTypeOf('string');
  expect(a.json.error.message).toBeTypeOf('string');
  if (code) expect(a.json.error.code).toBe(code);
}

/** The CSV as objects keyed by its header. */
export function csvObjects(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ''])));
}

/** The session cookie `name=value` from a Set-Cookie header. */
export function sessionCookie(a: Answer): string {
  const set = a.headers.get('set-cookie') ?? '';
  const m = /(callkpi_session=[^;]+)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
  return m[1]!;
}

export const REPORT_NAMES = [
  'funnel',
  'service',
  'agents',
  'roi',
  'quality',
  'tickets',
  'workforce',
  'lists',
  'goals',
  'executive',
  'staffing',
] as const;
export const AGENT_REPORTS = ['funnel', 'agents', 'roi', 'quality', 'tickets', 'workforce', 'goals'] as const;
export const NOT_AGENT_REPORTS = ['service', 'lists', 'executive', 'staffing'] as const;

/** Words of the database engine that must never reach a caller. */
export const ENGINE_WORDS = ['SQL', 'Parser Error', 'Binder Error', 'duckdb', 'SELECT', 'Catalog Error'];

export async function callCount(s: Scratch): Promise<number> {
  const r = await s.store.one<{ n: number | bigint }>(`SELECT count(*) AS n FROM calls`);
  return Number(r?.n ?? 0);
}

export { parseCsv };
