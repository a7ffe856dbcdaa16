import type { Schedule, Weekday } from '../schemas/offer';

/**
 * Calendar arithmetic for schedules, in a named time zone (Europe/Berlin), using only Intl — no date library.
 * Plain dates are 'YYYY-MM-DD' strings; day arithmetic on them is done in UTC, where no DST exists.
 */

export const KIOSK_TZ = 'Europe/Berlin';
const JS_DAY_TO_WEEKDAY: Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}
function zonedParts(d: Date, tz: string): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(d)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date at instant `d` in `tz`. */
export function localDate(d: Date, tz = KIOSK_TZ): string {
  const p = zonedParts(d, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local wall-clock time 'HH:MM' at instant `d` in `tz`. */
export function localTime(d: Date, tz = KIOSK_TZ): string {
  const p = zonedParts(d, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Offset of `tz` from UTC at instant `t`, in minutes (Berlin: +60 in winter, +120 in summer). */
function offsetMinutes(t: number, tz: string): number {
  const p = zonedParts(new Date(t), tz);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000) / 60000;
}

/**
 * The instant when the wall clock in `tz` shows `date` `time`. A time that does not exist (spring-forward gap)
 * is moved forward by the gap; an ambiguous time (autumn) resolves to the first (summer-time) occurrence.
 */
export function zonedTimeToUtc(date: string, time: string, tz = KIOSK_TZ): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The offsets a day before and a day after cover both sides of any change that day (Berlin changes at most once).
  const before = wall - offsetMinutes(wall - 86_400_000, tz) * 60000;
  const after = wall - offsetMinutes(wall + 86_400_000, tz) * 60000;
  // Prefer the earlier instant that still shows the requested wall time (autumn ambiguity: summer time) …
  for (const c of [Math.min(before, after), Math.max(before, after)]) {
    if (localDate(new Date(c), tz) === date && localTime(new Date(c), tz) === time) return new Date(c);
  }
  // … else the time is in the spring-forward gap: with the offset before the change, i.e. moved forward by the gap.
  return new Date(before);
}

function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, n: number): string {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  return JS_DAY_TO_WEEKDAY[parseDate(date).getUTCDay()]!;
}

function daysInMonth(date: string): number {
  const d = parseDate(date);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Which occurrence of its weekday the date is in its month (1..5), and whether it is the last one. */
export function weekdayPosition(date: string): { nth: number; last: boolean } {
  const day = Number(date.slice(8, 10));
  return { nth: Math.ceil(day / 7), last: day + 7 > daysInMonth(date) };
}

/** Days since 1970-01-01 of a plain date (UTC arithmetic, no DST). */
const dayNumber = (date: string) => Math.round(parseDate(date).getTime() / 86_400_000);
/** Monday of the week of `date` (weeks start on Monday, RFC 5545's default WKST). */
const mondayOf = (date: string) => addDays(date, -((parseDate(date).getUTCDay() + 6) % 7));
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const divides = (n: number, k: number) => ((k % n) + n) % n === 0;

/** Is `date` in one of the weeks (weekly) or months (monthly) of the schedule's interval, counted from its anchor? */
function inInterval(s: Schedule, date: string): boolean {
  const n = s.interval ?? 1;
  const anchor = s.dtstart ?? s.valid_from;
  if (n <= 1 || !anchor) return true;
  if (s.freq === 'weekly') return divides(n, (dayNumber(mondayOf(date)) - dayNumber(mondayOf(anchor))) / 7);
  if (s.freq === 'monthly') return divides(n, monthIndex(date) - monthIndex(anchor));
  return true;
}

/** RFC 5545 BYMONTHDAY: 1…31 from the start, -1… from the end; the 31st does not exist in April, so April has none. */
function onMonthDay(days: readonly number[], date: string): boolean {
  const day = Number(date.slice(8, 10));
  const len = daysInMonth(date);
  return days.some((d) => (d > 0 ? d === day : len + d + 1 === day));
}

/**
 * Does the schedule take place on this calendar date? `by_arrangement` never does. Nothing before `dtstart`.
 * `interval` n: every n-th week / month counted from `dtstart` (else `valid_from`). Monthly: on `bymonthday` days,
 * on the `byday` weekdays (`setpos`: which one of the month; without setpos and without bymonthday the first), or
 * on both at once ("Friday the 13th") when both are given.
 */
export function scheduleOccursOn(s: Schedule, date: string): boolean {
  if (s.valid_from && date < s.valid_from) return false;
  if (s.valid_to && date > s.valid_to) return false;
  if (s.dtstart && date < s.dtstart) return false;
  switch (s.freq) {
    case 'once':
      return s.date === date;
    case 'weekly':
      return !!s.byday?.includes(weekdayOf(date)) && inInterval(s, date);
    case 'monthly': {
      if (!inInterval(s, date)) return false;
      if (s.bymonthday?.length && !onMonthDay(s.bymonthday, date)) return false;
      if (!s.byday?.length) return !!s.bymonthday?.length;
      if (!s.byday.includes(weekdayOf(date))) return false;
      if (s.bymonthday?.length && s.setpos === undefined) return true;
      const { nth, last } = weekdayPosition(date);
      const setpos = s.setpos ?? 1;
      return setpos === -1 ? last : setpos === nth;
    }
    default:
      return false;
  }
}

export interface Occurrence {
  /** ISO date-time in UTC */
  start: string;
  /** ISO date-time in UTC, or null when the schedule has no end time */
  end: string | null;
}

/**
 * The next `count` occurrences of the schedules at or after `now` (an occurrence still running counts),
 * looking at most `horizonDays` ahead; soonest first, without duplicates.
 */
export function nextOccurrences(schedules: readonly Schedule[], now: Date, count: number, tz = KIOSK_TZ, horizonDays = 400): Occurrence[] {
  const out: Occurrence[] = [];
  if (count <= 0) return out;
  const dated = schedules.filter((s) => s.freq !== 'by_arrangement');
  if (dated.length === 0) return out;
  const nowMs = now.getTime();
  const today = localDate(now, tz);
  const seen = new Set<string>();
  for (let i = 0; i <= horizonDays && out.length < count; i++) {
    const date = addDays(today, i);
    const todays: Occurrence[] = [];
    for (const s of dated) {
      if (!scheduleOccursOn(s, date)) continue;
      const start = zonedTimeToUtc(date, s.opens_at ?? '00:00', tz);
      let end: Date | null = s.closes_at ? zonedTimeToUtc(date, s.closes_at, tz) : null;
      if (end && end.getTime() <= start.getTime()) end = null;
      const running = end ? end.getTime() > nowMs : s.opens_at ? start.getTime() >= nowMs : true;
      if (!running) continue;
      const key = start.toISOString();
      if (seen.has(key)) continue;
      seen.add(key);
      todays.push({ start: key, end: end ? end.toISOString() : null });
    }
    todays.sort((a, b) => a.start.localeCompare(b.start));
    for (const o of todays) if (out.length < count) out.push(o);
  }
  return out;
}
