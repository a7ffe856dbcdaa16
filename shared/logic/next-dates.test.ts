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
