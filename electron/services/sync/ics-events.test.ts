import { describe, expect, it } from 'vitest';
import { expandIcs } from './ics-events';

const cal = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//DE', ...events, 'END:VCALENDAR'].join('\r\n');
const berlinTime = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

const WEEKLY = [
  'BEGIN:VEVENT',
  'UID:treff@siegburg',
  'DTSTART;TZID=Europe/Berlin:20261014T180000',
  'DURATION:PT2H',
  'RRULE:FREQ=WEEKLY;BYDAY=WE',
  'EXDATE;TZID=Europe/Berlin:20261104T180000',
  'SUMMARY:Offener Treff',
  'X-GEMEINSAM-OFFER:sample-kulturcafe',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:treff@siegburg',
  'RECURRENCE-ID;TZID=Europe/Berlin:20261111T180000',
  'DTSTART;TZID=Europe/Berlin:20261112T163000',
  'DURATION:PT2H',
  'SUMMARY:Offener Treff (verlegt auf Donnerstag)',
  'END:VEVENT',
].join('\r\n');

describe('ICS expansion (Europe/Berlin)', () => {
  const { occurrences, rejected } = expandIcs(cal(WEEKLY), { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-30T23:59:59Z') });

  it('keeps a weekly 18:00 event at 18:00 local time across the end of DST (last Sunday of October)', () => {
    expect(rejected).toBe(0);
    const before = occurrences.find((o) => o.start.startsWith('2026-10-21'))!;
    const after = occurrences.find((o) => o.start.startsWith('2026-10-28'))!;
    expect(before.start).toBe('2026-10-21T16:00:00.000Z'); // CEST, UTC+2
    expect(after.start).toBe('2026-10-28T17:00:00.000Z'); // CET, UTC+1
    for (const o of occurrences.filter((x) => !x.title.includes('verlegt'))) expect(berlinTime(o.start)).toMatch(/Mi\., .* 18:00/);
    expect(after.end).toBe('2026-10-28T19:00:00.000Z');
  });

  it('leaves out an EXDATE and shows a moved occurrence (RECURRENCE-ID) at its new time', () => {
    const days = occurrences.map((o) => o.start.slice(0, 10));
    expect(days).not.toContain('2026-11-04');
    expect(days).not.toContain('2026-11-11');
    const moved = occurrences.find((o) => o.start.startsWith('2026-11-12'))!;
    expect(moved.title).toBe('Offener Treff (verlegt auf Donnerstag)');
    expect(berlinTime(moved.start)).toMatch(/Do\., .* 16:30/);
    expect(moved.offer_id).toBe('sample-kulturcafe');
    expect(days).toEqual(['2026-10-14', '2026-10-21', '2026-10-28', '2026-11-12', '2026-11-18', '2026-11-25']);
  });

  it('handles the start of DST (last Sunday of March) too', () => {
    const spring = expandIcs(cal(WEEKLY.replace('20261014T180000', '20270317T180000').replace(/EXDATE[^\r]*\r\n/, '')), {
      from: new Date('2027-03-15T00:00:00Z'),
      to: new Date('2027-04-10T00:00:00Z'),
    });
    expect(spring.occurrences.map((o) => o.start)).toEqual([
      '2027-03-17T17:00:00.000Z',
      '2027-03-24T17:00:00.000Z',
      '2027-03-31T16:00:00.000Z',
      '2027-04-07T16:00:00.000Z',
    ]);
  });

  it('expands all-day events, links by X-GEMEINSAM-OFFER only to known offers, and drops records with markup', () => {
    const r = expandIcs(
      cal(
        ['BEGIN:VEVENT', 'UID:aktionstag', 'DTSTART;VALUE=DATE:20261031', 'SUMMARY:Aktionstag', 'X-GEMEINSAM-OFFER:unknown-offer', 'END:VEVENT'].join('\r\n'),
        ['BEGIN:VEVENT', 'UID:evil', 'DTSTART:20261030T100000Z', 'SUMMARY:<img src=x onerror=alert(1)>', 'END:VEVENT'].join('\r\n'),
        ['BEGIN:VEVENT', 'UID:outside', 'DTSTART:20270101T100000Z', 'SUMMARY:Neujahr', 'END:VEVENT'].join('\r\n'),
      ),
      { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z'), knownOfferIds: (id) => id === 'sample-kulturcafe' },
    );
    // 31 October 2026 is after the switch to CET (25 October): local midnight is 23:00 UTC the day before
    expect(r.occurrences).toEqual([{ uid: 'aktionstag', title: 'Aktionstag', start: '2026-10-30T23:00:00.000Z', end: '2026-10-31T23:00:00.000Z', all_day: true }]);
    expect(r.rejected).toBe(1);
  });

  it('refuses text that is not iCalendar', () => {
    expect(() => expandIcs('<html>nope</html>', { from: new Date(), to: new Date() })).toThrow(/iCalendar/);
  });
});
