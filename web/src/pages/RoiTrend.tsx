import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { AnnotationList, markersOf } from '../components/AnnotationList';
import { ChartCard } from '../components/ChartCard';
import { drillOf } from '../report-query';
import type { ReportJson } from '../types';

/** Revenue, cost and net by day, with operational changes marked and the revenue forecast after. */
export function RoiTrend({ r }: { r: ReportJson }) {
  const currency = r.meta.currency ?? null;
  const dates = r.rows.map((x) => String(x.date));
  const points = r.forecast?.series[0]?.points.filter((p) => p.date > (dates.at(-1) ?? '')) ?? [];
  const categories = [...dates, ...points.map((p) => p.date)];
  const pad = points.map(() => null);
  const col = (k: string): (number | null)[] => [...r.rows.map((x) => x[k] as number | null), ...pad];
  const markers = markersOf(r.annotations);
  const option = useMemo(
    () =>
      categoryChart({
        categories,
        currency,
        zoom: categories.length > 45,
        markers,
        series: [
          { name: 'Revenue', metric: 'revenue', type: 'line', data: col('revenue'), color: COLORS.revenue },
          {
            name: 'Total cost',
            metric: 'total_cost',
            type: 'line',
            data: col('total_cost'),
            color: COLORS.cost,
          },
          {
            name: 'Net profit',
            metric: 'net_profit',
            type: 'line',
            data: col('net_profit'),
            color: COLORS.net,
          },
          ...(points.length
            ? [
                {
                  name: 'Revenue forecast',
                  metric: 'revenue',
                  type: 'line' as const,
                  dashed: true,
                  color: '#93c5fd',
                  data: [
                    ...dates.map((_, i) =>
                      i === dates.length - 1 ? (r.rows[i]!.revenue as number | null) : null,
                    ),
                    ...points.map((p) => p.value),
                  ],
                },
              ]
            : []),
        ],
      }),
    [r],
  );
  const info =
    ['revenue', 'total_cost', 'net_profit'].map((m) => definitionOf(m, r.definitions)).join('\n\n') +
    (r.forecast ? `\n\nForecast: ${r.forecast.method}` : '');
  return (
    <ChartCard
      id="roi-trend"
      title="Revenue, cost and net profit by day"
      info={info}
      option={option}
      height={320}
      categories={categories}
      drill={(i) => (i < dates.length ? drillOf(r, `Calls of ${dates[i]}`, { date: dates[i]! }) : null)}
      csv={{
        filename: 'roi-trend.csv',
        columns: ['date', 'revenue', 'total_cost', 'net_profit', 'forecast', 'forecast_low', 'forecast_high'],
        rows: [
          ...r.rows,
          ...points.map((p) => ({
            date: p.date,
            forecast: p.value,
            forecast_low: p.low,
            forecast_high: p.high,
          })),
        ],
      }}
      footer={<AnnotationList markers={markers} />}
      wide
    />
  );
}
