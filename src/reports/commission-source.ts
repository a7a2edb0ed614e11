import type { Dimension } from '../catalog/types.js';
import { DIMENSIONS, isTimeDimension } from '../catalog/types.js';
import { valuedCallsSource } from '../query/money-sources.js';
import type { Engine, Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import {
  agg,
  and,
  caseWhen,
  col,
  eq,
  ge,
  inList,
  instant,
  lt,
  ne,
  num,
  param,
  select,
  sum,
  timeBucket,
  type Expr,
} from '../query/sql.js';
import type { Step } from '../query/valuation.js';
import { zonedDate, zonedMidnight } from '../time/zones.js';
import { attribute, parsePlan, planBasis, sliceCommissions, type CommissionPlan } from './commission.js';
import { ownSteps, priceTable, valueAt, type FinanceVersion, type OverridePlan } from './finance-settings.js';

// commission_cost: per agent and calendar month, the agent's plan applied to that agent's wins and
// revenue, then shared among report rows. Plans are not linear (tiers), so this cannot be a SUM in
// SQL: the valued calls are grouped per agent, campaign, instant and report row, and the month is
// walked in time order from its first day, even when the report starts later in the month.

export interface CommissionSettings {
  /** instants where any commission plan changes, ascending */
  readonly changes: readonly number[];
  readonly finance: readonly FinanceVersion[];
  readonly overrides: readonly OverridePlan[];
  /** agent → team */
  readonly teams: ReadonlyMap<string, string>;
}

interface Pick {
  readonly pool: string;
  readonly text: string;
}

/** Which plan pays an agent's win on a campaign at an instant: agent, then team, then campaign. */
function planPicker(s: CommissionSettings): (agent: string, campaign: string, t: number) => Pick | null {
  const byKey = new Map<string, Step[]>();
  for (const o of s.overrides) {
    const key = o.agent ? `agent:${o.agent}` : `team:${o.team}`;
    const steps = byKey.get(key) ?? [];
    steps.push({ from: o.effective_from.getTime(), value: o.commission });
    byKey.set(key, steps);
  }
  const campaignPlans = priceTable(s.finance, 'commission');
  const own = new Map<string, Step[]>();
  return (agent, campaign, t) => {
    for (const key of [`agent:${agent}`, `team:${s.teams.get(agent) ?? ''}`]) {
      const v = valueAt(byKey.get(key) ?? [], t);
      if (v) return { pool: key, text: v };
    }
    let mine = own.get(campaign);
    if (!mine) own.set(campaign, (mine = ownSteps(s.finance, campaign, 'commission')));
    const v = valueAt(mine, t);
    if (v) return { pool: `campaign:${campaign}`, text: v };
    const d = valueAt(campaignPlans.fallback, t);
    return d ? { pool: '*', text: d } : null;
  };
}

// Commission follows the valued calls, so it splits by every dimension they carry; topic (raw
// only), channel, and agent-time state and reason are not among them.
const CARRIED: ReadonlySet<Dimension> = new Set(
  DIMENSIONS.filter((d) => !['topic', 'channel', 'state', 'reason'].includes(d)),
);

export function commissionSource(settings: CommissionSettings): FactSource {
  const pick = planPicker(settings);
  const parsed = new Map<string, CommissionPlan>();
  const planOf = (text: string): CommissionPlan => {
    let p = parsed.get(text);
    if (!p) parsed.set(text, (p = parsePlan(text)));
    return p;
  };
  const none = (): never => {
    throw new Error('commission is computed, not read');
  };
  return {
    id: 'commission',
    from: { k: 'table', name: 'calls' },
    joins: [],
    time: col('hour_utc'),
    fromRollup: true,
    dim: (d) => (CARRIED.has(d) ? col(d) : undefined),
    cond: none,
    counter: none,
    async rows(engine: Engine, plan: Plan, dims: readonly Dimension[]) {
      const { req, range } = plan;
      const tz = req.timezone;
      const monthStart = zonedMidnight(`${req.from.slice(0, 7)}-01`, tz);
      const full: [Date, Date] = [monthStart, range[1]];
      const used = new Set<string>([...dims, ...Object.keys(req.where)]);
      const src = valuedCallsSource({
        rollup: plan.rollupOk ? 'fine' : false,
        thresholds: req.thresholds,
        needAgents: used.has('team') || used.has('site'),
        prices: req.prices!,
        range: full,
      });
      // Rows that share a report row, a month and a stretch where every plan stays the same form
      // one slice: the month's tiers only need the slices in time order, not every hour.
      const time = src.time!;
      // The report's first instant splits too, so slices before it only feed the month's tiers.
      const cuts = [...new Set([...settings.changes, range[0].getTime()])]
        .filter((c) => c > full[0].getTime() && c < full[1].getTime())
        .sort((a, b) => a - b);
      const segment = cuts.length
        ? caseWhen(
            cuts.map((c, i) => [ge(time, instant(new Date(c))), num(i + 1)] as const).reverse(),
            num(0),
          )
        : num(0);
      const month = timeBucket('month', time, tz);
      const dimExprs = dims.map((d) => (isTimeDimension(d) ? timeBucket(d, time, tz) : src.dim(d, tz)!));
      const filters: Expr[] = [ge(time, instant(full[0])), lt(time, instant(full[1]))];
      filters.push(ne(col('agent'), param('')));
      if (req.direction) filters.push(eq(col('direction'), param(req.direction)));
      for (const [d, values] of Object.entries(req.where) as [Dimension, string[]][])
        filters.push(inList(src.dim(d, tz)!, values));
      const win = src.cond('flag:win');
      const s = select({
        columns: [
          ...dimExprs.map((e, i) => [`d${i}`, e] as const),
          ['agent_', col('agent')],
          ['campaign_', col('campaign')],
          // A report by month groups by it already; the same expression twice breaks GROUP BY.
          ...(dims.includes('month') ? [] : [['month_', month] as const]),
          ['seg_', segment],
          ['t_', agg('min', time)],
          ['rev', sum(src.counter('win_revenue'), win)],
          ['ups', sum(src.counter('upsell_sum'))],
          ['wins', sum(src.counter('n'), win)],
        ],
        from: src.from,
        joins: src.joins,
        where: and(...filters),
        groupBy: [
          ...dimExprs,
          col('agent'),
          col('campaign'),
          ...(dims.includes('month') ? [] : [month]),
          segment,
        ],
      });
      const { sql, params } = engine.dialect.render(s);
      // The engine returns groups in any order (parallel aggregation), and float sums depend on
      // order: a fixed order makes the same report give the same amounts to the last digit.
      const rows = (await engine.all(sql, params))
        .map((r) => ({
          r,
          k: JSON.stringify(Object.values(r).map((v) => (v instanceof Date ? v.getTime() : v))),
        }))
        .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
        .map((x) => x.r);
      const timeIdx = dims.flatMap((d, i) => (isTimeDimension(d) ? [i] : []));
      return share(rows, timeIdx, dims.length, range[0].getTime(), tz, pick, planOf);
    },
  };
}

interface Cell {
  key: string;
  dims: unknown[];
  wins: number;
  revenue: number;
}

function share(
  rows: Record<string, unknown>[],
  timeIdx: readonly number[],
  nDims: number,
  start: number,
  tz: string,
  pick: (agent: string, campaign: string, t: number) => Pick | null,
  planOf: (text: string) => CommissionPlan,
): Record<string, unknown>[] {
  // pool (agent, month, plan owner) → slice (report time bucket, plan segment) → its report cells
  const pools = new Map<string, Map<string, { t: number; text: string; cells: Cell[] }>>();
  for (const r of rows) {
    const t = (r.t_ as Date).getTime();
    const p = pick(String(r.agent_), String(r.campaign_), t);
    if (!p || p.text === 'none') continue;
    const poolKey = `${String(r.agent_)}|${zonedDate(t, tz).slice(0, 7)}|${p.pool}`;
    let slices = pools.get(poolKey);
    if (!slices) pools.set(poolKey, (slices = new Map()));
    const dims = Array.from({ length: nDims }, (_, i) => r[`d${i}`]);
    const plain = dims.map((v) => (v instanceof Date ? v.getTime() : v));
    const sliceKey = JSON.stringify([...timeIdx.map((i) => plain[i]), r.seg_]);
    let slice = slices.get(sliceKey);
    if (!slice) slices.set(sliceKey, (slice = { t, text: p.text, cells: [] }));
    slice.t = Math.min(slice.t, t);
    slice.cells.push({
      key: JSON.stringify(plain),
      dims,
      wins: Number(r.wins ?? 0),
      revenue: Number(r.rev ?? 0) + Number(r.ups ?? 0),
    });
  }
  const out = new Map<string, { dims: unknown[]; amount: number }>();
  for (const slices of pools.values()) {
    const ordered = [...slices.values()].sort((a, b) => a.t - b.t);
    const totals = ordered.map((s) => ({
      plan: planOf(s.text),
      wins: s.cells.reduce((a, c) => a + c.wins, 0),
      revenue: s.cells.reduce((a, c) => a + c.revenue, 0),
    }));
    const amounts = sliceCommissions(totals);
    ordered.forEach((s, i) => {
      if (s.t < start) return; // before the report: counted only towards the month's tiers
      const basis = planBasis(totals[i]!.plan);
      const parts = attribute(
        amounts[i]!,
        s.cells.map((c) => (basis === 'wins' ? c.wins : c.revenue)),
      );
      s.cells.forEach((c, j) => {
        const o = out.get(c.key) ?? { dims: c.dims, amount: 0 };
        o.amount += parts[j]!;
        out.set(c.key, o);
      });
    });
  }
  return [...out.values()].map((o) => ({
    ...Object.fromEntries(o.dims.map((v, i) => [`d${i}`, v])),
    m_commission_cost: o.amount,
  }));
}
