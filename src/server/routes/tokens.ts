import { Hono } from 'hono';
import { createToken, listTokens, revokeToken } from '../../settings/tokens.js';
import { allow } from '../auth.js';
import type { Env } from '../env.js';
import { body, tokenBody } from '../params.js';

/** Token management for admins; a new token is shown in this one answer and never again. */
export function tokenRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/tokens', allow('admin'));
  app.use('/tokens/*', allow('admin'));
  app.get('/tokens', async (c) => c.json({ tokens: await c.get('state').serial((s) => listTokens(s)) }));
  app.post('/tokens', async (c) => {
    const input = await body(c, tokenBody);
    const state = c.get('state');
    const made = await state.serial((s) => createToken(s, input));
    state.tokensChanged();
    return c.json({ token: made.token, ...made.info }, 201);
  });
  app.delete('/tokens/:id', async (c) => {
    const state = c.get('state');
    const info = await state.serial((s) => revokeToken(s, c.req.param('id')));
    state.sessions.revokeToken(info.id);
    state.tokensChanged();
    return c.json(info);
  });
  return app;
}
