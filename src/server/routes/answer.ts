import type { Context } from 'hono';
import type { Env } from '../env.js';

/**
 * Answers from the cache when the same person asked the same thing within the minute; else
 * computes `fn` on the database queue and keeps the answer. Who asks is part of the key: an agent's
 * answer is never served to anyone else.
 */
export async function cachedJson(c: Context<Env>, fn: () => Promise<unknown>): Promise<Response> {
  const state = c.get('state');
  const id = c.get('identity');
  const url = new URL(c.req.url);
  const params = [...url.searchParams.entries()].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1,
  );
  const key = `${id.role}\u0000${id.agent ?? ''}\u0000${url.pathname}\u0000${JSON.stringify(params)}`;
  const hit = state.cache.get(key);
  if (hit) return c.body(hit.body, 200, { 'content-type': hit.type, ...hit.headers, 'x-cache': 'hit' });
  const value = await fn();
  const answer = typeof value === 'string' ? value : JSON.stringify(value);
  const type = typeof value === 'string' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
  const headers: Record<string, string> = {};
  const disposition = c.res.headers.get('content-disposition');
  if (disposition) headers['content-disposition'] = disposition;
  state.cache.set(key, { body: answer, type, headers });
  return c.body(answer, 200, { 'content-type': type, ...headers, 'x-cache': 'miss' });
}
