import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { addText, addTime, addToken, componentText, dateValue, utcTime } from '../ics-writer';
import type { StoredOccurrence } from './source-store';

/**
 * Imported occurrences as single VEVENTs for GET /v1/events. Each gets a stable UID of its own
 * (source + feed UID + RECURRENCE-ID), so the kiosk, which replaces its whole event window at every sync,
 * drops an occurrence that vanished from the feed and picks up a changed time at its next sync.
 */

export function kioskUid(o: Pick<StoredOccurrence, 'sourceId' | 'uid' | 'recurrenceId'>): string {
  return `cal-${o.sourceId.slice(0, 8)}-${createHash('sha256').update(`${o.sourceId}\u0000${o.uid}\u0000${o.recurrenceId}`).digest('hex').slice(0, 24)}`;
}

export function importedVevents(occurrences: StoredOccurrence[], now = new Date()): ICAL.Component[] {
  return occurrences.map((o) => {
    const ve = new ICAL.Component('vevent');
    ve.addPropertyWithValue('uid', kioskUid(o));
    addTime(ve, 'dtstamp', utcTime(now));
    addTime(ve, 'last-modified', utcTime(o.updatedAt));
    if (o.allDay && o.startDate) {
      addTime(ve, 'dtstart', dateValue(o.startDate));
      if (o.endDate && o.endDate > o.startDate) addTime(ve, 'dtend', dateValue(o.endDate));
    } else {
      addTime(ve, 'dtstart', utcTime(o.startUtc));
      if (o.endUtc) addTime(ve, 'dtend', utcTime(o.endUtc));
    }
    addText(ve, 'summary', o.summary);
    addText(ve, 'description', o.description);
    addText(ve, 'location', o.location);
    addToken(ve, 'x-gemeinsam-offer', o.offerId);
    return ve;
  });
}

/** Adds imported occurrences (storage: calendarOccurrences of the window) to a calendar built by buildCalendar. */
export function withImportedEvents(calendar: string, occurrences: StoredOccurrence[], now = new Date()): string {
  const vevents = importedVevents(occurrences, now);
  if (!vevents.length) return calendar;
  // Each VEVENT is serialised whole by ical.js, so splicing it before the calendar's END line keeps one component each.
  const end = calendar.lastIndexOf('END:VCALENDAR');
  return `${calendar.slice(0, end)}${vevents.map(componentText).join('\r\n')}\r\n${calendar.slice(end)}`;
}
