import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { AnnotationList, markersOf } from '../components/AnnotationList';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { drillOf } from '../report-query';
import type { ReportJson } from '../types';

/** "2026-11-02T17:00-05:00" → "11-02 17:00": the hour bucket as an axis label (the zone is in the header). */
export const bucketLabel = (v: unknown, by: string): string =>
  by === 'hour' && typeof v === 'string' ? `${v.slice(5, 10)} ${v.slice(11, 16)}` : String(v ?? '');

export function ServiceCharts({ r, by }: { r: ReportJson; by: 'date' | 'hour' }) {
  const cats = r.rows.map((x) => bucketLabel(x[by], by));
  const col = (k: string): (number | null)[] => r.rows.map((x) => x[k] as number | null);
  const markers = markersOf(r.annotations).map((m) => ({ ...m, at: bucketLabel(m.at, by) }));
  const zoom = cats.length > 48;
  const t = r.meta.thresholds as { service_level_sec?: number } | undefined;
  const sl = useMemo(
    () =>
      categoryChart({
        categories: cats,
        zoom,
        zoomLast: by === 'hour' ? 72 : undefined,
        markers,
        series: [
          {
            name: 'Service level',
            metric: 'service_level',
            type: 'line',
            data: col('service_level'),
            color: COLORS.net,
          },
          {
            name: 'ASA',
            metric: 'asa_sec',
            type: 'line',
            yAxis: 1,
            data: col('asa_sec'),
            color: COLORS.accent,
          },
        ],
      }),
    [r],
  );
  const ab = useMemo(
    () =>
      categoryChart({
        categories: cats,
        zoom,
        zoomLast: by === 'hour' ? 72 : undefined,
        series: [
          { name: 'Offered', metric: 'offered', data: col('offered'), color: '#bfdbfe' },
          {
            name: 'Abandon rate',
            metric: 'abandon_rate',
            type: 'line',
            yAxis: 1,
            data: col('abandon_rate'),
            color: COLORS.loss,
          },
        ],
      }),
    [r],
  );
  const drill = (i: number) =>
    drillOf(r, `Inbound calls of ${cats[i]}`, { [by]: String(r.rows[i]?.[by] ?? ''), direction: 'inbound' });
  const period = by === 'hour' ? 'hour' : 'day';
  return (
    <>
      <div class="grid-2">
        <ChartCard
          id="service-level"
          title={`Service level and ASA by ${period}${t?.service_level_sec ? ` (T = ${t.service_level_sec} s)` : ''}`}
          info={['service_level', 'asa_sec'].map((m) => definitionOf(m, r.definitions)).join('\n\n')}
          option={sl}
          categories={cats}
          drill={drill}
          csv={{
            filename: `service-level-by-${by}.csv`,
            columns: [by, 'offered', 'service_level', 'asa_sec'],
            rows: r.rows,
          }}
          footer={<AnnotationList markers={markers} />}
        />
        <ChartCard
          id="service-abandon"
          title={`Offered calls and abandon rate by ${period}`}
          info={['offered', 'abandon_rate'].map((m) => definitionOf(m, r.definitions)).join('\n\n')}
          option={ab}
          categories={cats}
          drill={drill}
          csv={{
            filename: `service-abandon-by-${by}.csv`,
            columns: [by, 'offered', 'abandoned', 'abandon_rate'],
            rows: r.rows,
          }}
        />
      </div>
      <DataTable
        id={`service-${by}`}
        title={`Service by ${period}`}
        rows={r.rows}
        rowKey={(x) => String(x[by])}
        definitions={r.definitions}
        totals={r.totals}
        sort={{ key: by, desc: false }}
        columns={[
          {
            key: by,
            label: by === 'hour' ? 'Hour' : 'Date',
            kind: 'dim',
            render: (x) => bucketLabel(x[by], by),
          },
          { key: 'offered' },
          { key: 'handled' },
          { key: 'abandoned' },
          { key: 'short_abandons' },
          { key: 'abandon_rate' },
          { key: 'abandon_rate_excl_short' },
          { key: 'asa_sec' },
          { key: 'service_level' },
          { key: 'sl_answered_only' },
          { key: 'sl_all_offered' },
          { key: 'aht_sec' },
        ]}
      />
    </>
  );
}
