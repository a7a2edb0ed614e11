import type { PriceTable, Step } from '../query/valuation.js';
import type { DuckStore } from '../storage/duckdb/connection.js';

// Finance settings as step functions of time. Rows are versions: a row may leave a field empty,
// and then the value in force before it carries on (for a campaign, its own earlier value, else
// the `*` default's). A campaign's own value always beats the default's, whatever their dates.

export const PRICE_FIELDS = ['revenue_per_sale', 'cost_per_call', 'cost_per_agent_hour'] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];
export type SettingField = PriceField | 'commission' | 'currency';

export interface FinanceVersion {
  readonly campaign: string;
  readonly effective_from: Date;
  readonly revenue_per_sale: string | null;
  readonly cost_per_call: string | null;
  readonly cost_per_agent_hour: string | null;
  readonly currency: string | null;
  readonly commission: string | null;
}

export interface OverridePlan {
  readonly agent: string;
  readonly team: string;
  readonly effective_from: Date;
  readonly commission: string;
}

export async function loadFinance(store: DuckStore): Promise<FinanceVersion[]> {
  // Amounts leave the database as text: a decimal must never pass through a binary float.
  return store.all<FinanceVersion & Record<string, unknown>>(
    `SELECT campaign, effective_from, CAST(revenue_per_sale AS VARCHAR) AS revenue_per_sale,
       CAST(cost_per_call AS VARCHAR) AS cost_per_call, CAST(cost_per_agent_hour AS VARCHAR) AS cost_per_agent_hour,
       currency, commission
     FROM finance ORDER BY effective_from, campaign`,
  );
}

export async function loadOverrides(store: DuckStore): Promise<OverridePlan[]> {
  return store.all<OverridePlan & Record<string, unknown>>(
    `SELECT agent, team, effective_from, commission FROM commission_plans ORDER BY effective_from`,
  );
}

/** Steps of one field for the rows given (all of one campaign), each value carried forward. */
function carried(rows: readonly FinanceVersion[], field: SettingField): Step[] {
  const out: Step[] = [];
  let last: string | null = null;
  for (const r of rows) {
    const v = r[field];
    if (v != null && v !== '') last = v;
    if (last !== null) out.push({ from: r.effective_from.getTime(), value: last });
  }
  return out;
}

export function valueAt(steps: readonly Step[], t: number): string | null {
  let v: string | null = null;
  for (const s of steps) {
    if (s.from > t) break;
    v = s.value;
  }
  return v;
}

const compact = (steps: Step[]): Step[] => steps.filter((s, i) => i === 0 || s.value !== steps[i - 1]!.value);

/** One field's timeline: per campaign that sets it (merged with the default) and the default. */
export function priceTable(versions: readonly FinanceVersion[], field: SettingField): PriceTable {
  const byCampaign = new Map<string, FinanceVersion[]>();
  for (const v of versions) {
    const list = byCampaign.get(v.campaign) ?? [];
    list.push(v);
    byCampaign.set(v.campaign, list);
  }
  const fallback = carried(byCampaign.get('*') ?? [], field);
  const merged = new Map<string, Step[]>();
  for (const [campaign, rows] of byCampaign) {
    if (campaign === '*') continue;
    const own = carried(rows, field);
    if (own.length === 0) continue;
    const points = [...new Set([...own, ...fallback].map((s) => s.from))].sort((a, b) => a - b);
    merged.set(
      campaign,
      compact(points.map((t) => ({ from: t, value: valueAt(own, t) ?? valueAt(fallback, t) }))),
    );
  }
  return { byCampaign: merged, fallback: compact(fallback) };
}

/** A campaign's own steps of one field (not merged with the default). */
export function ownSteps(versions: readonly FinanceVersion[], campaign: string, field: SettingField): Step[] {
  return carried(
    versions.filter((v) => v.campaign === campaign),
    field,
  );
}
