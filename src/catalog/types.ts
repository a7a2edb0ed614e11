import { z } from 'zod';

// The shape of catalog entries. Conditions are a tiny string language so definitions stay data:
// `outbound`, `inbound`, `flag:<disposition flag>`, `state:<agent state>`, `known`, and `!x` to negate.

export const SOURCES = [
  'calls',
  'agent_time',
  'activity',
  'lists',
  // money: calls and agent time valued at the prices in force at their time
  'money',
  'labor',
  // computed outside SQL from grouped sums (commission plans) or from small tables (list cost)
  'commission',
  'list_cost',
  // quality records
  'surveys',
  'qa',
  'tickets_created',
  'tickets_resolved',
  'backlog',
  // first-contact resolution, classified across calls and tickets
  'fcr',
  // schedules against agent states
  'adherence',
] as const;
export type SourceId = (typeof SOURCES)[number];

export const measureSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    source: z.enum(SOURCES),
    /** `sum` of counters (rollup-servable) or `count_distinct` of a raw column */
    agg: z.enum(['sum', 'count_distinct']),
    of: z.array(z.string().min(1)).min(1),
    where: z
      .array(z.string().regex(/^!?(outbound|inbound|known|flag:[a-z_]+|state:[a-z]+|kind:(csat|nps|esat))$/))
      .default([]),
    description: z.string().min(1),
    /** not attributable to some dimensions (list cost per agent): there it counts as 0 inside a
     *  sum or ratio with other measures, and its own column shows n/a */
    partial: z.boolean().default(false),
  })
  .strict();
export type Measure = z.infer<typeof measureSchema>;

const term = z.union([z.string(), z.tuple([z.number(), z.string()])]);
export type Term = z.infer<typeof term>;

export const ratioSchema = z
  .object({ num: z.array(term).min(1), den: z.array(term).min(1), scale: z.number().positive().default(1) })
  .strict();
export type Ratio = z.infer<typeof ratioSchema>;

export const UNITS = ['count', 'seconds', 'ratio', 'per_hour', 'money', 'score'] as const;
export type Unit = (typeof UNITS)[number];

export const metricSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string().min(1),
    unit: z.enum(UNITS),
    direction: z.enum(['higher', 'lower', 'neutral']),
    section: z.string().min(1),
    description: z.string().min(1),
    /** a metric is one measure, or a ratio of sums of measures (never a mean of rates) */
    measure: z.string().optional(),
    ratio: ratioSchema.optional(),
    /** a signed sum of measures (net profit = revenue − costs) */
    sum: z.array(term).min(1).optional(),
    /** named alternative ratios; the installation picks one, outputs name it */
    variants: z.record(z.string(), ratioSchema).optional(),
    defaultVariant: z.string().optional(),
    /** computed for other metrics, not listed on its own */
    hidden: z.boolean().default(false),
  })
  .strict()
  .refine((m) => [m.measure, m.ratio, m.sum, m.variants].filter((x) => x !== undefined).length === 1, {
    message: 'a metric is exactly one of: measure, ratio, sum, variants',
  })
  .refine((m) => !m.variants || (m.defaultVariant !== undefined && m.defaultVariant in m.variants), {
    message: 'variants need a defaultVariant that is one of them',
  });
export type Metric = z.infer<typeof metricSchema>;

export const DIMENSIONS = [
  'campaign',
  'list',
  'agent',
  'team',
  'site',
  'status',
  'topic',
  'channel',
  'direction',
  'state',
  'reason',
  'hour',
  'date',
  'week',
  'month',
  'dow',
  'hour_of_day',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const TIME_DIMENSIONS = ['hour', 'date', 'week', 'month', 'dow', 'hour_of_day'] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];
export const isTimeDimension = (d: string): d is TimeDimension =>
  (TIME_DIMENSIONS as readonly string[]).includes(d);
