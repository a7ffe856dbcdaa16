import { describe, expect, it } from 'vitest';
import { addDays, localDate, nextOccurrences, scheduleOccursOn, weekdayOf, weekdayPosition, zonedTimeToUtc } from './next-dates';
import { distanceKm } from './distance';

describe('calendar helpers', () => {
  it('knows weekdays and positions in the month', () => {
    expect(weekdayOf('2026-11-25')).toBe('WE');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(weekdayPosition('2026-11-10')).toEqual({ nth: 2, last: false });
    expect(weekdayPosition('2026-11-26')).toEqual({ nth: 4, last: true });
  });

  it('converts Berlin wall-clock time to UTC in winter and summer', () => {
    expect(zonedTimeToUtc('2026-11-25', '14:00').toISOString()).toBe('2026-11-25T13:00:00.000Z');
    expect(zonedTimeToUtc('2026-07-01', '14:00').toISOString()).toBe('2026-07-01T12:00:00.000Z');
    // spring forward 29 March 2026: 02:30 does not exist → 03:30 CEST
    expect(zonedTimeToUtc('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localDate(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
  });

  it('decides whether a schedule takes place on a date', () => {
    expect(scheduleOccursOn({ freq: 'monthly', setpos: 2, byday: ['TU'] }, '2026-12-08')).toBe(true);
    expect(scheduleOccursOn({ freq: 'monthly', setpos: 2, byday: ['TU'] }, '2026-12-01')).toBe(false);
    expect(scheduleOccursOn({ freq: 'monthly', setpos: -1, byday: ['TH'] }, '2026-12-31')).toBe(true);
    expect(scheduleOccursOn({ freq: 'weekly', byday: ['SA'], valid_from: '2027-03-15' }, '2027-03-13')).toBe(false);
    expect(scheduleOccursOn({ freq: 'weekly', byday: ['SA'], valid_to: '2027-03-14' }, '2027-03-20')).toBe(false);
    expect(scheduleOccursOn({ freq: 'by_arrangement' }, '2026-12-01')).toBe(false);
  });
});

describe('nextOccurrences', () => {
  const now = new Date('2026-11-25T10:00:00Z'); // Wednesday, 11:00 in Berlin

  it('lists the next weekly dates in UTC, skipping what is already over', () => {
    const r = nextOccurrences([{ freq: 'weekly', byday: ['WE'], opens_at: '09:00', closes_at: '10:30' }], now, 2);
    expect(r).toEqual([
      { start: '2026-12-02T08:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
      { start: '2026-12-09T08:00:00.000Z', end: '2026-12-09T09:30:00.000Z' },
    ]);
    // still running today counts
    expect(nextOccurrences([{ freq: 'weekly', byday: ['WE'], opens_at: '10:00', closes_at: '12:00' }], now, 1)[0]?.start).toBe('2026-11-25T09:00:00.000Z');
  });

  it('keeps the local time across the DST change', () => {
    const r = nextOccurrences([{ freq: 'weekly', byday: ['SU'], opens_at: '15:00' }], new Date('2027-03-20T12:00:00Z'), 2);
    expect(r.map((o) => o.start)).toEqual(['2027-03-21T14:00:00.000Z', '2027-03-28T13:00:00.000Z']);
  });

  it('merges several schedules, honours valid_from/valid_to, ignores by_arrangement', () => {
    const r = nextOccurrences(
      [
        { freq: 'weekly', byday: ['SA'], opens_at: '10:00', valid_from: '2027-03-15' },
        { freq: 'monthly', setpos: 1, byday: ['SA'], opens_at: '11:00', valid_to: '2027-03-14' },
        { freq: 'by_arrangement' },
        { freq: 'once', date: '2026-12-12', opens_at: '14:00', closes_at: '17:00' },
      ],
      now,
      4,
    );
    expect(r.map((o) => o.start)).toEqual(['2026-12-05T10:00:00.000Z', '2026-12-12T13:00:00.000Z', '2027-01-02T10:00:00.000Z', '2027-02-06T10:00:00.000Z']);
    expect(nextOccurrences([{ freq: 'by_arrangement' }], now, 3)).toEqual([]);
  });
});

describe('distanceKm', () => {
  it('measures Siegburg distances', () => {
    expect(distanceKm({ lat: 50.7969, lon: 7.2079 }, { lat: 50.7969, lon: 7.2079 })).toBe(0);
    // Siegburg Markt → Bonn Hbf is about 10 km
    const d = distanceKm({ lat: 50.7976, lon: 7.2058 }, { lat: 50.732, lon: 7.0969 });
    expect(d).toBeGreaterThan(9.5);
    expect(d).toBeLessThan(11);
  });
});

describe('interval and bymonthday (HSDS / RFC 5545 recurrence)', () => {
  const dates = (s: Parameters<typeof nextOccurrences>[0], from: string, n: number) =>
    nextOccurrences(s, new Date(`${from}T00:00:00Z`), n).map((o) => localDate(new Date(o.start)));

  it('HSDS: "the first instance is on 8 August 2020, and it then happens every 2 weeks"', () => {
    const s = [{ freq: 'weekly' as const, byday: ['SA' as const], interval: 2, dtstart: '2020-08-08', opens_at: '10:00' }];
    expect(dates(s, '2020-08-01', 4)).toEqual(['2020-08-08', '2020-08-22', '2020-09-05', '2020-09-19']);
    // counted from the anchor's week, whatever day the count starts on
    expect(dates(s, '2020-08-15', 2)).toEqual(['2020-08-22', '2020-09-05']);
  });

  it('every 2nd week on two days counts whole weeks (Monday to Sunday), not days', () => {
    const s = [{ freq: 'weekly' as const, byday: ['TU' as const, 'SU' as const], interval: 2, dtstart: '2026-11-24' }];
    expect(dates(s, '2026-11-23', 4)).toEqual(['2026-11-24', '2026-11-29', '2026-12-08', '2026-12-13']);
  });

  it('keeps the local time when an every-2-weeks series crosses the DST changes', () => {
    const s = [{ freq: 'weekly' as const, byday: ['SU' as const], interval: 2, dtstart: '2027-03-14', opens_at: '15:00' }];
    const spring = nextOccurrences(s, new Date('2027-03-13T00:00:00Z'), 2).map((o) => o.start);
    expect(spring).toEqual(['2027-03-14T14:00:00.000Z', '2027-03-28T13:00:00.000Z']); // 28 March: first day of CEST
    const autumn = [{ freq: 'weekly' as const, byday: ['SU' as const], interval: 2, dtstart: '2026-10-11', opens_at: '02:30', closes_at: '04:00' }];
    // 25 October 2026: 02:30 happens twice; the first (summer time) is taken, and the 14-day rhythm holds on
    expect(nextOccurrences(autumn, new Date('2026-10-20T00:00:00Z'), 2).map((o) => o.start)).toEqual(['2026-10-25T00:30:00.000Z', '2026-11-08T01:30:00.000Z']);
  });

  it('nothing before dtstart, and valid_from is the anchor when dtstart is missing', () => {
    expect(scheduleOccursOn({ freq: 'weekly', byday: ['SA'], dtstart: '2020-08-08' }, '2020-08-01')).toBe(false);
    const s = [{ freq: 'weekly' as const, byday: ['MO' as const], interval: 3, valid_from: '2026-01-05' }];
    expect(dates(s, '2026-01-01', 3)).toEqual(['2026-01-05', '2026-01-26', '2026-02-16']);
  });

  it('on the 1st and the 15th of the month; the last day is the 28th, 29th, 30th or 31st', () => {
    expect(dates([{ freq: 'monthly', bymonthday: [1, 15] }], '2026-01-10', 4)).toEqual(['2026-01-15', '2026-02-01', '2026-02-15', '2026-03-01']);
    expect(dates([{ freq: 'monthly', bymonthday: [-1] }], '2027-12-31', 5)).toEqual(['2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
    expect(dates([{ freq: 'monthly', bymonthday: [-1] }], '2027-02-01', 1)).toEqual(['2027-02-28']);
  });

  it('the 31st skips the months without one (RFC 5545: invalid dates are ignored, not moved)', () => {
    expect(dates([{ freq: 'monthly', bymonthday: [31] }], '2026-01-01', 4)).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31']);
    expect(dates([{ freq: 'monthly', bymonthday: [30] }], '2026-02-01', 1)).toEqual(['2026-03-30']);
  });

  it('every 2 months, on a day or on the first Saturday (HSDS: MONTHLY 1SA from July to November)', () => {
    expect(dates([{ freq: 'monthly', bymonthday: [1], interval: 2, dtstart: '2026-11-01' }], '2026-10-01', 3)).toEqual(['2026-11-01', '2027-01-01', '2027-03-01']);
    const hsds = [{ freq: 'monthly' as const, byday: ['SA' as const], setpos: 1 as const, dtstart: '2020-07-04', valid_to: '2020-11-07' }];
    expect(dates(hsds, '2020-06-01', 10)).toEqual(['2020-07-04', '2020-08-01', '2020-09-05', '2020-10-03', '2020-11-07']);
    expect(dates([{ freq: 'monthly', byday: ['TU'], setpos: -1, interval: 3, dtstart: '2026-12-01' }], '2026-12-01', 2)).toEqual(['2026-12-29', '2027-03-30']);
  });

  it('byday and bymonthday together: both must hold ("every Friday the 13th")', () => {
    expect(dates([{ freq: 'monthly', byday: ['FR'], bymonthday: [13] }], '2026-01-01', 3)).toEqual(['2026-02-13', '2026-03-13', '2026-11-13']);
  });
});
