import { AgentLink } from '../components/AgentLink';
import { DataTable } from '../components/DataTable';
import { formatValue } from '../format';
import { carriedQuery } from '../filters';
import { navigate } from '../router';
import type { ReportJson, Row } from '../types';

const WILSON =
  'Wilson 95% interval of the rate: with few contacts the interval is wide, so a low rate may be luck; "below floor" means even its upper bound is under the team floor.';
const FAIRNESS =
  'Performance index = wins ÷ expected wins, where expected wins are what the average agent converts on the same campaigns and hours: 1.00 = as expected, so agents on hard shifts are compared fairly.';

function rateWithInterval(x: Row) {
  const lo = x.conversion_rate_low;
  const hi = x.conversion_rate_high;
  const vs = x.conversion_rate_vs_floor;
  return (
    <span class="with-interval">
      {formatValue(x.conversion_rate, 'ratio')}
      {typeof lo === 'number' && typeof hi === 'number' && (
        <span class="interval" title={WILSON}>
          {formatValue(lo, 'ratio')}–{formatValue(hi, 'ratio')}
        </span>
      )}
      {vs === 'below' && (
        <span class="flag bad" title={WILSON}>
          ▼ below floor
        </span>
      )}
    </span>
  );
}

function perfIndex(x: Row) {
  const v = x.performance_index;
  if (typeof v !== 'number') return '–';
  return <span class={v >= 1 ? 'good' : v < 0.85 ? 'bad' : undefined}>{formatValue(v, 'score')}</span>;
}

/** Every agent with the figures a supervisor ranks by; a row opens that agent's drill-down. */
export function AgentsTable({ r }: { r: ReportJson }) {
  const rows = r.rows.filter((x) => x.agent !== '');
  const open = (x: Row): void => {
    const q = new URLSearchParams(carriedQuery(new URLSearchParams(window.location.search)));
    q.delete('agent');
    const s = q.toString();
    navigate(`/agents/${encodeURIComponent(String(x.agent))}${s ? `?${s}` : ''}`);
  };
  return (
    <DataTable
      id="agents-agent"
      title="Agents"
      info={`${FAIRNESS}\n\n${WILSON}`}
      rows={rows}
      rowKey={(x) => String(x.agent ?? '')}
      currency={r.meta.currency}
      definitions={r.definitions}
      totals={r.totals}
      onRowClick={open}
      sort={{ key: 'performance_index', desc: true }}
      columns={[
        {
          key: 'agent',
          label: 'Agent',
          kind: 'dim',
          render: (x) => <AgentLink id={String(x.agent ?? '')} />,
        },
        { key: 'performance_index', info: FAIRNESS, render: perfIndex },
        { key: 'wins' },
        { key: 'expected_wins', info: FAIRNESS },
        { key: 'conversion_rate', render: rateWithInterval },
        { key: 'handled_calls' },
        { key: 'aht_sec' },
        { key: 'occupancy' },
        { key: 'calls_per_hour' },
        { key: 'login_sec' },
        { key: 'contacts' },
        { key: 'revenue' },
        { key: 'quality_score' },
        { key: 'csat' },
        { key: 'adherence' },
        {
          key: 'kpi_achievement',
          render: (x) => (
            <span title={String(x.kpi_detail ?? '')}>{formatValue(x.kpi_achievement, 'ratio')}</span>
          ),
        },
      ]}
    />
  );
}
