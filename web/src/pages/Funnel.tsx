import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { DataTable, type Column } from '../components/DataTable';
import { FilterBar } from '../components/FilterBar';
import { FunnelSteps } from '../components/FunnelSteps';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { Warnings } from '../components/Warnings';
import { combine, useFetch } from '../fetch';
import { hasFigures, pageState } from '../page-state';
import { dimLabel, drillOf, queryFor } from '../report-query';
import { useLocation } from '../router';
import type { ReportJson } from '../types';

const RATES = [
  ['answer_rate', 'Answer rate', COLORS.neutral],
  ['contact_rate', 'Contact rate', COLORS.revenue],
  ['conversion_rate', 'Conversion rate', COLORS.net],
] as const;

const columns = (dim: string, label: string): Column[] => [
  { key: dim, label, kind: 'dim', render: (x) => dimLabel(x[dim]) },
  { key: 'dials' },
  { key: 'answered' },
  { key: 'contacts' },
  { key: 'wins' },
  { key: 'answer_rate' },
  { key: 'contact_rate' },
  { key: 'lead_contact_rate' },
  { key: 'conversion_rate' },
  { key: 'close_rate' },
  { key: 'drop_rate' },
  { key: 'dials_per_win' },
];

export function Funnel() {
  const loc = useLocation();
  const byCampaign = useFetch<ReportJson>('/reports/funnel', queryFor(loc, { by: 'campaign' }));
  const byList = useFetch<ReportJson>('/reports/funnel', queryFor(loc, { by: 'list' }));
  const all = combine(byCampaign, byList);
  const r = byCampaign.data;
  const state = pageState(all, !!r && !hasFigures(r.rows, r.by));
  return (
    <Page
      name="funnel"
      state={state}
      title="Outbound funnel"
      subtitle={r && <PeriodLine from={r.from} to={r.to} timezone={r.timezone} />}
    >
      <FilterBar fields={['dates', 'campaign', 'list', 'team', 'agent', 'tz']} defaults={r} />
      {state === 'loading' && <Skeleton tiles={4} />}
      {all.status === 'error' && <ErrorState error={all.error} retry={all.retry} />}
      {state === 'empty' && r && <EmptyState from={r.from} to={r.to} what="outbound calls" />}
      {state === 'ready' && r && byList.data && <FunnelBody campaigns={r} lists={byList.data} />}
    </Page>
  );
}

function ratesChart(r: ReportJson, dim: string, withDials: boolean) {
  return categoryChart({
    categories: r.rows.map((x) => dimLabel(x[dim])),
    series: [
      ...RATES.map(([id, name, color]) => ({
        name,
        metric: id,
        color,
        data: r.rows.map((x) => x[id] as number | null),
      })),
      ...(withDials
        ? [
            {
              name: 'Dials',
              metric: 'dials',
              type: 'line' as const,
              yAxis: 1 as const,
              color: COLORS.accent,
              data: r.rows.map((x) => x.dials as number | null),
            },
          ]
        : []),
    ],
  });
}

function FunnelBody({ campaigns, lists }: { campaigns: ReportJson; lists: ReportJson }) {
  const cOption = useMemo(() => ratesChart(campaigns, 'campaign', false), [campaigns]);
  const lOption = useMemo(() => ratesChart(lists, 'list', true), [lists]);
  const info = RATES.map(([id]) => definitionOf(id, campaigns.definitions)).join('\n\n');
  const cNames = campaigns.rows.map((x) => dimLabel(x.campaign));
  const lNames = lists.rows.map((x) => dimLabel(x.list));
  return (
    <>
      <FunnelSteps totals={campaigns.totals} definitions={campaigns.definitions} />
      <Warnings warnings={campaigns.warnings} />
      <div class="grid-2">
        <ChartCard
          id="funnel-campaign"
          title="Answer → contact → conversion per campaign"
          info={info}
          option={cOption}
          categories={cNames}
          drill={(i) =>
            drillOf(campaigns, `Calls of campaign ${cNames[i]}`, {
              campaign: String(campaigns.rows[i]?.campaign ?? ''),
            })
          }
          csv={{
            filename: 'funnel-campaign.csv',
            columns: ['campaign', ...RATES.map((x) => x[0])],
            rows: campaigns.rows,
          }}
        />
        <ChartCard
          id="funnel-list"
          title="List comparison"
          info={`${info}\n\n${definitionOf('dials', lists.definitions)}`}
          option={lOption}
          categories={lNames}
          drill={(i) =>
            drillOf(lists, `Calls of list ${lNames[i]}`, { list: String(lists.rows[i]?.list ?? '') })
          }
          csv={{
            filename: 'funnel-list.csv',
            columns: ['list', 'dials', ...RATES.map((x) => x[0])],
            rows: lists.rows,
          }}
        />
      </div>
      <DataTable
        id="funnel-campaign"
        title="Funnel per campaign"
        rows={campaigns.rows}
        rowKey={(x) => String(x.campaign ?? '')}
        definitions={campaigns.definitions}
        totals={campaigns.totals}
        columns={columns('campaign', 'Campaign')}
      />
      <DataTable
        id="funnel-list"
        title="Funnel per list"
        rows={lists.rows}
        rowKey={(x) => String(x.list ?? '')}
        definitions={lists.definitions}
        totals={lists.totals}
        columns={columns('list', 'List')}
        sort={{ key: 'conversion_rate', desc: true }}
      />
    </>
  );
}
