import { FilterBar } from '../components/FilterBar';
import { GoalCard } from '../components/GoalCard';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { ErrorState, Skeleton } from '../components/States';
import { Warnings } from '../components/Warnings';
import { useFetch } from '../fetch';
import { pageState } from '../page-state';
import { useLocation } from '../router';
import { useSession } from '../session';
import type { GoalRow, GoalsReport } from '../types';
import { periodOf } from './Executive';

/**
 * An agent's Executive page: only their own goals (the executive report is the operation's money).
 * Goals may name the agent as `agent:ID` or as a bare `ID`; the scope filter is exact, so both.
 */
export function MyGoals() {
  const { session } = useSession();
  const loc = useLocation();
  const period = periodOf(loc.query);
  const id = session.agent ?? '';
  const q = (scope: string): URLSearchParams => new URLSearchParams({ scope, ...(period ? { period } : {}) });
  const prefixed = useFetch<GoalsReport>('/reports/goals', q(`agent:${id}`));
  const bare = useFetch<GoalsReport>('/reports/goals', q(id));
  const loading = prefixed.status === 'loading' || bare.status === 'loading';
  const failed = prefixed.status === 'error' && bare.status === 'error' ? prefixed : null;
  const seen = new Set<string>();
  const rows: GoalRow[] = [...(prefixed.data?.rows ?? []), ...(bare.data?.rows ?? [])].filter((g) => {
    const k = `${g.scope}|${g.metric}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const r = prefixed.data ?? bare.data;
  const state = failed
    ? 'error'
    : loading
      ? 'loading'
      : pageState(prefixed.status === 'done' ? prefixed : bare, !rows.length);
  return (
    <Page
      name="executive"
      state={state}
      title="My goals"
      subtitle={r && <PeriodLine from={r.from} to={r.to} timezone={r.timezone} />}
    >
      <FilterBar fields={['period']} defaults={{ period: r?.from.slice(0, 7) }} />
      {state === 'loading' && <Skeleton tiles={3} charts={0} />}
      {failed?.status === 'error' && <ErrorState error={failed.error} retry={failed.retry} />}
      {state === 'empty' && (
        <div class="state-box" data-empty>
          <div class="state-icon" aria-hidden="true">
            ◎
          </div>
          <h2>No goals set for you this month</h2>
          <p class="muted">Your supervisor sets monthly targets; they show here with your pace.</p>
        </div>
      )}
      {state === 'ready' && (
        <>
          <Warnings warnings={r?.warnings} />
          <div class="goals">
            {rows.map((g) => (
              <GoalCard key={`${g.scope}|${g.metric}`} goal={g} definitions={r?.definitions} />
            ))}
          </div>
        </>
      )}
    </Page>
  );
}
