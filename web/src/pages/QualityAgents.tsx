import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { AgentLink } from '../components/AgentLink';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { dimLabel, drillOf } from '../report-query';
import type { ReportJson } from '../types';

const SERIES = [
  ['csat', 'CSAT', COLORS.revenue],
  ['quality_score', 'QA score', COLORS.accent],
  ['fcr_rate', 'FCR', COLORS.net],
] as const;

export function QualityAgents({ r }: { r: ReportJson }) {
  const rows = r.rows.filter((x) => x.agent !== '' && SERIES.some(([k]) => typeof x[k] === 'number'));
  const names = rows.map((x) => dimLabel(x.agent));
  const option = useMemo(
    () =>
      categoryChart({
        categories: names,
        zoom: names.length > 24,
        series: SERIES.map(([k, name, color]) => ({
          name,
          metric: k,
          color,
          data: rows.map((x) => x[k] as number | null),
        })),
      }),
    [r],
  );
  return (
    <>
      <ChartCard
        id="quality-agents"
        title="CSAT, QA score and first-contact resolution per agent"
        info={SERIES.map(([k]) => definitionOf(k, r.definitions)).join('\n\n')}
        option={option}
        categories={names}
        drill={(i) => drillOf(r, `Calls of agent ${names[i]}`, { agent: String(rows[i]?.agent ?? '') })}
        csv={{ filename: 'quality-agents.csv', columns: ['agent', ...SERIES.map((s) => s[0])], rows }}
        wide
      />
      <DataTable
        id="quality-agent"
        title="Quality per agent"
        rows={r.rows.filter((x) => x.agent !== '')}
        rowKey={(x) => String(x.agent ?? '')}
        definitions={r.definitions}
        totals={r.totals}
        sort={{ key: 'csat', desc: true }}
        columns={[
          {
            key: 'agent',
            label: 'Agent',
            kind: 'dim',
            render: (x) => <AgentLink id={String(x.agent ?? '')} />,
          },
          { key: 'csat' },
          { key: 'csat_avg' },
          { key: 'csat_responses' },
          { key: 'nps' },
          { key: 'nps_responses' },
          { key: 'esat' },
          { key: 'quality_score' },
          { key: 'resolution_rate' },
          { key: 'fcr_rate' },
          { key: 'upsell_rate' },
        ]}
      />
    </>
  );
}
