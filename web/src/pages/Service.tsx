import { FilterBar } from '../components/FilterBar';
import { KpiTile } from '../components/KpiTile';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { Warnings } from '../components/Warnings';
import { combine, useFetch } from '../fetch';
import { setQuery } from '../filters';
import { hasFigures, pageState } from '../page-state';
import { queryFor } from '../report-query';
import { useLocation } from '../router';
import type { ReportJson, StaffingJson } from '../types';
import { ServiceCharts } from './ServiceCharts';
import { Staffing, staffingQuery } from './Staffing';

const TILES = ['offered', 'handled', 'service_level', 'asa_sec', 'abandon_rate', 'aht_sec'] as const;

export function Service() {
  const loc = useLocation();
  const by = loc.query.get('by') === 'hour' ? 'hour' : 'date';
  const sl = loc.query.get('sl_threshold') ?? undefined;
  const rep = useFetch<ReportJson>('/reports/service', queryFor(loc, { by, sl_threshold: sl }, ['list']));
  const staff = useFetch<StaffingJson>('/reports/staffing', staffingQuery(loc));
  const r = rep.data;
  const all = combine(rep, staff);
  const state = pageState(all, !!r && !hasFigures(r.rows, r.by) && !staff.data?.rows.length);
  return (
    <Page
      name="service"
      state={state}
      title="Inbound service"
      subtitle={r && <PeriodLine from={r.from} to={r.to} timezone={r.timezone} />}
      actions={
        <Segmented
          name="by"
          value={by}
          options={[
            ['date', 'By day'],
            ['hour', 'By hour'],
          ]}
          onChange={(v) => setQuery({ by: v === 'date' ? '' : v })}
        />
      }
    >
      <FilterBar fields={['dates', 'campaign', 'team', 'agent', 'tz']} defaults={r} />
      {state === 'loading' && <Skeleton tiles={6} />}
      {all.status === 'error' && <ErrorState error={all.error} retry={all.retry} />}
      {state === 'empty' && r && <EmptyState from={r.from} to={r.to} what="inbound calls" />}
      {state === 'ready' && r && staff.data && (
        <>
          <div class="tiles">
            {TILES.map((m) => (
              <KpiTile key={m} metric={m} value={r.totals[m]} definitions={r.definitions} />
            ))}
          </div>
          <Warnings warnings={r.warnings} />
          <ServiceCharts r={r} by={by} />
          <Staffing r={staff.data} />
        </>
      )}
    </Page>
  );
}
