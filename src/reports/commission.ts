import { CallkpiError, usageError } from '../errors.js';

// Commission plans (metrics.md "Money", inputs.md `finance`): parsing, valuation and attribution.
// Pure arithmetic on numbers the query layer has already summed; no database access. The syntax is
// the one src/ingest/plan-sql.ts checks at import, so a stored plan always parses here.

export type Bracket = { from: number; to: number | null; rate: number };
export type CommissionPlan =
  | { kind: 'none' }
  | { kind: 'flat'; perWin: number }
  | { kind: 'percent'; rate: number }
  | { kind: 'tiered' | 'graduated'; brackets: Bracket[] };
/** What a plan is applied to: one agent's wins and revenue over some period. */
export type Sales = { wins: number; revenue: number };

export const PLAN_SYNTAX =
  'none | flat:<amount per win> | percent:<rate> | tiered:<brackets> | graduated:<brackets>, where ' +
  '<brackets> is from-to@rate,…,from+@rate from 0 upwards (e.g. tiered:0-100@0.10,100+@0.15); ' +
  'rates are fractions or percentages (0.1 or 10%); tiered pays all revenue at the bracket reached, ' +
  'graduated pays each slice at its own bracket';

// Same number grammar as the import check (no sign, no exponent, no bare "5." or ".5").
const DECIMAL = /^\d+(\.\d+)?$/;
const KINDS = 'none, flat, percent, tiered or graduated';
const EXAMPLE: Record<string, string> = {
  flat: 'flat:25',
  percent: 'percent:0.04',
  tiered: 'tiered:0-100@0.10,100+@0.15',
  graduated: 'graduated:0-100@0.10,100+@0.15',
};

/** Thrown inside the parser only; parsePlan/planProblem add the plan text to its message. */
class PlanError extends Error {}
function fail(message: string): never {
  throw new PlanError(message);
}

function amount(token: string, what: string): number {
  const t = token.trim();
  if (t.startsWith('-') && DECIMAL.test(t.slice(1).trim())) fail(`${what} ${t} is negative`);
  if (!DECIMAL.test(t)) fail(`${what} "${t}" is not a number`);
  const n = Number(t);
  if (!Number.isFinite(n)) fail(`${what} ${t} is too large`);
  return n;
}

function rate(token: string, what: string): number {
  const t = token.trim();
  const percent = t.endsWith('%');
  const n = amount(percent ? t.slice(0, -1) : t, what);
  // Shifting the decimal exponent in the text gives the double nearest to the written value
  // (10% is exactly the double 0.1), which n / 100 does not promise.
  const r = percent ? Number(`${t.slice(0, -1).trim()}e-2`) : n;
  if (r > 1) fail(`${what} ${t} is above 1 (rates are fractions like 0.15, or percentages like 15%)`);
  return r;
}

function brackets(list: string): Bracket[] {
  const out: Bracket[] = [];
  list.split(',').forEach((raw, i) => {
    const n = i + 1;
    const token = raw.trim();
    const [range, r, extra] = token.split('@');
    if (range === undefined || r === undefined || extra !== undefined)
      fail(`bracket ${n} "${token}" is not from-to@rate or from+@rate`);
    const span = range.trim();
    const dash = span.indexOf('-', 1); // from 1: a leading '-' is a negative start, not the separator
    if (!span.endsWith('+') && dash < 0) fail(`bracket ${n} "${token}" is not from-to@rate or from+@rate`);
    const from = amount(span.endsWith('+') ? span.slice(0, -1) : span.slice(0, dash), `bracket ${n} start`);
    const to = span.endsWith('+') ? null : amount(span.slice(dash + 1), `bracket ${n} end`);
    const prev = out[i - 1];
    if (prev && prev.to === null)
      fail(`bracket ${i} is open-ended but not last (only the last bracket may be open-ended)`);
    const expected = prev ? prev.to : 0;
    if (from !== expected)
      fail(
        `bracket ${n} starts at ${decimal(from)}, expected ${decimal(expected ?? 0)} ` +
          `(${prev ? 'brackets must be contiguous' : 'brackets must start at 0'})`,
      );
    if (to !== null && to <= from)
      fail(
        `bracket ${n} ends at ${decimal(to)}, not above its start ${decimal(from)} (brackets must be strictly ascending)`,
      );
    out.push({ from, to, rate: rate(r, `bracket ${n} rate`) });
  });
  const last = out[out.length - 1];
  if (last && last.to !== null)
    fail(`the last bracket must be open-ended (${decimal(last.to)}+@rate), so every revenue has a rate`);
  return out;
}

function read(text: string): CommissionPlan {
  const t = text.trim();
  if (t === '') fail(`empty plan (expected ${KINDS})`);
  const colon = t.indexOf(':');
  const kind = (colon < 0 ? t : t.slice(0, colon)).trim().toLowerCase();
  const arg = colon < 0 ? '' : t.slice(colon + 1).trim();
  if (kind === 'none') return colon < 0 ? { kind } : fail('"none" takes no argument');
  if (!Object.hasOwn(EXAMPLE, kind)) return fail(`unknown plan kind "${kind}" (expected ${KINDS})`);
  if (arg === '') fail(`"${kind}" needs a value, e.g. ${EXAMPLE[kind]}`);
  if (kind === 'flat') return { kind, perWin: amount(arg, 'amount per win') };
  if (kind === 'percent') return { kind, rate: rate(arg, 'rate') };
  return { kind: kind as 'tiered' | 'graduated', brackets: brackets(arg) };
}

/** The plan of `text`; throws a usage error with a one-line message naming the problem. */
export function parsePlan(text: string): CommissionPlan {
  try {
    return read(text);
  } catch (err) {
    if (err instanceof PlanError) throw usageError(`commission ${JSON.stringify(text)}: ${err.message}`);
    throw err;
  }
}

/** The message parsePlan would throw, or null when `text` is a valid plan. */
export function planProblem(text: string): string | null {
  try {
    parsePlan(text);
    return null;
  } catch (err) {
    if (err instanceof CallkpiError) return err.message;
    throw err;
  }
}

/** Canonical text: lower case, no spaces, rates as fractions; parsePlan(formatPlan(p)) equals p. */
export function formatPlan(plan: CommissionPlan): string {
  switch (plan.kind) {
    case 'none':
      return 'none';
    case 'flat':
      return `flat:${decimal(plan.perWin)}`;
    case 'percent':
      return `percent:${decimal(plan.rate)}`;
    default:
      return `${plan.kind}:${plan.brackets
        .map((b) => `${decimal(b.from)}${b.to === null ? '+' : `-${decimal(b.to)}`}@${decimal(b.rate)}`)
        .join(',')}`;
  }
}

/** The shortest round-trip digits of `n` without an exponent (String(1e-7) is "1e-7"). */
function decimal(n: number): string {
  const s = String(n);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1]! + (m[2] ?? '');
  const point = 1 + Number(m[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** What the plan pays on; reports attribute a pooled commission to rows in proportion to it. */
export function planBasis(plan: CommissionPlan): 'wins' | 'revenue' | null {
  if (plan.kind === 'none') return null;
  return plan.kind === 'flat' ? 'wins' : 'revenue';
}

/** The commission `plan` pays on `sales` (one agent, one month when the plan has brackets). */
export function commissionOf(plan: CommissionPlan, { wins, revenue }: Sales): number {
  if (plan.kind === 'none') return 0;
  if (plan.kind === 'flat') return wins * plan.perWin;
  if (revenue <= 0) return 0;
  if (plan.kind === 'percent') return revenue * plan.rate;
  if (plan.kind === 'tiered') {
    // `from` inclusive, `to` exclusive: revenue exactly on a boundary earns the upper bracket's rate.
    const reached = plan.brackets.find((b) => revenue >= b.from && (b.to === null || revenue < b.to));
    return revenue * (reached?.rate ?? 0);
  }
  return plan.brackets.reduce(
    (sum, b) => sum + Math.max(0, Math.min(revenue, b.to ?? Infinity) - b.from) * b.rate,
    0,
  );
}

// Commission is defined per agent and calendar month, and a bracketed plan is not additive: the
// commission of a day is not the plan applied to that day's revenue. Valuing each slice (a day, a
// plan version) as the increase it causes in the month-to-date commission makes the slices add up
// to the month's commission whatever the split (the differences telescope), puts a tiered plan's
// retroactive jump on the slice that crossed the boundary, and prices each slice under the plan in
// force at its time while keeping the brackets the month has already reached (a graduated plan
// adopted mid-month does not restart at its first bracket). Flat and percent plans are linear, so
// this is plain per-win / per-revenue valuation for them. Pass every slice from the start of the
// month, also when a report shows only a date range, then keep the slices in range. A plan whose
// rates fall as revenue grows (or a plan change to a lower one) can give a slice a negative amount.
/** Each slice's share of the month's commission; slices in time order from the month's start. */
export function sliceCommissions(
  slices: { plan: CommissionPlan; wins: number; revenue: number }[],
): number[] {
  const cum: Sales = { wins: 0, revenue: 0 };
  return slices.map(({ plan, wins, revenue }) => {
    const before = commissionOf(plan, cum);
    cum.wins += wins;
    cum.revenue += revenue;
    return commissionOf(plan, cum) - before;
  });
}

/**
 * Splits `total` in proportion to `weights` (evenly when they sum to 0). The rounding remainder goes
 * to the largest part, where it distorts least, so the parts add up to `total` to within a unit in
 * the last place: exact equality cannot be promised by adjusting one part, as the later additions
 * of the sum round too (ties to even can step over the total).
 */
export function attribute(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, w) => a + w, 0);
  const parts = weights.map((w) => (sum === 0 ? total / weights.length : (total * w) / sum));
  let largest = 0;
  parts.forEach((p, i) => {
    if (Math.abs(p) > Math.abs(parts[largest]!)) largest = i;
  });
  parts[largest]! += total - parts.reduce((a, p) => a + p, 0);
  return parts;
}
