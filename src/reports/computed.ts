import type { Dimension, SourceId } from '../catalog/types.js';
import type { Engine, Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import { col, table } from '../query/sql.js';
import { addDays } from '../time/zones.js';

// The frame of a source computed outside one SELECT (list cost, first-contact resolution,
// adherence): which dimensions it carries, the report's filters applied in JS, and rows shaped
// like the planner's SELECT output (d0…, m_<measure>) so runQuery merges them like any part.

/** A report row's value of a dimension, or undefined when the record does not carry it. */
export type DimValue = (d: Dimension) => string | number | undefined;

/** date, week (its Monday), month (its first day) and ISO day of week of a local calendar day,
 *  as the engines' time buckets give them. */
export function calendarValue(d: Dimension, day: string): string | number | undefined {
  const isoDow = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  switch (d) {
    case 'date':
      return day;
    case 'week':
      return addDays(day, 1 - isoDow);
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'dow':
      return isoDow;
    default:
      return undefined;
  }
}

/** Sums of some measures per report row, kept in the report's `where`. */
export class Tally {
  private readonly out = new Map<string, { dims: (string | number)[]; sums: number[] }>();
  constructor(
    private readonly plan: Plan,
    private readonly dims: readonly Dimension[],
    private readonly measures: readonly string[],
  ) {}

  add(value: DimValue, sums: readonly number[]): void {
    for (const [d, values] of Object.entries(this.plan.req.where))
      if (!(values as string[]).includes(String(value(d as Dimension)))) return;
    const dims = this.dims.map((d) => value(d)!);
    const key = JSON.stringify(dims);
    let o = this.out.get(key);
    if (!o) this.out.set(key, (o = { dims, sums: this.measures.map(() => 0) }));
    sums.forEach((v, i) => (o.sums[i]! += v));
  }

  rows(): Record<string, unknown>[] {
    return [...this.out.values()].map((o) => ({
      ...Object.fromEntries(o.dims.map((v, i) => [`d${i}`, v])),
      ...Object.fromEntries(this.measures.map((m, i) => [`m_${m}`, o.sums[i]])),
    }));
  }
}

export function computedSource(opts: {
  id: SourceId;
  table: string;
  dims: ReadonlySet<Dimension>;
  rows(engine: Engine, plan: Plan, dims: readonly Dimension[]): Promise<Record<string, unknown>[]>;
}): FactSource {
  const none = (): never => {
    throw new Error(`${opts.id} is computed, not read`);
  };
  return {
    id: opts.id,
    from: table(opts.table),
    joins: [],
    time: null,
    fromRollup: false,
    dim: (d) => (opts.dims.has(d) ? col(d) : undefined),
    cond: none,
    counter: none,
    rows: opts.rows,
  };
}
