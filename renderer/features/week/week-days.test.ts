import { describe, expect, it } from 'vitest';
import type { OfferCard } from '../../../shared/contract/offers';
import { entriesForDay, nextDays } from './week-days';

const card = (id: string, schedules: OfferCard['schedules']): OfferCard => ({
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

  it('leaves out what is already over today, keeps it on other days', () => {
    // Tuesday 2026-11-24, 15:30 in Siegburg (14:30 UTC)
    const now = new Date('2026-11-24T14:30:00Z');
    const offers = [
      card('morning', [{ freq: 'weekly', byday: ['TU'], opens_at: '09:00', closes_at: '11:00' }]),
      card('running', [{ freq: 'weekly', byday: ['TU'], opens_at: '14:00', closes_at: '16:00' }]),
      card('start-only-past', [{ freq: 'weekly', byday: ['TU'], opens_at: '10:00' }]),
      card('twice', [
        { freq: 'weekly', byday: ['TU'], opens_at: '08:00', closes_at: '09:00' },
        { freq: 'weekly', byday: ['TU'], opens_at: '18:00', closes_at: '20:00' },
      ]),
    ];
    const events = [
      { uid: 'ended', title: 'Vortrag', start: '2026-11-24T09:00:00Z', end: '2026-11-24T10:00:00Z', all_day: false },
      { uid: 'no-end-recent', title: 'Treff', start: '2026-11-24T14:00:00Z', all_day: false },
      { uid: 'no-end-old', title: 'Früh', start: '2026-11-24T12:00:00Z', all_day: false },
      { uid: 'all-day', title: 'Markt', start: '2026-11-24T00:00:00+01:00', all_day: true },
    ];
    const ids = (d: ReturnType<typeof entriesForDay>) => d.map((e) => (e.kind === 'offer' ? e.offer.id : e.event.uid));
    const today = entriesForDay('2026-11-24', offers, events, now);
    expect(ids(today)).toEqual(['all-day', 'running', 'no-end-recent', 'twice']);
    expect(today.find((e) => e.kind === 'offer' && e.offer.id === 'twice')).toMatchObject({ opens: '18:00', closes: '20:00' });
    // next Tuesday, seen today: everything
    expect(ids(entriesForDay('2026-12-01', offers, [], now))).toEqual(['twice', 'morning', 'start-only-past', 'running']);
  });
});
