import type { QueryRequest } from '../../src/query/plan.js';
import type { Prices } from '../../src/query/money-sources.js';
import { DEFAULT_THRESHOLDS } from '../../src/storage/rollup-columns.js';

// The catalog's compiler cases: each request compiles to one SQL text per engine under test/golden.

const base: QueryRequest = {
  metrics: [],
  by: [],
  where: {},
  from: '2026-03-01',
  to: '2026-03-31',
  timezone: 'America/New_York',
  thresholds: DEFAULT_THRESHOLDS,
  rollupThresholds: DEFAULT_THRESHOLDS,
  variants: { conversion_rate: 'contacts' },
};

const funnel = [
  'dials',
  'answered',
  'contacts',
  'wins',
  'leads_dialed',
  'conversion_rate',
  'drop_rate',
  'close_rate',
];

// Prices with a change at 10:30 local on the fixture day (15:30 UTC): the hour 15:00-16:00 UTC is
// read from raw calls and agent states, the rest from the rollups.
const step = (iso: string, value: string) => ({ from: Date.parse(iso), value });
const SINCE = '2026-01-01T00:00:00Z';
const CHANGE = '2026-03-02T15:30:00Z';
const prices: Prices = {
  revenuePerSale: {
    byCampaign: new Map([['CAMP1', [step(SINCE, '100'), step(CHANGE, '120.5')]]]),
    fallback: [step(SINCE, '50')],
  },
  costPerCall: { byCampaign: new Map(), fallback: [step(SINCE, '0.0125')] },
  costPerAgentHour: {
    byCampaign: new Map([['CAMP1', [step(SINCE, '20'), step(CHANGE, '24')]]]),
    fallback: [step(SINCE, '18')],
  },
  splitHours: [Date.parse('2026-03-02T15:00:00Z')],
};
const money = ['revenue', 'call_cost', 'labor_cost', 'avg_sale_value'];

export const GOLDEN_CASES: Record<string, QueryRequest> = {
  money_by_campaign: { ...base, metrics: money, by: ['campaign'], prices },
  money_by_hour_raw: { ...base, metrics: money, by: ['hour'], prices, forceRaw: true },
  money_by_agent_date: { ...base, metrics: money, by: ['agent', 'date'], prices },
  labor_by_list: { ...base, metrics: ['login_sec', 'labor_cost'], by: ['list'], prices },
  funnel_by_campaign: { ...base, metrics: funnel, by: ['campaign'], direction: 'outbound' },
  funnel_by_date_raw: { ...base, metrics: funnel, by: ['date'], direction: 'outbound', forceRaw: true },
  funnel_by_week_month: { ...base, metrics: ['dials', 'answer_rate'], by: ['week', 'month'] },
  service_by_hour: {
    ...base,
    metrics: [
      'offered',
      'handled',
      'abandon_rate',
      'asa_sec',
      'service_level',
      'sl_abandon_credit',
      'sl_ignore_early_abandons',
    ],
    by: ['hour'],
    direction: 'inbound',
  },
  service_other_threshold: {
    ...base,
    metrics: ['service_level'],
    by: ['campaign'],
    thresholds: { slSec: 30, shortAbandonSec: 5 },
  },
  agents_by_agent: {
    ...base,
    metrics: ['handled_calls', 'aht_sec', 'occupancy', 'utilization', 'calls_per_hour', 'agents_worked'],
    by: ['agent'],
  },
  agent_time_by_campaign: { ...base, metrics: ['login_sec', 'occupancy'], by: ['campaign', 'date'] },
  pause_by_reason: { ...base, metrics: ['pause_sec'], by: ['agent', 'reason'] },
  lists_by_list: { ...base, metrics: ['list_penetration', 'dials'], by: ['list'], direction: 'outbound' },
  by_team_dow_hour_of_day: { ...base, metrics: ['aht_sec', 'dials'], by: ['team', 'dow', 'hour_of_day'] },
  hostile_filter: {
    ...base,
    metrics: ['dials', 'aht_sec'],
    by: ['topic'],
    where: { campaign: ["O'Brien\\'; DROP TABLE calls; --", 'back\\slash\nnew"line'] },
  },
};
