import { describe, expect, test } from 'vitest';
import { cacheKey, ResponseCache, type CachedAnswer } from '../../src/server/cache.js';

// The answer cache's clock rules: fresh for a minute, then served stale while one recomputation runs,
// then gone; a change clears it, and a recomputation that started before the change is dropped.

const A = (body: string): CachedAnswer => ({ body, type: 'application/json' });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ResponseCache', () => {
  test('fresh, then stale, then expired', () => {
    const c = new ResponseCache(60_000, 900_000);
    c.set('k', A('1'), 1_000);
    expect(c.get('k', 61_000)?.freshness).toBe('hit');
    expect(c.get('k', 61_001)?.freshness).toBe('stale');
    expect(c.get('k', 901_000)?.answer.body).toBe('1');
    expect(c.get('k', 901_001)).toBeUndefined();
  });

  test('a stale answer is recomputed once in the background', async () => {
    const c = new ResponseCache(0, 900_000);
    c.set('k', A('old'));
    let runs = 0;
    const compute = async () => (runs++, A('new'));
    c.refresh('k', compute);
    c.refresh('k', compute);
    await tick();
    expect(runs).toBe(1);
    expect(c.get('k')?.answer.body).toBe('new');
  });

  test('a change during a recomputation wins over its late answer', async () => {
    const c = new ResponseCache(0, 900_000);
    c.set('k', A('old'));
    let release!: () => void;
    c.refresh('k', () => new Promise<CachedAnswer>((r) => (release = () => r(A('late')))));
    c.clear();
    release();
    await tick();
    expect(c.get('k')).toBeUndefined();
  });

  test('the key ignores parameter order but not values or audience', () => {
    const k = cacheKey('all', '/r', [
      ['b', '2'],
      ['a', '1'],
    ]);
    expect(
      cacheKey('all', '/r', [
        ['a', '1'],
        ['b', '2'],
      ]),
    ).toBe(k);
    expect(
      cacheKey('agent:1', '/r', [
        ['a', '1'],
        ['b', '2'],
      ]),
    ).not.toBe(k);
    expect(
      cacheKey('all', '/r', [
        ['a', '1'],
        ['b', '3'],
      ]),
    ).not.toBe(k);
  });
});
