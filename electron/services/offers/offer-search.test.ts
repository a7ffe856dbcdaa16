import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema, type SearchQueryInput } from '../../../shared/contract/offers';
import { localDate } from '../../../shared/logic/next-dates';
import { countFacets, matchesFilters, offerFacts, compileCriteria } from '../../../shared/logic/offer-filter';
import { generateSyntheticOffers, SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { SIEGBURG_CENTRE } from '../../../shared/schemas/kiosk-config';
import type { Db } from '../db/open-database';
import { importSampleDataIfEmpty } from '../seed/sample-import';
import { countOffers, getDataSource, readTaxonomy, replaceEvents, replaceTaxonomy, upsertOffers } from './offer-repository';
import { taxonomySchema } from '../../../shared/schemas/taxonomy';
import { searchOffers, type SearchContext } from './offer-search';
import { tempDb, testOffer } from './test-db';

// Wednesday 25 November 2026, 11:00 in Siegburg
const ctx: SearchContext = { position: { ...SIEGBURG_CENTRE }, now: new Date('2026-11-25T10:00:00Z'), tz: 'Europe/Berlin' };
const search = (db: Db, q: SearchQueryInput) => searchOffers(db, searchQuerySchema.parse(q), ctx);
const titles = (db: Db, q: SearchQueryInput) => search(db, { limit: 500, ...q }).items.map((i) => i.title);

describe('search over the Siegburg sample data', () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(() => {
    t = tempDb();
    expect(importSampleDataIfEmpty(t.db, {})).toEqual({ imported: true, offers: expect.any(Number) });
  });
  afterAll(() => t.cleanup());

  it("an interest's search_words from the city API taxonomy find its offers, after a taxonomy change and read back from SQLite", () => {
    const schemaOk = taxonomySchema.safeParse({ ...SIEGBURG_TAXONOMY, interests: [{ id: 'x', label: { de: 'X' }, search_words: { de: ['a'.repeat(61)] } }] });
    expect(schemaOk.success).toBe(false); // a search word is at most 60 characters
    expect(taxonomySchema.safeParse({ ...SIEGBURG_TAXONOMY, interests: [{ id: 'x', label: { de: 'X' }, search_words: { fr: ['mot'] } }] }).success).toBe(false);
    const sport = SIEGBURG_TAXONOMY.interests.find((i) => i.id === 'bewegung')!;
    expect(search(t.db, { text: 'tischkicker' }).total).toBe(0);
    const withWords = taxonomySchema.parse({
      ...SIEGBURG_TAXONOMY,
      interests: SIEGBURG_TAXONOMY.interests.map((i) => (i.id === 'bewegung' ? { ...i, search_words: { de: ['Tischkicker'], uk: ['рух'] } } : i)),
    });
    t.db.transaction(() => replaceTaxonomy(t.db, withWords))();
    try {
      expect(readTaxonomy(t.db).interests.find((i) => i.id === 'bewegung')).toEqual({ ...sport, search_words: { de: ['Tischkicker'], uk: ['рух'] } });
      const found = search(t.db, { text: 'tischkicker', limit: 500 });
      expect(found.total).toBe(search(t.db, { interests: ['bewegung'], limit: 500 }).total);
      expect(found.items.every((i) => i.interests.includes('bewegung'))).toBe(true);
      expect(search(t.db, { text: 'рух' }).total).toBe(found.total);
    } finally {
      t.db.transaction(() => replaceTaxonomy(t.db, SIEGBURG_TAXONOMY))();
    }
    expect(readTaxonomy(t.db)).toEqual(SIEGBURG_TAXONOMY);
    expect(search(t.db, { text: 'tischkicker' }).total).toBe(0);
  });

  it('imports the sample data once, only without a city API', () => {
    expect(getDataSource(t.db)).toBe('sample');
    expect(countOffers(t.db)).toBeGreaterThanOrEqual(45);
    expect(importSampleDataIfEmpty(t.db, {})).toEqual({ imported: false, reason: 'not_empty' });
    const other = tempDb();
    try {
      expect(importSampleDataIfEmpty(other.db, { cityApi: { kind: 'gemeinsam', baseUrl: 'http://127.0.0.1:1', token: 't', syncIntervalS: 900 } })).toEqual({
        imported: false,
        reason: 'city_api_configured',
      });
      expect(countOffers(other.db)).toBe(0);
    } finally {
      other.cleanup();
    }
  });

  it('offers the nearest real word when nothing matches ("Meinten Sie …?"), and none when something does', () => {
    // three edits from "schachtreff": beyond the search's two, within the suggestion's three
    const none = search(t.db, { text: 'schachtrbcd' });
    expect(none.total).toBe(0);
    expect(none.didYouMean).toBe('schachtreff');
    expect(search(t.db, { text: none.didYouMean }).items[0]?.title).toMatch(/Schach/);
    expect(search(t.db, { text: 'sitzgymnastik qqqqqqqq' }).didYouMean).toBeUndefined(); // no word near qqqqqqqq
    expect(search(t.db, { text: 'gartn' }).didYouMean).toBeUndefined(); // found with one typo
    // filters alone hiding every hit are loosened, not re-spelled
    expect(search(t.db, { text: 'garten', ageGroups: ['kinder'], weekdays: ['SU'], timesOfDay: ['evening'] }).didYouMean).toBeUndefined();
  });

  it('an everyday word or an interest label finds the offers of that interest, after the exact hits', () => {
    const sport = search(t.db, { text: 'fussball', limit: 500 });
    const bewegung = search(t.db, { interests: ['bewegung'], limit: 500 });
    expect(bewegung.total).toBeGreaterThan(0);
    expect(sport.items.map((i) => i.id)).toEqual(expect.arrayContaining(bewegung.items.map((i) => i.id)));
    // "Hilfe" is a word of the label "Beratung & Hilfe": every advice offer is found, offers naming it come first
    const hilfe = search(t.db, { text: 'hilfe', limit: 500 });
    const beratung = search(t.db, { interests: ['beratung'], limit: 500 });
    expect(hilfe.items.map((i) => i.id)).toEqual(expect.arrayContaining(beratung.items.map((i) => i.id)));
    const exact = search(t.db, { text: 'hilfe', limit: 500 }).items.findIndex((i) => !/hilfe/i.test(`${i.title} ${i.summary}`));
    expect(exact).toBeGreaterThan(0);
  });

  it('finds parts of compound words: garten → Gemeinschaftsgarten Cecilienstraße', () => {
    expect(titles(t.db, { text: 'garten' })).toContain('Gemeinschaftsgarten Cecilienstraße');
    expect(titles(t.db, { text: 'GARTEN' })).toContain('Gemeinschaftsgarten Cecilienstraße');
  });

  it('ignores accents and case: cafe → Kulturcafé', () => {
    expect(titles(t.db, { text: 'cafe' })).toContain('Kulturcafé');
    expect(titles(t.db, { text: 'kulturcafe' })[0]).toBe('Kulturcafé');
  });

  it('treats ss and ß alike', () => {
    expect(titles(t.db, { text: 'cecilienstrasse' })).toContain('Gemeinschaftsgarten Cecilienstraße');
    expect(titles(t.db, { text: 'Cecilienstraße' })).toContain('Gemeinschaftsgarten Cecilienstraße');
  });

  it('treats ae and ä alike', () => {
    const umlaut = titles(t.db, { text: 'märchen' });
    expect(umlaut).toContain('Vorlesestunde „Märchen für Groß und Klein“');
    expect(titles(t.db, { text: 'maerchen' })).toEqual(umlaut);
    expect(titles(t.db, { text: 'marchen' })).toEqual(umlaut);
  });

  it('needs every word to match', () => {
    const both = titles(t.db, { text: 'spielmobil senioren' });
    expect(both).toContain('Senioren im Spielmobil');
    expect(both).not.toContain('Spielmobil „Armin“');
    expect(titles(t.db, { text: 'garten xylophon' })).toEqual([]);
  });

  it('matches short words with a substring scan', () => {
    const r = search(t.db, { text: 'ZWAR ab' });
    expect(r.items.map((i) => i.title)).toContain('ZWAR-Gruppen (Zwischen Arbeit und Ruhestand)');
  });

  it('searches organisation and place', () => {
    expect(titles(t.db, { text: 'Bürgergemeinschaft Stallberg' })).toContain('„Längste Tafel der Nachbarschaft“');
    expect(titles(t.db, { text: 'Holzgasse' })).toContain('Kulturcafé');
  });

  it('combines text and filters', () => {
    const r = search(t.db, { text: 'cafe', ageGroups: ['senioren'], freeOnly: true, districts: ['innenstadt'] });
    expect(r.items.map((i) => i.title)).toContain('Kulturcafé'); // "alle" matches senioren
    for (const item of r.items) {
      expect(item.free).toBe(true);
      expect(item.district).toBe('innenstadt');
      expect(item.ageGroups.some((g) => g === 'senioren' || g === 'alle')).toBe(true);
    }
    expect(r.items.map((i) => i.title)).not.toContain('Repair-Café'); // Kaldauen
  });

  it('narrows by age group, and an offer for all ages matches every age group', () => {
    const all = search(t.db, {}).total;
    const kinder = search(t.db, { ageGroups: ['kinder'], limit: 500 });
    expect(kinder.total).toBeLessThan(all);
    expect(kinder.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Kulturcafé', 'Spielmobil „Armin“']));
    for (const i of kinder.items) expect(i.ageGroups.includes('kinder') || i.ageGroups.includes('alle')).toBe(true);
    expect(kinder.items.map((i) => i.title)).not.toContain('Sitzgymnastik');
  });

  it('filters by wheelchair access ("yes" only), free of charge and interests (any-of)', () => {
    for (const i of search(t.db, { wheelchairOnly: true, limit: 500 }).items) expect(i.wheelchair).toBe('yes');
    for (const i of search(t.db, { freeOnly: true, limit: 500 }).items) expect(i.free).toBe(true);
    const r = search(t.db, { interests: ['natur', 'spielen'], limit: 500 });
    for (const i of r.items) expect(i.interests.some((x) => x === 'natur' || x === 'spielen')).toBe(true);
    expect(r.total).toBe(search(t.db, { interests: ['natur'] }).total + search(t.db, { interests: ['spielen'] }).total - search(t.db, { interests: ['natur'], text: '' }).items.filter((i) => i.interests.includes('spielen')).length);
  });

  it('filters by weekday, time of day, today and distance', () => {
    const mondayEvening = search(t.db, { weekdays: ['MO'], timesOfDay: ['evening'], limit: 500 }).items.map((i) => i.title);
    expect(mondayEvening).toContain('Schachtreff'); // Monday 18–21
    expect(mondayEvening).not.toContain('Sitzgymnastik'); // Monday morning
    const today = search(t.db, { when: 'today', limit: 500 }).items.map((i) => i.title); // a Wednesday
    expect(today).toContain('Bistro Pauline');
    expect(today).not.toContain('Schachtreff');
    const near = search(t.db, { maxDistanceKm: 0.5, limit: 500 });
    expect(near.total).toBeGreaterThan(0);
    for (const i of near.items) expect(i.distanceKm).toBeLessThanOrEqual(0.5);
    expect(near.items.map((i) => i.title)).not.toContain('Mitfahrbank Braschoß');
  });

  it('sorts by distance without text and returns map points for every match', () => {
    const r = search(t.db, { limit: 10 });
    const d = r.items.map((i) => i.distanceKm ?? Infinity);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(r.items).toHaveLength(10);
    expect(r.points.length).toBe(r.items.length === r.total ? r.items.filter((i) => i.lat !== null).length : r.points.length);
    expect(r.points.length).toBe(search(t.db, { limit: 500 }).items.filter((i) => i.lat !== null).length);
  });

  it('leaves the map points out when the list asks without them, and nothing else changes', () => {
    for (const q of [{}, { text: 'ge' }, { text: 'kulturcafe' }, { text: 'schach', interests: ['spielen'] }]) {
      const withPoints = search(t.db, { ...q, limit: 10 });
      const without = search(t.db, { ...q, limit: 10, points: false });
      expect(without.points).toEqual([]);
      expect({ ...without, points: withPoints.points }).toEqual(withPoints);
      if (!q.text) expect(withPoints.points.length).toBeGreaterThan(10); // more points than the page: they were there
    }
  });

  it('pages with limit and offset', () => {
    const all = search(t.db, { limit: 500 }).items.map((i) => i.id);
    expect(search(t.db, { limit: 5, offset: 5 }).items.map((i) => i.id)).toEqual(all.slice(5, 10));
  });

  it('counts facets disjunctively within a facet', () => {
    const base = search(t.db, { interests: ['natur'] });
    // switching on another interest: count = offers with that interest (other facets as they are)
    expect(base.facets.interests.spielen).toBe(search(t.db, { interests: ['spielen'] }).total);
    // another facet: count = results if it were switched on
    expect(base.facets.free).toBe(search(t.db, { interests: ['natur'], freeOnly: true }).total);
    expect(base.facets.ageGroups.kinder).toBe(search(t.db, { interests: ['natur'], ageGroups: ['kinder'] }).total);
    expect(base.facets.districts.innenstadt).toBe(search(t.db, { interests: ['natur'], districts: ['innenstadt'] }).total);
    expect(base.facets.weekdays.SA).toBe(search(t.db, { interests: ['natur'], weekdays: ['SA'] }).total);
    expect(base.facets.when.today).toBe(search(t.db, { interests: ['natur'], when: 'today' }).total);
    // every taxonomy value is present, even with 0
    expect(Object.keys(base.facets.interests).sort()).toEqual(SIEGBURG_TAXONOMY.interests.map((i) => i.id).sort());
    const text = search(t.db, { text: 'garten' });
    expect(text.facets.when.any).toBe(text.total);
  });

  it('shows texts in the requested language and says when a translation is missing', () => {
    const en = search(t.db, { text: 'kulturcafe', lang: 'en' }).items[0]!;
    expect(en.title).toBe('Culture café');
    expect(en.untranslated).toBe(false);
    expect(en.sample).toBe(true);
    const uk = search(t.db, { text: 'Bistro Pauline', lang: 'uk' }).items[0]!;
    expect(uk.title).toBe('Bistro Pauline');
    expect(uk.untranslated).toBe(true);
    expect(search(t.db, { text: 'kulturcafe', lang: 'de-LS' }).items[0]!.untranslated).toBe(false);
  });

  it('finds translated titles too', () => {
    expect(titles(t.db, { text: 'community garden' })).toContain('Gemeinschaftsgarten Cecilienstraße');
  });
});

describe('search ranking and visibility', () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(() => {
    t = tempDb();
    t.db.transaction(() => {
      replaceTaxonomy(t.db, SIEGBURG_TAXONOMY);
      upsertOffers(t.db, [
        testOffer('desc', { title: 'Offener Treff', description: 'Wir sprechen über Yoga und vieles mehr.' }),
        testOffer('org', { title: 'Bewegung am Morgen', organisation: { name: 'Yoga-Verein' } }),
        testOffer('title', { title: 'Sanftes Yoga' }),
        testOffer('prefix', { title: 'Yoga auf dem Stuhl' }),
        testOffer('paused', { title: 'Yoga pausiert', status: 'paused' }),
        testOffer('ended', { title: 'Yoga beendet', status: 'ended' }),
      ]);
    })();
  });
  afterAll(() => t.cleanup());

  it('ranks title matches before organisation before description, title start first', () => {
    expect(search(t.db, { text: 'yoga' }).items.map((i) => i.id)).toEqual(['prefix', 'title', 'org', 'desc']);
  });

  it('never finds paused or ended offers', () => {
    expect(search(t.db, { text: 'pausiert' }).total).toBe(0);
    expect(search(t.db, {}).items.map((i) => i.id)).not.toContain('ended');
  });

  it('sees changes right away (index rebuilt after writes)', () => {
    expect(search(t.db, { text: 'schach' }).total).toBe(0);
    t.db.transaction(() => upsertOffers(t.db, [testOffer('new', { title: 'Schachtreff' })]))();
    expect(search(t.db, { text: 'schach' }).items.map((i) => i.id)).toEqual(['new']);
  });

  it('counts an offer with a calendar event this week for when=week', () => {
    t.db.transaction(() => upsertOffers(t.db, [testOffer('ev', { title: 'Nur Termine', schedules: [{ freq: 'by_arrangement' }] })]))();
    expect(search(t.db, { text: 'nur termine', when: 'week' }).total).toBe(0);
    t.db.transaction(() => replaceEvents(t.db, '2026-11-01', '2026-12-31', [{ uid: 'u1', offer_id: 'ev', title: 'Sondertermin', start: '2026-11-28T13:00:00Z', all_day: false }]))();
    expect(search(t.db, { text: 'nur termine', when: 'week' }).total).toBe(1);
    expect(search(t.db, { text: 'nur termine', when: 'today' }).total).toBe(0);
  });
});

describe('search index read back from SQLite agrees with the filter rules applied to the original offers', () => {
  let t: ReturnType<typeof tempDb>;
  const offers = generateSyntheticOffers(600, 11);
  beforeAll(() => {
    t = tempDb();
    t.db.transaction(() => {
      replaceTaxonomy(t.db, SIEGBURG_TAXONOMY);
      upsertOffers(t.db, offers);
    })();
  });
  afterAll(() => t.cleanup());

  const cases: SearchQueryInput[] = [
    { interests: ['bewegung', 'kultur'] },
    { ageGroups: ['kinder'] },
    { ageGroups: ['senioren'], wheelchairOnly: true },
    { districts: ['zange', 'kaldauen'], freeOnly: true },
    { weekdays: ['SA', 'SU'], timesOfDay: ['morning'] },
    { timesOfDay: ['afternoon', 'evening'], interests: ['essen'] },
    { when: 'today' },
    { when: 'week', ageGroups: ['familien'] },
    { maxDistanceKm: 1.5 },
    { maxDistanceKm: 3, interests: ['treffen'], weekdays: ['WE'] },
  ];
  for (const q of cases) {
    it(`same results and facets for ${JSON.stringify(q)}`, () => {
      const parsed = searchQuerySchema.parse({ ...q, limit: 500 });
      const fctx = { position: ctx.position, today: localDate(ctx.now, ctx.tz) };
      const expected = offers.filter((o) => matchesFilters(o, parsed, fctx)).map((o) => o.id).sort();
      const r = searchOffers(t.db, parsed, ctx);
      expect(r.total).toBe(expected.length);
      expect(r.items.map((i) => i.id).sort()).toEqual(expected.slice(0, 500));
      const facts = offers.map((o) => offerFacts(o, fctx));
      const ids = { interests: SIEGBURG_TAXONOMY.interests.map((i) => i.id), ageGroups: SIEGBURG_TAXONOMY.age_groups.map((a) => a.id), districts: SIEGBURG_TAXONOMY.districts.map((d) => d.id) };
      expect(r.facets).toEqual(countFacets(facts, compileCriteria(parsed), ids));
    });
  }
});
