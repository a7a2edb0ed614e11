import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { dimLabel } from '../report-query';
import type { ReportJson } from '../types';

/** Tickets per channel. No drill to rows: /rows lists calls, and tickets are not calls. */
export function Tickets({ r }: { r: ReportJson }) {
  const names = r.rows.map((x) => dimLabel(x.channel));
  const col = (k: string): (number | null)[] => r.rows.map((x) => x[k] as number | null);
  const option = useMemo(
    () =>
      categoryChart({
        categories: names,
        series: [
          { name: 'Created', metric: 'tickets_created', data: col('tickets_created'), color: COLORS.revenue },
          { name: 'Resolved', metric: 'tickets_resolved', data: col('tickets_resolved'), color: COLORS.net },
          { name: 'Backlog', metric: 'backlog', data: col('backlog'), color: COLORS.cost },
        ],
      }),
    [r],
  );
  return (
    <>
      <ChartCard
        id="tickets-channel"
        title="Tickets per channel"
        info={['tickets_created', 'tickets_resolved', 'backlog']
          .map((k) => definitionOf(k, r.definitions))
          .join('\n\n')}
        option={option}
        categories={names}
        csv={{
          filename: 'tickets-channel.csv',
          columns: ['channel', 'tickets_created', 'tickets_resolved', 'backlog'],
          rows: r.rows,
        }}
        height={260}
        wide
      />
      <DataTable
        id="tickets-channel"
        title="Tickets per channel"
        rows={r.rows}
        rowKey={(x) => String(x.channel ?? '')}
        definitions={r.definitions}
        totals={r.totals}
        columns={[
          { key: 'channel', label: 'Channel', kind: 'dim', render: (x) => dimLabel(x.channel) },
          { key: 'tickets_created' },
          { key: 'tickets_resolved' },
          { key: 'backlog' },
          { key: 'first_response_sec' },
          { key: 'resolution_sec' },
          { key: 'reopen_rate' },
        ]}
      />
    </>
  );
}
