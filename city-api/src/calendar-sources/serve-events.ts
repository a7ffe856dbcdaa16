import { createHash } from 'node:crypto';
import type { CityDb } from '../city-db';
import { escapeIcsText, foldLine } from '../ics-writer';
import { occurrencesForWindow, type StoredOccurrence } from './source-store';

/**
 * Imported occurrences as single VEVENTs for GET /v1/events. Each gets a stable UID of its own
 * (source + feed UID + RECURRENCE-ID), so the kiosk, which replaces its whole event window at every sync,
 * drops an occurrence that vanished from the feed and picks up a changed time at its next sync.
 */

const icsUtc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
const icsDate = (d: string) => d.replace(/-/g, '');

export function kioskUid(o: Pick<StoredOccurrence, 'sourceId' | 'uid' | 'recurrenceId'>): string {
  return `cal-${o.sourceId.slice(0, 8)}-${createHash('sha256').update(`${o.sourceId}\u0000${o.uid}\u0000${o.recurrenceId}`).digest('hex').slice(0, 24)}`;
}

export function importedVevents(occurrences: StoredOccurrence[], now = new Date()): string[] {
  const stamp = icsUtc(now.toISOString());
  const lines: string[] = [];
  for (const o of occurrences) {
    lines.push('BEGIN:VEVENT', `UID:${kioskUid(o)}`, `DTSTAMP:${stamp}`, `LAST-MODIFIED:${icsUtc(o.updatedAt)}`);
    if (o.allDay && o.startDate) {
      lines.push(`DTSTART;VALUE=DATE:${icsDate(o.startDate)}`);
      if (o.endDate && o.endDate > o.startDate) lines.push(`DTEND;VALUE=DATE:${icsDate(o.endDate)}`);
    } else {
      lines.push(`DTSTART:${icsUtc(o.startUtc)}`);
      if (o.endUtc) lines.push(`DTEND:${icsUtc(o.endUtc)}`);
    }
    lines.push(`SUMMARY:${escapeIcsText(o.summary)}`);
    if (o.description) lines.push(`DESCRIPTION:${escapeIcsText(o.description)}`);
    if (o.location) lines.push(`LOCATION:${escapeIcsText(o.location)}`);
    if (o.offerId) lines.push(`X-GEMEINSAM-OFFER:${o.offerId}`);
    lines.push('END:VEVENT');
  }
  return lines.map(foldLine);
}

/** Adds the imported occurrences of [from, to] to a calendar built by buildCalendar. */
export function withImportedEvents(db: CityDb, calendar: string, from: string, to: string, now = new Date()): string {
  const lines = importedVevents(occurrencesForWindow(db, from, to), now);
  if (!lines.length) return calendar;
  const end = calendar.lastIndexOf('END:VCALENDAR');
  return `${calendar.slice(0, end)}${lines.join('\r\n')}\r\n${calendar.slice(end)}`;
}
