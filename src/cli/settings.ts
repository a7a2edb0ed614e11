import { catalog } from '../catalog/index.js';
import { usageError } from '../errors.js';
import type { DuckStore } from '../storage/duckdb/connection.js';
import { rebuildRollups, rollupThresholds } from '../storage/duckdb/rollups.js';
import { conversionDenominator, DEFAULT_FCR_WINDOW_DAYS } from '../reports/run.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../storage/rollup-columns.js';
import { checkTimezone, installationTimezone } from '../time/zones.js';
import { intOption, parse } from './args.js';
import { withStore, type Globals } from './context.js';
import { FINANCE_HELP, financeCommand } from './settings-finance.js';

// Installation settings: the choices metrics.md leaves to each call center. Changing a threshold
// rebuilds the rollups, which hold counts for the thresholds in force.

export const SETTINGS_HELP = `callkpi settings [show]
callkpi settings set KEY VALUE

KEY: timezone (IANA name), conversion_denominator (${Object.keys(catalog().metric('conversion_rate').variants ?? {}).join(' | ')}),
     sl_threshold_sec (service-level T, default 20), short_abandon_sec (default 5),
     fcr_window_days (repeat-contact window of first-contact resolution, default 7)

Money settings (effective-dated, append-only):
${FINANCE_HELP}`;

export async function showSettings(store: DuckStore): Promise<Record<string, unknown>> {
  const t = (await rollupThresholds(store)) ?? DEFAULT_THRESHOLDS;
  return {
    timezone: await installationTimezone(store),
    conversion_denominator: await conversionDenominator(store),
    sl_threshold_sec: t.slSec,
    short_abandon_sec: t.shortAbandonSec,
    fcr_window_days: Number((await store.getMeta('fcr_window_days')) ?? DEFAULT_FCR_WINDOW_DAYS),
  };
}

export async function applySetting(store: DuckStore, key: string, value: string): Promise<string> {
  switch (key) {
    case 'fcr_window_days': {
      const n = intOption(key, value, 0, 1);
      await store.setMeta('fcr_window_days', String(n));
      return `fcr_window_days = ${n}`;
    }
    case 'timezone':
      await store.setMeta('timezone', checkTimezone(value));
      return `timezone = ${value}`;
    case 'conversion_denominator': {
      const variants = Object.keys(catalog().metric('conversion_rate').variants ?? {});
      if (!variants.includes(value))
        throw usageError(`conversion_denominator: one of ${variants.join(', ')}`);
      await store.setMeta('conversion_denominator', value);
      return `conversion_denominator = ${value}`;
    }
    case 'sl_threshold_sec':
    case 'short_abandon_sec': {
      const current = (await showSettings(store)) as { sl_threshold_sec: number; short_abandon_sec: number };
      const n = intOption(key, value, 0, 0);
      const t: Thresholds = {
        slSec: key === 'sl_threshold_sec' ? n : current.sl_threshold_sec,
        shortAbandonSec: key === 'short_abandon_sec' ? n : current.short_abandon_sec,
      };
      await rebuildRollups(store, t);
      return `${key} = ${n} (rollups rebuilt)`;
    }
    default:
      throw usageError(`unknown setting "${key}"\n${SETTINGS_HELP}`);
  }
}

export async function settingsCommand(argv: string[], g: Globals): Promise<number> {
  if (argv[0] === 'finance') return financeCommand(argv.slice(1), g);
  const { values, positionals } = parse('settings', argv, {
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return (console.log(SETTINGS_HELP), 0);
  const [action = 'show', key, value] = positionals;
  if (action === 'show') {
    const s = await withStore(g, showSettings);
    if (values.format === 'json') console.log(JSON.stringify(s, null, 2));
    else for (const [k, v] of Object.entries(s)) console.log(`${k.padEnd(24)} ${v}`);
    return 0;
  }
  if (action !== 'set' || !key || value === undefined) throw usageError(SETTINGS_HELP);
  console.log(await withStore(g, (store) => applySetting(store, key, value)));
  return 0;
}
