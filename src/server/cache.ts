// Report answers for repeated views (a page reloaded, a wallboard, several viewers). The server holds
// the database file alone (DuckDB allows one process), so data changes only through it, and every
// change clears the cache. What still moves is the clock ("month to date", goal pace): an answer is
// fresh for a minute; after that, for up to `staleMs`, it is served at once while a recomputation
// runs behind it (stale-while-revalidate), so a large database never makes a viewer wait twice.

export interface CachedAnswer {
  readonly body: string;
  readonly type: string;
  readonly headers?: Record<string, string>;
}

export type Freshness = 'hit' | 'stale';

interface Entry {
  at: number;
  answer: CachedAnswer;
  refreshing: boolean;
}

/**
 * The key of an answer: who may see it (one agent, or everyone else: admins and supervisors see the
 * same figures), the path, and the query parameters in a stable order.
 */
export function cacheKey(scope: string, pathname: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1,
  );
  return `${scope}\u0000${pathname}\u0000${JSON.stringify(sorted)}`;
}

export class ResponseCache {
  private entries = new Map<string, Entry>();
  /** bumped by every clear: an answer computed before a change must not be kept after it */
  generation = 0;

  constructor(
    private readonly freshMs = 60_000,
    private readonly staleMs = 15 * 60_000,
    private readonly max = 500,
  ) {}

  get(key: string, now = Date.now()): { answer: CachedAnswer; freshness: Freshness } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const age = now - e.at;
    if (age > this.staleMs) {
      this.entries.delete(key);
      return undefined;
    }
    return { answer: e.answer, freshness: age <= this.freshMs ? 'hit' : 'stale' };
  }

  set(key: string, answer: CachedAnswer, now = Date.now()): void {
    if (!this.entries.has(key) && this.entries.size >= this.max)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: now, answer, refreshing: false });
  }

  /**
   * Recomputes a stale answer once, in the background; a change that lands meanwhile wins (its
   * clear bumps the generation and the late answer is dropped).
   */
  refresh(key: string, compute: () => Promise<CachedAnswer>): void {
    const e = this.entries.get(key);
    if (!e || e.refreshing) return;
    e.refreshing = true;
    const generation = this.generation;
    compute().then(
      (answer) => {
        if (generation === this.generation) this.set(key, answer);
      },
      () => {
        // The next request recomputes in the open and reports the error itself.
        if (generation === this.generation) this.entries.delete(key);
      },
    );
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
