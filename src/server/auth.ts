import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { CallkpiError } from '../errors.js';
import { authenticate, type Role } from '../settings/tokens.js';
import type { Env } from './env.js';
import { SESSION_COOKIE } from './sessions.js';
import { isLoopback, LOCAL_IDENTITY } from './state.js';

const denied = (message: string): CallkpiError => new CallkpiError('unauthorized', message);

/** The hostname of a Host header: `[::1]:8080` → `[::1]`, `localhost:8080` → `localhost`. */
export function hostName(host: string | undefined): string {
  if (!host) return '';
  const m = /^(\[[^\]]*\]|[^:]+)/.exec(host.trim());
  return (m?.[1] ?? '').toLowerCase();
}

/**
 * Who is asking: a bearer token, else the dashboard's session cookie, else — only on a loopback
 * server with no tokens — its single local user. A loopback server answers only loopback Host names,
 * so a web page elsewhere cannot reach it through DNS rebinding.
 */
export const identify: MiddlewareHandler<Env> = async (c, next) => {
  const state = c.get('state');
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw denied('Authorization: expected "Bearer TOKEN"');
    c.set('identity', await state.serial((s) => authenticate(s, m[1]!)));
    c.set('via', 'bearer');
    return next();
  }
  const session = state.sessions.get(getCookie(c, SESSION_COOKIE));
  if (session) {
    c.set('identity', session.identity);
    c.set('via', 'session');
    c.set('session', session);
    return next();
  }
  if (await state.openAccess()) {
    checkLocalHost(c);
    c.set('identity', LOCAL_IDENTITY);
    c.set('via', 'local');
    return next();
  }
  throw denied('sign in: send "Authorization: Bearer TOKEN" (callkpi token create makes one)');
};

export function checkLocalHost(c: Context<Env>): void {
  if (!isLoopback(hostName(c.req.header('host')).replace(/^\[|\]$/g, '')))
    throw new CallkpiError(
      'forbidden',
      'this server answers only loopback host names (127.0.0.1, localhost)',
    );
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes need proof they come from our own pages: a bearer token is that proof; a cookie or the
 * open loopback mode is sent by the browser on any site's behalf, so those need the X-CSRF-Token
 * value, which only our pages can read. A foreign Origin is refused outright.
 */
export const csrf: MiddlewareHandler<Env> = async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  checkOrigin(c);
  const via = c.get('via');
  if (via === 'bearer') return next();
  const expected = via === 'session' ? c.get('session')!.csrf : c.get('state').localCsrf;
  if (c.req.header('x-csrf-token') !== expected)
    throw new CallkpiError(
      'forbidden',
      'missing or wrong X-CSRF-Token header (GET /api/v1/session gives it)',
    );
  return next();
};

export function checkOrigin(c: Context<Env>): void {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    throw new CallkpiError('forbidden', `Origin ${origin}: not a valid origin`);
  }
  if (host !== (c.req.header('host') ?? '').toLowerCase())
    throw new CallkpiError('forbidden', `requests from ${origin} are not accepted`);
}

/** Only these roles may use the route. */
export function allow(...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const role = c.get('identity').role;
    if (!roles.includes(role))
      throw new CallkpiError('forbidden', `the ${role} role may not use ${c.req.method} ${c.req.path}`);
    return next();
  };
}
