import { DataTable } from './DataTable';
import type { Row } from '../types';

// GET /settings/finance also answers the values in force now and the commission plans; shown
// under the version history so an admin sees what a new version would change.

type InForce = { campaign: string; values: Record<string, unknown>; from_default: string[] };

export function FinanceExtra({ body }: { body: unknown }) {
  const o = (body ?? {}) as { in_force?: InForce[]; commissions?: Row[] };
  const now: Row[] = (o.in_force ?? []).map((f) => ({
    campaign: f.campaign,
    ...(f.values as Row),
    from_default: f.from_default.join(', '),
  }));
  return (
    <>
      {now.length > 0 && (
        <DataTable
          id="settings-finance-in-force"
          title="Values in force now"
          rows={now}
          rowKey={(r) => String(r.campaign)}
          columns={[
            { key: 'campaign', label: 'Campaign', kind: 'dim' },
            { key: 'revenue_per_sale', unit: 'money' },
            { key: 'cost_per_call', unit: 'money' },
            { key: 'cost_per_agent_hour', unit: 'money' },
            { key: 'currency', label: 'Currency', kind: 'dim' },
            { key: 'commission', label: 'Commission', kind: 'dim' },
            { key: 'from_default', label: 'From the * default', kind: 'dim' },
          ]}
        />
      )}
      {(o.commissions?.length ?? 0) > 0 && (
        <DataTable
          id="settings-commissions"
          title="Agent and team commission plans"
          rows={o.commissions!}
          rowKey={(r) => `${String(r.effective_from)}|${String(r.agent ?? '')}|${String(r.team ?? '')}`}
          columns={[
            { key: 'effective_from', label: 'Effective from', kind: 'dim' },
            { key: 'agent', label: 'Agent', kind: 'dim' },
            { key: 'team', label: 'Team', kind: 'dim' },
            { key: 'commission', label: 'Plan', kind: 'dim' },
            { key: 'source', label: 'Source', kind: 'dim' },
          ]}
        />
      )}
    </>
  );
}
