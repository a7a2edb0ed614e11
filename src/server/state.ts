import { randomBytes } from 'node:crypto';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { hasActiveTokens, type Identity } from '../settings/tokens.js';
import { ResponseCache, type CachedAnswer } from './cache.js';
import { Sessions } from './sessions.js';

/** What every route shares: the one open database, its queue, the caches and the sign-in state. */
export interface ServerOptions {
  readonly store: DuckStore;
  /** the address the server listens on: a loopback server may run without tokens */
  readonly host: string;
  /** the built dashboard (index.html and assets); null serves a page saying how to build it */
  readonly webRoot?: string | null;
  readonly version?: string;
  /** compute the executive overview ahead of its first viewer, and again after each change */
  readonly warm?: boolean;
  /** the clock; tests pin it */
  readonly now?: () => Date;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);
export const isLoopback = (host: string): boolean =>
  LOOPBACK.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);

export class ServerState {
  readonly cache = new ResponseCache();
  readonly sessions = new Sessions();
  /** answers being computed, by cache key (see routes/answer.ts computeInto) */
  readonly inflight = new Map<string, Promise<CachedAnswer>>();
  /** the CSRF value of a loopback server without tokens, where there is no session to hold one */
  readonly localCsrf = randomBytes(24).toString('base64url');
  private queue: Promise<unknown> = Promise.resolve();
  private tokensActive: boolean | undefined;

  constructor(readonly opts: ServerOptions) {}

  get store(): DuckStore {
    return this.opts.store;
  }

  now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /**
   * Runs `fn` when the database is free. DuckDB parallelises one query over every core itself; one
   * connection at a time keeps a report's several queries together and memory predictable.
   */
  serial<T>(fn: (store: DuckStore) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => fn(this.opts.store));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** True while no token exists: a loopback server then serves its single user without sign-in. */
  async openAccess(): Promise<boolean> {
    if (!isLoopback(this.opts.host)) return false;
    this.tokensActive ??= await this.serial((s) => hasActiveTokens(s));
    return !this.tokensActive;
  }

  /** After a token is created or revoked. */
  tokensChanged(): void {
    this.tokensActive = undefined;
  }

  /** After any change to stored data or settings: cached answers no longer hold. */
  changed(): void {
    this.cache.clear();
    this.inflight.clear();
    this.warm();
  }

  /** What to compute ahead of viewers (set by the app); see routes/reports.ts warmDefaults. */
  warmer: ((state: ServerState) => Promise<void>) | undefined;
  private warming: Promise<void> | undefined;

  /** Starts the warm-up in the background, once at a time; a failure is logged, not hidden. */
  warm(): Promise<void> {
    if (!this.warmer) return Promise.resolve();
    this.warming ??= this.warmer(this)
      .catch((err: unknown) =>
        console.error(`callkpi serve: warming the executive page failed: ${(err as Error).message ?? err}`),
      )
      .finally(() => (this.warming = undefined));
    return this.warming;
  }
}

export const LOCAL_IDENTITY: Identity = { role: 'admin', agent: null, tokenId: null };
