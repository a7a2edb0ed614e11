import { FilterBar } from '../components/FilterBar';
import { KpiTile } from '../components/KpiTile';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { Warnings } from '../components/Warnings';
import { useFetch } from '../fetch';
import { hasFigures, pageState } from '../page-state';
import { queryFor } from '../report-query';
import { useLocation } from '../router';
import type { ReportJson } from '../types';
import { AgentsCharts } from './AgentsCharts';
import { AgentsTable } from './AgentsTable';

const TILES = ['handled_calls', 'aht_sec', 'occupancy', 'conversion_rate', 'wins', 'adherence'] as const;

export function Agents() {
  const loc = useLocation();
  const rep = useFetch<ReportJson>('/reports/agents', queryFor(loc, { by: 'agent' }));
  const r = rep.data;
  const state = pageState(rep, !!r && !hasFigures(r.rows, r.by));
  const currency = r?.meta.currency ?? null;
  return (
    <Page
      name="agents"
      state={state}
      title="Agent performance"
      subtitle={r && <PeriodLine from={r.from} to={r.to} timezone={r.timezone} currency={currency} />}
    >
      <FilterBar fields={['dates', 'campaign', 'team', 'agent', 'tz']} defaults={r} />
      {state === 'loading' && <Skeleton tiles={6} />}
      {rep.status === 'error' && <ErrorState error={rep.error} retry={rep.retry} />}
      {state === 'empty' && r && <EmptyState from={r.from} to={r.to} what="calls or agent time" />}
      {state === 'ready' && r && (
        <>
          <div class="tiles">
            {TILES.map((m) => (
              <KpiTile
                key={m}
                metric={m}
                value={r.totals[m]}
                currency={currency}
                definitions={r.definitions}
              />
            ))}
          </div>
          <Warnings warnings={r.warnings} />
          <AgentsCharts r={r} />
          <AgentsTable r={r} />
        </>
      )}
    </Page>
  );
}
