import { serve as listen } from '@hono/node-server';
import { CallkpiError } from '../errors.js';
import { createApp } from '../server/app.js';
import { isLoopback } from '../server/state.js';
import { hasActiveTokens } from '../settings/tokens.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { intOption, parse } from './args.js';
import { openStore, type Globals } from './context.js';

export const SERVE_HELP = `callkpi serve [--port 8080] [--host 127.0.0.1]

Serves the dashboard at http://HOST:PORT/ and the HTTP API at /api/v1 (docs/api.md;
the OpenAPI document at /api/v1/openapi.json) on the database of --db.
On a loopback host with no tokens the server serves one local user without sign-in; on any other
host it needs at least one token (callkpi token create --role admin) and refuses to start without.
The server holds the database file: while it runs, other callkpi commands on that file go through
its API (DuckDB allows one process per file). Stop it with Ctrl-C.`;

export interface Serving {
  url: string;
  /** no tokens on a loopback address: one local user, no sign-in */
  openAccess: boolean;
  close(): Promise<void>;
}

/** Starts the server on an open store; the store is closed with it. */
export async function startServer(
  store: DuckStore,
  opts: { host: string; port: number; warm?: boolean },
): Promise<Serving> {
  const host = opts.host;
  const tokens = await hasActiveTokens(store);
  if (!isLoopback(host) && !tokens)
    throw new CallkpiError(
      'forbidden',
      `serving on ${host} needs API tokens: create one first (callkpi token create --role admin), or serve on 127.0.0.1`,
    );
  const { app, state } = createApp({ store, host, warm: opts.warm ?? true });
  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    const s = listen({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new CallkpiError(
          'unavailable',
          err.code === 'EADDRINUSE'
            ? `port ${opts.port} on ${host} is in use: choose another with --port`
            : `cannot listen on ${host}:${opts.port}: ${err.message}`,
        ),
      ),
    );
  });
  void state.warm();
  const shown = host.includes(':') ? `[${host}]` : host;
  // --port 0 asks the system for a free port: the URL names the one it gave.
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : opts.port;
  return {
    url: `http://${shown}:${port}/`,
    openAccess: isLoopback(host) && !tokens,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open; without this, close would wait for them to time out.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      // A warm-up still running holds the store: let the queue drain before closing it.
      await state.serial(async () => undefined);
      await store.close();
    },
  };
}

/** Serves until SIGINT or SIGTERM. */
export async function serveUntilStopped(
  store: DuckStore,
  opts: { host: string; port: number },
): Promise<number> {
  let serving: Serving;
  try {
    serving = await startServer(store, opts);
  } catch (err) {
    await store.close();
    throw err;
  }
  console.log(`callkpi: dashboard at ${serving.url}  (API ${serving.url}api/v1, Ctrl-C stops)`);
  if (serving.openAccess)
    console.log('callkpi: no tokens: serving one local user without sign-in (loopback only)');
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await serving.close();
  return 0;
}

export async function serveCommand(argv: string[], g: Globals): Promise<number> {
  const { values } = parse(
    'serve',
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) return (console.log(SERVE_HELP), 0);
  const port = intOption('port', values.port, 8080, 1);
  return serveUntilStopped(await openStore(g), { host: values.host!, port });
}
