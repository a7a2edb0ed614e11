import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { AgentLink } from '../components/AgentLink';
import { agentLabel, useAgentNames } from '../names';
import { drillOf } from '../report-query';
import type { ReportJson } from '../types';

const TOP = 15;

/** Agents ranked by revenue, with what their commission costs and how they did against expectation. */
export function RoiAgents({ r }: { r: ReportJson }) {
  const currency = r.meta.currency ?? null;
  const ranked = [...r.rows]
    .filter((x) => x.agent !== '')
    .sort((a, b) => ((b.revenue as number) ?? 0) - ((a.revenue as number) ?? 0))
    .slice(0, TOP);
  const who = useAgentNames();
  const names = ranked.map((x) => agentLabel(String(x.agent ?? ''), who));
  const option = useMemo(
    () =>
      categoryChart({
        categories: names,
        currency,
        horizontal: true,
        series: [
          {
            name: 'Revenue',
            metric: 'revenue',
            data: ranked.map((x) => x.revenue as number | null),
            color: COLORS.revenue,
          },
          {
            name: 'Commission',
            metric: 'commission_cost',
            data: ranked.map((x) => x.commission_cost as number | null),
            color: COLORS.commission,
          },
        ],
      }),
    [r, who.size],
  );
  return (
    <>
      <ChartCard
        id="roi-agents"
        title={`Top ${ranked.length} agents by revenue`}
        info={['revenue', 'commission_cost'].map((m) => definitionOf(m, r.definitions)).join('\n\n')}
        option={option}
        height={Math.max(260, 26 * names.length + 60)}
        categoryAxis="y"
        categories={names}
        drill={(i) => drillOf(r, `Calls of agent ${names[i]}`, { agent: String(ranked[i]?.agent ?? '') })}
        csv={{
          filename: 'roi-agents.csv',
          columns: ['agent', 'revenue', 'commission_cost', 'performance_index'],
          rows: ranked,
        }}
        wide
      />
      <DataTable
        id="roi-agent"
        title="Agent financial ranking"
        rows={r.rows.filter((x) => x.agent !== '')}
        rowKey={(x) => String(x.agent ?? '')}
        currency={currency}
        definitions={r.definitions}
        sort={{ key: 'revenue', desc: true }}
        maxHeight={520}
        columns={[
          { key: 'revenue_rank', label: '#', unit: 'count', info: 'rank by revenue' },
          {
            key: 'agent',
            label: 'Agent',
            kind: 'dim',
            render: (x) => <AgentLink id={String(x.agent ?? '')} />,
          },
          { key: 'revenue' },
          { key: 'commission_cost' },
          { key: 'wins' },
          { key: 'total_cost' },
          { key: 'net_profit' },
          { key: 'roi_pct' },
          {
            key: 'expected_wins',
            info: 'wins the average agent would have made on the same campaigns and hours',
          },
          {
            key: 'performance_index',
            info: "wins ÷ expected wins at this agent's mix of campaigns and hours: 1.00 = as expected; fair across easy and hard shifts",
          },
        ]}
      />
    </>
  );
}
