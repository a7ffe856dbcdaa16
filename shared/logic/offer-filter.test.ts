import { describe, expect, it } from 'vitest';
import type { Offer } from '../schemas/offer';
import { searchQuerySchema, type SearchQueryInput } from '../contract/offers';
import { countFacets, matchesFilters, matchesText, offerFacts, offerHaystack, scheduleTimesOfDay, scheduleWeekdays, type FilterContext } from './offer-filter';

const ctx: FilterContext = { position: { lat: 50.7969, lon: 7.2079 }, today: '2026-11-25' };
const q = (x: SearchQueryInput) => searchQuerySchema.parse(x);

function offer(over: Partial<Offer>): Offer {
  return {
    id: 'o',
    updated_at: '2026-11-01T09:00:00Z',
    status: 'active',
    title: 'Kulturcafé',
    summary: '',
    description: '',
    organisation: { name: 'Verein' },
    interests: ['kultur'],
    age_groups: ['senioren'],
    district: 'innenstadt',
    location: { name: 'Haus', street: 'Cecilienstraße 1', postal_code: '53721', city: 'Siegburg', lat: 50.7969, lon: 7.2079, wheelchair: 'partial' },
    schedules: [{ freq: 'weekly', byday: ['WE'], opens_at: '11:00', closes_at: '13:00' }],
    cost: { free: true },
    registration_required: false,
    ...over,
  };
}

describe('time of day and weekday of a schedule', () => {
  it('classifies by time span', () => {
    expect(scheduleTimesOfDay({ freq: 'weekly', byday: ['MO'], opens_at: '09:00', closes_at: '12:00' })).toEqual(['morning']);
    expect(scheduleTimesOfDay({ freq: 'weekly', byday: ['MO'], opens_at: '11:00', closes_at: '13:00' })).toEqual(['morning', 'afternoon']);
    expect(scheduleTimesOfDay({ freq: 'weekly', byday: ['MO'], opens_at: '15:00', closes_at: '17:00' })).toEqual(['afternoon']);
    expect(scheduleTimesOfDay({ freq: 'weekly', byday: ['MO'], opens_at: '15:00', closes_at: '20:00' })).toEqual(['afternoon', 'evening']);
    expect(scheduleTimesOfDay({ freq: 'weekly', byday: ['MO'], opens_at: '19:00' })).toEqual(['evening']);
    expect(scheduleTimesOfDay({ freq: 'weekly', byday: ['MO'], opens_at: '12:00' })).toEqual(['afternoon']);
    expect(scheduleTimesOfDay({ freq: 'by_arrangement' })).toEqual([]);
  });
  it('takes the weekday of a once date', () => {
    expect(scheduleWeekdays({ freq: 'once', date: '2027-06-12' })).toEqual(['SA']);
    expect(scheduleWeekdays({ freq: 'by_arrangement' })).toEqual([]);
  });
});

describe('matchesFilters', () => {
  it('lets an offer for all ages match every age group, but not the other way round', () => {
    expect(matchesFilters(offer({ age_groups: ['alle'] }), q({ ageGroups: ['kinder'] }), ctx)).toBe(true);
    expect(matchesFilters(offer({ age_groups: ['senioren'] }), q({ ageGroups: ['alle'] }), ctx)).toBe(false);
    expect(matchesFilters(offer({ age_groups: ['senioren'] }), q({ ageGroups: ['kinder', 'senioren'] }), ctx)).toBe(true);
  });
  it('requires full wheelchair access for the wheelchair filter', () => {
    expect(matchesFilters(offer({}), q({ wheelchairOnly: true }), ctx)).toBe(false);
    expect(matchesFilters(offer({ location: { ...offer({}).location!, wheelchair: 'yes' } }), q({ wheelchairOnly: true }), ctx)).toBe(true);
  });
  it('drops offers without a place when a distance limit is set', () => {
    expect(matchesFilters(offer({ location: undefined }), q({ maxDistanceKm: 50 }), ctx)).toBe(false);
    expect(matchesFilters(offer({}), q({ maxDistanceKm: 0.1 }), ctx)).toBe(true);
  });
  it('knows today and this week (Wednesday 25 November 2026)', () => {
    expect(matchesFilters(offer({}), q({ when: 'today' }), ctx)).toBe(true);
    const friday = offer({ schedules: [{ freq: 'weekly', byday: ['FR'], opens_at: '10:00' }] });
    expect(matchesFilters(friday, q({ when: 'today' }), ctx)).toBe(false);
    expect(matchesFilters(friday, q({ when: 'week' }), ctx)).toBe(true);
    expect(matchesFilters(friday, q({ when: 'week' }), { ...ctx, eventOffers: { today: new Set(['o']), week: new Set(['o']) } })).toBe(true);
    const later = offer({ schedules: [{ freq: 'once', date: '2026-12-24' }] });
    expect(matchesFilters(later, q({ when: 'week' }), ctx)).toBe(false);
  });
});

describe('countFacets', () => {
  it('counts an offer for a facet only when it passes all the other facets', () => {
    const offers = [
      offer({ id: 'a', interests: ['kultur'], cost: { free: true } }),
      offer({ id: 'b', interests: ['natur'], cost: { free: false } }),
      offer({ id: 'c', interests: ['natur'], cost: { free: true }, age_groups: ['alle'] }),
    ];
    const facts = offers.map((o) => offerFacts(o, ctx));
    const c = countFacets(facts, q({ interests: ['kultur'], freeOnly: true }), { ageGroups: ['kinder', 'senioren', 'alle'] });
    expect(c.interests).toEqual({ kultur: 1, natur: 1 }); // b is not free
    expect(c.free).toBe(1); // only a has kultur and is free
    expect(c.ageGroups).toEqual({ kinder: 0, senioren: 1, alle: 0 });
  });
});

describe('naive text match', () => {
  it('matches every token as a normalised substring', () => {
    const h = offerHaystack(offer({}));
    expect(matchesText(h, 'cafe')).toBe(true);
    expect(matchesText(h, 'strasse kultur')).toBe(true);
    expect(matchesText(h, 'cafe garten')).toBe(false);
    expect(matchesText(h, '')).toBe(true);
  });
});
