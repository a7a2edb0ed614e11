import { usageError } from '../errors.js';

// The import contract of spec/inputs.md as data: every reader, the staging SQL, the simulator and
// the docs read these definitions, so a field is declared exactly once.

export type FieldType =
  | 'string'
  | 'timestamp' // ISO-8601 instant; naive values read in the import time zone; stored UTC
  | 'date' // calendar date YYYY-MM-DD
  | 'seconds' // non-negative duration, < 65000 (VICIdial overflow sentinel)
  | 'decimal'
  | 'money' // non-negative amount in the installation currency, exact to 1/10000 (DECIMAL(18,4))
  | 'plan' // commission plan text (none | flat:A | percent:p | tiered:… | graduated:…)
  | 'int'
  | 'boolean'
  | 'hashed'; // personal data: stored only as HMAC-SHA256 with the installation secret

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly key?: boolean;
  /** Allowed values (after trimming); compared case-insensitively and stored lower-case. */
  readonly oneOf?: readonly string[];
  /** Value stored when the field is empty. */
  readonly default?: string | number | boolean;
}

export interface RecordDef {
  readonly type: RecordType;
  readonly table: string;
  readonly fields: readonly FieldDef[];
  /** Alternatives where one of several fields must be present (agent_states: ended_at | duration_sec). */
  readonly oneOfRequired?: readonly (readonly string[])[];
  readonly description: string;
}

export const RECORD_TYPES = [
  'calls',
  'dispositions',
  'agent-states',
  'agents',
  'campaigns',
  'lists',
  'finance',
  'goals',
  'tickets',
  'surveys',
  'qa',
  'schedules',
  'annotations',
  'commissions',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const s = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'string', ...extra });
const t = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'timestamp', ...extra });
const sec = (name: string): FieldDef => ({ name, type: 'seconds' });
const dec = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'decimal', ...extra });
const money = (name: string): FieldDef => ({ name, type: 'money' });
const flag = (name: string): FieldDef => ({ name, type: 'boolean', default: false });

export const DISPOSITION_FLAGS = [
  'answered',
  'human',
  'machine',
  'fax',
  'drop',
  'contact',
  'win',
  'dnc',
  'callback',
  'not_interested',
  'unworkable',
  'completed',
  'upsell',
] as const;
export type DispositionFlag = (typeof DISPOSITION_FLAGS)[number];

export const AGENT_STATES = ['available', 'talk', 'hold', 'wrap', 'pause'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

const defs: readonly RecordDef[] = [
  {
    type: 'calls',
    table: 'calls',
    description: 'one row per call attempt (outbound) or per call offered to a queue (inbound)',
    fields: [
      s('call_id', { key: true, required: true }),
      t('started_at', { required: true }),
      s('direction', { required: true, oneOf: ['outbound', 'inbound'] }),
      s('campaign', { required: true }),
      s('status', { required: true }),
      s('list', { default: '' }),
      s('lead'),
      { name: 'customer', type: 'hashed' },
      s('agent', { default: '' }),
      sec('ring_sec'),
      sec('wait_sec'),
      sec('talk_sec'),
      sec('hold_sec'),
      sec('wrap_sec'),
      money('amount'),
      { name: 'resolved', type: 'boolean' },
      s('topic', { default: '' }),
      money('upsell_amount'),
    ],
  },
  {
    type: 'dispositions',
    table: 'dispositions',
    description: 'what each status code means (campaign empty: applies everywhere)',
    fields: [
      s('code', { key: true, required: true }),
      s('campaign', { key: true, default: '' }),
      s('label'),
      ...DISPOSITION_FLAGS.map(flag),
    ],
  },
  {
    type: 'agent-states',
    table: 'agent_states',
    description: 'how agents spend logged-in time, one row per state interval',
    oneOfRequired: [['ended_at', 'duration_sec']],
    fields: [
      s('agent', { key: true, required: true }),
      t('started_at', { key: true, required: true }),
      t('ended_at'),
      { name: 'duration_sec', type: 'decimal' },
      s('state', { required: true, oneOf: AGENT_STATES }),
      s('reason', { default: '' }),
      s('campaign', { default: '' }),
    ],
  },
  {
    type: 'agents',
    table: 'agents',
    description: 'agents with their team and site',
    fields: [
      s('agent', { key: true, required: true }),
      s('name'),
      s('team'),
      s('site'),
      { name: 'hired_on', type: 'date' },
      { name: 'active', type: 'boolean', default: true },
    ],
  },
  {
    type: 'campaigns',
    table: 'campaigns',
    description: 'campaigns and inbound queues',
    fields: [
      s('campaign', { key: true, required: true }),
      s('name'),
      s('direction', { oneOf: ['outbound', 'inbound'] }),
      s('timezone'),
      { name: 'started_on', type: 'date' },
      s('drop_group'),
    ],
  },
  {
    type: 'lists',
    table: 'lists',
    description: 'lead lists with their size and cost',
    fields: [
      s('list', { key: true, required: true }),
      s('campaign'),
      s('name'),
      { name: 'loaded_on', type: 'date' },
      { name: 'leads', type: 'int' },
      money('cost'),
    ],
  },
  {
    type: 'finance',
    table: 'finance',
    description: 'effective-dated money settings per campaign (* = default)',
    fields: [
      s('campaign', { key: true, required: true }),
      t('effective_from', { key: true, required: true }),
      money('revenue_per_sale'),
      money('cost_per_call'),
      money('cost_per_agent_hour'),
      s('currency'),
      { name: 'commission', type: 'plan' },
    ],
  },
  {
    type: 'commissions',
    table: 'commission_plans',
    description: 'effective-dated commission plans of one agent or one team, overriding the campaign plan',
    oneOfRequired: [['agent', 'team']],
    fields: [
      s('agent', { key: true, default: '' }),
      s('team', { key: true, default: '' }),
      t('effective_from', { key: true, required: true }),
      { name: 'commission', type: 'plan', required: true },
    ],
  },
  {
    type: 'goals',
    table: 'goals',
    description: 'monthly targets per scope and metric',
    fields: [
      s('scope', { key: true, required: true }),
      s('period', { key: true, required: true }),
      s('metric', { key: true, required: true }),
      dec('target', { required: true }),
      dec('amber_at', { default: 0.9 }),
      dec('red_at', { default: 0.75 }),
    ],
  },
  {
    type: 'tickets',
    table: 'tickets',
    description: 'support tickets (email, chat, voice, social)',
    fields: [
      s('ticket_id', { key: true, required: true }),
      t('created_at', { required: true }),
      s('channel'),
      s('agent'),
      { name: 'customer', type: 'hashed' },
      s('topic'),
      t('first_response_at'),
      t('resolved_at'),
      s('status', { oneOf: ['open', 'pending', 'resolved', 'closed'] }),
      { name: 'reopened', type: 'int', default: 0 },
      { name: 'contacts', type: 'int' },
    ],
  },
  {
    type: 'surveys',
    table: 'surveys',
    description: 'survey responses (csat, nps, esat)',
    fields: [
      s('survey_id', { key: true, required: true }),
      s('kind', { required: true, oneOf: ['csat', 'nps', 'esat'] }),
      dec('score', { required: true }),
      dec('scale_max'),
      t('responded_at', { required: true }),
      s('agent'),
      s('call_id'),
      s('ticket_id'),
    ],
  },
  {
    type: 'qa',
    table: 'qa',
    description: 'call quality evaluations, one row per criterion',
    fields: [
      s('evaluation_id', { key: true, required: true }),
      s('criterion', { key: true, required: true }),
      s('call_id'),
      s('agent'),
      t('evaluated_at', { required: true }),
      s('evaluator'),
      dec('weight', { default: 1 }),
      dec('score', { required: true }),
      dec('max_score', { required: true }),
    ],
  },
  {
    type: 'schedules',
    table: 'schedules',
    description: 'planned activities per agent',
    fields: [
      s('agent', { key: true, required: true }),
      t('starts_at', { key: true, required: true }),
      t('ends_at', { required: true }),
      s('activity', { required: true, oneOf: ['work', 'break', 'lunch', 'training', 'meeting'] }),
    ],
  },
  {
    type: 'annotations',
    table: 'annotations',
    description: 'operational changes shown on trend charts',
    fields: [
      t('at', { key: true, required: true }),
      s('campaign', { key: true, default: '' }),
      s('kind', { oneOf: ['list', 'staffing', 'script', 'other'], default: 'other' }),
      s('label', { key: true, required: true }),
    ],
  },
];

const byType = new Map(defs.map((d) => [d.type, d]));

export function recordDef(type: string): RecordDef {
  const def = byType.get(type as RecordType);
  if (!def) throw usageError(`unknown record type "${type}" (expected one of: ${RECORD_TYPES.join(', ')})`);
  return def;
}

export const RECORD_DEFS = defs;

export const keyFields = (def: RecordDef): string[] => def.fields.filter((f) => f.key).map((f) => f.name);
