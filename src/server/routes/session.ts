import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CallkpiError } from '../../errors.js';
import { authenticate } from '../../settings/tokens.js';
import { checkLocalHost, checkOrigin } from '../auth.js';
import type { Env } from '../env.js';
import { body, sessionBody } from '../params.js';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../sessions.js';

/**
 * The dashboard's sign-in. The token is exchanged for an HttpOnly, SameSite=Strict cookie holding a
 * random session id, so page scripts never hold the token and other sites cannot send the cookie.
 */
export function sessionRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/session', async (c) => {
    const state = c.get('state');
    const s = state.sessions.get(getCookie(c, SESSION_COOKIE));
    if (s)
      return c.json({
        authenticated: true,
        auth_required: true,
        role: s.identity.role,
        agent: s.identity.agent,
        csrf: s.csrf,
      });
    if (await state.openAccess()) {
      checkLocalHost(c);
      return c.json({
        authenticated: true,
        auth_required: false,
        role: 'admin',
        agent: null,
        csrf: state.localCsrf,
      });
    }
    return c.json({ authenticated: false, auth_required: true, role: null, agent: null, csrf: null });
  });
  app.post('/session', async (c) => {
    checkOrigin(c);
    const state = c.get('state');
    const { token } = await body(c, sessionBody);
    const identity = await state.serial((s) => authenticate(s, token));
    state.sessions.delete(getCookie(c, SESSION_COOKIE));
    const s = state.sessions.create(identity);
    setCookie(c, SESSION_COOKIE, s.id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({
      authenticated: true,
      auth_required: true,
      role: identity.role,
      agent: identity.agent,
      csrf: s.csrf,
    });
  });
  app.delete('/session', (c) => {
    checkOrigin(c);
    const state = c.get('state');
    const id = getCookie(c, SESSION_COOKIE);
    const s = state.sessions.get(id);
    // Signing out needs the session's CSRF value: another site must not be able to sign a user out.
    if (s && c.req.header('x-csrf-token') === s.csrf) state.sessions.delete(id);
    else if (s) throw new CallkpiError('forbidden', 'missing or wrong X-CSRF-Token header');
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ authenticated: false });
  });
  return app;
}
