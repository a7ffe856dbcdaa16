import { describe, expect, it } from 'vitest';
import { generateSyntheticOffers } from '../../../shared/sample-data';
import { normalizeForSearch } from '../../../shared/logic/normalize-text';
import type { Offer } from '../../../shared/schemas/offer';
import { sampleOffersAsCityRecords } from '../seed';
import { EMPTY_QUERY, loadCatalog, searchCatalog, type Catalog, type CatalogSource, type WebQuery } from './web-catalog';
import { searchCatalogReference } from './web-catalog-reference';

/**
 * Issue 19: the public text search keeps per-offer folded texts and filter facts in the catalog and compiles each
 * query word once. Its results (which offers, in which order) must be exactly those of the previous search, kept in
 * web-catalog-reference.ts: compared here over many queries (exact words, prefixes, typos of each kind, umlauts and
 * capitals, several words, with and without filters) on the sample data and on 2,000 synthetic offers.
 */

const NOW = new Date('2026-12-03T10:00:00Z');

function source(offers: Offer[]): CatalogSource {
  return {
    publishedOffers: async () => new Map(offers.map((o) => [o.id, o as unknown])),
    getTaxonomy: async () => null,
    catalogVersion: async () => 'v1',
    eventsForWindow: async () => [],
  };
}

/** A small deterministic random generator (the same queries on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIXED = [
  'kulturcafe',
  'kulturcafee',
  'Kultur Café',
  'schach',
  'schac',
  'sachch',
  'singen',
  'fußball',
  'fussball',
  'FUSSBALL',
  'fusbal',
  'kaffe treff',
  'kaffee',
  'café',
  'sport',
  'Spört',
  'gymnastik',
  'gymnastick',
  'senioren',
  'seniorn',
  'jugend',
  'Jügend',
  'deutschkurs',
  'ü',
  'ab',
  'xyzqw',
  'qqqqqqqq',
  'siegburg',
  'siegbrug',
  'a b c',
  '  treff   ',
  'photo',
  'foto',
  'zentrum',
  'centrum',
];

/** Words of the offers' texts and variants of them: exact, prefixes, one or two typos of each kind, umlauts. */
function queriesFor(catalog: Catalog, n: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const words = [...new Set(catalog.entries.flatMap((e) => e.haystack.split(' ')).filter((w) => w.length >= 3))].sort();
  const letters = 'abcdefghijklmnopqrstuvwxyzäöüß';
  const typo = (w: string): string => {
    const c = [...w];
    const i = Math.floor(r() * c.length);
    switch (Math.floor(r() * 5)) {
      case 0:
        c.splice(i, 1);
        break;
      case 1:
        c.splice(i, 0, pick([...letters]));
        break;
      case 2:
        c[i] = pick([...letters]);
        break;
      case 3:
        if (i + 1 < c.length) [c[i], c[i + 1]] = [c[i + 1]!, c[i]!];
        break;
      default:
        c.splice(i, 0, c[i]!);
    }
    return c.join('');
  };
  const umlauts = (w: string) => w.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü').replace(/ss/g, 'ß');
  const out = [...FIXED];
  while (out.length < n) {
    const w = pick(words);
    switch (Math.floor(r() * 8)) {
      case 0:
        out.push(w);
        break;
      case 1:
        out.push(w.slice(0, 3 + Math.floor(r() * Math.max(1, w.length - 3))));
        break;
      case 2:
        out.push(typo(w));
        break;
      case 3:
        out.push(typo(typo(w)));
        break;
      case 4:
        out.push(umlauts(w).toUpperCase());
        break;
      case 5:
        out.push(`${w} ${typo(pick(words))}`);
        break;
      case 6:
        // two neighbouring words written as one (a typo match may run across a space)
        out.push(w + pick(words));
        break;
      default:
        out.push(`${pick(words).slice(0, 4)} ${w}`);
    }
  }
  return out;
}

function filtersFor(catalog: Catalog, seed: number): Partial<WebQuery>[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const interests = [...new Set(catalog.entries.flatMap((e) => e.offer.interests))];
  const ages = [...new Set(catalog.entries.flatMap((e) => e.offer.age_groups))];
  const districts = [...new Set(catalog.entries.map((e) => e.offer.district).filter((d): d is string => !!d))];
  return [
    {},
    { interests: [pick(interests)] },
    { interests: [pick(interests), pick(interests)], freeOnly: true },
    { ageGroups: [pick(ages)] },
    { districts: [pick(districts)], wheelchairOnly: true },
    { weekdays: ['MO', 'SA'] },
    { timesOfDay: ['evening'] },
    { when: 'today' },
    { when: 'week', timesOfDay: ['morning', 'afternoon'] },
    { freeOnly: true, wheelchairOnly: true, weekdays: ['TU'] },
  ];
}

function compare(catalog: Catalog, queries: string[], filters: Partial<WebQuery>[]) {
  let compared = 0;
  let typoOnly = 0;
  let nonEmpty = 0;
  for (const text of queries)
    for (const f of filters) {
      const q: WebQuery = { ...EMPTY_QUERY, ...f, text };
      const want = searchCatalogReference(catalog, q, NOW).map((e) => e.offer.id);
      const got = searchCatalog(catalog, q, NOW).map((e) => e.offer.id);
      expect(got, `q=${JSON.stringify(text)} filters=${JSON.stringify(f)}`).toEqual(want);
      compared++;
      if (want.length) nonEmpty++;
      const tokens = normalizeForSearch(text).split(' ').filter(Boolean);
      if (want.length && !tokens.every((t) => catalog.byId.get(want[0]!)!.haystack.includes(t))) typoOnly++;
    }
  return { compared, typoOnly, nonEmpty };
}

describe('public search: same results as the previous search (issue 19)', () => {
  it('on the sample data', async () => {
    const catalog = await loadCatalog(source(sampleOffersAsCityRecords()));
    expect(catalog.entries.length).toBeGreaterThan(20);
    // the empty query (the start of every comparison) chooses nothing: every offer, in title order
    expect(searchCatalog(catalog, EMPTY_QUERY, NOW)).toEqual(catalog.entries);
    const stats = compare(catalog, queriesFor(catalog, 200, 1), filtersFor(catalog, 2));
    // the comparison must cover real hits, typo-only hits among them, not only empty lists
    expect(stats.nonEmpty).toBeGreaterThan(stats.compared / 4);
    expect(stats.typoOnly).toBeGreaterThan(30);
  }, 120_000);

  it('on 2,000 synthetic offers', async () => {
    const catalog = await loadCatalog(source(generateSyntheticOffers(2000, 7)));
    const queries = queriesFor(catalog, 60, 3);
    const filters = filtersFor(catalog, 4);
    const stats = compare(catalog, queries, [filters[0]!]);
    const withFilters = compare(catalog, queries.slice(0, 30), [filters[2]!, filters[5]!, filters[8]!]);
    expect(stats.nonEmpty).toBeGreaterThan(stats.compared / 4);
    expect(stats.typoOnly + withFilters.typoOnly).toBeGreaterThan(10);
  }, 120_000);

  it('a second search on the same catalog gives the same list (facts kept in the catalog)', async () => {
    const catalog = await loadCatalog(source(generateSyntheticOffers(500, 9)));
    for (const text of ['', 'sport', 'schahc']) {
      const q = { ...EMPTY_QUERY, text, freeOnly: true };
      const first = searchCatalog(catalog, q, NOW).map((e) => e.offer.id);
      expect(searchCatalog(catalog, q, NOW).map((e) => e.offer.id)).toEqual(first);
      expect(first).toEqual(searchCatalogReference(catalog, q, NOW).map((e) => e.offer.id));
    }
  });
});
