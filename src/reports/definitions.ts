import type { Dimension } from '../catalog/types.js';

// Reports are named metric sets with a default grouping; they never compute a figure themselves.

export interface ReportDef {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly by: readonly Dimension[];
  readonly metrics: readonly string[];
  readonly direction?: 'outbound' | 'inbound';
  /** extra breakdown columns: pause time per reason for each row */
  readonly pauseByReason?: boolean;
}

export const REPORTS: readonly ReportDef[] = [
  {
    name: 'funnel',
    title: 'Outbound funnel',
    description: 'dials → answers → contacts → wins per campaign, with drop rate',
    by: ['campaign'],
    direction: 'outbound',
    metrics: [
      'dials',
      'answered',
      'human_answered',
      'machines',
      'drops',
      'contacts',
      'conversations',
      'wins',
      'leads_dialed',
      'leads_contacted',
      'answer_rate',
      'contact_rate',
      'lead_contact_rate',
      'conversion_rate',
      'close_rate',
      'drop_rate',
      'dials_per_win',
    ],
  },
  {
    name: 'service',
    title: 'Inbound service',
    description: 'offered, handled, abandoned, ASA and every service-level variant per queue',
    by: ['campaign'],
    direction: 'inbound',
    metrics: [
      'offered',
      'handled',
      'abandoned',
      'short_abandons',
      'abandon_rate',
      'abandon_rate_excl_short',
      'inbound_answer_rate',
      'asa_sec',
      'service_level',
      'sl_answered_only',
      'sl_all_offered',
      'sl_abandon_credit',
      'sl_ignore_early_abandons',
      'aht_sec',
    ],
  },
  {
    name: 'agents',
    title: 'Agent performance',
    description: 'per agent: handled calls, time by state, pause by reason, AHT, occupancy, conversion',
    by: ['agent'],
    pauseByReason: true,
    metrics: [
      'handled_calls',
      'login_sec',
      'available_sec',
      'state_talk_sec',
      'state_hold_sec',
      'state_wrap_sec',
      'pause_sec',
      'aht_sec',
      'occupancy',
      'utilization',
      'calls_per_hour',
      'wins_per_hour',
      'contacts',
      'wins',
      'conversion_rate',
      'close_rate',
    ],
  },
  {
    name: 'roi',
    title: 'ROI',
    description: 'revenue against every cost per campaign, with net profit, ROI, CPA and revenue per agent',
    by: ['campaign'],
    metrics: [
      'wins',
      'revenue',
      'upsell_revenue',
      'call_cost',
      'labor_cost',
      'commission_cost',
      'list_cost',
      'total_cost',
      'net_profit',
      'roi_pct',
      'cpa',
      'agents_worked',
      'revenue_per_agent',
      'revenue_per_agent_hour',
      'labor_cost_per_hour',
      'cost_efficiency',
      'avg_sale_value',
    ],
  },
  {
    name: 'quality',
    title: 'Quality',
    description: 'CSAT, NPS, ESAT, QA score, resolution and upsell rate per agent',
    by: ['agent'],
    metrics: [
      'csat',
      'csat_avg',
      'csat_responses',
      'nps',
      'nps_responses',
      'esat',
      'esat_responses',
      'quality_score',
      'resolution_rate',
      'fcr_rate',
      'upsell_rate',
    ],
  },
  {
    name: 'tickets',
    title: 'Tickets',
    description: 'created, resolved, backlog, first response and resolution time, reopen rate per channel',
    by: ['channel'],
    metrics: [
      'tickets_created',
      'tickets_resolved',
      'backlog',
      'first_response_sec',
      'resolution_sec',
      'reopen_rate',
    ],
  },
  {
    name: 'lists',
    title: 'Lists',
    description: 'the outbound funnel per lead list, with penetration',
    by: ['list'],
    direction: 'outbound',
    metrics: [
      'list_leads',
      'leads_dialed',
      'list_penetration',
      'dials',
      'contacts',
      'wins',
      'contact_rate',
      'lead_contact_rate',
      'conversion_rate',
      'conversion_rate_leads',
      'dials_per_win',
    ],
  },
];

/** Reports of spec/interfaces.md that later capabilities deliver. */
export const PLANNED_REPORTS = ['workforce', 'compliance', 'staffing'];
