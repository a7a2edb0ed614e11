import { Hono } from 'hono';
import { csrf, identify } from './auth.js';
import type { Env } from './env.js';
import { notFoundRoute, onError } from './errors.js';
import { dimensionRoutes } from './routes/dimensions.js';
import { metricsRoute, publicMeta } from './routes/meta.js';
import { reportRoutes, warmDefaults } from './routes/reports.js';
import { sessionRoutes } from './routes/session.js';
import { settingsRoutes } from './routes/settings.js';
import { tokenRoutes } from './routes/tokens.js';
import { ServerState, type ServerOptions } from './state.js';
import { defaultWebRoot, staticHandler } from './static.js';

export const API_VERSION = '0.1.0';

/**
 * The HTTP API and the dashboard. Public routes come first; everything after `identify` needs a
 * token, a session or the open loopback mode, and every change after `csrf` needs proof it comes
 * from our own pages.
 */
export function createApp(opts: ServerOptions): { app: Hono<Env>; state: ServerState } {
  const state = new ServerState(opts);
  if (opts.warm) state.warmer = warmDefaults;
  const version = opts.version ?? API_VERSION;
  const api = new Hono<Env>();
  api.route('/', publicMeta(version));
  api.route('/', sessionRoutes());
  api.use('*', identify, csrf);
  api.route('/', metricsRoute());
  api.route('/', dimensionRoutes());
  api.route('/', reportRoutes());
  api.route('/', settingsRoutes());
  api.route('/', tokenRoutes());
  api.all('*', notFoundRoute);

  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    c.set('state', state);
    await next();
  });
  app.onError(onError);
  app.route('/api/v1', api);
  app.all('/api/*', notFoundRoute);
  app.get('*', staticHandler(opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot));
  return { app, state };
}
