import type { Catalog, Dimension, Metric, SourceId } from '../catalog/index.js';
import type { Warning } from '../ingest/warnings.js';
import type { Prices } from '../query/money-sources.js';
import type { Engine, Plan } from '../query/plan.js';
import type { FactSource } from '../query/sources.js';
import { col, select, table } from '../query/sql.js';
import { changeInstants, splitHours, unsetWithin } from '../query/valuation.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { addDays, zonedMidnight } from '../time/zones.js';
import { commissionSource } from './commission-source.js';
import { calendarValue, computedSource, Tally } from './computed.js';
import { loadFinance, loadOverrides, priceTable } from './finance-settings.js';

// Everything a report needs to put money on calls and agent time: the prices in force over time,
// the hours that must be read raw, and the two sources computed outside SQL.

const MONEY_SOURCES: ReadonlySet<SourceId> = new Set(['money', 'labor', 'commission', 'list_cost']);

export function needsMoney(cat: Catalog, metrics: readonly Metric[], variants = {}): boolean {
  return metrics.some((m) =>
    cat.measuresOf(m, variants).some((id) => MONEY_SOURCES.has(cat.measures.get(id)!.source)),
  );
}

export interface MoneyContext {
  readonly prices: Prices;
  readonly computed: Partial<Record<SourceId, FactSource>>;
  readonly warnings: Warning[];
  readonly currency: string | null;
}

/** Loads the settings and builds the valuation for a report over [from, to] in tz. */
export async function moneyContext(
  store: DuckStore,
  span: { from: string; to: string; timezone: string },
): Promise<MoneyContext> {
  const [finance, overrides, agents] = await Promise.all([
    loadFinance(store),
    loadOverrides(store),
    store.all<{ agent: string; team: string | null }>(`SELECT agent, team FROM agents`),
  ]);
  const tables = {
    revenuePerSale: priceTable(finance, 'revenue_per_sale'),
    costPerCall: priceTable(finance, 'cost_per_call'),
    costPerAgentHour: priceTable(finance, 'cost_per_agent_hour'),
  };
  // Commission slices start at their month's first day, so the valued range reaches back to it.
  const range: [Date, Date] = [
    zonedMidnight(`${span.from.slice(0, 7)}-01`, span.timezone),
    zonedMidnight(addDays(span.to, 1), span.timezone),
  ];
  const planChanges = [
    ...new Set([
      ...finance.filter((f) => f.commission).map((f) => f.effective_from.getTime()),
      ...overrides.map((o) => o.effective_from.getTime()),
    ]),
  ].sort((a, b) => a - b);
  const changes = [...changeInstants(Object.values(tables)), ...planChanges];
  const warnings: Warning[] = [];
  const reportRange: [Date, Date] = [zonedMidnight(span.from, span.timezone), range[1]];
  for (const [field, t] of [
    ['revenue_per_sale', tables.revenuePerSale],
    ['cost_per_call', tables.costPerCall],
    ['cost_per_agent_hour', tables.costPerAgentHour],
  ] as const) {
    const gaps = unsetWithin(t, reportRange);
    if (gaps.length) warnings.push({ code: 'finance_not_set', field, campaigns: gaps });
  }
  const currencies = [...new Set(finance.map((f) => f.currency).filter((c): c is string => !!c))];
  if (currencies.length > 1) warnings.push({ code: 'several_currencies', currencies });
  return {
    prices: { ...tables, splitHours: splitHours(changes, range) },
    computed: {
      commission: commissionSource({
        changes: planChanges,
        finance,
        overrides,
        teams: new Map(agents.map((a) => [a.agent, a.team ?? ''])),
      }),
      list_cost: listCostSource(),
    },
    warnings,
    currency: currencies[0] ?? null,
  };
}

const LIST_DIMS: ReadonlySet<Dimension> = new Set(['campaign', 'list', 'date', 'week', 'month', 'dow']);

/** What lists cost, booked on the list's campaign on its loaded_on date. */
function listCostSource(): FactSource {
  return computedSource({
    id: 'list_cost',
    table: 'lists',
    dims: LIST_DIMS,
    async rows(engine: Engine, plan: Plan, dims: readonly Dimension[]) {
      const s = select({
        columns: [
          ['list', col('list')],
          ['campaign', col('campaign')],
          ['loaded_on', col('loaded_on')],
          ['cost', col('cost')],
        ],
        from: table('lists'),
      });
      const { sql, params } = engine.dialect.render(s);
      const { req } = plan;
      // Summed in whole units of 1/10000: the column is DECIMAL(18,4) and arrives as the nearest
      // double, so scaling and rounding gives its exact units (below 9e11), and integer sums of
      // those stay exact where sums of the decimals as doubles would drift.
      const tally = new Tally(plan, dims, ['list_cost']);
      for (const r of await engine.all(sql, params)) {
        const day = r.loaded_on == null ? null : String(r.loaded_on);
        if (r.cost == null || day === null || day < req.from || day > req.to) continue;
        const value = (d: Dimension) =>
          d === 'list' ? String(r.list) : d === 'campaign' ? String(r.campaign ?? '') : calendarValue(d, day);
        tally.add(value, [Math.round(Number(r.cost) * UNITS)]);
      }
      return tally.rows().map((row) => ({ ...row, m_list_cost: (row.m_list_cost as number) / UNITS }));
    },
  });
}

const UNITS = 10_000;
