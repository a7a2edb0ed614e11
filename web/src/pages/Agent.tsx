import { FilterBar } from '../components/FilterBar';
import { KpiTile } from '../components/KpiTile';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { Warnings } from '../components/Warnings';
import { useFetch } from '../fetch';
import { carriedQuery, readFilters } from '../filters';
import { pageState } from '../page-state';
import { linkClick, useLocation } from '../router';
import { useSession } from '../session';
import type { AgentDrilldown } from '../types';
import { AgentCharts } from './AgentCharts';
import { AgentTables } from './AgentTables';

const TILES = [
  'handled_calls',
  'aht_sec',
  'occupancy',
  'conversion_rate',
  'wins',
  'revenue',
  'calls_per_hour',
  'adherence',
] as const;

/** One agent: GET /agents/{id} (their trend by day, pauses, dispositions, best and worst hours). */
export function Agent({ id }: { id: string }) {
  const loc = useLocation();
  const { session } = useSession();
  const f = readFilters(loc.query);
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.tz) q.set('timezone', f.tz);
  const rep = useFetch<AgentDrilldown>(`/agents/${encodeURIComponent(id)}`, q);
  const r = rep.data;
  const state = pageState(rep, !!r && !r.summary && !r.by_day.length);
  const title = r ? `${r.name ?? `Agent ${r.agent}`}` : `Agent ${id}`;
  const own = session.role === 'agent';
  return (
    <Page
      name="agent"
      state={state}
      title={own ? `My performance · ${title}` : title}
      actions={
        !own && (
          <a
            class="btn-ghost"
            href={`/agents${carriedQuery(loc.query)}`}
            onClick={(e) => linkClick(e, `/agents${carriedQuery(loc.query)}`)}
          >
            ← All agents
          </a>
        )
      }
      subtitle={
        r && (
          <>
            <span class="muted">
              id {r.agent}
              {r.team ? ` · team ${r.team}` : ''} ·{' '}
            </span>
            <PeriodLine from={r.from} to={r.to} timezone={r.timezone} />
          </>
        )
      }
    >
      <FilterBar fields={['dates', 'tz']} defaults={r} />
      {state === 'loading' && <Skeleton tiles={8} />}
      {rep.status === 'error' && <ErrorState error={rep.error} retry={rep.retry} />}
      {state === 'empty' && r && (
        <EmptyState from={r.from} to={r.to} what="calls or agent time for this agent" />
      )}
      {state === 'ready' && r && (
        <>
          <div class="tiles">
            {TILES.map((m) => (
              <KpiTile
                key={m}
                metric={m}
                value={r.summary?.[m] as number | null | undefined}
                definitions={r.definitions}
              />
            ))}
          </div>
          <Warnings warnings={r.warnings} />
          <AgentCharts r={r} />
          <AgentTables r={r} />
        </>
      )}
    </Page>
  );
}
