import { Page } from '../components/Page';
import { Segmented } from '../components/Segmented';
import { SettingsTable } from '../components/SettingsTable';
import { ErrorState, Skeleton } from '../components/States';
import { useFetch } from '../fetch';
import { setQuery } from '../filters';
import { useLocation } from '../router';
import { isAdmin, useSession } from '../session';
import { FinanceForm } from './FinanceForm';
import { GoalForm } from './GoalForm';
import { rowsOf } from '../components/SettingsTable';
import { FinanceExtra } from '../components/FinanceExtra';

const TABS = [
  ['finance', 'Finance history'],
  ['goals', 'Goals'],
  ['campaigns', 'Campaigns'],
  ['dispositions', 'Dispositions'],
] as const;
type Kind = (typeof TABS)[number][0];

/** GET /settings/{kind} as tables; admins append a finance version or a goal (POST, CSRF). */
export function Settings() {
  const loc = useLocation();
  const { session } = useSession();
  const tab = (TABS.find(([k]) => k === loc.query.get('tab'))?.[0] ?? 'finance') as Kind;
  const data = useFetch<unknown>(`/settings/${tab}`);
  const rows = data.status === 'done' ? rowsOf(data.data) : [];
  const state = data.status === 'loading' ? 'loading' : data.status === 'error' ? 'error' : 'ready';
  const admin = isAdmin(session);
  return (
    <Page
      name="settings"
      state={state}
      title="Settings"
      subtitle={
        admin
          ? 'Append-only: a new version applies from its instant and never rewrites history.'
          : 'Read only: settings are changed by an admin.'
      }
      actions={
        <Segmented
          name="tab"
          value={tab}
          options={TABS}
          onChange={(v) => setQuery({ tab: v === 'finance' ? '' : v })}
        />
      }
    >
      {admin && tab === 'finance' && <FinanceForm onSaved={data.retry} />}
      {admin && tab === 'goals' && <GoalForm onSaved={data.retry} />}
      {data.status === 'loading' && <Skeleton tiles={0} charts={1} />}
      {data.status === 'error' && <ErrorState error={data.error} retry={data.retry} />}
      {data.status === 'done' && (
        <SettingsTable kind={tab} title={TABS.find(([k]) => k === tab)![1]} rows={rows} />
      )}
      {data.status === 'done' && tab === 'finance' && <FinanceExtra body={data.data} />}
    </Page>
  );
}
