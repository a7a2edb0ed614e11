import { FilterBar } from '../components/FilterBar';
import { Page } from '../components/Page';
import { PeriodLine } from '../components/PeriodLine';
import { EmptyState, ErrorState, Skeleton } from '../components/States';
import { useFetch } from '../fetch';
import { pageState } from '../page-state';
import { useLocation } from '../router';
import { useSession } from '../session';
import type { ExecutiveReport, ReportJson } from '../types';
import { ExecutiveBody } from './ExecutiveBody';
import { MyGoals } from './MyGoals';

/** ?period=YYYY-MM, else the month of ?from (a link from another page keeps its month). */
export function periodOf(q: URLSearchParams): string {
  return q.get('period') ?? q.get('from')?.slice(0, 7) ?? '';
}

export function Executive() {
  const { session } = useSession();
  return session.role === 'agent' ? <MyGoals /> : <ExecutiveView />;
}

function ExecutiveView() {
  const loc = useLocation();
  const period = periodOf(loc.query);
  const q = new URLSearchParams(period ? { period } : {});
  const exec = useFetch<ExecutiveReport>('/reports/executive', q);
  // The executive JSON has no meta.currency (yet): the roi report of the same month names it.
  const needCurrency = exec.status === 'done' && exec.data.meta?.currency === undefined;
  const cq = exec.data
    ? new URLSearchParams({ from: exec.data.from, to: exec.data.to, metrics: 'revenue' })
    : undefined;
  const roi = useFetch<ReportJson>(needCurrency ? '/reports/roi' : null, cq);
  // The currency is a nicety: its fetch failing leaves amounts without a symbol, not an error page.
  const all = needCurrency && roi.status === 'loading' ? roi : exec;
  const r = exec.data;
  const currency = r?.meta?.currency ?? roi.data?.meta.currency ?? null;
  const empty = !!r && !r.rows.length && !r.goals.length && !r.totals.revenue;
  const state = pageState(all, empty);

  return (
    <Page
      name="executive"
      state={state}
      title="Executive overview"
      subtitle={r && <PeriodLine from={r.from} to={r.to} timezone={r.timezone} currency={currency} />}
    >
      <FilterBar fields={['period']} defaults={{ period: r?.period }} />
      {state === 'loading' && <Skeleton tiles={6} />}
      {all.status === 'error' && <ErrorState error={all.error} retry={all.retry} />}
      {state === 'empty' && r && <EmptyState from={r.from} to={r.to} />}
      {state === 'ready' && r && <ExecutiveBody r={r} currency={currency} />}
    </Page>
  );
}
