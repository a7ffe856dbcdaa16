import { describe, expect, it } from 'vitest';
import type { OfferCard } from '../../../shared/contract/offers';
import { entriesForDay, nextDays } from './week-days';

const card = (id: string, schedules: unknown[]): OfferCard => ({
  id,
  title: id,
  summary: '',
  organisation: 'Verein',
  interests: [],
  ageGroups: [],
  district: null,
  placeName: null,
  street: null,
  lat: null,
  lon: null,
  distanceKm: null,
  wheelchair: 'unknown',
  free: true,
  sample: true,
  untranslated: false,
  schedules,
});

describe('week day view', () => {
  it('lists seven local dates from today, across a month end', () => {
    expect(nextDays(new Date('2026-11-27T23:30:00Z'))).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('puts weekly offers and events on their day, sorted by time', () => {
    // 2026-11-24 is a Tuesday
    const offers = [
      card('cafe', [{ freq: 'weekly', byday: ['TU'], opens_at: '14:00', closes_at: '16:00' }]),
      card('garten', [{ freq: 'weekly', byday: ['TU', 'TH'], opens_at: '10:00' }]),
      card('mittwoch', [{ freq: 'weekly', byday: ['WE'], opens_at: '09:00' }]),
      card('absprache', [{ freq: 'by_arrangement' }]),
    ];
    const events = [{ uid: 'e1', title: 'Tafel', start: '2026-11-24T11:00:00Z', all_day: false }];
    const day = entriesForDay('2026-11-24', offers, events);
    expect(day.map((e) => (e.kind === 'offer' ? e.offer.id : e.event.uid))).toEqual(['garten', 'e1', 'cafe']);
    expect(day[1]).toMatchObject({ kind: 'event', opens: '12:00' });
  });
});
