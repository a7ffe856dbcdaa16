import { describe, expect, it } from 'vitest';
import { nextOccurrences, localDate } from '../../../shared/logic/next-dates';
import { scheduleText } from '../../../shared/logic/schedule-text';
import { offerSchema, type Schedule } from '../../../shared/schemas/offer';
import { mapHsdsService } from './hsds-client';

const NOW = new Date('2026-11-25T10:00:00Z');

/** An HSDS 3.0 service with these schedules, through the importer and the offer schema (as the sync validates it). */
function imported(...schedules: Record<string, unknown>[]): Schedule[] {
  const { record } = mapHsdsService({ id: 'svc-1', name: 'Erzählcafé', organization: { name: 'Verein' }, schedules }, NOW);
  return offerSchema.parse(record).schedules;
}
const nextDates = (s: Schedule[], from: string, n: number) => nextOccurrences(s, new Date(`${from}T00:00:00Z`), n).map((o) => localDate(new Date(o.start)));

describe('HSDS schedules: interval, bymonthday, dtstart, until', () => {
  it('spec example: "the first instance is on the 8th of August 2020, and it then happens every 2 weeks"', () => {
    const s = imported({ freq: 'WEEKLY', interval: 2, dtstart: '2020-08-08', opens_at: '10:00' });
    expect(s).toEqual([{ freq: 'weekly', byday: ['SA'], interval: 2, dtstart: '2020-08-08', opens_at: '10:00' }]);
    expect(nextDates(s, '2020-08-09', 2)).toEqual(['2020-08-22', '2020-09-05']);
    expect(scheduleText(s[0]!, 'de')).toBe('alle 2 Wochen am Samstag, 10 Uhr');
  });

  it('spec example: first Saturday of the month from July to November (dtstart + until), 9am-5pm', () => {
    const s = imported({ freq: 'MONTHLY', byday: '1SA', dtstart: '2020-07-04', until: '2020-11-07', opens_at: '09:00', closes_at: '17:00', description: 'First Saturday of the month from July-Nov, 9am-5pm' });
    expect(s[0]).toMatchObject({ freq: 'monthly', byday: ['SA'], setpos: 1, dtstart: '2020-07-04', valid_to: '2020-11-07' });
    expect(nextDates(s, '2020-01-01', 9)).toEqual(['2020-07-04', '2020-08-01', '2020-09-05', '2020-10-03', '2020-11-07']);
  });

  it('"every 2nd Tuesday" (interval as a string) is not shown as weekly', () => {
    const s = imported({ freq: 'weekly', byday: 'TU', interval: '2', dtstart: '2026-11-24', opens_at: '14:00', closes_at: '16:00' });
    expect(scheduleText(s[0]!, 'de')).toBe('alle 2 Wochen am Dienstag, 14 bis 16 Uhr');
    expect(nextDates(s, '2026-11-25', 3)).toEqual(['2026-12-08', '2026-12-22', '2027-01-05']);
  });

  it('"on the 1st of the month" and the last day (bymonthday) are kept', () => {
    const s = imported({ freq: 'MONTHLY', bymonthday: '1', opens_at: '10:00' }, { freq: 'MONTHLY', bymonthday: '-1, 15' });
    expect(s).toEqual([
      { freq: 'monthly', bymonthday: [1], opens_at: '10:00' },
      { freq: 'monthly', bymonthday: [-1, 15] },
    ]);
    expect(nextDates(s.slice(1), '2027-02-01', 3)).toEqual(['2027-02-15', '2027-02-28', '2027-03-15']);
    expect(scheduleText(s[0]!, 'en')).toBe('on the 1st of every month, 10 am');
  });

  it('a monthly rule with only dtstart repeats its day of the month (RFC 5545)', () => {
    expect(imported({ freq: 'MONTHLY', dtstart: '2026-01-31' })).toEqual([{ freq: 'monthly', bymonthday: [31], dtstart: '2026-01-31' }]);
  });

  it('until and valid_to: the earlier one ends the series', () => {
    expect(imported({ freq: 'WEEKLY', byday: 'MO', valid_to: '2027-06-30', until: '2027-03-31' })[0]?.valid_to).toBe('2027-03-31');
  });

  it('an interval with no date to count from becomes "by arrangement" with its description, or nothing', () => {
    expect(imported({ freq: 'WEEKLY', byday: 'TU', interval: 2, description: 'Jeden zweiten Dienstag' })).toEqual([{ freq: 'by_arrangement', note: 'Jeden zweiten Dienstag' }]);
    expect(imported({ freq: 'WEEKLY', byday: 'TU', interval: 2 })).toEqual([]);
    // valid_from is a date to count from
    expect(imported({ freq: 'WEEKLY', byday: 'TU', interval: 2, valid_from: '2026-11-24' })[0]).toMatchObject({ interval: 2, valid_from: '2026-11-24' });
  });

  it('odd values are dropped, never rejecting the offer: bymonthday 0, 32, -2, "x"; interval 0, 1.5, "zwei"', () => {
    expect(imported({ freq: 'MONTHLY', bymonthday: '0,32,-2,x,10' })).toEqual([{ freq: 'monthly', bymonthday: [10] }]);
    for (const interval of [0, 1.5, 'zwei', 99]) expect(imported({ freq: 'WEEKLY', byday: 'FR', interval })).toEqual([{ freq: 'weekly', byday: ['FR'] }]);
  });
});
