import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { dimLabel, drillOf } from '../report-query';
import type { ReportJson } from '../types';

const COSTS = [
  ['call_cost', 'Call cost', COLORS.callCost],
  ['labor_cost', 'Labor', COLORS.labor],
  ['commission_cost', 'Commission', COLORS.commission],
  ['list_cost', 'List cost', COLORS.list],
] as const;

/** Revenue against each cost per campaign (chart), and the full breakdown (table). */
export function RoiCampaigns({ r }: { r: ReportJson }) {
  const currency = r.meta.currency ?? null;
  const names = r.rows.map((x) => dimLabel(x.campaign));
  const option = useMemo(
    () =>
      categoryChart({
        categories: names,
        currency,
        series: [
          {
            name: 'Revenue',
            metric: 'revenue',
            data: r.rows.map((x) => x.revenue as number | null),
            color: COLORS.revenue,
          },
          ...COSTS.map(([id, name, color]) => ({
            name,
            metric: id,
            stack: 'cost',
            color,
            data: r.rows.map((x) => x[id] as number | null),
          })),
        ],
      }),
    [r],
  );
  const info = ['revenue', ...COSTS.map((c) => c[0])].map((m) => definitionOf(m, r.definitions)).join('\n\n');
  return (
    <>
      <ChartCard
        id="roi-costs"
        title="Revenue against costs per campaign"
        info={info}
        option={option}
        categories={names}
        drill={(i) =>
          drillOf(r, `Calls of campaign ${names[i]}`, { campaign: String(r.rows[i]?.campaign ?? '') })
        }
        csv={{
          filename: 'roi-costs.csv',
          columns: ['campaign', 'revenue', ...COSTS.map((c) => c[0]), 'total_cost'],
          rows: r.rows,
        }}
        wide
      />
      <DataTable
        id="roi-campaign"
        title="Revenue and cost breakdown per campaign"
        info={typeof r.meta.valuation === 'string' ? `Valuation: ${r.meta.valuation}` : undefined}
        rows={r.rows}
        rowKey={(x) => String(x.campaign ?? '')}
        currency={currency}
        definitions={r.definitions}
        totals={r.totals}
        sort={{ key: 'net_profit', desc: true }}
        columns={[
          { key: 'campaign', label: 'Campaign', kind: 'dim', render: (x) => dimLabel(x.campaign) },
          { key: 'revenue' },
          { key: 'call_cost' },
          { key: 'labor_cost' },
          { key: 'commission_cost' },
          { key: 'list_cost' },
          { key: 'total_cost' },
          { key: 'net_profit' },
          { key: 'roi_pct' },
          { key: 'cpa' },
          { key: 'wins' },
          { key: 'revenue_per_agent_hour' },
          {
            key: 'seat_hour_rank',
            unit: 'count',
            info: typeof r.meta.comparison === 'string' ? r.meta.comparison : 'rank by margin per seat hour',
          },
          {
            key: 'at_loss',
            label: 'At loss',
            kind: 'dim',
            render: (x) =>
              x.at_loss === true ? (
                <span class="bad">✕ at a loss</span>
              ) : x.at_loss === false ? (
                <span class="good">✓ profit</span>
              ) : (
                '–'
              ),
          },
        ]}
      />
    </>
  );
}
