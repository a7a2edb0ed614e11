import { useMemo } from 'preact/hooks';
import { definitionOf, labelOf } from '../catalog';
import { categoryChart } from '../charts/options';
import { COLORS, PALETTE } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { dimLabel, drillOf } from '../report-query';
import type { ReportJson } from '../types';

/** Fairness ranking (performance index against 1.00) and where each agent's pause time goes. */
export function AgentsCharts({ r }: { r: ReportJson }) {
  const ranked = r.rows
    .filter((x) => x.agent !== '' && typeof x.performance_index === 'number')
    .sort((a, b) => (b.performance_index as number) - (a.performance_index as number));
  const names = ranked.map((x) => dimLabel(x.agent));
  const perf = useMemo(
    () =>
      categoryChart({
        categories: names,
        legend: false,
        zoom: names.length > 45,
        series: [
          {
            name: 'Performance index',
            metric: 'performance_index',
            data: ranked.map((x) => x.performance_index as number),
            colors: ranked.map((x) => ((x.performance_index as number) >= 1 ? COLORS.net : COLORS.cost)),
            markLine: { value: 1, label: 'as expected' },
          },
        ],
      }),
    [r],
  );
  const reasons = Object.keys(r.totals).filter(
    (k) => /^pause_.+_sec$/.test(k) && k !== 'pause_sec' && (r.totals[k] ?? 0) > 0,
  );
  const paused = r.rows
    .filter((x) => x.agent !== '' && ((x.pause_sec as number) ?? 0) > 0)
    .sort((a, b) => (b.pause_sec as number) - (a.pause_sec as number));
  const pNames = paused.map((x) => dimLabel(x.agent));
  const pauses = useMemo(
    () =>
      categoryChart({
        categories: pNames,
        zoom: pNames.length > 45,
        series: reasons.map((k, i) => ({
          name: labelOf(k).replace(/^Pause: /, ''),
          metric: k,
          stack: 'pause',
          color: PALETTE[i % PALETTE.length],
          data: paused.map((x) => x[k] as number | null),
        })),
      }),
    [r],
  );
  return (
    <div class="grid-2">
      <ChartCard
        id="agents-performance"
        title="Performance index (fairness)"
        info={`${definitionOf('wins', r.definitions)}\n\nPerformance index = wins ÷ expected wins at the agent's own mix of campaigns and hours; 1.00 = as expected.`}
        option={perf}
        categories={names}
        drill={(i) => drillOf(r, `Calls of agent ${names[i]}`, { agent: String(ranked[i]?.agent ?? '') })}
        csv={{
          filename: 'agents-performance.csv',
          columns: ['agent', 'performance_index', 'wins', 'expected_wins'],
          rows: ranked,
        }}
      />
      <ChartCard
        id="agents-pauses"
        title="Pause time by reason"
        info={definitionOf('pause_sec', r.definitions)}
        option={pauses}
        categories={pNames}
        drill={(i) => drillOf(r, `Calls of agent ${pNames[i]}`, { agent: String(paused[i]?.agent ?? '') })}
        csv={{ filename: 'agents-pauses.csv', columns: ['agent', 'pause_sec', ...reasons], rows: paused }}
      />
    </div>
  );
}
