import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { BERLIN_VTIMEZONE } from '../../../shared/logic/berlin-vtimezone';
import { zonedTimeToUtc } from '../../../shared/logic/next-dates';
import { plainFromFeed, type ProblemCounts, type ProblemKind } from './plain-words';

/**
 * Reads a club's or the town's calendar into single occurrences: iCalendar (ical.js) or a web page with a
 * schema.org `Event` list in JSON-LD. Series are expanded here, on the server, within a horizon, so the kiosk
 * gets plain single events (RRULE, RDATE, EXDATE — also an empty one — and RECURRENCE-ID overrides honoured).
 * Times without a time zone are read as Europe/Berlin and counted as a problem for the feed-health page.
 */

export interface ImportedOccurrence {
  /** UID of the feed's event */
  uid: string;
  /** '' for a single event; the original start (UTC ISO, or the date for all-day series) of a series occurrence */
  recurrenceId: string;
  /** UTC ISO instant (all-day: midnight in Berlin) */
  start: string;
  end: string | null;
  allDay: boolean;
  /** all-day: first and last-exclusive dates YYYY-MM-DD */
  startDate: string | null;
  endDate: string | null;
  summary: string;
  description: string | null;
  location: string | null;
}

/** An entry that is not imported, and why (for the preview). */
export interface SkippedEntry {
  summary: string;
  when: string;
  reason: string;
}

export interface ParseResult {
  format: 'ics' | 'jsonld';
  occurrences: ImportedOccurrence[];
  skipped: SkippedEntry[];
  problems: ProblemCounts;
  /** events (masters) in the feed that are over */
  past: number;
}

export interface ParseOptions {
  now: Date;
  /** horizon: occurrences starting after now + daysAhead are not imported (default 400) */
  daysAhead?: number;
  /** occurrences ending before now - daysBack are not imported (default 1) */
  daysBack?: number;
  /** at most this many occurrences per series (default 500) */
  maxPerSeries?: number;
  /** at most this many occurrences per feed (default 5000) */
  maxOccurrences?: number;
}

export class NotACalendarError extends Error {}
export class UnreadableCalendarError extends Error {}

const BERLIN = 'Europe/Berlin';

let zonesReady = false;
/** ical.js resolves TZIDs through a global registry; Europe/Berlin is always ours (EU rules). */
function ensureBerlin(): void {
  if (zonesReady) return;
  const comp = new ICAL.Component(ICAL.parse(BERLIN_VTIMEZONE) as unknown[]);
  ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!), BERLIN);
  zonesReady = true;
}

const ianaCache = new Map<string, boolean>();
function isIana(tz: string): boolean {
  let ok = ianaCache.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    ianaCache.set(tz, ok);
  }
  return ok;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateOf = (t: ICAL.Time) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
const berlinMidnight = (date: string) => zonedTimeToUtc(date, '00:00', BERLIN).toISOString();

type ZoneNote = 'floating' | 'unknown_tz' | null;

/** The UTC instant of an ICAL.Time, and whether its zone had to be guessed. */
function instantOf(t: ICAL.Time): { iso: string; note: ZoneNote } {
  if (t.isDate) return { iso: berlinMidnight(dateOf(t)), note: null };
  if (t.zone === ICAL.Timezone.utcTimezone) return { iso: t.toJSDate().toISOString(), note: null };
  const tzid = (t as unknown as { timezone?: string }).timezone || (t.zone && t.zone.tzid !== 'floating' ? t.zone.tzid : '');
  const wall = `${pad(t.hour)}:${pad(t.minute)}`;
  if (!tzid) return { iso: zonedTimeToUtc(dateOf(t), wall, BERLIN).toISOString(), note: 'floating' };
  if (ICAL.TimezoneService.has(tzid)) {
    const local = new ICAL.Time({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second, isDate: false }, ICAL.TimezoneService.get(tzid)!);
    return { iso: local.toJSDate().toISOString(), note: null };
  }
  if (isIana(tzid)) return { iso: zonedTimeToUtc(dateOf(t), wall, tzid).toISOString(), note: null };
  return { iso: zonedTimeToUtc(dateOf(t), wall, BERLIN).toISOString(), note: 'unknown_tz' };
}

const germanWhen = (iso: string, allDay: boolean) => {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = allDay
    ? { timeZone: BERLIN, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }
    : { timeZone: BERLIN, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat('de-DE', opts).format(d) + (allDay ? '' : ' Uhr');
};

/** Decides by content (servers often send text/plain or text/html for .ics files). */
export function parseFeed(text: string, opts: ParseOptions): ParseResult {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '').trimStart();
  if (/^BEGIN:VCALENDAR/i.test(head)) return parseIcs(text.replace(/^\uFEFF/, ''), opts);
  if (/<script[^>]+application\/ld\+json/i.test(text)) return parseJsonLd(text, opts);
  if (/^[[{]/.test(head)) return parseJsonLd(`<script type="application/ld+json">${text}</script>`, opts);
  throw new NotACalendarError('no VCALENDAR and no JSON-LD');
}

class Collector {
  readonly occurrences: ImportedOccurrence[] = [];
  readonly skipped: SkippedEntry[] = [];
  readonly problems: ProblemCounts = {};
  readonly keys = new Set<string>();
  past = 0;
  readonly fromMs: number;
  readonly toMs: number;
  readonly max: number;
  constructor(readonly opts: ParseOptions) {
    this.fromMs = opts.now.getTime() - (opts.daysBack ?? 1) * 86_400_000;
    this.toMs = opts.now.getTime() + (opts.daysAhead ?? 400) * 86_400_000;
    this.max = opts.maxOccurrences ?? 5000;
  }
  problem(k: ProblemKind, n = 1) {
    this.problems[k] = (this.problems[k] ?? 0) + n;
  }
  skip(summary: string, when: string, reason: string) {
    if (this.skipped.length < 200) this.skipped.push({ summary: summary || '(ohne Titel)', when, reason });
  }
  /** false when the feed limit is reached */
  add(o: ImportedOccurrence): boolean {
    const key = `${o.uid}\u0000${o.recurrenceId}`;
    if (this.keys.has(key)) {
      this.problem('duplicate');
      return true;
    }
    if (this.occurrences.length >= this.max) {
      this.problem('too_many');
      return false;
    }
    this.keys.add(key);
    this.occurrences.push(o);
    return true;
  }
  result(format: ParseResult['format']): ParseResult {
    this.occurrences.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
    return { format, occurrences: this.occurrences, skipped: this.skipped, problems: this.problems, past: this.past };
  }
}

/** Empty EXDATE lines ("EXDATE;TZID=Europe/Berlin:") break ical.js; they mean "no exception" and are dropped. */
function dropEmptyExdates(ve: ICAL.Component): void {
  for (const p of ve.getAllProperties('exdate')) {
    const raw = (p as unknown as { jCal: unknown[] }).jCal.slice(3);
    if (raw.every((v) => /^[-T:\s]*$/.test(String(v)))) ve.removeProperty(p);
  }
}

function sequenceOf(ve: ICAL.Component): number {
  const s = Number(ve.getFirstPropertyValue('sequence') ?? 0);
  return Number.isFinite(s) ? s : 0;
}

function parseIcs(text: string, opts: ParseOptions): ParseResult {
  ensureBerlin();
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw new UnreadableCalendarError((err as Error).message);
  }
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    try {
      const tz = new ICAL.Timezone(vtz);
      // Well-known IANA names are computed with the system's zone data; the feed's own rules only for other names.
      if (tz.tzid && tz.tzid !== BERLIN && !isIana(tz.tzid) && !ICAL.TimezoneService.has(tz.tzid)) ICAL.TimezoneService.register(tz, tz.tzid);
    } catch {
      /* a broken VTIMEZONE: its events fall back to Berlin */
    }
  }
  const c = new Collector(opts);
  const masters = new Map<string, ICAL.Component>();
  const exceptions = new Map<string, ICAL.Component[]>();
  for (const ve of root.getAllSubcomponents('vevent')) {
    const uid = String(ve.getFirstPropertyValue('uid') ?? '').trim();
    const summary = plainFromFeed(ve.getFirstPropertyValue('summary'), 200);
    if (!uid) {
      c.problem('no_uid');
      c.skip(summary, '', 'keine Kennung (UID)');
      continue;
    }
    dropEmptyExdates(ve);
    if (ve.hasProperty('recurrence-id')) {
      const list = exceptions.get(uid) ?? [];
      list.push(ve);
      exceptions.set(uid, list);
      continue;
    }
    const prev = masters.get(uid);
    if (prev) {
      c.problem('duplicate');
      if (sequenceOf(prev) > sequenceOf(ve)) continue;
    }
    masters.set(uid, ve);
  }

  const emit = (uid: string, recurrenceId: string, item: ICAL.Event, start: ICAL.Time, end: ICAL.Time | null, notes: Set<ZoneNote>): 'ok' | 'past' | 'later' | 'skip' | 'full' => {
    const summary = plainFromFeed(item.summary, 200);
    const s = instantOf(start);
    const e = end ? instantOf(end) : null;
    const startMs = Date.parse(s.iso);
    const endMs = e ? Date.parse(e.iso) : startMs;
    if (endMs < c.fromMs) return 'past';
    if (startMs > c.toMs) return 'later';
    const status = String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase();
    if (status === 'CANCELLED') {
      c.skip(summary, germanWhen(s.iso, start.isDate), 'abgesagt');
      return 'skip';
    }
    if (!summary) {
      c.problem('no_title');
      c.skip('', germanWhen(s.iso, start.isDate), 'kein Titel');
      return 'skip';
    }
    notes.add(s.note);
    if (e) notes.add(e.note);
    const ok = c.add({
      uid,
      recurrenceId,
      start: s.iso,
      end: e && endMs > startMs ? e.iso : null,
      allDay: start.isDate,
      startDate: start.isDate ? dateOf(start) : null,
      endDate: start.isDate && end?.isDate ? dateOf(end) : null,
      summary,
      description: plainFromFeed(item.description, 2000) || null,
      location: plainFromFeed(item.location, 300) || null,
    });
    return ok ? 'ok' : 'full';
  };

  const maxPerSeries = opts.maxPerSeries ?? 500;
  outer: for (const [uid, master] of masters) {
    const notes = new Set<ZoneNote>();
    const title = plainFromFeed(master.getFirstPropertyValue('summary'), 200);
    try {
      if (!master.hasProperty('dtstart')) {
        c.problem('no_start');
        c.skip(title, '', 'kein Beginn');
        continue;
      }
      // Exceptions are passed in: without them ical.js scans every VEVENT of the feed per master (quadratic; a 5 MB export took minutes).
      const event = new ICAL.Event(master, { exceptions: [] });
      for (const ex of exceptions.get(uid) ?? []) event.relateException(new ICAL.Event(ex));
      if (!event.isRecurring()) {
        const r = emit(uid, '', event, event.startDate, event.endDate, notes);
        if (r === 'past') c.past++;
        if (r === 'full') break;
      } else {
        const it = event.iterator();
        let kept = 0;
        let any = false;
        // Occurrences are walked in order; an override may move one into the horizon from a month outside it.
        const stopMs = c.toMs + 31 * 86_400_000;
        for (let i = 0, next = it.next(); next && i < 50_000; i++, next = it.next()) {
          const startIso = instantOf(next).iso;
          if (Date.parse(startIso) > stopMs) break;
          const d = event.getOccurrenceDetails(next);
          const recId = next.isDate ? dateOf(next) : startIso;
          const r = emit(uid, recId, d.item, d.startDate, d.endDate, notes);
          if (r === 'full') break outer;
          if (r === 'ok') {
            any = true;
            if (++kept >= maxPerSeries) {
              c.problem('series_cut');
              break;
            }
          }
        }
        if (!any && Date.parse(instantOf(event.startDate).iso) < c.fromMs) c.past++;
      }
    } catch {
      c.problem('broken');
      c.skip(title, '', 'Termin konnte nicht gelesen werden');
      continue;
    }
    if (notes.has('floating')) c.problem('floating');
    else if (notes.has('unknown_tz')) c.problem('unknown_tz');
  }
  // Overrides whose series is missing (exports of a single moved date): single events.
  for (const [uid, list] of exceptions) {
    if (masters.has(uid)) continue;
    for (const ex of list) {
      const notes = new Set<ZoneNote>();
      try {
        const e = new ICAL.Event(ex);
        const rec = e.recurrenceId ? instantOf(e.recurrenceId).iso : '';
        const r = emit(uid, rec, e, e.startDate, e.endDate, notes);
        if (r === 'full') break;
      } catch {
        c.problem('broken');
      }
      if (notes.has('floating')) c.problem('floating');
    }
  }
  return c.result('ics');
}

// ---------------------------------------------------------------- schema.org JSON-LD

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function eventNodes(v: Json, out: Record<string, Json>[], depth = 0): void {
  if (depth > 8 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) eventNodes(x, out, depth + 1);
    return;
  }
  const type = v['@type'];
  const types = (Array.isArray(type) ? type : [type]).map((t) => String(t ?? ''));
  if (types.some((t) => /Event$/.test(t))) out.push(v);
  for (const k of ['@graph', 'itemListElement', 'item', 'subEvent', 'event', 'events']) if (k in v) eventNodes(v[k]!, out, depth + 1);
}

function textOf(v: Json | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(textOf).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    if (v['@type'] === 'PostalAddress') {
      const street = textOf(v.streetAddress);
      const city = [textOf(v.postalCode), textOf(v.addressLocality)].filter(Boolean).join(' ');
      return [street, city].filter(Boolean).join(', ');
    }
    const name = textOf(v.name);
    const addr = textOf(v.address);
    return addr && addr !== name ? [name, addr].filter(Boolean).join(', ') : name;
  }
  return '';
}

/** schema.org dates: "2026-12-05", "2026-12-05T19:00", "2026-12-05T19:00:00+01:00", "…Z". */
function jsonLdInstant(v: string): { iso: string; allDay: boolean; date: string; note: ZoneNote } | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v.trim());
  if (!m) return null;
  const [, date, time, offset] = m;
  if (!time) return { iso: berlinMidnight(date!), allDay: true, date: date!, note: null };
  if (offset) {
    const d = new Date(`${date}T${time}:00${offset === 'Z' ? 'Z' : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`);
    return Number.isNaN(d.getTime()) ? null : { iso: d.toISOString(), allDay: false, date: date!, note: null };
  }
  return { iso: zonedTimeToUtc(date!, time, BERLIN).toISOString(), allDay: false, date: date!, note: 'floating' };
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function parseJsonLd(page: string, opts: ParseOptions): ParseResult {
  const c = new Collector(opts);
  const nodes: Record<string, Json>[] = [];
  const re = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let found = false;
  for (let m = re.exec(page); m; m = re.exec(page)) {
    found = true;
    try {
      eventNodes(JSON.parse(m[1]!.trim().replace(/^<!--|-->$/g, '')) as Json, nodes);
    } catch {
      c.problem('broken');
    }
  }
  if (!found || (nodes.length === 0 && !c.problems.broken)) throw new NotACalendarError('no schema.org Event in the page');
  for (const n of nodes) {
    const summary = plainFromFeed(textOf(n.name), 200);
    const startRaw = typeof n.startDate === 'string' ? n.startDate : '';
    const s = startRaw ? jsonLdInstant(startRaw) : null;
    if (!s) {
      c.problem('no_start');
      c.skip(summary, '', 'kein Beginn');
      continue;
    }
    const e = typeof n.endDate === 'string' ? jsonLdInstant(n.endDate) : null;
    const when = germanWhen(s.iso, s.allDay);
    const endMs = e ? Date.parse(e.allDay ? berlinMidnight(addDays(e.date, 1)) : e.iso) : Date.parse(s.iso);
    if (endMs < c.fromMs) {
      c.past++;
      continue;
    }
    if (Date.parse(s.iso) > c.toMs) continue;
    if (/Cancelled$/.test(String(n.eventStatus ?? ''))) {
      c.skip(summary, when, 'abgesagt');
      continue;
    }
    if (!summary) {
      c.problem('no_title');
      c.skip('', when, 'kein Titel');
      continue;
    }
    if (s.note === 'floating') c.problem('floating');
    // No UID in schema.org: the event's @id or url, else name + start, keeps re-imports matching.
    const idRaw = textOf(n['@id']) || textOf(n.url);
    const uid = idRaw ? `${idRaw.slice(0, 150)}#${startRaw}` : `jsonld-${createHash('sha256').update(`${summary}|${startRaw}`).digest('hex').slice(0, 24)}`;
    const allDay = s.allDay;
    const ok = c.add({
      uid,
      recurrenceId: '',
      start: s.iso,
      end: e && !allDay && Date.parse(e.iso) > Date.parse(s.iso) ? e.iso : null,
      allDay,
      startDate: allDay ? s.date : null,
      endDate: allDay && e ? addDays(e.date, 1) : null,
      summary,
      description: plainFromFeed(textOf(n.description), 2000) || null,
      location: plainFromFeed(textOf(n.location), 300) || null,
    });
    if (!ok) break;
  }
  return c.result('jsonld');
}
