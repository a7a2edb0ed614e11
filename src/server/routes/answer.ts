import type { Context } from 'hono';
import type { Identity } from '../../settings/tokens.js';
import { cacheKey, type CachedAnswer } from '../cache.js';
import type { Env } from '../env.js';
import type { ServerState } from '../state.js';

/** Whose figures an answer holds: one agent's, or everyone's (admins and supervisors alike). */
export const cacheScope = (id: Identity): string => (id.role === 'agent' ? `agent:${id.agent}` : 'all');

function encode(value: unknown, headers: Record<string, string>): CachedAnswer {
  const csv = typeof value === 'string';
  return {
    body: csv ? value : JSON.stringify(value),
    type: csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    headers,
  };
}

/**
 * Computes an answer on the database queue and keeps it under `key`. Viewers asking for an answer
 * already being computed (the warm-up, or several screens opening the same page) share that one
 * computation instead of queueing their own.
 */
export function computeInto(
  state: ServerState,
  key: string,
  fn: () => Promise<unknown>,
  headers: Record<string, string> = {},
): Promise<CachedAnswer> {
  const running = state.inflight.get(key);
  if (running) return running;
  const generation = state.cache.generation;
  const run = (async () => {
    const answer = encode(await fn(), headers);
    if (generation === state.cache.generation) state.cache.set(key, answer);
    return answer;
  })().finally(() => state.inflight.delete(key));
  state.inflight.set(key, run);
  return run;
}

/**
 * Answers from the cache when the same audience asked the same thing (see cache.ts for how long);
 * else computes `fn` and keeps the answer. An agent's answer is never served to anyone else.
 */
export async function cachedJson(c: Context<Env>, fn: () => Promise<unknown>): Promise<Response> {
  const state = c.get('state');
  const url = new URL(c.req.url);
  const key = cacheKey(cacheScope(c.get('identity')), url.pathname, url.searchParams.entries());
  const headers: Record<string, string> = {};
  const disposition = c.res.headers.get('content-disposition');
  if (disposition) headers['content-disposition'] = disposition;
  const found = state.cache.get(key);
  if (found?.freshness === 'stale') state.cache.refresh(key, async () => encode(await fn(), headers));
  const answer = found?.answer ?? (await computeInto(state, key, fn, headers));
  return c.body(answer.body, 200, {
    'content-type': answer.type,
    ...answer.headers,
    'x-cache': found?.freshness ?? 'miss',
  });
}
