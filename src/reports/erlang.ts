import { usageError } from '../errors.js';

// Queueing formulas for staffing (spec metrics.md "Staffing (Erlang)"). Pure functions of the
// offered traffic A (Erlangs), the number of agents N and times in seconds; no database, no zone.

export const ERLANG_C_METHOD =
  'Erlang C (M/M/N, callers never abandon): P(wait) = N·B ÷ (N − A(1 − B)) with B the Erlang B ' +
  'recursion; SL(t) = 1 − P(wait)·e^(−(N−A)t/AHT); ASA = P(wait)·AHT ÷ (N − A); occupancy = A ÷ N';
export const ERLANG_A_METHOD =
  'Erlang A (M/M/N+M, exponential patience θ; Garnett, Mandelbaum & Reiman 2002): the birth-death ' +
  'chain summed exactly, queue terms r_j = Π λ/(Nμ + kθ) accumulated with rescaling (no overflow, ' +
  'no incomplete-gamma cancellation); SL(t) = calls answered within t ÷ offered; ASA = mean wait ' +
  'of answered calls; occupancy = carried load A(1 − P(abandon)) ÷ N';

/** Offered traffic in Erlangs: calls × AHT ÷ interval seconds. */
export const trafficErlangs = (calls: number, intervalSec: number, ahtSec: number): number =>
  (calls * ahtSec) / intervalSec;

/** Erlang B blocking probability by the recursion B_n = A·B_{n−1} ÷ (n + A·B_{n−1}), B_0 = 1. */
export function erlangB(a: number, n: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C probability of waiting; 1 when N ≤ A (the queue grows without bound). */
export function erlangC(a: number, n: number): number {
  if (n <= a) return 1;
  const b = erlangB(a, n);
  return (n * b) / (n - a * (1 - b));
}

export const serviceLevel = (a: number, n: number, ahtSec: number, tSec: number): number =>
  n <= a ? 0 : 1 - erlangC(a, n) * Math.exp((-(n - a) * tSec) / ahtSec);

export const asaSec = (a: number, n: number, ahtSec: number): number =>
  n <= a ? Infinity : (erlangC(a, n) * ahtSec) / (n - a);

export const occupancy = (a: number, n: number): number => (n > 0 ? a / n : 0);

/** Agents to schedule so that `n` remain on the phones after shrinkage (breaks, training, absence). */
export const scheduledAgents = (n: number, shrinkage: number): number => Math.ceil(n / (1 - shrinkage));

export interface ErlangFigures {
  pWait: number;
  /** null under Erlang C, which has no abandonment */
  pAbandon: number | null;
  /** at the input's slSec, 20 s when none is given */
  serviceLevel: number;
  asaSec: number;
  occupancy: number;
}

const MAX_TERMS = 20_000_000; // about two seconds: only absurd patience under overload gets here

/**
 * Σ r_j (r_0 = 1, r_j = r_{j−1}·y ÷ (x + j)) as a logarithm, with the means of j and of the wait
 * weight under the weights r_j. x = Nμ/θ, y = λ/θ. Terms rise until j ≈ y − x, then fall; the sum
 * stops once past the peak and a term is below 1e-17 of the sum. Rescaling by 1e250 keeps every
 * partial sum finite however long the patience, so only plain additions of positive numbers occur.
 */
function queueSeries(x: number, y: number, nMu = 0, theta = 0) {
  let scale = 0;
  let term = 1;
  let s = 0;
  let m = 0;
  let q = 0;
  let h = 0; // Σ_{k=1}^{j+1} 1/(Nμ + kθ): the wait of a caller who finds j ahead of him
  for (let j = 0; ; j++) {
    if (nMu > 0) h += 1 / (nMu + (j + 1) * theta);
    s += term;
    m += j * term;
    // E[wait; answered] of a caller finding j ahead: his patience must outlast the wait, which
    // weighs it by E[e^(−θ·wait)] = x ÷ (x + j + 1)
    q += ((term * x) / (x + j + 1)) * h;
    if (j > y - x && term < 1e-17 * s) break;
    if (j > MAX_TERMS)
      throw usageError('patience too long for Erlang A at this load: leave out the patience (Erlang C)');
    term *= y / (x + j + 1);
    if (term > 1e250) {
      [term, s, m, q] = [term / 1e250, s / 1e250, m / 1e250, q / 1e250];
      scale += Math.log(1e250);
    }
  }
  return { logS: Math.log(s) + scale, meanJ: m / s, meanWait: q / s };
}

/**
 * Erlang A figures (Palm's M/M/N+M). x = Nμ/θ, y = λ/θ, S(x, y) = Σ r_j = x·e^y·y^(−x)·γ(x, y), E the
 * Erlang B of (A, N): P(wait) = E·S ÷ (1 + E(S − 1)); P(abandon) = P(wait)·E[j] ÷ y (abandons per
 * second θ·E[queue], over λ). A caller finding j ahead waits Σ_{k=0..j} Exp(Nμ + kθ) if patient, so
 * G = P(V > t) ÷ P(wait) = γ(x, z) ÷ γ(x, y) = S(x, z) ÷ S(x, y)·e^(−Nμt + y(1 − e^(−θt))) with
 * z = y·e^(−θt), and the share of waiting callers answered within t is (x/y)(1 − G − 1/S(x,y) + G/S(x,z)).
 * Every γ ratio is taken through the sums S, never through Γ itself: positive terms only, no
 * cancellation, and θ → 0 meets Erlang C smoothly (tested at a patience of 1e9 s).
 */
export function erlangA(
  a: number,
  n: number,
  ahtSec: number,
  patienceSec: number,
  tSec: number,
): ErlangFigures {
  if (a === 0) return { pWait: 0, pAbandon: 0, serviceLevel: 1, asaSec: 0, occupancy: 0 };
  if (n === 0) return { pWait: 1, pAbandon: 1, serviceLevel: 0, asaSec: Infinity, occupancy: 0 };
  const x = (n * patienceSec) / ahtSec;
  const y = (a * patienceSec) / ahtSec;
  const sy = queueSeries(x, y, n / ahtSec, 1 / patienceSec);
  let invB = 1; // 1/B by its own recursion: overflows to Infinity (P(wait) = 0), never to NaN
  for (let k = 1; k <= n; k++) invB = 1 + (k / a) * invB;
  const pWait = 1 / (1 + Math.exp(Math.log(invB - 1) - sy.logS));
  const pAbandon = (pWait * sy.meanJ) / y;
  const sz = queueSeries(x, y * Math.exp(-tSec / patienceSec));
  const logG = sz.logS - sy.logS - (n * tSec) / ahtSec + y * -Math.expm1(-tSec / patienceSec);
  const g = Math.exp(logG);
  const answeredWithin = (x / y) * (1 - g - Math.exp(-sy.logS) + Math.exp(logG - sz.logS));
  return {
    pWait,
    pAbandon,
    // rounding far out in an overloaded queue may step a hair outside [0, 1]
    serviceLevel: Math.min(1, Math.max(0, 1 - pWait + pWait * answeredWithin)),
    asaSec: (pWait * sy.meanWait) / (1 - pAbandon),
    occupancy: Math.min(1, (a * (1 - pAbandon)) / n),
  };
}

export interface StaffingInput {
  calls: number;
  intervalSec: number;
  ahtSec: number;
  /** fraction answered within slSec, e.g. 0.8 */
  slTarget?: number;
  slSec?: number;
  asaTargetSec?: number;
  /** fraction, default 1 (no cap) */
  maxOccupancy?: number;
  /** fraction of paid time off the phones, default 0 */
  shrinkage?: number;
  /** mean patience in seconds: Erlang A instead of Erlang C */
  patienceSec?: number;
}

export interface Requirement extends ErlangFigures {
  method: 'erlang_c' | 'erlang_a';
  trafficErlangs: number;
  agents: number;
  scheduledAgents: number;
}

const pct = (v: number): string => `${Number((v * 100).toPrecision(10))} %`;

/** Nonsense inputs are usage errors, worded in the units a user types (percent, seconds). */
export function checkStaffingInput(i: StaffingInput): void {
  const bad = Object.entries(i).find(([, v]) => v !== undefined && !Number.isFinite(v));
  if (bad) throw usageError(`${bad[0]}: expected a finite number (got ${bad[1]})`);
  const { slTarget: sl, slSec, asaTargetSec: asa, maxOccupancy: occ, shrinkage: shr, patienceSec: pat } = i;
  const rules: [boolean, string][] = [
    [i.calls >= 0, `calls must be 0 or more (got ${i.calls})`],
    [i.intervalSec > 0, `the interval must be longer than 0 s (got ${i.intervalSec} s)`],
    [i.ahtSec > 0, `AHT must be longer than 0 s (got ${i.ahtSec} s)`],
    [sl !== undefined || asa !== undefined, 'give a service-level target, an ASA target or both'],
    [
      sl === undefined || (sl > 0 && sl < 1),
      `service-level target must be above 0 and below 100 % (got ${pct(sl ?? 0)})`,
    ],
    [sl === undefined || slSec !== undefined, 'a service-level target needs its threshold in seconds'],
    [slSec === undefined || slSec >= 0, `service-level threshold must be 0 s or more (got ${slSec} s)`],
    [asa === undefined || asa > 0, `ASA target must be above 0 s (got ${asa} s)`],
    [
      occ === undefined || (occ > 0 && occ <= 1),
      `max occupancy must be above 0 and at most 100 % (got ${pct(occ ?? 0)})`,
    ],
    [
      shr === undefined || (shr >= 0 && shr < 1),
      `shrinkage must be at least 0 and below 100 % (got ${pct(shr ?? 0)})`,
    ],
    [pat === undefined || pat > 0, `patience must be above 0 s (got ${pat} s)`],
  ];
  const failed = rules.find(([ok]) => !ok);
  if (failed) throw usageError(failed[1]);
}

/** Figures with N agents on the phones for the input's traffic; SL at slSec (default 20 s). */
export function figuresAt(i: StaffingInput, n: number): ErlangFigures {
  const a = trafficErlangs(i.calls, i.intervalSec, i.ahtSec);
  const t = i.slSec ?? 20;
  if (i.patienceSec !== undefined) return erlangA(a, n, i.ahtSec, i.patienceSec, t);
  if (a === 0) return { pWait: 0, pAbandon: null, serviceLevel: 1, asaSec: 0, occupancy: 0 };
  return {
    pWait: erlangC(a, n),
    pAbandon: null,
    serviceLevel: serviceLevel(a, n, i.ahtSec, t),
    asaSec: asaSec(a, n, i.ahtSec),
    occupancy: occupancy(a, n),
  };
}

const meets = (i: StaffingInput, f: ErlangFigures): boolean =>
  (i.slTarget === undefined || f.serviceLevel >= i.slTarget) &&
  (i.asaTargetSec === undefined || f.asaSec <= i.asaTargetSec) &&
  f.occupancy <= (i.maxOccupancy ?? 1);

/**
 * The smallest N meeting every given target. Every figure improves as N grows, so Erlang C scans
 * up from ⌊A⌋ + 1 (fewer agents never keep the queue finite). Erlang A may need fewer agents than
 * A, but below A with a long patience its sums get long: it starts from the Erlang C answer and
 * steps down while the targets hold (or up until they do), evaluating few N far below A.
 */
export function requiredAgents(i: StaffingInput): Requirement {
  checkStaffingInput(i);
  const a = trafficErlangs(i.calls, i.intervalSec, i.ahtSec);
  const method = i.patienceSec === undefined ? 'erlang_c' : 'erlang_a';
  const done = (n: number): Requirement => ({
    method,
    trafficErlangs: a,
    agents: n,
    scheduledAgents: scheduledAgents(n, i.shrinkage ?? 0),
    ...figuresAt(i, n),
  });
  if (a === 0) return done(0);
  const erlangCInput = { ...i, patienceSec: undefined };
  let n = Math.floor(a) + 1;
  while (!meets(erlangCInput, figuresAt(erlangCInput, n))) n++;
  if (method === 'erlang_c') return done(n);
  if (meets(i, figuresAt(i, n))) {
    while (n > 1 && meets(i, figuresAt(i, n - 1))) n--;
  } else {
    do n++;
    while (!meets(i, figuresAt(i, n)));
  }
  return done(n);
}
