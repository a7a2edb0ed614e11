import { usageError } from '../errors.js';
import { REPORTS } from '../reports/definitions.js';
import { toCsv, toTable } from '../reports/format.js';
import { runExecutive } from '../reports/executive.js';
import { executiveTable, goalsTable } from '../reports/format-summary.js';
import { runGoals } from '../reports/goals.js';
import { runReport, type ReportJson } from '../reports/run.js';
import { staffingCommand } from './staffing.js';
import { intOption, list, parse } from './args.js';
import { withStore, type Globals } from './context.js';

export const REPORT_HELP = `callkpi report NAME [--from DATE] [--to DATE] [--by DIM[,DIM]] [--where DIM=VALUE]...
               [--metrics ID,...] [--format table|json|csv] [--timezone TZ]
               [--sl-threshold SEC] [--short-abandon SEC] [--raw] [--forecast DAYS]
callkpi report goals [--period YYYY-MM] [--scope SCOPE] [--format table|json]
callkpi report executive [--period YYYY-MM] [--format table|json]
callkpi report staffing [...]   the same as callkpi staffing plan (see callkpi staffing --help)

NAME: ${REPORTS.map((r) => `${r.name} (${r.description})`).join('\n      ')}
--to is inclusive; the default period is the current month to date.
goals: each goal of the month with actual to date, pace, attainment, status and month-end projection.
executive: goal statuses, revenue, cost, net, ROI, CPA, the revenue projection and campaigns by net profit.
--forecast DAYS (roi): daily revenue forecast for DAYS after the period, per campaign with --by campaign.
--by takes any dimension: campaign, list, agent, team, site, status, topic, direction, state, reason,
     hour, date, week, month, dow, hour_of_day.`;

export async function reportCommand(argv: string[], g: Globals): Promise<number> {
  // The staffing plan has options of its own (targets, shrinkage): the staffing command owns them.
  if (argv[0] === 'staffing') return staffingCommand(['plan', ...argv.slice(1)], g);
  const { values, positionals } = parse('report', argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    by: { type: 'string' },
    where: { type: 'string', multiple: true },
    metrics: { type: 'string' },
    format: { type: 'string', default: 'table' },
    timezone: { type: 'string' },
    'sl-threshold': { type: 'string' },
    'short-abandon': { type: 'string' },
    raw: { type: 'boolean', default: false },
    forecast: { type: 'string' },
    period: { type: 'string' },
    scope: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return (console.log(REPORT_HELP), 0);
  const name = positionals[0];
  if (!name) throw usageError(`report: expected a report NAME\n${REPORT_HELP}`);
  const format = values.format!;
  if (!['table', 'json', 'csv'].includes(format))
    throw usageError(`--format ${format}: expected table, json or csv`);
  if (name === 'goals' || name === 'executive') {
    if (format === 'csv' && name === 'executive')
      throw usageError('report executive: --format table or json');
    const period = values.period ? { period: values.period } : {};
    if (name === 'goals') {
      const r = await withStore(g, (store) =>
        runGoals(store, { ...period, ...(values.scope ? { scope: values.scope } : {}) }),
      );
      if (format === 'json') console.log(JSON.stringify(r, null, 2));
      else if (format === 'csv') process.stdout.write(toCsv(r.rows as unknown as Record<string, unknown>[]));
      else console.log(goalsTable(r));
    } else {
      const r = await withStore(g, (store) => runExecutive(store, period));
      if (format === 'json') console.log(JSON.stringify(r, null, 2));
      else console.log(executiveTable(r));
    }
    return 0;
  }
  const where: Record<string, string[]> = {};
  for (const w of values.where ?? []) {
    const eq = w.indexOf('=');
    if (eq < 1) throw usageError(`--where ${w}: expected DIM=VALUE`);
    (where[w.slice(0, eq).trim()] ??= []).push(w.slice(eq + 1));
  }
  const report: ReportJson = await withStore(g, (store) =>
    runReport(store, name, {
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.by ? { by: list(values.by) } : {}),
      ...(values.metrics ? { metrics: list(values.metrics) } : {}),
      ...(values.timezone ? { timezone: values.timezone } : {}),
      ...(values['sl-threshold']
        ? { slThresholdSec: intOption('sl-threshold', values['sl-threshold'], 20) }
        : {}),
      ...(values['short-abandon']
        ? { shortAbandonSec: intOption('short-abandon', values['short-abandon'], 5) }
        : {}),
      forceRaw: values.raw ?? false,
      ...(values.forecast ? { forecastDays: intOption('forecast', values.forecast, 0, 1) } : {}),
      where,
    }),
  );
  if (format === 'json') console.log(JSON.stringify(report, null, 2));
  else if (format === 'csv') process.stdout.write(toCsv(report.rows));
  else console.log(toTable(report));
  return 0;
}
