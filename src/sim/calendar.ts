import { isTimezone, offsetMinutes, zonedDate } from '../time/zones.js';

// Calendar arithmetic for the simulator: local days of the center's time zone, converted to UTC epoch
// seconds once per day, and fast ISO formatting (called for every generated row).

/** Offset of local time from UTC in seconds at an instant (e.g. -14400 for New York in summer). */
const tzOffsetSec = (tz: string, epochSec: number): number => offsetMinutes(tz, epochSec * 1000) * 60;

export const isValidTimeZone = isTimezone;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`not a calendar date: ${date}`);
  return ms / 1000;
}

export const addDays = (date: string, n: number): string =>
  new Date((parseDate(date) + n * 86400) * 1000).toISOString().slice(0, 10);

/** 0 = Sunday ... 6 = Saturday. */
export const dayOfWeek = (date: string): number => new Date(parseDate(date) * 1000).getUTCDay();

export const todayIn = (tz: string): string => zonedDate(Date.now(), tz);

const dayBases = new Map<string, number>();

/**
 * Epoch seconds of local midnight as if the whole day had the offset in force at local noon. DST
 * switches happen around 02:00, so base + s is exact for every local time from 03:00 on, which covers
 * the floor's opening hours; only the night before a switch would be off by an hour.
 */
export function localDayBase(date: string, tz: string): number {
  const key = `${tz} ${date}`;
  let base = dayBases.get(key);
  if (base === undefined) {
    const utcMidnight = parseDate(date);
    const noonGuess = utcMidnight + 12 * 3600;
    base = utcMidnight - tzOffsetSec(tz, noonGuess - tzOffsetSec(tz, noonGuess));
    if (dayBases.size > 10_000) dayBases.clear();
    dayBases.set(key, base);
  }
  return base;
}

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let cachedDay = NaN;
let cachedPrefix = '';
let lastSec = NaN;
let lastIso = '';

/**
 * `2026-10-05T13:04:05Z` for integer epoch seconds. Rows come in time order, so the date prefix is
 * cached per UTC day and the whole string for the last second (one string shared by many rows).
 */
export function isoUtc(epochSec: number): string {
  if (epochSec === lastSec) return lastIso;
  const day = Math.floor(epochSec / 86400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * 86400000).toISOString().slice(0, 11);
  }
  let s = epochSec - day * 86400;
  const h = (s / 3600) | 0;
  s -= h * 3600;
  const m = (s / 60) | 0;
  lastSec = epochSec;
  lastIso = cachedPrefix + pad2[h] + ':' + pad2[m] + ':' + pad2[s - m * 60] + 'Z';
  return lastIso;
}

/** The `YYYY-MM` of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);
