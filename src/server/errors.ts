import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { asCallkpiError, CallkpiError, ERROR_CODES } from '../errors.js';
import type { Env } from './env.js';

/** The one error handler: every failure leaves as `{ error: { code, message } }` with its status. */
export function onError(err: Error, c: Context<Env>): Response {
  const e =
    err instanceof HTTPException
      ? new CallkpiError(err.status === 401 ? 'unauthorized' : 'bad_input', err.message || 'bad request')
      : asCallkpiError(err);
  // An unexpected failure may carry engine text (SQL, paths): the caller gets a generic line.
  const message = e.code === 'internal' ? 'internal error: the server log has the details' : e.message;
  if (e.code === 'internal') console.error(`callkpi serve: ${c.req.method} ${c.req.path}:`, e.detail ?? e);
  const body: { error: Record<string, unknown> } = { error: { code: e.code, message } };
  if (e.code !== 'internal' && e.detail && typeof e.detail === 'object' && !(e.detail instanceof Error))
    body.error.detail = e.detail;
  return c.json(body, ERROR_CODES[e.code].http as 400);
}

export function notFoundRoute(c: Context<Env>): Response {
  return c.json(
    {
      error: {
        code: 'not_found',
        message: `no route ${c.req.method} ${c.req.path} (see /api/v1/openapi.json)`,
      },
    },
    404,
  );
}
