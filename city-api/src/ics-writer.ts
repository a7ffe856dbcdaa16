import type { CityEvent } from './event-store';

/** Europe/Berlin with the EU DST rules (last Sunday of March / October), valid since 1996. */
const VTIMEZONE_BERLIN = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** RFC 5545 TEXT escaping. */
export function escapeIcsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    if (curBytes + b > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      curBytes = 0;
    }
    cur += ch;
    curBytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const icsLocal = (local: string) => local.replace(/[-:]/g, '') + (local.length === 16 ? '00' : '');
const icsDate = (d: string) => d.replace(/-/g, '');
const icsUtc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

function durationProp(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `DURATION:PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}

/** Builds the iCalendar text served by GET /v1/events. */
export function buildCalendar(events: (CityEvent & { updated_at: string })[], now = new Date()): string {
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//GEMEINSAM Kiosk//Reference City API//DE', 'CALSCALE:GREGORIAN', ...VTIMEZONE_BERLIN];
  const stamp = icsUtc(now.toISOString());
  for (const e of events) {
    const base = (start: string, extra: string[], summary: string, durationMin: number | undefined) => {
      lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp}`, `LAST-MODIFIED:${icsUtc(e.updated_at)}`);
      if (e.all_day) lines.push(`DTSTART;VALUE=DATE:${icsDate(start)}`);
      else lines.push(`DTSTART;TZID=${e.tzid}:${icsLocal(start)}`);
      if (durationMin) lines.push(durationProp(durationMin));
      lines.push(...extra, `SUMMARY:${escapeIcsText(summary)}`);
      if (e.description) lines.push(`DESCRIPTION:${escapeIcsText(e.description)}`);
      if (e.location) lines.push(`LOCATION:${escapeIcsText(e.location)}`);
      if (e.offer_id) lines.push(`X-GEMEINSAM-OFFER:${e.offer_id}`);
      lines.push('END:VEVENT');
    };
    const extra: string[] = [];
    if (e.rrule) extra.push(`RRULE:${e.rrule}`);
    for (const ex of e.exdates) extra.push(`EXDATE;TZID=${e.tzid}:${icsLocal(ex)}`);
    base(e.dtstart, extra, e.summary, e.duration_min);
    for (const o of e.overrides) {
      base(o.dtstart, [`RECURRENCE-ID;TZID=${e.tzid}:${icsLocal(o.recurrence_id)}`], o.summary ?? e.summary, o.duration_min ?? e.duration_min);
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
