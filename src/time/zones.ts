import { usageError } from '../errors.js';

// Reports bucket in one IANA zone; these helpers turn calendar dates of that zone into UTC
// instants and back, with the offset in force at each instant (so DST days have 23 or 25 hours).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimezone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function checkTimezone(tz: string): string {
  if (!isTimezone(tz))
    throw usageError(`unknown time zone "${tz}" (use an IANA name such as America/New_York or UTC)`);
  return tz;
}

/** Offset of `tz` from UTC at instant `ms`, in minutes (New York in winter: -300). */
export function offsetMinutes(tz: string, ms: number): number {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The UTC instant of local midnight starting `date` (YYYY-MM-DD) in `tz`. */
export function zonedMidnight(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y!, m! - 1, d!);
  // Two passes settle the offset even when midnight itself sits next to a transition.
  let ms = guess - offsetMinutes(tz, guess) * 60_000;
  ms = guess - offsetMinutes(tz, ms) * 60_000;
  return new Date(ms);
}

/** Calendar date (YYYY-MM-DD) in `tz` of an instant. */
export function zonedDate(ms: number, tz: string): string {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** `2026-11-01T01:00-04:00`: a local wall-clock time with the offset that makes it unambiguous. */
export function formatLocalHour(ms: number, tz: string): string {
  const off = offsetMinutes(tz, ms);
  const local = new Date(ms + off * 60_000).toISOString().slice(0, 16);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** True when every offset of `tz` between the two instants is a whole number of hours. */
export function wholeHourOffsets(tz: string, fromMs: number, toMs: number): boolean {
  for (let t = fromMs; t <= toMs; t += 86_400_000 / 4) if (offsetMinutes(tz, t) % 60 !== 0) return false;
  return offsetMinutes(tz, toMs) % 60 === 0;
}

export function systemTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The installation's reporting zone: set by `callkpi demo` or the settings, else the machine's. */
export async function installationTimezone(store: {
  getMeta(key: string): Promise<string | undefined>;
}): Promise<string> {
  return (await store.getMeta('timezone')) ?? systemTimezone();
}
