import { CallkpiError, usageError } from '../errors.js';
import { AGENT_STATES, DISPOSITION_FLAGS } from '../ingest/records.js';
import { CALL_COUNTER_NAMES } from '../storage/rollup-columns.js';
import { MEASURES } from './measures.js';
import { METRICS } from './metrics.js';
import { measureSchema, metricSchema, type Measure, type Metric, type Ratio, type Term } from './types.js';

export * from './types.js';

export interface Catalog {
  readonly metrics: readonly Metric[];
  readonly measures: ReadonlyMap<string, Measure>;
  metric(id: string): Metric;
  /** The ratio a metric uses under the installation's variant choices (undefined for a plain measure). */
  ratioOf(m: Metric, variants?: Readonly<Record<string, string>>): Ratio | undefined;
  /** Base measures a metric needs. */
  measuresOf(m: Metric, variants?: Readonly<Record<string, string>>): string[];
  /** The metric from summed measures: Σnum ÷ Σden, null when the denominator is 0 or unknown. */
  evaluate(
    m: Metric,
    sums: Readonly<Record<string, number | null>>,
    variants?: Readonly<Record<string, string>>,
  ): number | null;
  /** Formula in words, as `callkpi metrics` and report `definitions` print it. */
  formula(m: Metric, variants?: Readonly<Record<string, string>>): string;
}

const termParts = (t: Term): [number, string] => (typeof t === 'string' ? [1, t] : t);

const counterNames = new Set([...CALL_COUNTER_NAMES]);
const whereOk = (token: string): boolean => {
  const t = token.replace(/^!/, '');
  if (t.startsWith('flag:')) return (DISPOSITION_FLAGS as readonly string[]).includes(t.slice(5));
  if (t.startsWith('state:')) return (AGENT_STATES as readonly string[]).includes(t.slice(6));
  return true;
};

/** Validates the catalog as a whole and reports every problem at once, each with its entry. */
export function buildCatalog(rawMeasures: readonly unknown[], rawMetrics: readonly unknown[]): Catalog {
  const problems: string[] = [];
  const measures = new Map<string, Measure>();
  rawMeasures.forEach((raw, i) => {
    const r = measureSchema.safeParse(raw);
    const id = (raw as { id?: string }).id ?? `#${i}`;
    if (!r.success)
      return problems.push(
        `measure ${id}: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
    if (measures.has(r.data.id)) problems.push(`measure ${id}: duplicate id`);
    if (r.data.source === 'calls' && r.data.agg === 'sum')
      for (const c of r.data.of)
        if (!counterNames.has(c)) problems.push(`measure ${id}: unknown rollup counter "${c}"`);
    for (const w of r.data.where) if (!whereOk(w)) problems.push(`measure ${id}: unknown condition "${w}"`);
    measures.set(r.data.id, r.data);
  });
  const metrics: Metric[] = [];
  const ids = new Set<string>();
  rawMetrics.forEach((raw, i) => {
    const r = metricSchema.safeParse(raw);
    const id = (raw as { id?: string }).id ?? `#${i}`;
    if (!r.success)
      return problems.push(
        `metric ${id}: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
    if (ids.has(r.data.id)) problems.push(`metric ${id}: duplicate id`);
    ids.add(r.data.id);
    const refs = [
      ...(r.data.measure ? [r.data.measure] : []),
      ...(r.data.sum ?? []).map((t) => termParts(t)[1]),
      ...[r.data.ratio, ...Object.values(r.data.variants ?? {})].flatMap((q) =>
        q ? [...q.num, ...q.den].map((t) => termParts(t)[1]) : [],
      ),
    ];
    for (const ref of refs) if (!measures.has(ref)) problems.push(`metric ${id}: unknown measure "${ref}"`);
    if (r.data.ratio && r.data.unit === 'count' && r.data.ratio.scale !== 1)
      problems.push(`metric ${id}: a count cannot be scaled`);
    metrics.push(r.data);
  });
  if (problems.length)
    throw new CallkpiError('internal', `invalid metric catalog:\n  ${problems.join('\n  ')}`);

  const byId = new Map(metrics.map((m) => [m.id, m]));
  const ratioOf = (m: Metric, variants: Readonly<Record<string, string>> = {}): Ratio | undefined => {
    if (m.ratio) return m.ratio;
    if (!m.variants) return undefined;
    const choice = variants[m.id] ?? m.defaultVariant!;
    const r = m.variants[choice];
    if (!r)
      throw usageError(
        `${m.id}: unknown variant "${choice}" (one of: ${Object.keys(m.variants).join(', ')})`,
      );
    return r;
  };
  const words = (ts: readonly Term[]): string =>
    ts
      .map((t, i) => {
        const [c, id] = termParts(t);
        const scaled =
          Math.abs(c) === 1 ? id : Math.abs(c) === 1 / 3600 ? `${id} ÷ 3600` : `${Math.abs(c)} × ${id}`;
        return i === 0 ? (c < 0 ? `−${scaled}` : scaled) : `${c < 0 ? '−' : '+'} ${scaled}`;
      })
      .join(' ');
  return {
    metrics,
    measures,
    metric(id) {
      const m = byId.get(id);
      if (!m) {
        const near = metrics.filter((x) => x.id.includes(id) || id.includes(x.id)).map((x) => x.id);
        throw usageError(
          `unknown metric "${id}"${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; see callkpi metrics`,
        );
      }
      return m;
    },
    ratioOf,
    measuresOf(m, variants) {
      if (m.sum) return [...new Set(m.sum.map((t) => termParts(t)[1]))];
      const r = ratioOf(m, variants);
      if (!r) return [m.measure!];
      return [...new Set([...r.num, ...r.den].map((t) => termParts(t)[1]))];
    },
    evaluate(m, sums, variants) {
      const total = (ts: readonly Term[]): number | null => {
        let acc = 0;
        let known = 0;
        for (const t of ts) {
          const [c, id] = termParts(t);
          const v = sums[id];
          if (v == null) {
            if (measures.get(id)?.partial) continue;
            return null;
          }
          known++;
          acc += c * v;
        }
        return known ? acc : null;
      };
      if (m.sum) return total(m.sum);
      const r = ratioOf(m, variants);
      if (!r) return sums[m.measure!] ?? null;
      const n = total(r.num);
      const d = total(r.den);
      if (n == null || d == null || d === 0) return null;
      return (n / d) * r.scale;
    },
    formula(m, variants) {
      if (m.sum) return words(m.sum);
      const r = ratioOf(m, variants);
      if (!r) return m.description;
      const wrap = (ts: readonly Term[]): string => (ts.length > 1 ? `(${words(ts)})` : words(ts));
      const base = `${wrap(r.num)} ÷ ${wrap(r.den)}`;
      return r.scale === 3600 ? `${base} × 3600 (per hour)` : r.scale !== 1 ? `${base} × ${r.scale}` : base;
    },
  };
}

let cached: Catalog | undefined;
export function catalog(): Catalog {
  cached ??= buildCatalog(MEASURES, METRICS);
  return cached;
}

/** The catalog as users read it (`callkpi metrics --format json`, `GET /api/v1/metrics`). */
export function catalogEntries(cat: Catalog, all = false) {
  return cat.metrics
    .filter((m) => all || !m.hidden)
    .map((m) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      direction: m.direction,
      section: m.section,
      formula: cat.formula(m),
      description: m.description,
      ...(m.variants ? { variants: Object.keys(m.variants), default_variant: m.defaultVariant } : {}),
    }));
}
