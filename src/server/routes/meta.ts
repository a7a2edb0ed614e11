import { Hono } from 'hono';
import { catalog, catalogEntries } from '../../catalog/index.js';
import { SCHEMA_VERSION } from '../../storage/duckdb/schema.js';
import type { Env } from '../env.js';
import { openApiDocument } from '../openapi.js';

/** Routes anyone may call: health and the API's own description. */
export function publicMeta(version: string): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/healthz', (c) =>
    c.json({ status: 'ok', version, engine: c.get('state').store.engine, schema_version: SCHEMA_VERSION }),
  );
  app.get('/openapi.json', (c) => c.json(openApiDocument(version)));
  return app;
}

/** The metric catalog, as `callkpi metrics --format json` prints it. */
export function metricsRoute(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/metrics', (c) => {
    const metrics = catalogEntries(catalog());
    return c.json({ metrics });
  });
  return app;
}
