import { useEffect, useState } from 'preact/hooks';
import { apiGet } from './api';
import type { MetricInfo, Unit } from './types';

// The metric catalog (GET /metrics), loaded once: labels, units and descriptions for tiles,
// column headers and the ⓘ definitions. Report columns that are not catalog metrics (ranks,
// intervals, pause breakdowns) get their unit from the rules below, as the CLI does.

let loaded: Map<string, MetricInfo> = new Map();
let pending: Promise<Map<string, MetricInfo>> | null = null;

export function loadCatalog(): Promise<Map<string, MetricInfo>> {
  pending ??= apiGet<{ metrics: MetricInfo[] }>('/metrics').then(
    (r) => (loaded = new Map(r.metrics.map((m) => [m.id, m]))),
    (err: unknown) => {
      pending = null;
      throw err;
    },
  );
  return pending;
}

export function useCatalog(): Map<string, MetricInfo> {
  const [cat, setCat] = useState(loaded);
  useEffect(() => {
    if (!loaded.size)
      loadCatalog().then(setCat, () => {
        // Without the catalog columns keep their ids as labels; the page's own data still shows.
      });
  }, []);
  return cat;
}

const EXTRA_UNITS: Readonly<Record<string, Unit>> = {
  marginal_revenue_per_agent_hour: 'money',
  seat_hour_margin: 'money',
  expected_wins: 'per_hour',
  performance_index: 'score',
  expected_sl: 'ratio',
  expected_abandon: 'ratio',
  expected_asa_sec: 'seconds',
  forecast_aht_sec: 'seconds',
  forecast_calls: 'per_hour',
  traffic_erlangs: 'score',
  required_agents: 'count',
  scheduled_agents: 'count',
  actual_agents: 'per_hour',
  gap: 'per_hour',
  kpi_achievement: 'ratio',
  attainment: 'ratio',
  calls: 'count',
  pause_sec: 'seconds',
  talk_sec: 'seconds',
  hold_sec: 'seconds',
  wrap_sec: 'seconds',
  wait_sec: 'seconds',
  ring_sec: 'seconds',
  amount: 'money',
  required_agent_hours: 'per_hour',
  scheduled_agent_hours: 'per_hour',
  actual_agent_hours: 'per_hour',
};

export function unitOf(id: string, cat: Map<string, MetricInfo> = loaded): Unit | undefined {
  if (/^pause_.*_sec$/.test(id)) return 'seconds';
  if (id in EXTRA_UNITS) return EXTRA_UNITS[id];
  const base = id.replace(/_(low|high)$/, '');
  return cat.get(base)?.unit ?? (/_sec$/.test(id) ? 'seconds' : undefined);
}

const EXTRA_LABELS: Readonly<Record<string, string>> = {
  performance_index: 'Performance index',
  expected_wins: 'Expected wins',
  seat_hour_rank: 'Seat-hour rank',
  seat_hour_margin: 'Seat-hour margin',
  revenue_rank: 'Revenue rank',
  net_rank: 'Net rank',
  at_loss: 'At loss',
  kpi_achievement: 'KPI achievement',
  pause_sec: 'Pause',
  forecast_calls: 'Forecast calls',
  forecast_aht_sec: 'Forecast AHT',
  traffic_erlangs: 'Traffic (Erlangs)',
  required_agents: 'Required agents',
  scheduled_agents: 'Scheduled agents',
  expected_sl: 'Expected SL',
  expected_asa_sec: 'Expected ASA',
  expected_abandon: 'Expected abandon',
  actual_agents: 'Agents worked',
  gap: 'Gap (agents)',
  weeks: 'Weeks',
  calls: 'Calls',
  call_id: 'Call',
  started_at: 'Started',
  effective_from: 'Effective from',
  resolved_for: 'Resolved for',
};

export function labelOf(id: string, cat: Map<string, MetricInfo> = loaded): string {
  const m = cat.get(id);
  if (m) return m.label;
  if (id in EXTRA_LABELS) return EXTRA_LABELS[id]!;
  const pause = /^pause_(.*)_sec$/.exec(id);
  if (pause) return `Pause: ${pause[1]}`;
  const s = id.replace(/_sec$/, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The definition shown on hover: the report's own (it names the denominator in force), else the catalog's. */
export function definitionOf(
  id: string,
  defs: Record<string, string> | undefined,
  cat: Map<string, MetricInfo> = loaded,
): string {
  const m = cat.get(id);
  const formula = defs?.[id] ?? m?.formula;
  const parts = [`${labelOf(id, cat)}${m ? ` (${m.unit})` : ''}`];
  if (formula) parts.push(`= ${formula}`);
  if (m?.description && m.description !== formula) parts.push(m.description);
  return parts.join('\n');
}
