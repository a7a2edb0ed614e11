import type { Measure } from './types.js';

// Base measures: additive sums of rollup counters (servable from rollups) or distinct counts of a
// raw column. Every metric of metrics.ts is built from these and nothing else.

type M = Omit<Measure, 'where' | 'partial'> & { where?: string[]; partial?: boolean };
const calls = (id: string, of: string, where: string[], description: string): M => ({
  id,
  source: 'calls',
  agg: 'sum',
  of: [of],
  where,
  description,
});
const time = (id: string, where: string[], description: string): M => ({
  id,
  source: 'agent_time',
  agg: 'sum',
  of: ['seconds'],
  where,
  description,
});
const distinct = (id: string, of: string, where: string[], description: string): M => ({
  id,
  source: 'calls',
  agg: 'count_distinct',
  of: [of],
  where,
  description,
});

const rec = (id: string, source: M['source'], of: string, where: string[], description: string): M => ({
  id,
  source,
  agg: 'sum',
  of: [of],
  where,
  description,
});

export const MEASURES: readonly M[] = [
  // Base counts over calls
  calls('dials', 'n', ['outbound'], 'outbound calls'),
  distinct('leads_dialed', 'lead', ['outbound'], 'distinct leads among outbound calls'),
  calls('answered', 'n', ['outbound', 'flag:answered'], 'outbound calls with answered'),
  calls('human_answered', 'n', ['outbound', 'flag:human'], 'outbound calls with human (drops included)'),
  calls('machines', 'n', ['outbound', 'flag:machine'], 'outbound calls with machine'),
  calls('drops', 'n', ['outbound', 'flag:drop'], 'outbound calls with drop'),
  calls('contacts', 'n', ['outbound', 'flag:contact'], 'outbound calls with contact (wins included)'),
  distinct(
    'leads_contacted',
    'lead',
    ['outbound', 'flag:contact'],
    'distinct leads with at least one contact',
  ),
  calls(
    'conversations',
    'handled',
    ['outbound', 'flag:human', '!flag:drop'],
    'outbound calls with human, not drop, with an agent and talk_sec > 0',
  ),
  calls('wins', 'n', ['flag:win'], 'calls with win (both directions)'),
  calls('outbound_wins', 'n', ['outbound', 'flag:win'], 'outbound calls with win'),
  distinct('leads_won', 'lead', ['outbound', 'flag:win'], 'distinct leads with a win'),
  calls('dnc', 'n', ['flag:dnc'], 'calls with dnc'),
  calls('unknown_status_calls', 'n', ['!known'], 'calls whose status has no disposition row'),
  // Inbound service
  calls('offered', 'n', ['inbound'], 'inbound calls'),
  calls('handled', 'handled', ['inbound'], 'inbound calls with an agent and talk_sec > 0'),
  calls('abandoned', 'n', ['inbound', 'flag:drop'], 'inbound calls with drop'),
  calls(
    'short_abandons',
    'short',
    ['inbound', 'flag:drop'],
    'abandoned with wait_sec < the short-abandon threshold',
  ),
  calls('abandoned_within_t', 'within_t', ['inbound', 'flag:drop'], 'abandoned with wait_sec <= T'),
  calls('handled_within_t', 'handled_within_t', ['inbound'], 'handled with wait_sec <= T'),
  calls('handled_wait_sec', 'handled_wait_sec', ['inbound'], 'wait_sec summed over handled inbound calls'),
  // Handle time (both directions)
  calls('handled_calls', 'handled', [], 'calls with an agent and talk_sec > 0 (both directions)'),
  {
    id: 'handle_sec',
    source: 'calls',
    agg: 'sum',
    of: ['handled_talk_sec', 'handled_hold_sec', 'handled_wrap_sec'],
    description: 'talk + hold + wrap over handled calls',
  },
  calls('handled_talk_sec', 'handled_talk_sec', [], 'talk_sec over handled calls'),
  calls('handled_hold_sec', 'handled_hold_sec', [], 'hold_sec over handled calls'),
  calls('handled_wrap_sec', 'handled_wrap_sec', [], 'wrap_sec over handled calls'),
  calls('handled_with_hold', 'handled_with_hold', [], 'handled calls with hold_sec > 0'),
  // Agent time (from agent_states, split at hour boundaries)
  time('login_sec', [], 'all logged-in time (sum of every state)'),
  time('available_sec', ['state:available'], 'time available, waiting for a call'),
  time('state_talk_sec', ['state:talk'], 'time in the talk state'),
  time('state_hold_sec', ['state:hold'], 'time in the hold state'),
  time('state_wrap_sec', ['state:wrap'], 'time in the wrap state'),
  time('pause_sec', ['state:pause'], 'time paused (by reason with --by reason)'),
  {
    id: 'agents_worked',
    source: 'activity',
    agg: 'count_distinct',
    of: ['agent'],
    description: 'distinct agents with login time or handled calls',
  },
  { id: 'list_leads', source: 'lists', agg: 'sum', of: ['leads'], description: 'size of the lists in scope' },
  // Money: each call and each agent-hour valued at the prices in force at its own time
  {
    id: 'win_revenue',
    source: 'money',
    agg: 'sum',
    of: ['win_revenue'],
    where: ['flag:win'],
    description: "wins valued at their amount, else the revenue per sale in force at the call's time",
  },
  {
    id: 'revenue',
    source: 'money',
    agg: 'sum',
    of: ['revenue'],
    description: 'wins valued as in win_revenue plus the upsell amounts of all calls',
  },
  {
    id: 'upsell_revenue',
    source: 'money',
    agg: 'sum',
    of: ['upsell_sum'],
    description: 'upsell amounts of all calls',
  },
  {
    id: 'call_cost',
    source: 'money',
    agg: 'sum',
    of: ['call_cost'],
    description: "every call (dials and offered inbound) at the cost per call in force at the call's time",
  },
  {
    id: 'labor_rate_sec',
    source: 'labor',
    agg: 'sum',
    of: ['labor_rate_sec'],
    description:
      'logged-in seconds × cost per agent hour in force at that time (time without a campaign attributed by handle time)',
  },
  {
    id: 'commission_cost',
    source: 'commission',
    agg: 'sum',
    of: ['commission'],
    description:
      "each agent's commission plan applied per calendar month, attributed to rows by what the plan pays on",
  },
  {
    id: 'list_cost',
    source: 'list_cost',
    agg: 'sum',
    of: ['cost'],
    partial: true,
    description: "what the lists cost, on the list's campaign and loaded_on date",
  },
  // Quality, customers and tickets
  ...(['csat', 'nps', 'esat'] as const).map((k): M =>
    rec(`${k}_responses`, 'surveys', 'n', [`kind:${k}`], `${k} survey responses`),
  ),
  rec(
    'csat_top2',
    'surveys',
    'top2',
    ['kind:csat'],
    'csat responses of 4-5 on a 1-5 scale (else ≥ 80 % of scale_max)',
  ),
  rec('csat_score_sum', 'surveys', 'score', ['kind:csat'], 'csat scores summed'),
  rec('esat_top2', 'surveys', 'top2', ['kind:esat'], 'esat responses in the top two boxes'),
  rec('nps_promoters', 'surveys', 'promoter', ['kind:nps'], 'nps responses of 9-10'),
  rec('nps_detractors', 'surveys', 'detractor', ['kind:nps'], 'nps responses of 0-6'),
  rec('qa_weighted_score', 'qa', 'weighted_score', [], 'QA scores × criterion weight'),
  rec('qa_weighted_max', 'qa', 'weighted_max', [], 'QA maximum scores × criterion weight'),
  calls('handled_resolved_yes', 'handled_resolved_yes', [], 'handled calls marked resolved'),
  calls('handled_resolved_known', 'handled_resolved_known', [], 'handled calls that carry a resolved value'),
  calls('upsell_flagged', 'n', ['flag:upsell'], 'calls whose disposition is an upsell'),
  calls('upsell_amount_only', 'upsell_n', ['!flag:upsell'], 'other calls with an upsell amount'),
  rec('tickets_created', 'tickets_created', 'n', [], 'tickets created in the period'),
  rec(
    'tickets_responded',
    'tickets_created',
    'responded',
    [],
    'tickets created in the period that got a response',
  ),
  rec(
    'first_response_sec_sum',
    'tickets_created',
    'first_response_sec',
    [],
    'first response − created, summed',
  ),
  rec('tickets_resolved', 'tickets_resolved', 'n', [], 'tickets resolved in the period'),
  rec('resolution_sec_sum', 'tickets_resolved', 'resolution_sec', [], 'resolved − created, summed'),
  rec(
    'tickets_reopened',
    'tickets_resolved',
    'reopened',
    [],
    'tickets resolved in the period that were reopened',
  ),
  rec('backlog', 'backlog', 'n', [], 'tickets created by the period end and not resolved by then'),
  rec(
    'fcr_first_contacts',
    'fcr',
    'first',
    [],
    'first contacts: handled calls and tickets of a customer with no contact in the preceding window',
  ),
  rec(
    'fcr_resolved',
    'fcr',
    'fcr',
    [],
    'first contacts with no further contact within the window, not marked unresolved',
  ),
  // Workforce: schedules against agent states
  rec('scheduled_sec', 'adherence', 'scheduled', [], 'scheduled seconds of every activity'),
  rec('scheduled_work_sec', 'adherence', 'scheduled_work', [], 'scheduled work seconds'),
  rec('worked_sec', 'adherence', 'worked', [], 'seconds available, talking, holding or in wrap'),
  rec(
    'out_of_adherence_sec',
    'adherence',
    'out',
    [],
    'scheduled work not worked + work during non-work activities',
  ),
];
