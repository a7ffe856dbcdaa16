import ICAL from 'ical.js';
import { BERLIN_VTIMEZONE } from '../../../shared/logic/berlin-vtimezone';
import { eventOccurrenceSchema, type EventOccurrence } from '../../../shared/schemas/event';

/**
 * Expands an iCalendar feed (GET /v1/events) into single occurrences for a time window:
 * RRULE, EXDATE, RECURRENCE-ID overrides and TZID time zones (Europe/Berlin with its DST rules built in).
 * Every occurrence is validated; invalid ones are counted and skipped.
 */


export const KIOSK_TZID = 'Europe/Berlin';
let berlin: ICAL.Timezone | null = null;

/** The built-in Europe/Berlin zone (EU rules: last Sunday of March / October). */
export function berlinTimezone(): ICAL.Timezone {
  if (!berlin) {
    const comp = new ICAL.Component(ICAL.parse(BERLIN_VTIMEZONE) as unknown[]);
    berlin = new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!);
  }
  return berlin;
}

export interface ExpandOptions {
  /** window start and end (UTC instants); an occurrence is kept when it starts inside */
  from: Date;
  to: Date;
  maxOccurrences?: number;
  /** Offer ids that exist locally; a link to any other id is dropped (the event then counts as a town event). */
  knownOfferIds?: (id: string) => boolean;
}

export interface ExpandResult {
  occurrences: EventOccurrence[];
  rejected: number;
  /** messages for the log (uid and reason only) */
  problems: string[];
}

/** Local wall time in a zone to an ICAL.Time (for all-day dates: midnight in Berlin). */
function toInstant(t: ICAL.Time, zones: Map<string, ICAL.Timezone>): Date {
  if (t.isDate) {
    const midnight = new ICAL.Time({ year: t.year, month: t.month, day: t.day, hour: 0, minute: 0, second: 0, isDate: false }, berlinTimezone());
    return midnight.toJSDate();
  }
  if (t.zone === ICAL.Timezone.utcTimezone) return t.toJSDate();
  const tzid = (t as unknown as { timezone?: string }).timezone || (t.zone && t.zone.tzid !== 'floating' ? t.zone.tzid : '');
  const zone = (tzid && zones.get(tzid)) || berlinTimezone();
  const local = new ICAL.Time({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second, isDate: false }, zone);
  return local.toJSDate();
}

export function expandIcs(text: string, opts: ExpandOptions): ExpandResult {
  const max = opts.maxOccurrences ?? 5000;
  const problems: string[] = [];
  let rejected = 0;
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw new Error(`not an iCalendar feed: ${(err as Error).message}`);
  }
  const zones = new Map<string, ICAL.Timezone>([[KIOSK_TZID, berlinTimezone()]]);
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    if (tz.tzid && tz.tzid !== KIOSK_TZID) zones.set(tz.tzid, tz);
  }
  // ical.js resolves TZIDs through its global service while parsing properties.
  for (const [id, tz] of zones) if (!ICAL.TimezoneService.has(id) || id === KIOSK_TZID) ICAL.TimezoneService.register(tz, id);

  const masters = new Map<string, ICAL.Component>();
  const exceptions = new Map<string, ICAL.Component[]>();
  for (const ve of root.getAllSubcomponents('vevent')) {
    const uid = String(ve.getFirstPropertyValue('uid') ?? '');
    if (!uid) {
      rejected++;
      problems.push('event without UID');
      continue;
    }
    if (ve.hasProperty('recurrence-id')) {
      const list = exceptions.get(uid) ?? [];
      list.push(ve);
      exceptions.set(uid, list);
    } else masters.set(uid, ve);
  }

  const fromMs = opts.from.getTime();
  const toMs = opts.to.getTime();
  const out: EventOccurrence[] = [];
  const push = (uid: string, item: ICAL.Event, start: ICAL.Time, end: ICAL.Time | null, offerId: string | undefined) => {
    const startAt = toInstant(start, zones);
    if (startAt.getTime() < fromMs || startAt.getTime() > toMs) return;
    const candidate = {
      uid,
      ...(offerId && (opts.knownOfferIds?.(offerId) ?? true) ? { offer_id: offerId } : {}),
      title: item.summary ?? '',
      ...(item.description ? { description: item.description } : {}),
      ...(item.location ? { location: item.location } : {}),
      start: startAt.toISOString(),
      ...(end ? { end: toInstant(end, zones).toISOString() } : {}),
      all_day: start.isDate,
    };
    const parsed = eventOccurrenceSchema.safeParse(candidate);
    if (!parsed.success) {
      rejected++;
      problems.push(`${uid.slice(0, 100)}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      return;
    }
    if (out.length < max) out.push(parsed.data);
  };

  for (const [uid, master] of masters) {
    try {
      const event = new ICAL.Event(master);
      for (const ex of exceptions.get(uid) ?? []) event.relateException(new ICAL.Event(ex));
      const offerRaw = master.getFirstPropertyValue('x-gemeinsam-offer');
      const offerId = typeof offerRaw === 'string' ? offerRaw.trim() : undefined;
      if (!event.isRecurring()) {
        push(uid, event, event.startDate, event.endDate, offerId);
        continue;
      }
      const it = event.iterator();
      // Iterate a little past the window: an override may move an occurrence into it.
      const stopMs = toMs + 31 * 86_400_000;
      // A series without overrides: an occurrence starts at its recurrence time, so the ones well before the window are
      // skipped without working out their details and zone (a daily series begun years ago has thousands; each cost
      // ~0.05 ms, every sync). Wall time read as UTC is within a day of the instant in any zone.
      const skipBeforeMs = (exceptions.get(uid)?.length ?? 0) === 0 ? fromMs - 2 * 86_400_000 : -Infinity;
      for (let i = 0, next = it.next(); next && i < 20_000; i++, next = it.next()) {
        if (Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute) < skipBeforeMs) continue;
        if (toInstant(next, zones).getTime() > stopMs) break;
        const d = event.getOccurrenceDetails(next);
        const item = d.item;
        const ownOffer = item.component.getFirstPropertyValue('x-gemeinsam-offer');
        push(uid, item, d.startDate, d.endDate, typeof ownOffer === 'string' ? ownOffer.trim() : offerId);
      }
    } catch (err) {
      rejected++;
      problems.push(`${uid.slice(0, 100)}: ${(err as Error).message}`);
    }
  }
  // Overrides whose master is missing: show them as single events.
  for (const [uid, list] of exceptions) {
    if (masters.has(uid)) continue;
    for (const ex of list) {
      const e = new ICAL.Event(ex);
      const offerRaw = ex.getFirstPropertyValue('x-gemeinsam-offer');
      push(uid, e, e.startDate, e.endDate, typeof offerRaw === 'string' ? offerRaw.trim() : undefined);
    }
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : 1));
  return { occurrences: out, rejected, problems };
}
