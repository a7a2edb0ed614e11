import { caseWhen, eq, ge, instant, lt, money, or, param, and, type Expr } from './sql.js';

// Effective-dated prices as SQL. A price is a step function of time per campaign; the value in
// force at an instant is the last step at or before it. Prices are few (a handful of versions per
// campaign), so they compile to a CASE over campaign and time instead of a join: every engine
// version runs it, and the rollups can be valued in place.

export interface Step {
  /** epoch milliseconds from which the value applies */
  readonly from: number;
  /** decimal text, or null where nothing is set (valued as 0 and reported) */
  readonly value: string | null;
}

/** One price field over time: per campaign (already merged with the default), and the default. */
export interface PriceTable {
  readonly byCampaign: ReadonlyMap<string, readonly Step[]>;
  readonly fallback: readonly Step[];
}

export const HOUR_MS = 3_600_000;

/** Steps that can matter inside [start, end): the last one at or before start and those after. */
function relevant(steps: readonly Step[], start: number, end: number): Step[] {
  let first = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]!.from <= start) first = i;
  return steps.slice(first).filter((s) => s.from < end);
}

function stepsExpr(steps: readonly Step[], time: Expr, range: readonly [Date, Date]): Expr {
  const live = relevant(steps, range[0].getTime(), range[1].getTime());
  const value = (s: Step): Expr => money(s.value ?? '0');
  if (live.length === 0) return money('0');
  if (live.length === 1 && live[0]!.from <= range[0].getTime()) return value(live[0]!);
  const whens = [...live].reverse().map((s) => [ge(time, instant(new Date(s.from))), value(s)] as const);
  return caseWhen(whens, money('0'));
}

/** The price in force for each row's campaign at each row's time. */
export function priceAt(table: PriceTable, campaign: Expr, time: Expr, range: readonly [Date, Date]): Expr {
  const whens = [...table.byCampaign].map(
    ([c, steps]) => [eq(campaign, param(c)), stepsExpr(steps, time, range)] as const,
  );
  const otherwise = stepsExpr(table.fallback, time, range);
  return whens.length ? caseWhen(whens, otherwise) : otherwise;
}

/**
 * Hours inside the range in which some price changes at a time that is not on the hour. Hourly
 * rollup rows cannot say which side of the change their calls were on, so those hours are read
 * from raw rows, each valued at its own instant.
 */
export function splitHours(changes: readonly number[], range: readonly [Date, Date]): number[] {
  const [start, end] = [range[0].getTime(), range[1].getTime()];
  const hours = new Set<number>();
  for (const t of changes)
    if (t > start && t < end && t % HOUR_MS !== 0) hours.add(t - (((t % HOUR_MS) + HOUR_MS) % HOUR_MS));
  return [...hours].sort((a, b) => a - b);
}

/** `time` falls in one of the given hours. */
export function inHours(time: Expr, hours: readonly number[]): Expr {
  return or(
    ...hours.map((h) => and(ge(time, instant(new Date(h))), lt(time, instant(new Date(h + HOUR_MS))))),
  );
}

/** Every instant where a price of any table changes. */
export function changeInstants(tables: readonly PriceTable[]): number[] {
  const out = new Set<number>();
  for (const t of tables) {
    for (const s of t.fallback) out.add(s.from);
    for (const steps of t.byCampaign.values()) for (const s of steps) out.add(s.from);
  }
  return [...out].sort((a, b) => a - b);
}

/** Campaigns (or the default, as `*`) that have no value set at some time inside the range. */
export function unsetWithin(table: PriceTable, range: readonly [Date, Date]): string[] {
  const [start, end] = [range[0].getTime(), range[1].getTime()];
  const gap = (steps: readonly Step[]): boolean => {
    const live = relevant(steps, start, end);
    return live.length === 0 || live[0]!.from > start || live.some((s) => s.value === null);
  };
  const out = [...table.byCampaign].filter(([, s]) => gap(s)).map(([c]) => c);
  if (gap(table.fallback)) out.push('*');
  return out;
}
