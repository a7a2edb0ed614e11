import { FilterBar } from '../components/FilterBar';
import { KpiTile } from '../components/KpiTile';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { Warnings } from '../components/Warnings';
import { combine, useFetch } from '../fetch';
import { hasFigures, pageState } from '../page-state';
import { queryFor } from '../report-query';
import { useLocation } from '../router';
import type { ReportJson } from '../types';
import { RoiAgents } from './RoiAgents';
import { RoiCampaigns } from './RoiCampaigns';
import { RoiTrend } from './RoiTrend';

const TILES = ['revenue', 'total_cost', 'net_profit', 'roi_pct', 'cpa', 'commission_cost'] as const;
/** Days of revenue forecast drawn after the trend. */
const FORECAST_DAYS = '14';

export function Roi() {
  const loc = useLocation();
  const byCampaign = useFetch<ReportJson>('/reports/roi', queryFor(loc, { by: 'campaign' }));
  const byDate = useFetch<ReportJson>('/reports/roi', queryFor(loc, { by: 'date', forecast: FORECAST_DAYS }));
  const byAgent = useFetch<ReportJson>('/reports/roi', queryFor(loc, { by: 'agent' }));
  const all = combine(byCampaign, byDate, byAgent);
  const r = byCampaign.data;
  const empty = !!r && !hasFigures(r.rows, r.by);
  const state = pageState(all, empty);
  const currency = r?.meta.currency ?? null;
  return (
    <Page
      name="roi"
      state={state}
      title="Return on investment"
      subtitle={r && <PeriodLine from={r.from} to={r.to} timezone={r.timezone} currency={currency} />}
    >
      <FilterBar fields={['dates', 'campaign', 'list', 'team', 'agent', 'tz']} defaults={r} />
      {state === 'loading' && <Skeleton tiles={6} />}
      {all.status === 'error' && <ErrorState error={all.error} retry={all.retry} />}
      {state === 'empty' && r && <EmptyState from={r.from} to={r.to} />}
      {state === 'ready' && r && byDate.data && byAgent.data && (
        <>
          <div class="tiles">
            {TILES.map((m) => (
              <KpiTile
                key={m}
                metric={m}
                value={r.totals[m]}
                currency={currency}
                definitions={r.definitions}
                tone={m === 'net_profit' && (r.totals[m] ?? 0) < 0 ? 'bad' : undefined}
              />
            ))}
          </div>
          <Warnings warnings={r.warnings} />
          <RoiCampaigns r={r} />
          <RoiTrend r={byDate.data} />
          <RoiAgents r={byAgent.data} />
        </>
      )}
    </Page>
  );
}
