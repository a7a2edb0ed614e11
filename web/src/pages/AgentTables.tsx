import { DataTable, type Column } from '../components/DataTable';
import { dimLabel } from '../report-query';
import type { AgentDrilldown } from '../types';

const hour = (h: unknown): string =>
  typeof h === 'number' ? `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00` : '–';
const HOUR_COLUMNS: Column[] = [
  { key: 'hour_of_day', label: 'Hour', kind: 'dim', render: (x) => hour(x.hour_of_day) },
  { key: 'contacts' },
  { key: 'wins' },
  { key: 'conversion_rate' },
];

/** Best and worst hours of the day by conversion, and every disposition with its calls. */
export function AgentTables({ r }: { r: AgentDrilldown }) {
  return (
    <>
      <div class="grid-2">
        <DataTable
          id="agent-best-hours"
          title="Best hours"
          info={r.method.hours}
          rows={r.best_hours}
          rowKey={(x) => String(x.hour_of_day)}
          definitions={r.definitions}
          columns={HOUR_COLUMNS}
        />
        <DataTable
          id="agent-worst-hours"
          title="Worst hours"
          info={r.method.hours}
          rows={r.worst_hours}
          rowKey={(x) => String(x.hour_of_day)}
          definitions={r.definitions}
          columns={HOUR_COLUMNS}
        />
      </div>
      <div class="grid-2">
        <DataTable
          id="agent-status"
          title="Dispositions"
          rows={r.dispositions}
          rowKey={(x) => String(x.status ?? '')}
          definitions={r.definitions}
          columns={[
            { key: 'status', label: 'Status', kind: 'dim', render: (x) => dimLabel(x.status) },
            { key: 'calls', info: 'dials + offered: every call of both directions' },
            { key: 'dials' },
            { key: 'offered' },
            { key: 'handled_calls' },
            { key: 'wins' },
          ]}
        />
        <DataTable
          id="agent-date"
          title="By day"
          rows={r.by_day}
          rowKey={(x) => String(x.date)}
          definitions={r.definitions}
          sort={{ key: 'date', desc: true }}
          columns={[
            { key: 'date', label: 'Date', kind: 'dim' },
            { key: 'handled_calls' },
            { key: 'aht_sec' },
            { key: 'conversion_rate' },
            { key: 'occupancy' },
            { key: 'pause_sec' },
            { key: 'wins' },
          ]}
        />
      </div>
    </>
  );
}
