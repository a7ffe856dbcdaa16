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

describe('a series begun years ago (issue 14: old occurrences skipped cheaply)', () => {
  const daily = (uid: string, extra: string[] = []) =>
    ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTART;TZID=Europe/Berlin:20200101T003000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY', 'SUMMARY:Nachtcafé', ...extra, 'END:VEVENT'].join('\r\n');
  // an override far in the past keeps the full expansion for that series: both must give the same dates in the window
  const moved = [
    'BEGIN:VEVENT',
    'UID:mit-ausnahme@siegburg',
    'RECURRENCE-ID;TZID=Europe/Berlin:20200105T003000',
    'DTSTART;TZID=Europe/Berlin:20200106T013000',
    'DURATION:PT1H',
    'SUMMARY:Nachtcafé (verlegt)',
    'END:VEVENT',
  ].join('\r\n');
  const window = { from: new Date('2026-11-22T00:00:00Z'), to: new Date('2026-11-24T23:59:59Z') };

  it('gives exactly the occurrences inside the window, also where local midnight is the day before in UTC', () => {
    const { occurrences, rejected } = expandIcs(cal(daily('ohne-ausnahme@siegburg'), daily('mit-ausnahme@siegburg'), moved), window);
    expect(rejected).toBe(0);
    const starts = (uid: string) => occurrences.filter((o) => o.uid === uid).map((o) => o.start);
    // 00:30 in Berlin (UTC+1) is 23:30 UTC the day before: the 22nd's occurrence (21st, 23:30 UTC) is outside
    const expected = ['2026-11-22T23:30:00.000Z', '2026-11-23T23:30:00.000Z', '2026-11-24T23:30:00.000Z'];
    expect(starts('ohne-ausnahme@siegburg')).toEqual(expected);
    expect(starts('mit-ausnahme@siegburg')).toEqual(expected);
  });

  it('a zone behind UTC: the evening before the window in local time is inside it in UTC, and kept', () => {
    const newYork = [
      'BEGIN:VTIMEZONE',
      'TZID:America/New_York',
      'BEGIN:STANDARD',
      'DTSTART:19701101T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
      'TZNAME:EST',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:19700308T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
      'TZNAME:EDT',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const evening = ['BEGIN:VEVENT', 'UID:partnerstadt@siegburg', 'DTSTART;TZID=America/New_York:20200101T200000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY', 'SUMMARY:Videotreff', 'END:VEVENT'].join('\r\n');
    const { occurrences } = expandIcs(cal(newYork, evening), { from: new Date('2026-11-22T00:00:00Z'), to: new Date('2026-11-23T23:59:59Z') });
    // 20:00 in New York (UTC-5) is 01:00 UTC the next day: the 21st's evening falls on the 22nd in UTC
    expect(occurrences.map((o) => o.start)).toEqual(['2026-11-22T01:00:00.000Z', '2026-11-23T01:00:00.000Z']);
  });
});
