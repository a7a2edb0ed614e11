import { usageError } from '../errors.js';
import { figuresAt, requiredAgents, type StaffingInput } from '../reports/erlang.js';
import { fixed, toCsv, toTable } from '../reports/format.js';
import type { ReportJson } from '../reports/run.js';
import { runStaffing, STAFFING_DEFAULTS } from '../reports/staffing.js';
import { list, parse } from './args.js';
import { withStore, type Globals } from './context.js';

export const STAFFING_HELP = `callkpi staffing --calls N --interval 30m --aht SEC [--sl 80/20] [--asa SEC]
                 [--max-occupancy PCT] [--shrinkage PCT] [--patience SEC] [--format table|json]
callkpi staffing plan [--from DATE] [--to DATE] [--campaign QUEUE[,QUEUE]]... [--timezone TZ]
                 [--sl 80/20] [--asa SEC] [--max-occupancy PCT] [--shrinkage PCT] [--patience SEC]
                 [--format table|json|csv]

The first form: agents needed for N calls in one interval (30m, 15m, 1h, 900s) at an average
handle time of SEC seconds, with the figures for a few agents more and fewer.
plan: for each half hour of a typical week, the calls and AHT forecast from the inbound history
(default: the 8 full Monday–Sunday weeks up to --to or yesterday, every inbound queue), the agents
needed and the agents who actually worked then (understaffed / overstaffed).
--sl PCT/SEC: PCT % of calls answered within SEC seconds (default 80/20 unless only --asa is given).
--max-occupancy PCT (default 85), --shrinkage PCT of paid time off the phones (default 30).
--patience SEC: mean time callers wait before hanging up; switches Erlang C to Erlang A.`;

const COMMON = {
  sl: { type: 'string' },
  asa: { type: 'string' },
  'max-occupancy': { type: 'string' },
  shrinkage: { type: 'string' },
  patience: { type: 'string' },
  format: { type: 'string', default: 'table' },
  help: { type: 'boolean', short: 'h' },
} as const;

function numberOption(name: string, v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw usageError(`--${name} ${v}: expected a number`);
  return n;
}

/** "80/20" → 80 % within 20 s. */
function slOption(v: string): { slTarget: number; slSec: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*\/\s*(\d+(?:\.\d+)?)\s*s?\s*$/.exec(v);
  if (!m) throw usageError(`--sl ${v}: expected PERCENT/SECONDS, e.g. 80/20`);
  return { slTarget: Number(m[1]) / 100, slSec: Number(m[2]) };
}

/** "30m", "1h", "900s"; a bare number is minutes. */
function intervalOption(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?\s*$/.exec(v);
  if (!m) throw usageError(`--interval ${v}: expected a length such as 30m, 15m, 1h or 900s`);
  return Number(m[1]) * (m[2] === 's' ? 1 : m[2] === 'h' ? 3600 : 60);
}

type Values = Partial<Record<keyof typeof COMMON, string | boolean>>;

type Targets = Omit<StaffingInput, 'calls' | 'intervalSec' | 'ahtSec'> & {
  slSec: number;
  maxOccupancy: number;
  shrinkage: number;
};

/** The targets shared by both forms, as fractions and seconds. */
function targets(v: Values): Targets {
  const str = (k: keyof typeof COMMON): string | undefined => v[k] as string | undefined;
  const asa = str('asa');
  const D = STAFFING_DEFAULTS;
  const sl =
    str('sl') !== undefined
      ? slOption(str('sl')!)
      : asa !== undefined
        ? { slSec: D.slSec }
        : { slTarget: D.slTarget, slSec: D.slSec };
  const pct = (k: 'max-occupancy' | 'shrinkage', fallback: number): number =>
    str(k) === undefined ? fallback : numberOption(k, str(k)!) / 100;
  const pat = str('patience');
  return {
    ...sl,
    ...(asa !== undefined ? { asaTargetSec: numberOption('asa', asa) } : {}),
    maxOccupancy: pct('max-occupancy', D.maxOccupancy),
    shrinkage: pct('shrinkage', D.shrinkage),
    ...(pat !== undefined ? { patienceSec: numberOption('patience', pat) } : {}),
  };
}

const pctText = (v: number): string => `${fixed(v * 100, 2)} %`;
const pctShort = (v: number): string => `${Number(fixed(v * 100, 2))} %`;
const secText = (v: number): string => (Number.isFinite(v) ? `${fixed(v, 1)} s` : '∞');

function describeTargets(t: Targets): string {
  return [
    t.slTarget !== undefined ? `${pctShort(t.slTarget)} answered in ${t.slSec} s` : '',
    t.asaTargetSec !== undefined ? `ASA ≤ ${t.asaTargetSec} s` : '',
    `max occupancy ${pctShort(t.maxOccupancy)}`,
    `shrinkage ${pctShort(t.shrinkage)}`,
    t.patienceSec !== undefined ? `patience ${t.patienceSec} s (Erlang A)` : 'Erlang C',
  ]
    .filter(Boolean)
    .join(' · ');
}

async function oneInterval(argv: string[]): Promise<number> {
  const { values } = parse(
    'staffing',
    argv,
    { ...COMMON, calls: { type: 'string' }, interval: { type: 'string' }, aht: { type: 'string' } },
    false,
  );
  if (values.help) return (console.log(STAFFING_HELP), 0);
  for (const k of ['calls', 'interval', 'aht'] as const)
    if (values[k] === undefined)
      throw usageError(`staffing: --${k} is required (see callkpi staffing --help)`);
  const format = values.format!;
  if (!['table', 'json'].includes(format)) throw usageError(`--format ${format}: expected table or json`);
  const t = targets(values);
  const input: StaffingInput = {
    ...t,
    calls: numberOption('calls', values.calls!),
    intervalSec: intervalOption(values.interval!),
    ahtSec: numberOption('aht', values.aht!),
  };
  const req = requiredAgents(input);
  const around = [];
  for (let n = Math.max(1, req.agents - 2); n <= req.agents + 3; n++)
    around.push({ agents: n, ...figuresAt(input, n) });
  if (format === 'json') {
    console.log(JSON.stringify({ ...req, targets: t, around }, null, 2));
    return 0;
  }
  const head = [
    'agents',
    `SL ${t.slSec} s`,
    'ASA',
    'occupancy',
    'P(wait)',
    ...(req.pAbandon !== null ? ['abandon'] : []),
  ];
  const cells = around.map((f) => [
    `${f.agents === req.agents ? '▶ ' : ''}${f.agents}`,
    pctText(f.serviceLevel),
    secText(f.asaSec),
    pctText(f.occupancy),
    pctText(f.pWait),
    ...(f.pAbandon !== null ? [pctText(f.pAbandon)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => x.padStart(widths[i]!)).join('  ');
  console.log(
    [
      `staffing · ${input.calls} calls in ${input.intervalSec / 60} min · AHT ${input.ahtSec} s · ${fixed(req.trafficErlangs, 2)} Erlangs`,
      describeTargets(t),
      '',
      `required: ${req.agents} agents on the phones, ${req.scheduledAgents} scheduled with shrinkage`,
      '',
      line(head),
      widths.map((w) => '─'.repeat(w)).join('  '),
      ...cells.map(line),
    ].join('\n'),
  );
  return 0;
}

async function plan(argv: string[], g: Globals): Promise<number> {
  const { values } = parse(
    'staffing plan',
    argv,
    {
      ...COMMON,
      from: { type: 'string' },
      to: { type: 'string' },
      campaign: { type: 'string', multiple: true },
      timezone: { type: 'string' },
    },
    false,
  );
  if (values.help) return (console.log(STAFFING_HELP), 0);
  const format = values.format!;
  if (!['table', 'json', 'csv'].includes(format))
    throw usageError(`--format ${format}: expected table, json or csv`);
  const t = targets(values);
  const report = await withStore(g, (store) =>
    runStaffing(store, {
      ...t,
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.timezone ? { timezone: values.timezone } : {}),
      campaign: (values.campaign ?? []).flatMap(list),
    }),
  );
  if (format === 'json') console.log(JSON.stringify(report, null, 2));
  else if (format === 'csv') process.stdout.write(toCsv(report.rows));
  else if (!report.rows.length)
    console.log(`staffing · ${report.from} → ${report.to} · no inbound calls or agent time of these queues`);
  // toTable reads no meta; the plan's meta (targets, method) differs from the metric reports'.
  else console.log(`${toTable(report as Omit<ReportJson, 'meta'> as ReportJson)}\n\n${describeTargets(t)}`);
  return 0;
}

export async function staffingCommand(argv: string[], g: Globals): Promise<number> {
  return argv[0] === 'plan' ? plan(argv.slice(1), g) : oneInterval(argv);
}
