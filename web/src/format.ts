import type { Unit } from './types';

// One formatting of figures for every page: money with the report's currency, ratios as %,
// durations as m:ss (under an hour) or h:mm, counts grouped. Missing values show as an en dash.

const NA = '–';
const grouped = (digits: number): Intl.NumberFormat =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const INT = grouped(0);
const TWO = grouped(2);
const ONE = grouped(1);

export function duration(sec: number): string {
  const neg = sec < 0 ? '-' : '';
  const s = Math.round(Math.abs(sec));
  if (s < 3600) return `${neg}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const m = Math.round(s / 60);
  // The unit says which of m:ss and h:mm a figure is: 4:40 h is not 4:40.
  return `${neg}${INT.format(Math.floor(m / 60))}:${String(m % 60).padStart(2, '0')} h`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
export function money(
  v: number,
  currency: string | null | undefined,
  compact = false,
  whole = false,
): string {
  const key = `${currency ?? ''}|${compact}|${whole}`;
  let f = moneyFormats.get(key);
  if (!f) {
    const opts: Intl.NumberFormatOptions = compact
      ? { notation: 'compact', maximumFractionDigits: 1 }
      : whole
        ? { maximumFractionDigits: 0 }
        : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    try {
      f = new Intl.NumberFormat('en-US', currency ? { ...opts, style: 'currency', currency } : opts);
    } catch {
      // An unknown ISO code in the finance settings: the figure without a symbol.
      f = new Intl.NumberFormat('en-US', opts);
    }
    moneyFormats.set(key, f);
  }
  return f.format(v);
}

export function formatValue(
  v: unknown,
  unit: Unit | undefined,
  currency?: string | null,
  /** compact: 1.2M on axes; whole: no cents on amounts of 1,000 and more (headline tiles) */
  opts: { compact?: boolean; whole?: boolean } = {},
): string {
  if (v === null || v === undefined || v === '') return NA;
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return NA;
  switch (unit) {
    case 'ratio':
      return `${ONE.format(v * 100)}%`;
    case 'seconds':
      return duration(v);
    case 'money':
      return money(v, currency, opts.compact, opts.whole && Math.abs(v) >= 1000);
    case 'per_hour':
    case 'score':
      return TWO.format(v);
    default:
      return Number.isInteger(v) ? INT.format(v) : TWO.format(v);
  }
}

export const formatCount = (n: number): string => INT.format(n);

/** `2026-11-01 → 2026-11-22` as a short human period. */
export function periodText(from: string, to: string): string {
  return from === to ? from : `${from} → ${to}`;
}

export const DOW = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
