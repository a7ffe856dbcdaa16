import ICAL from 'ical.js';
import { BERLIN_VTIMEZONE } from '../../shared/logic/berlin-vtimezone';
import type { CityEvent } from './event-store';

/**
 * Every iCalendar text the city API writes (GET /v1/events, /feeds/events.ics, the public pages' termin.ics) is
 * built as ical.js components and serialised by ical.js: it escapes TEXT values (\\ ; , and line breaks) and folds
 * lines. No property is ever written as a string here, so no field can add a property or a component.
 *
 * ical.js leaves a lone CR and other control characters in TEXT untouched (RFC 5545 forbids them there, and a
 * consumer that breaks lines at CR would read whatever follows as a new property), so `icsText` normalises
 * every line break to LF (written as \n) and drops the other control characters before a value reaches ical.js.
 */

// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n|[\r\n\u000B\u000C\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;

/** A TEXT value safe for ical.js: line breaks become LF (serialised as \n), other control characters are dropped. */
export function icsText(s: string): string {
  return s.replace(LINE_BREAKS, '\n').replace(OTHER_CONTROLS, '');
}

/** Ids and UIDs written as unescaped values (x-properties) must be plain tokens. */
const TOKEN = /^[A-Za-z0-9._@:-]{1,200}$/;

export function newCalendar(prodid: string, opts: { method?: string; berlinZone?: boolean } = {}): ICAL.Component {
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('prodid', prodid);
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  if (opts.method) cal.addPropertyWithValue('method', opts.method);
  if (opts.berlinZone) {
    const zones = new ICAL.Component(ICAL.parse(BERLIN_VTIMEZONE) as unknown[]);
    cal.addSubcomponent(zones.getFirstSubcomponent('vtimezone')!);
  }
  return cal;
}

/** SUMMARY, DESCRIPTION, LOCATION …: a TEXT property, sanitised and escaped. Empty values are left out. */
export function addText(comp: ICAL.Component, name: string, value: string | null | undefined): void {
  if (value == null) return;
  const v = icsText(value);
  if (v) comp.addPropertyWithValue(name, v);
}

/** An x-property carrying an id (offer id); anything that is not a plain token is left out. */
export function addToken(comp: ICAL.Component, name: string, value: string | null | undefined): void {
  if (value && TOKEN.test(value)) comp.addPropertyWithValue(name, value);
}

/** A URL property (percent-encoded by the WHATWG URL parser, so no raw control characters or spaces). */
export function addUrl(comp: ICAL.Component, name: string, url: string): void {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return;
  }
  comp.addPropertyWithValue(name, href);
}

/** A UTC instant (ISO string or Date) as DATE-TIME with Z. */
export function utcTime(at: string | Date): ICAL.Time {
  const d = typeof at === 'string' ? new Date(at) : at;
  return ICAL.Time.fromJSDate(new Date(Math.floor(d.getTime() / 1000) * 1000), true);
}

/** A local wall time `YYYY-MM-DDTHH:MM[:SS]` (floating; the property gets its TZID). */
export function localTime(local: string): ICAL.Time {
  return ICAL.Time.fromDateTimeString(local.length === 16 ? `${local}:00` : local);
}

/** A calendar date `YYYY-MM-DD`. */
export function dateValue(day: string): ICAL.Time {
  return ICAL.Time.fromDateString(day);
}

/** A DATE or DATE-TIME property, with TZID when given. */
export function addTime(comp: ICAL.Component, name: string, value: ICAL.Time, tzid?: string): void {
  const p = new ICAL.Property(name);
  p.setValue(value);
  if (tzid && !value.isDate) p.setParameter('tzid', tzid);
  comp.addProperty(p);
}

/**
 * The calendar as text. ical.js folds at `foldLength` octets *plus* the leading space of a continuation line;
 * 74 keeps every line within RFC 5545's 75 octets. The setting is restored at once.
 */
export function calendarText(comp: ICAL.Component): string {
  const fold = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return `${comp.toString()}\r\n`;
  } finally {
    ICAL.foldLength = fold;
  }
}

/** One component (a VEVENT spliced into a calendar built here) as folded text, without a trailing line break. */
export function componentText(comp: ICAL.Component): string {
  return calendarText(comp).slice(0, -2);
}

function durationValue(min: number): ICAL.Duration {
  return ICAL.Duration.fromData({ hours: Math.floor(min / 60), minutes: min % 60 });
}

/** The VEVENTs of one stored event: the master (RRULE, EXDATE) and one per override (RECURRENCE-ID). */
export function eventComponents(e: CityEvent & { updated_at: string }, now: Date): ICAL.Component[] {
  const out: ICAL.Component[] = [];
  const base = (start: string, summary: string, durationMin: number | undefined, recurrenceId?: string) => {
    const ve = new ICAL.Component('vevent');
    ve.addPropertyWithValue('uid', e.uid);
    addTime(ve, 'dtstamp', utcTime(now));
    addTime(ve, 'last-modified', utcTime(e.updated_at));
    if (e.all_day) addTime(ve, 'dtstart', dateValue(start.slice(0, 10)));
    else addTime(ve, 'dtstart', localTime(start), e.tzid);
    if (durationMin) ve.addPropertyWithValue('duration', durationValue(durationMin));
    if (recurrenceId) addTime(ve, 'recurrence-id', localTime(recurrenceId), e.tzid);
    else {
      if (e.rrule) ve.addPropertyWithValue('rrule', ICAL.Recur.fromString(e.rrule));
      for (const ex of e.exdates) addTime(ve, 'exdate', localTime(ex), e.tzid);
    }
    addText(ve, 'summary', summary);
    addText(ve, 'description', e.description);
    addText(ve, 'location', e.location);
    addToken(ve, 'x-gemeinsam-offer', e.offer_id);
    out.push(ve);
  };
  base(e.dtstart, e.summary, e.duration_min);
  for (const o of e.overrides) base(o.dtstart, o.summary ?? e.summary, o.duration_min ?? e.duration_min, o.recurrence_id);
  return out;
}

/** Builds the iCalendar text served by GET /v1/events (and /feeds/events.ics). */
export function buildCalendar(events: (CityEvent & { updated_at: string })[], now = new Date(), name?: string): string {
  const cal = newCalendar('-//GEMEINSAM Kiosk//Reference City API//DE', { berlinZone: true });
  // the calendar's name in calendar apps (X-WR-CALNAME, /feeds/events.ics: "Angebotslandkarte Lohmar – Termine")
  if (name) {
    const p = new ICAL.Property('x-wr-calname');
    p.resetType('text'); // escaped like SUMMARY (an x-property is 'unknown', written as it is)
    p.setValue(icsText(name));
    cal.addProperty(p);
  }
  for (const e of events) for (const ve of eventComponents(e, now)) cal.addSubcomponent(ve);
  return calendarText(cal);
}
