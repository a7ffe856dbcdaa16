import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../app/reset', () => ({ registerReset: vi.fn() }));
const { useOfferFilters, toSearchQuery, activeFilterCount, EMPTY_FILTERS } = await import('./offer-filter-store');

const s = () => useOfferFilters.getState();

describe('offer filter store', () => {
  beforeEach(() => s().reset());

  it('starts, and resets to, a search with nothing chosen: the query asks for no facet, any time, no distance', () => {
    s().toggle('districts', 'kaldauen');
    s().setWhen('today');
    s().setWheelchairOnly(true);
    s().setMaxDistance(2);
    s().reset();
    expect(activeFilterCount(s())).toBe(0);
    expect(toSearchQuery(s(), 'de')).toMatchObject({
      text: '', interests: [], ageGroups: [], districts: [], weekdays: [], timesOfDay: [], when: 'any', freeOnly: false, wheelchairOnly: false,
    });
    expect('maxDistanceKm' in toSearchQuery(s(), 'de')).toBe(false);
  });

  it('toggles list facets on and off', () => {
    s().toggle('interests', 'natur');
    s().toggle('ageGroups', 'senioren');
    expect(s().interests).toEqual(['natur']);
    expect(s().ageGroups).toEqual(['senioren']);
    s().toggle('interests', 'natur');
    expect(s().interests).toEqual([]);
    expect(activeFilterCount(s())).toBe(1);
  });

  it('"remove the last filter" undoes exactly the last one switched on', () => {
    s().toggle('interests', 'natur');
    s().setFreeOnly(true);
    s().toggle('ageGroups', 'kinder');
    s().removeLast();
    expect(s().ageGroups).toEqual([]);
    expect(s().freeOnly).toBe(true);
    s().removeLast();
    expect(s().freeOnly).toBe(false);
    expect(s().interests).toEqual(['natur']);
  });

  it('changing "when" or distance replaces the earlier choice in the history', () => {
    s().setWhen('today');
    s().setWhen('week');
    s().setMaxDistance(2);
    s().setMaxDistance(5);
    expect(s().history).toEqual([
      { facet: 'when', value: 'week' },
      { facet: 'distance', value: 5 },
    ]);
    s().removeLast();
    expect(s().maxDistanceKm).toBeNull();
    s().removeLast();
    expect(s().when).toBe('any');
  });

  it('clearing filters keeps the search text; reset clears everything', () => {
    s().setText('garten');
    s().toggle('districts', 'zange');
    s().setWheelchairOnly(true);
    s().clearFilters();
    expect(s().text).toBe('garten');
    expect(s().districts).toEqual([]);
    expect(s().wheelchairOnly).toBe(false);
    s().reset();
    expect(s().text).toBe('');
  });

  it('builds the search query for the contract', () => {
    s().setText('  cafe ');
    s().toggle('weekdays', 'TU');
    s().setMaxDistance(2);
    const q = toSearchQuery(s(), 'en', 10, 20);
    expect(q).toMatchObject({ text: 'cafe', weekdays: ['TU'], maxDistanceKm: 2, lang: 'en', limit: 10, offset: 20, when: 'any' });
    expect('maxDistanceKm' in toSearchQuery(EMPTY_FILTERS, 'de')).toBe(false);
  });
});
