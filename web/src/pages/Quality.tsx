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
import { QualityAgents } from './QualityAgents';
import { Tickets } from './Tickets';

const QUALITY_TILES = ['csat', 'nps', 'fcr_rate', 'quality_score', 'resolution_rate'] as const;
const TICKET_TILES = ['tickets_created', 'backlog', 'first_response_sec', 'reopen_rate'] as const;

export function Quality() {
  const loc = useLocation();
  const quality = useFetch<ReportJson>('/reports/quality', queryFor(loc, { by: 'agent' }, ['list']));
  const tickets = useFetch<ReportJson>('/reports/tickets', queryFor(loc, {}, ['list', 'campaign']));
  const all = combine(quality, tickets);
  const q = quality.data;
  const t = tickets.data;
  const empty = !!q && !!t && !hasFigures(q.rows, q.by) && !hasFigures(t.rows, t.by);
  const state = pageState(all, empty);
  return (
    <Page
      name="quality"
      state={state}
      title="Quality and tickets"
      subtitle={q && <PeriodLine from={q.from} to={q.to} timezone={q.timezone} />}
    >
      <FilterBar fields={['dates', 'campaign', 'team', 'agent', 'tz']} defaults={q} />
      {state === 'loading' && <Skeleton tiles={5} />}
      {all.status === 'error' && <ErrorState error={all.error} retry={all.retry} />}
      {state === 'empty' && q && (
        <EmptyState from={q.from} to={q.to} what="surveys, evaluations or tickets" />
      )}
      {state === 'ready' && q && t && (
        <>
          <div class="tiles">
            {QUALITY_TILES.map((m) => (
              <KpiTile key={m} metric={m} value={q.totals[m]} definitions={q.definitions} />
            ))}
          </div>
          <Warnings warnings={[...q.warnings, ...t.warnings]} />
          <QualityAgents r={q} />
          <h2 class="section-title">Tickets</h2>
          <div class="tiles">
            {TICKET_TILES.map((m) => (
              <KpiTile key={m} metric={m} value={t.totals[m]} definitions={t.definitions} />
            ))}
          </div>
          <Tickets r={t} />
        </>
      )}
    </Page>
  );
}
