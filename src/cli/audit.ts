import { usageError } from '../errors.js';
import { AUDIT_COLUMNS, auditSample } from '../reports/audit.js';
import { toCsv } from '../reports/format.js';
import { smallTable } from './agent.js';
import { intOption, parse } from './args.js';
import { withStore, type Globals } from './context.js';

export const AUDIT_HELP = `callkpi audit [--agent A] [--status S] [--campaign C] [--from DATE] [--to DATE]
              [--sample 20] [--seed X] [--timezone TZ] [--format table|csv|json]

A reproducible random sample of calls to review: --sample calls (default 20) per agent and
disposition (status), so --status SALE gives 20 sales of each agent and --agent A 20 calls of
each of A's dispositions. Each group shows how many of its calls were drawn: 3 of 57.
The draw orders each group's calls by md5(seed, call_id): the same seed over the same data gives
the same sample, and calls imported later do not reshuffle the others. The default seed is the
period, FROM..TO; pass --seed to keep a sample across periods or to draw a fresh one.
Calls without an agent are left out. The customer is never shown.
--to is inclusive; the default period is the current month to date.`;

export async function auditCommand(argv: string[], g: Globals): Promise<number> {
  const { values } = parse(
    'audit',
    argv,
    {
      agent: { type: 'string' },
      status: { type: 'string' },
      campaign: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      sample: { type: 'string' },
      seed: { type: 'string' },
      timezone: { type: 'string' },
      format: { type: 'string', default: 'table' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) return (console.log(AUDIT_HELP), 0);
  const format = values.format!;
  if (!['table', 'json', 'csv'].includes(format))
    throw usageError(`--format ${format}: expected table, json or csv`);
  const sample = intOption('sample', values.sample, 20, 1);
  const r = await withStore(g, (store) =>
    auditSample(store, {
      sample,
      ...(values.agent !== undefined ? { agent: values.agent } : {}),
      ...(values.status !== undefined ? { status: values.status } : {}),
      ...(values.campaign !== undefined ? { campaign: values.campaign } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values.timezone ? { timezone: values.timezone } : {}),
    }),
  );
  if (format === 'json') console.log(JSON.stringify(r, null, 2));
  else if (format === 'csv') process.stdout.write(toCsv(r.rows, AUDIT_COLUMNS));
  else {
    const lines = [
      `audit · ${r.from} → ${r.to} · ${r.timezone} · seed ${JSON.stringify(r.seed)} · ${r.sample} per agent and status`,
      '',
    ];
    if (!r.rows.length) lines.push('(no calls with an agent match in this period)');
    else {
      // N of M per group first, then the calls: `pick` is the call's place in its group's draw.
      lines.push(
        ...smallTable(r.groups, ['agent', 'status'], ['agent', 'status', 'sampled', 'population']),
        '',
      );
      const dims = ['agent', 'status', 'call_id', 'started_at', 'direction', 'campaign', 'list'];
      lines.push(...smallTable(r.rows, dims, AUDIT_COLUMNS));
    }
    console.log(lines.join('\n'));
  }
  return 0;
}
