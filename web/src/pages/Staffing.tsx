import { useMemo } from 'preact/hooks';
import { categoryChart } from '../charts/options';
import { COLORS } from '../charts/theme';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { InfoTip } from '../components/InfoTip';
import { KpiTile } from '../components/KpiTile';
import { Segmented } from '../components/Segmented';
import { StaffingTargets } from '../components/StaffingTargets';
import { readFilters, setQuery } from '../filters';
import { DOW, periodText } from '../format';
import type { Location } from '../router';
import { useLocation } from '../router';
import type { Row, StaffingJson } from '../types';

/** The URL's staffing targets as report parameters (fractions and seconds, as StaffingOptions). */
export const STAFFING_PARAMS = [
  'sl_target',
  'sl_threshold',
  'asa_target',
  'max_occupancy',
  'shrinkage',
  'patience',
] as const;

export function staffingQuery(loc: Location): URLSearchParams {
  const f = readFilters(loc.query);
  const q = new URLSearchParams();
  if (f.tz) q.set('timezone', f.tz);
  if (f.campaign) q.append('where', `campaign:${f.campaign}`);
  for (const k of STAFFING_PARAMS) {
    const v = loc.query.get(k);
    if (v) q.set(k, v);
  }
  return q;
}

const STATUS: Record<string, [string, string]> = {
  understaffed: ['bad', '▼ understaffed'],
  overstaffed: ['warn', '▲ overstaffed'],
  ok: ['good', '✓ ok'],
};

/** Erlang staffing: the typical week's half hours, agents needed against agents who worked. */
export function Staffing({ r }: { r: StaffingJson }) {
  const loc = useLocation();
  const days = [...new Set(r.rows.map((x) => x.dow as number))].sort();
  const dow = Number(loc.query.get('dow')) || days[0] || 1;
  const rows = r.rows.filter((x) => x.dow === dow);
  const cats = rows.map((x) => String(x.interval));
  const col = (k: string): (number | null)[] => rows.map((x) => x[k] as number | null);
  const option = useMemo(
    () =>
      categoryChart({
        categories: cats,
        series: [
          {
            name: 'Required agents',
            metric: 'required_agents',
            data: col('required_agents'),
            color: '#93c5fd',
          },
          {
            name: 'Scheduled (with shrinkage)',
            metric: 'scheduled_agents',
            data: col('scheduled_agents'),
            color: '#c7d2fe',
          },
          {
            name: 'Agents who worked',
            metric: 'actual_agents',
            type: 'line',
            data: col('actual_agents'),
            color: COLORS.cost,
          },
          {
            name: 'Forecast calls',
            metric: 'forecast_calls',
            type: 'line',
            yAxis: 1,
            data: col('forecast_calls'),
            color: COLORS.neutral,
            dashed: true,
          },
        ],
      }),
    [r, dow],
  );
  const q = readFilters(loc.query);
  const drill = (i: number) => {
    const hour = String(Number(cats[i]?.slice(0, 2)));
    return {
      title: `Inbound calls on ${DOW[dow]} ${cats[i]} (the whole hour)`,
      from: r.from,
      to: r.to,
      timezone: r.timezone,
      where: {
        direction: 'inbound',
        dow: String(dow),
        hour_of_day: hour,
        ...(q.campaign ? { campaign: q.campaign } : {}),
      },
    };
  };
  return (
    <section class="section" data-section="staffing">
      <div class="section-head">
        <h2 class="section-title">Staffing plan (Erlang)</h2>
        <span class="muted">
          history {periodText(r.from, r.to)} · queues {r.meta.queues.join(', ') || '–'}
        </span>
        <InfoTip text={`Method: ${r.meta.method}`} />
      </div>
      <StaffingTargets targets={r.meta.targets} />
      <div class="tiles">
        {(
          [
            'required_agent_hours',
            'scheduled_agent_hours',
            'actual_agent_hours',
            'understaffed_intervals',
            'overstaffed_intervals',
          ] as const
        ).map((m) => (
          <KpiTile key={m} metric={m} value={r.totals[m]} definitions={r.definitions} label={LABELS[m]} />
        ))}
      </div>
      <ChartCard
        id="staffing-plan"
        title={`Agents needed and agents working, ${DOW[dow]}`}
        info={['required_agents', 'scheduled_agents', 'actual_agents', 'forecast_calls']
          .map((k) => `${k}: ${r.definitions[k] ?? ''}`)
          .join('\n\n')}
        option={option}
        categories={cats}
        drill={drill}
        csv={{ filename: `staffing-${DOW[dow]}.csv`, columns: Object.keys(rows[0] ?? {}), rows }}
        wide
        footer={
          <Segmented
            name="dow"
            value={String(dow)}
            options={days.map((d) => [String(d), DOW[d]!] as const)}
            onChange={(v) => setQuery({ dow: v })}
          />
        }
      />
      <DataTable
        id="staffing-interval"
        title={`Half hours of ${DOW[dow]}`}
        rows={rows}
        rowKey={(x) => `${x.dow} ${x.interval}`}
        maxHeight={560}
        definitions={r.definitions}
        columns={[
          { key: 'interval', label: 'Half hour', kind: 'dim' },
          { key: 'forecast_calls' },
          { key: 'forecast_aht_sec' },
          { key: 'traffic_erlangs' },
          { key: 'required_agents' },
          { key: 'scheduled_agents' },
          { key: 'expected_sl' },
          { key: 'expected_asa_sec' },
          { key: 'occupancy' },
          { key: 'actual_agents' },
          { key: 'gap' },
          { key: 'status', label: 'Status', kind: 'dim', render: status },
        ]}
      />
    </section>
  );
}

const LABELS: Record<string, string> = {
  required_agent_hours: 'Required agent hours / week',
  scheduled_agent_hours: 'Scheduled hours / week',
  actual_agent_hours: 'Worked hours / week',
  understaffed_intervals: 'Understaffed half hours',
  overstaffed_intervals: 'Overstaffed half hours',
};

function status(x: Row) {
  const s = STATUS[String(x.status)];
  return s ? <span class={s[0]}>{s[1]}</span> : '–';
}
