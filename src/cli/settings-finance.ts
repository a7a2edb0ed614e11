import { CallkpiError, usageError } from '../errors.js';
import { PLAN_SYNTAX } from '../reports/commission.js';
import {
  appendCommissionPlan,
  appendFinance,
  commissionHistory,
  currentMinute,
  FINANCE_FIELDS,
  financeHistory,
  readInstant,
  type CommissionHistoryEntry,
  type FinanceField,
  type FinanceHistoryEntry,
  type FinanceValues,
} from '../settings/finance.js';
import { installationTimezone } from '../time/zones.js';
import { parse } from './args.js';
import { withStore, type Globals } from './context.js';

// `callkpi settings finance`: the history of the money settings, and one new version per `set`.
// The work is done by src/settings/finance.ts, which the HTTP API shares.

function wrap(text: string, indent: string, width: number): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.trim() && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else line = line.trim() ? `${line} ${word}` : `${indent}${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

export const FINANCE_HELP = `callkpi settings finance [--campaign C] [--format table|json]
    every finance version in time order with the values in force from it, then the agent and team
    commission plans; --campaign C shows C's versions and the * defaults that apply to it
callkpi settings finance set --campaign C|'*' [--from ISO|now] [--revenue-per-sale N] [--cost-per-call N]
    [--cost-per-agent-hour N] [--currency CODE] [--commission PLAN]
callkpi settings finance set --agent A|--team T --commission PLAN [--from ISO|now]
    appends one version (settings are append-only; history is never rewritten). A field left out
    carries the value in force on; a campaign's own value beats the * default. --from: an ISO
    instant with Z or an offset, a naive one read in the installation time zone, or now (default:
    the current minute). An agent's plan beats their team's, which beats the campaign's.
${wrap(`PLAN: ${PLAN_SYNTAX}`, '    ', 100)}`;

const OPTION_OF = {
  revenue_per_sale: 'revenue-per-sale',
  cost_per_call: 'cost-per-call',
  cost_per_agent_hour: 'cost-per-agent-hour',
  currency: 'currency',
  commission: 'commission',
} as const satisfies Record<FinanceField, string>;

/**
 * parseArgs explains an option value starting with '-' (`--cost-per-call -1`) over three lines;
 * errors are one line.
 */
function oneLine<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CallkpiError && err.code === 'usage')
      throw usageError(err.message.replace(/\s*\n\s*/g, ' '));
    throw err;
  }
}

export async function financeCommand(argv: string[], g: Globals): Promise<number> {
  if (argv[0] === 'set') return financeSet(argv.slice(1), g);
  const { values } = oneLine(() =>
    parse(
      'settings finance',
      argv,
      {
        campaign: { type: 'string' },
        format: { type: 'string', default: 'table' },
        help: { type: 'boolean', short: 'h' },
      },
      false,
    ),
  );
  if (values.help) return (console.log(FINANCE_HELP), 0);
  if (values.format !== 'table' && values.format !== 'json')
    throw usageError(`--format ${values.format}: expected table or json`);
  const { finance, commissions } = await withStore(g, async (store) => ({
    finance: await financeHistory(store, values.campaign === undefined ? {} : { campaign: values.campaign }),
    commissions: await commissionHistory(store),
  }));
  if (values.format === 'json') console.log(JSON.stringify({ finance, commissions }, null, 2));
  else console.log(historyTable(finance, commissions, values.campaign));
  return 0;
}

async function financeSet(argv: string[], g: Globals): Promise<number> {
  const { values } = oneLine(() =>
    parse(
      'settings finance set',
      argv,
      {
        campaign: { type: 'string' },
        agent: { type: 'string' },
        team: { type: 'string' },
        from: { type: 'string', default: 'now' },
        'revenue-per-sale': { type: 'string' },
        'cost-per-call': { type: 'string' },
        'cost-per-agent-hour': { type: 'string' },
        currency: { type: 'string' },
        commission: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      false,
    ),
  );
  if (values.help) return (console.log(FINANCE_HELP), 0);
  const owners = (['campaign', 'agent', 'team'] as const).filter((o) => values[o] !== undefined);
  if (owners.length !== 1)
    throw usageError(
      `settings finance set: give exactly one of --campaign, --agent, --team (got ${owners.length ? owners.map((o) => `--${o}`).join(', ') : 'none'})`,
    );
  const owner = owners[0]!;
  const given = FINANCE_FIELDS.filter((f) => values[OPTION_OF[f]] !== undefined);
  if (owner !== 'campaign') {
    const other = given.filter((f) => f !== 'commission');
    if (other.length)
      throw usageError(
        `settings finance set --${owner}: only --commission can be set per ${owner} (not --${OPTION_OF[other[0]!]})`,
      );
    if (values.commission === undefined)
      throw usageError(`settings finance set --${owner}: --commission PLAN is required`);
  } else if (!given.length)
    throw usageError(
      `settings finance set: give at least one of ${FINANCE_FIELDS.map((f) => `--${OPTION_OF[f]}`).join(', ')}`,
    );

  return withStore(g, async (store) => {
    const from = values.from!.trim();
    const isNow = from.toLowerCase() === 'now';
    const tz = await installationTimezone(store);
    const at = isNow ? currentMinute() : readInstant(from, tz);
    if (!at)
      throw usageError(
        `--from ${from}: expected an ISO date-time (2026-10-01T09:00Z, 2026-10-01T09:00-04:00, or naive in ${tz}) or now`,
      );
    let line: string;
    if (owner === 'campaign') {
      const input: Record<string, string> = {};
      for (const f of given) input[f] = values[OPTION_OF[f]]!;
      const r = await appendFinance(store, { campaign: values.campaign!, effective_from: at, ...input });
      const v = r.version;
      const label = v.campaign === '*' ? '* (default)' : v.campaign;
      const marked = v.carried.length ? ' (* = carried over or from the * default)' : '';
      line = `${r.status === 'unchanged' ? 'unchanged, already stored: ' : ''}${label} from ${v.effective_from}: ${FINANCE_FIELDS.map(
        (f) => `${f} ${cell(v.resolved, f, v.carried.includes(f)).trim()}`,
      ).join(', ')}${marked}`;
    } else {
      const r = await appendCommissionPlan(store, {
        [owner]: values[owner],
        effective_from: at,
        commission: values.commission!,
      });
      const v = r.version;
      line = `${r.status === 'unchanged' ? 'unchanged, already stored: ' : ''}${owner} ${values[owner]!.trim()} from ${v.effective_from}: commission ${v.commission} (overrides the campaign plans)`;
    }
    console.log(line);
    if (!isNow && at.getTime() < currentMinute().getTime())
      console.error(
        `note: ${from} is in the past: reports now value calls and agent time from that instant with this version (until a later one); figures before it are unchanged`,
      );
    return 0;
  });
}

/** An amount with at least 2 decimals (DECIMAL(18,4) keeps 4), or a text; `-` when not set. */
function display(values: FinanceValues, f: FinanceField): string {
  const v = values[f];
  if (v == null) return '-';
  if (typeof v !== 'number') return v;
  const [int, frac = ''] = String(v).split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

/** A value with the `*` marker when it is carried over or inherited, or a space to keep alignment. */
const cell = (values: FinanceValues, f: FinanceField, carried: boolean): string =>
  `${display(values, f)}${carried ? '*' : ' '}`;

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: Set<number>,
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

function historyTable(
  finance: readonly FinanceHistoryEntry[],
  commissions: readonly CommissionHistoryEntry[],
  campaign: string | undefined,
): string {
  const out: string[] = [];
  if (!finance.length)
    out.push(
      campaign === undefined
        ? "no finance settings yet (callkpi settings finance set --campaign '*' --revenue-per-sale N ...)"
        : `no finance settings apply to campaign ${campaign} yet`,
    );
  else {
    out.push(
      campaign === undefined
        ? 'Finance settings: every version, with the values in force for its campaign from that instant'
        : `Finance settings of campaign ${campaign} and the * defaults, with the values in force for ${campaign} from each instant`,
      '',
    );
    const header = ['effective_from', 'campaign', ...FINANCE_FIELDS, 'source'];
    const rows = finance.map((e) => [
      e.effective_from,
      e.campaign,
      ...FINANCE_FIELDS.map((f) => cell(e.resolved, f, e.carried.includes(f))),
      e.source,
    ]);
    out.push(...table(header, rows, new Set([2, 3, 4])));
    out.push(
      '',
      '* after a value: carried over from an earlier version or inherited from the * default; - = not set (valued as 0)',
    );
  }
  out.push('');
  if (!commissions.length) out.push('no agent or team commission plans (campaign plans apply)');
  else {
    out.push(
      'Agent and team commission plans (an agent plan beats a team plan, which beats the campaign plan)',
      '',
    );
    out.push(
      ...table(
        ['effective_from', 'agent', 'team', 'commission', 'source'],
        commissions.map((c) => [c.effective_from, c.agent ?? '', c.team ?? '', c.commission, c.source]),
        new Set(),
      ),
    );
  }
  return out.join('\n');
}
