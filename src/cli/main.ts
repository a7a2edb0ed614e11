import { asCallkpiError, ERROR_CODES } from '../errors.js';
import { agentCommand } from './agent.js';
import { auditCommand } from './audit.js';
import { doctorCommand } from './doctor.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { metricsCommand } from './metrics.js';
import { rejectsCommand } from './rejects.js';
import { reportCommand } from './report.js';
import { serveCommand } from './serve.js';
import { settingsCommand } from './settings.js';
import { staffingCommand } from './staffing.js';
import { tokenCommand } from './token.js';
import type { Globals } from './context.js';

const HELP = `callkpi — call-center KPIs from the records your dialer already writes

Usage: callkpi [--db TARGET] [--verbose] COMMAND ...

Commands:
  demo      fill a database with a simulated call center and show its reports
  import    import records (CSV, NDJSON, gzip, stdin) with optional --mapping
  report    funnel | service | agents | lists | roi | quality | tickets | workforce | staffing |
            goals | executive, as table, json or csv
  staffing  agents needed for one interval (Erlang C/A); staffing plan: each half hour of a typical
            week, needed against worked
  agent     one agent's drill-down: trend by day, pauses, dispositions, best/worst hours
  audit     a reproducible random sample of calls per agent and disposition to review
  metrics   the metric catalog: ids, units and formulas
  rejects   rejected input rows with file, line and reason
  doctor    data health: unknown statuses, rejects, gaps, settings in force
  serve     the dashboard and the HTTP API (/api/v1) on this database
  token     API tokens: create (shown once), list, revoke
  settings  show or set installation settings (time zone, thresholds, conversion denominator);
            settings finance: the history of money settings, and set a new version

--db: a DuckDB file (default $CALLKPI_DB, else ./callkpi.duckdb) or :memory:
Run callkpi COMMAND --help for a command's options.`;

type Command = (argv: string[], g: Globals) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  demo: demoCommand,
  import: importCommand,
  report: reportCommand,
  metrics: (argv) => metricsCommand(argv),
  rejects: rejectsCommand,
  doctor: doctorCommand,
  settings: settingsCommand,
  staffing: staffingCommand,
  audit: auditCommand,
  agent: agentCommand,
  serve: serveCommand,
  token: tokenCommand,
};
const LATER = new Set(['sync']);

/** Splits global options from the command; global options may come before or after it. */
function globals(argv: string[]): { g: Globals; rest: string[] } {
  const g: Globals = { db: process.env.CALLKPI_DB || './callkpi.duckdb', verbose: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') g.db = argv[++i] ?? g.db;
    else if (a.startsWith('--db=')) g.db = a.slice(5);
    else if (a === '--verbose') g.verbose = true;
    else rest.push(a);
  }
  return { g, rest };
}

export async function main(argv: string[]): Promise<number> {
  const { g, rest } = globals(argv);
  const [name, ...args] = rest;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    console.log('callkpi 0.1.0');
    return 0;
  }
  try {
    const cmd = COMMANDS[name];
    if (!cmd) {
      const later = LATER.has(name) ? ` is not available in this version yet` : `: unknown command`;
      console.error(`callkpi ${name}${later}\n\n${HELP}`);
      return 2;
    }
    return await cmd(args, g);
  } catch (err) {
    const e = asCallkpiError(err);
    console.error(`callkpi: ${e.message}`);
    if (g.verbose && e.detail instanceof Error && e.detail.stack) console.error(e.detail.stack);
    else if (e.code === 'internal') console.error('(run with --verbose for details)');
    return ERROR_CODES[e.code].exit;
  }
}
