import type { Offer } from '../../shared/schemas/offer';
import type { Taxonomy } from '../../shared/schemas/taxonomy';
import { SIEGBURG_TAXONOMY } from '../../shared/sample-data/siegburg-taxonomy';

/** Test records for the city API: deterministic, valid offers against the Siegburg taxonomy. */
export const TEST_TAXONOMY: Taxonomy = SIEGBURG_TAXONOMY;

const INTERESTS = TEST_TAXONOMY.interests.map((i) => i.id);
const AGES = TEST_TAXONOMY.age_groups.map((a) => a.id);
const DISTRICTS = TEST_TAXONOMY.districts.map((d) => d.id);

export function testOffer(i: number, overrides: Partial<Offer> = {}): Offer {
  const pick = <T>(xs: T[], k: number) => xs[k % xs.length]!;
  return {
    id: `test-offer-${String(i).padStart(5, '0')}`,
    updated_at: new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + i * 60_000).toISOString(),
    status: 'active',
    title: `Testangebot ${i}`,
    summary: `Kurze Beschreibung von Angebot ${i}.`,
    description: `Längere Beschreibung von Angebot ${i}. Treffpunkt im Stadtteil, alle sind willkommen.`,
    organisation: { name: `Verein ${i % 37}`, phone: '02241 102-0' },
    interests: [pick(INTERESTS, i), pick(INTERESTS, i + 3)].filter((v, k, a) => a.indexOf(v) === k),
    age_groups: [pick(AGES, i)],
    district: pick(DISTRICTS, i),
    location: {
      name: `Treffpunkt ${i}`,
      street: `Holzgasse ${1 + (i % 40)}`,
      postal_code: '53721',
      city: 'Siegburg',
      lat: 50.79 + (i % 100) / 10_000,
      lon: 7.2 + (i % 97) / 10_000,
      wheelchair: pick(['yes', 'partial', 'no', 'unknown'] as const, i),
    },
    schedules: [{ freq: 'weekly', byday: [pick(['MO', 'TU', 'WE', 'TH', 'FR'] as const, i)], opens_at: '15:00', closes_at: '17:00' }],
    cost: { free: i % 3 !== 0 },
    registration_required: i % 5 === 0,
    ...overrides,
  };
}

export function testOffers(n: number, start = 0): Offer[] {
  return Array.from({ length: n }, (_, k) => testOffer(start + k));
}
