import { describe, expect, it } from 'vitest';
import { compileCriteria, countFacets as countFacetsReference, factsMatch, type OfferFacts } from '../../../shared/logic/offer-filter';
import { columnCriteria, countFacets, facetColumns, matches } from './facet-columns';

/**
 * The column form of the filters against shared/logic/offer-filter.ts on random offers: with a taxonomy of at most 32
 * interests / age groups (filters tested on per-offer bit masks) and with more (the walk through each offer's ids).
 */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function offers(n: number, interestIds: string[], ageIds: string[], next: () => number): OfferFacts[] {
  const pick = (ids: string[]) => ids.filter(() => next() < 2 / ids.length);
  return Array.from({ length: n }, (_, i) => {
    const ageGroups = next() < 0.1 ? ['alle'] : pick(ageIds);
    return {
      id: `o${i}`,
      // an id outside the taxonomy now and then (counted, never wanted unless asked for)
      interests: next() < 0.05 ? [...pick(interestIds), 'fremd'] : pick(interestIds),
      ageGroups,
      allAges: ageGroups.includes('alle'),
      district: next() < 0.5 ? 'a' : null,
      free: next() < 0.5,
      wheelchairYes: next() < 0.3,
      weekdays: Math.floor(next() * 128),
      times: Math.floor(next() * 8),
      today: false,
      week: next() < 0.5,
      lat: null,
      lon: null,
      distanceKm: next() < 0.8 ? next() * 10 : null,
    };
  });
}

describe('facet columns agree with the filter rules', () => {
  for (const size of [12, 40]) {
    it(`${size} interests and age groups: filters and disjunctive counts`, () => {
      const next = random(size);
      const interestIds = Array.from({ length: size }, (_, i) => `i${i}`);
      const ageIds = [...Array.from({ length: size }, (_, i) => `g${i}`)];
      const facts = offers(400, interestIds, ageIds, next);
      const ids = { interests: interestIds, ageGroups: [...ageIds, 'alle'], districts: ['a', 'b'] };
      const cols = facetColumns(facts, ids);
      expect(cols.interestBits === null).toBe(size > 32);
      for (let q = 0; q < 40; q++) {
        const some = (list: string[]) => list.filter(() => next() < 0.15);
        const criteria = compileCriteria({
          interests: q % 5 === 0 ? ['fremd', 'i1'] : some(interestIds),
          ageGroups: some(ageIds),
          districts: q % 3 === 0 ? ['a'] : [],
          weekdays: q % 4 === 0 ? ['TU'] : [],
          timesOfDay: [],
          when: q % 7 === 0 ? 'week' : 'any',
          freeOnly: q % 2 === 0,
          wheelchairOnly: false,
          maxDistanceKm: q % 6 === 0 ? 5 : undefined,
        });
        const c = columnCriteria(cols, criteria);
        const pass = new Uint8Array(facts.length);
        expect(countFacets(cols, null, c, pass)).toEqual(countFacetsReference(facts, criteria, ids));
        facts.forEach((f, i) => {
          expect(matches(cols, i, c)).toBe(factsMatch(f, criteria));
          if (!c.none) expect(pass[i] === 1).toBe(factsMatch(f, criteria));
        });
      }
    });
  }
});
