// Tiny ClickHouse helper for the "services" Vitest project.
//
// The server comes from scripts/services/clickhouse.sh (run by `npm run test:all`), which exports
// CALLKPI_TEST_CLICKHOUSE_URL. On Debian 12 that is ClickHouse 18.16, so this talks plain HTTP with
// global fetch instead of a client library (a current client and the old server may not agree).
//
// Usage:
//   const url = requireClickhouse();
//   describe.skipIf(!url)(clickhouseSuiteName('my suite'), () => { ... await chJson<Row>('SELECT ...') ... });
//
// Note for 18.16's FORMAT JSON: 64-bit integers (count(), sum() of ints, UInt64 columns) come back as
// strings; cast in SQL (toUInt32(count())) or convert with Number().

export const CLICKHOUSE_URL_ENV = 'CALLKPI_TEST_CLICKHOUSE_URL';

const DEFAULT_TIMEOUT_MS = 60_000;

function isCI(): boolean {
  return /^(true|1|yes)$/i.test(process.env.CI ?? '');
}

/** The test server's base URL (no trailing slash), from CALLKPI_TEST_CLICKHOUSE_URL, or undefined. */
export function clickhouseUrl(): string | undefined {
  const url = process.env[CLICKHOUSE_URL_ENV]?.trim();
  return url ? url.replace(/\/+$/, '') : undefined;
}

/** Why ClickHouse suites are skipped, or undefined when a server is configured. */
export function clickhouseSkipReason(): string | undefined {
  return clickhouseUrl()
    ? undefined
    : `${CLICKHOUSE_URL_ENV} is not set: run \`npm run test:all\` (scripts/services/clickhouse.sh) to start ClickHouse`;
}

let warned = false;

/**
 * The server URL, for `describe.skipIf(!requireClickhouse())`. When the variable is missing:
 * throws under CI=true (CI must never skip these silently), otherwise warns once and returns undefined.
 */
export function requireClickhouse(): string | undefined {
  const url = clickhouseUrl();
  if (url) return url;
  const reason = clickhouseSkipReason() ?? '';
  if (isCI()) throw new Error(`ClickHouse is required when CI=true, but ${reason}`);
  if (!warned) {
    warned = true;
    console.warn(`[callkpi] skipping ClickHouse tests: ${reason}`);
  }
  return undefined;
}

/** A describe() title that carries the skip reason when there is no server. */
export function clickhouseSuiteName(name: string): string {
  const reason = clickhouseSkipReason();
  return reason ? `${name} (skipped: ${reason})` : name;
}

export interface ChQueryOptions {
  /** Database for unqualified table names (default: the server's, `default`). */
  database?: string;
  /** Milliseconds before the request is aborted (default 60 s). */
  timeoutMs?: number;
}

function isStaleSocket(err: unknown): boolean {
  // The server closed an idle keep-alive connection just as fetch reused it: nothing was sent.
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET';
}

/**
 * POSTs one SQL statement to the server and returns the response body as text.
 * Throws with the server's own error text when the status is not 200.
 */
export async function chQuery(sql: string, options: ChQueryOptions = {}): Promise<string> {
  const base = clickhouseUrl();
  if (!base) throw new Error(`chQuery: ${clickhouseSkipReason()}`);
  const params = new URLSearchParams({ wait_end_of_query: '1' });
  if (options.database) params.set('database', options.database);
  const url = `${base}/?${params.toString()}`;

  const send = () =>
    fetch(url, {
      method: 'POST',
      body: sql,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });

  let res: Response;
  try {
    res = await send();
  } catch (err) {
    if (!isStaleSocket(err))
      throw new Error(`ClickHouse at ${base} unreachable: ${String(err)}`, { cause: err });
    res = await send();
  }
  const body = await res.text();
  if (res.status !== 200) {
    const snippet = sql.length > 300 ? `${sql.slice(0, 300)}...` : sql;
    throw new Error(`ClickHouse HTTP ${res.status}: ${body.trim()}\n-- query: ${snippet}`);
  }
  return body;
}

/** Runs a SELECT with `FORMAT JSON` appended and returns the parsed `data` rows. */
export async function chJson<T = Record<string, unknown>>(
  sql: string,
  options: ChQueryOptions = {},
): Promise<T[]> {
  const statement = sql.trim().replace(/;+$/, '');
  const body = await chQuery(`${statement}\nFORMAT JSON`, options);
  return (JSON.parse(body) as { data: T[] }).data;
}
