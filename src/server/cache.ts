// Report answers for repeated views (a page reloaded, a wallboard, several viewers): kept for a
// minute and dropped on any change made through this server. The server holds the database file
// alone (DuckDB allows one process), so no change can arrive behind its back; the minute bounds
// how long a "month to date" answer may lag the clock.

export interface CachedAnswer {
  readonly body: string;
  readonly type: string;
  readonly headers?: Record<string, string>;
}

export class ResponseCache {
  private entries = new Map<string, { at: number; answer: CachedAnswer }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 500,
  ) {}

  get(key: string, now = Date.now()): CachedAnswer | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.answer;
  }

  set(key: string, answer: CachedAnswer, now = Date.now()): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: now, answer });
  }

  clear(): void {
    this.entries.clear();
  }
}
