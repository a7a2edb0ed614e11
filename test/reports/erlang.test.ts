import { describe, expect, it } from 'vitest';
import {
  asaSec,
  erlangA,
  erlangB,
  erlangC,
  figuresAt,
  occupancy,
  requiredAgents,
  scheduledAgents,
  serviceLevel,
  trafficErlangs,
  type StaffingInput,
} from '../../src/reports/erlang.js';

// Vectors of spec/metrics.md "Staffing (Erlang)", compared at the significant digits the spec gives.
const sig = (v: number, digits = 4): number => Number(v.toPrecision(digits));

describe('Erlang B and C (spec vectors)', () => {
  it('100 calls per 30 min at 180 s: A = 10; 13 agents miss 80/20, 14 meet it', () => {
    const a = trafficErlangs(100, 1800, 180);
    expect(a).toBe(10);
    expect(sig(serviceLevel(a, 13, 180, 20))).toBe(0.7956);
    expect(sig(erlangC(a, 14))).toBe(0.1741);
    expect(sig(serviceLevel(a, 14, 180, 20))).toBe(0.8884);
    expect(sig(asaSec(a, 14, 180), 3)).toBe(7.84);
    expect(sig(occupancy(a, 14), 3)).toBe(0.714);
    expect(scheduledAgents(14, 0.3)).toBe(20);
  });

  it('360 calls per 30 min at 240 s, 55 agents, t = 15 s', () => {
    const a = trafficErlangs(360, 1800, 240);
    expect(a).toBe(48);
    expect(sig(erlangC(a, 55))).toBe(0.2387);
    expect(sig(serviceLevel(a, 55, 240, 15))).toBe(0.8459);
    expect(sig(asaSec(a, 55, 240), 3)).toBe(8.18);
  });

  it('Erlang B: B(A = 10, N = 15) = 0.03650', () => {
    expect(sig(erlangB(10, 15))).toBe(0.0365);
  });

  it('a queue with no more agents than traffic never clears', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(serviceLevel(10, 9, 180, 20)).toBe(0);
    expect(asaSec(10, 10, 180)).toBe(Infinity);
  });
});

describe('required agents', () => {
  const spec: StaffingInput = { calls: 100, intervalSec: 1800, ahtSec: 180, slTarget: 0.8, slSec: 20 };

  it('80/20 needs 14 agents, 20 scheduled with 30 % shrinkage', () => {
    const r = requiredAgents({ ...spec, shrinkage: 0.3 });
    expect(r).toMatchObject({ method: 'erlang_c', trafficErlangs: 10, agents: 14, scheduledAgents: 20 });
    expect(sig(r.serviceLevel)).toBe(0.8884);
    expect(r.pAbandon).toBeNull();
  });

  it('an ASA target alone: 13 agents wait 17.1 s on average, 14 wait 7.84 s', () => {
    const { slTarget: _t, ...noSl } = spec;
    expect(requiredAgents({ ...noSl, asaTargetSec: 15 }).agents).toBe(14);
    expect(requiredAgents({ ...noSl, asaTargetSec: 20 }).agents).toBe(13); // 0.2853 × 180 ÷ 3 = 17.1 s
  });

  it('a max occupancy below A ÷ N adds agents: 10 Erlangs at most 70 % busy need 15', () => {
    expect(requiredAgents({ ...spec, maxOccupancy: 0.7 }).agents).toBe(15); // 10 ÷ 14 = 71.4 %
  });

  it('no calls need no agents', () => {
    expect(requiredAgents({ ...spec, calls: 0, shrinkage: 0.3 })).toMatchObject({
      agents: 0,
      scheduledAgents: 0,
    });
  });

  it('with patience: the fewest agents meeting the target under Erlang A', () => {
    const input = { ...spec, patienceSec: 60 };
    const r = requiredAgents(input);
    expect(r.method).toBe('erlang_a');
    expect(figuresAt(input, r.agents).serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(figuresAt(input, r.agents - 1).serviceLevel).toBeLessThan(0.8);
    // impatient callers leave the queue, so fewer agents reach 80/20 than under Erlang C
    expect(r.agents).toBeLessThan(14);
  });

  it('rejects nonsense inputs with a usage error', () => {
    const bad: [Partial<StaffingInput>, RegExp][] = [
      [{ calls: -1 }, /calls/],
      [{ ahtSec: 0 }, /AHT/],
      [{ intervalSec: 0 }, /interval/],
      [{ shrinkage: 1 }, /shrinkage .*100 %/],
      [{ shrinkage: -0.1 }, /shrinkage/],
      [{ slTarget: 1 }, /service-level target/],
      [{ slTarget: undefined }, /service-level target, an ASA target or both/],
      [{ slSec: undefined }, /threshold/],
      [{ maxOccupancy: 0 }, /max occupancy/],
      [{ patienceSec: 0 }, /patience/],
      [{ calls: NaN }, /finite/],
    ];
    for (const [change, message] of bad) {
      expect(() => requiredAgents({ ...spec, ...change })).toThrow(message);
      try {
        requiredAgents({ ...spec, ...change });
      } catch (err) {
        expect((err as { code: string }).code).toBe('usage');
      }
    }
  });
});

describe('Erlang A', () => {
  it('reduces to Erlang C when patience grows without bound (θ = 1e9 s)', () => {
    for (const [a, n, aht, t] of [
      [10, 14, 180, 20],
      [10, 13, 180, 20],
      [48, 55, 240, 15],
    ] as const) {
      const f = erlangA(a, n, aht, 1e9, t);
      expect(f.pWait).toBeCloseTo(erlangC(a, n), 6);
      expect(f.serviceLevel).toBeCloseTo(serviceLevel(a, n, aht, t), 6);
      // answered callers' wait differs by about θ·E[V²]/E[V] (~1e-6 here): the limit, not a rounding
      expect(f.asaSec / asaSec(a, n, aht)).toBeCloseTo(1, 5);
      expect(f.occupancy).toBeCloseTo(occupancy(a, n), 6);
      expect(f.pAbandon).toBeLessThan(1e-6);
    }
    expect(sig(erlangA(10, 14, 180, 1e9, 20).serviceLevel)).toBe(0.8884);
  });

  it('P(wait) and P(abandon) agree with the birth-death chain solved directly', () => {
    // States n = 0, 1, …: arrivals λ, departures min(n, N)·μ + max(0, n − N)·θ. π by detailed balance
    // (truncated where the terms vanish); abandons per second = θ·E[queue].
    for (const [a, n, aht, patience] of [
      [10, 8, 180, 60],
      [10, 12, 180, 600],
      [30, 20, 240, 90],
    ] as const) {
      const [lambda, mu, theta] = [a / aht, 1 / aht, 1 / patience];
      const pi = [1];
      for (let k = 1; k < 2000; k++)
        pi.push((pi[k - 1]! * lambda) / (Math.min(k, n) * mu + Math.max(0, k - n) * theta));
      const total = pi.reduce((s, p) => s + p, 0);
      const pWait = pi.slice(n).reduce((s, p) => s + p, 0) / total;
      const queue = pi.reduce((s, p, k) => s + Math.max(0, k - n) * p, 0) / total;
      const f = erlangA(a, n, aht, patience, 20);
      expect(f.pWait).toBeCloseTo(pWait, 10);
      expect(f.pAbandon!).toBeCloseTo((theta * queue) / lambda, 10);
    }
  });

  it('service level and ASA agree with a simulated queue', () => {
    // 300 000 calls through an M/M/10+M queue, first come first served: a caller is answered at
    // the earliest time an agent frees up unless his own patience runs out first.
    let seed = 7;
    const rand = (): number => ((seed = (seed * 48271) % 2147483647) + 0.5) / 2147483647;
    const exp = (mean: number): number => -mean * Math.log(rand());
    const [n, aht, patience, t, calls] = [10, 180, 60, 20, 300_000];
    const free = Array<number>(n).fill(0);
    let [now, within, answered, waitSum] = [0, 0, 0, 0];
    for (let i = 0; i < calls; i++) {
      now += exp(18); // 100 calls per 30 min
      const k = free.indexOf(Math.min(...free));
      const wait = Math.max(0, free[k]! - now);
      if (wait > exp(patience)) continue;
      free[k] = now + wait + exp(aht);
      answered++;
      waitSum += wait;
      if (wait <= t) within++;
    }
    const f = erlangA(10, n, aht, patience, t);
    expect(Math.abs(f.serviceLevel - within / calls)).toBeLessThan(0.01);
    expect(Math.abs(f.asaSec / (waitSum / answered) - 1)).toBeLessThan(0.05);
    expect(Math.abs(f.pAbandon! - (calls - answered) / calls)).toBeLessThan(0.01);
  });

  it('stays finite far into overload with a long patience', () => {
    const f = erlangA(200, 100, 180, 300, 20);
    expect(f.pWait).toBeCloseTo(1, 6);
    expect(f.pAbandon).toBeCloseTo(0.5, 3); // 100 agents carry half of 200 Erlangs
    expect(f.occupancy).toBeCloseTo(1, 6);
    expect(Number.isFinite(f.asaSec)).toBe(true);
  });
});
