import { useMemo } from 'preact/hooks';
import { definitionOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { dimLabel, drillOf } from '../report-query';
import type { AgentDrilldown } from '../types';

export function AgentCharts({ r }: { r: AgentDrilldown }) {
  const dates = r.by_day.map((x) => String(x.date));
  const trend = useMemo(
    () =>
      categoryChart({
        categories: dates,
        zoom: dates.length > 45,
        series: [
          {
            name: 'Handled calls',
            metric: 'handled_calls',
            data: r.by_day.map((x) => x.handled_calls as number | null),
            color: '#93c5fd',
          },
          {
            name: 'Conversion rate',
            metric: 'conversion_rate',
            type: 'line',
            yAxis: 1,
            data: r.by_day.map((x) => x.conversion_rate as number | null),
            color: COLORS.net,
          },
        ],
      }),
    [r],
  );
  const reasons = r.pause_reasons.map((p) => dimLabel(p.reason));
  const pauses = useMemo(
    () =>
      categoryChart({
        categories: reasons,
        horizontal: true,
        legend: false,
        series: [
          {
            name: 'Pause time',
            metric: 'pause_sec',
            data: r.pause_reasons.map((p) => p.pause_sec),
            color: COLORS.cost,
          },
        ],
      }),
    [r],
  );
  const statuses = r.dispositions.slice(0, 12);
  const sNames = statuses.map((x) => dimLabel(x.status));
  const disp = useMemo(
    () =>
      categoryChart({
        categories: sNames,
        horizontal: true,
        series: [
          {
            name: 'Calls',
            metric: 'calls',
            data: statuses.map((x) => x.calls as number),
            color: COLORS.revenue,
          },
          { name: 'Wins', metric: 'wins', data: statuses.map((x) => x.wins as number), color: COLORS.net },
        ],
      }),
    [r],
  );
  return (
    <>
      <ChartCard
        id="agent-trend"
        title="Handled calls and conversion by day"
        info={['handled_calls', 'conversion_rate'].map((m) => definitionOf(m, r.definitions)).join('\n\n')}
        option={trend}
        categories={dates}
        drill={(i) => drillOf(r, `Calls of ${r.agent} on ${dates[i]}`, { agent: r.agent, date: dates[i]! })}
        csv={{
          filename: `agent-${r.agent}-by-day.csv`,
          columns: ['date', 'handled_calls', 'aht_sec', 'conversion_rate', 'occupancy', 'pause_sec', 'wins'],
          rows: r.by_day,
        }}
        wide
      />
      <div class="grid-2">
        <ChartCard
          id="agent-pauses"
          title="Pause time by reason"
          info={definitionOf('pause_sec', r.definitions)}
          option={pauses}
          height={Math.max(200, 34 * reasons.length + 40)}
          categoryAxis="y"
          categories={reasons}
          csv={{
            filename: `agent-${r.agent}-pauses.csv`,
            columns: ['reason', 'pause_sec'],
            rows: r.pause_reasons,
          }}
        />
        <ChartCard
          id="agent-dispositions"
          title="Calls by disposition"
          info={`calls = dials + offered: every call of both directions\n\n${definitionOf('wins', r.definitions)}`}
          option={disp}
          height={Math.max(200, 34 * sNames.length + 60)}
          categoryAxis="y"
          categories={sNames}
          drill={(i) =>
            drillOf(r, `Calls of ${r.agent} with status ${sNames[i]}`, {
              agent: r.agent,
              status: String(statuses[i]?.status ?? ''),
            })
          }
          csv={{
            filename: `agent-${r.agent}-dispositions.csv`,
            columns: ['status', 'calls', 'dials', 'offered', 'handled_calls', 'wins'],
            rows: r.dispositions,
          }}
        />
      </div>
    </>
  );
}
