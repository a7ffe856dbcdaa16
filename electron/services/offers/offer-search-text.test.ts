import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema, type SearchQueryInput } from '../../../shared/contract/offers';
import { localDate } from '../../../shared/logic/next-dates';
import { searchTokens } from '../../../shared/logic/normalize-text';
import { compileCriteria, countFacets, matchesFilters, offerFacts } from '../../../shared/logic/offer-filter';
import { generateSyntheticOffers, SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { SIEGBURG_CENTRE } from '../../../shared/schemas/kiosk-config';
import type { Offer } from '../../../shared/schemas/offer';
import { searchTexts, replaceTaxonomy, upsertOffers } from './offer-repository';
import { DEFAULT_TUNING, searchOffers, selectSmallest, type SearchContext, type SearchTuning } from './offer-search';
import { tempDb } from './test-db';

/**
 * The text search (FTS5 + in-memory checks, two ways of ranking) against a plain reference written from the rules:
 * an offer matches when each query word occurs in its normalised texts; rank = title starts with the query, then a
 * title word does, then the column score (each word: weight of the best column it is in — title 10, organisation 5,
 * summary 3, place 2, description 1; only when the query has a word of 3+ letters), then title.
 */
const ctx: SearchContext = { position: { ...SIEGBURG_CENTRE }, now: new Date('2026-11-25T10:00:00Z'), tz: 'Europe/Berlin' };
const WEIGHTS = { title: 10, organisation: 5, summary: 3, place: 2, description: 1 } as const;
const TUNINGS: [string, SearchTuning][] = [
  ['looking into each hit', { sweepAbove: Infinity }],
  ['sweeping the columns', { sweepAbove: 0 }],
  ['default', { sweepAbove: 3000 }],
];

describe('text search agrees with a plain reference', () => {
  let t: ReturnType<typeof tempDb>;
  const offers = generateSyntheticOffers(800, 7);
  // a few offers whose texts sit at the edges: first/last position, title start, words inside compounds
  offers.push(
    { ...offers[0]!, id: 'edge-a', title: 'Abendtreff am Bach', summary: 'ab 18 Uhr', status: 'active' },
    { ...offers[6]!, id: 'edge-jazz', title: 'Jazz Quartett', status: 'active' },
    { ...offers[1]!, id: 'edge-b', title: 'Zumba', organisation: { name: 'Abteilung Tanz' }, status: 'active' },
    { ...offers[2]!, id: 'edge-paused', title: 'Abendtreff pausiert', status: 'paused' },
    { ...offers[3]!, id: 'edge-summary', title: 'Kartenrunde', summary: 'Ein Treffen im Verein', organisation: { name: 'Stadtteilinitiative' }, status: 'active' },
    { ...offers[5]!, id: 'edge-uk', title: 'Gesprächscafé', status: 'active',
      translations: { uk: { title: 'Розмовне кафе', summary: 'Зустріч за кавою', description: 'Кава і чай' }, ar: { title: 'مقهى الحديث', summary: 'لقاء', description: 'قهوة' } } },
    { ...offers[4]!, id: 'edge-place', title: 'Kartenrunde', summary: 'Karten spielen', organisation: { name: 'Freunde' }, status: 'active',
      location: { ...offers[4]!.location!, name: 'Vereinsheim' } },
    // the title starting with the word ranks before a later title word starting with it, though it sorts after it
    { ...offers[7]!, id: 'edge-start', title: 'Treffpunkt Kegeln', status: 'active' },
    { ...offers[8]!, id: 'edge-later', title: 'Kegeln Treffpunkt', status: 'active' },
    // a text of several words: the title starting with it, a later title word starting with it (hitTitleBoosts)
    { ...offers[9]!, id: 'edge-mid', title: 'Zum Treffpunkt Kegeln', status: 'active' },
  );
  const districtLabel = new Map(SIEGBURG_TAXONOMY.districts.map((d) => [d.id, d.label.de]));
  let rowids: Map<string, number>;
  beforeAll(() => {
    t = tempDb();
    t.db.transaction(() => {
      replaceTaxonomy(t.db, SIEGBURG_TAXONOMY);
      upsertOffers(t.db, offers);
    })();
    rowids = new Map((t.db.prepare('SELECT id, rowid FROM offers').all() as { id: string; rowid: number }[]).map((r) => [r.id, r.rowid]));
  });
  afterAll(() => t.cleanup());

  function reference(q: ReturnType<typeof searchQuerySchema.parse>) {
    const tokens = searchTokens(q.text);
    const normalised = tokens.join(' ');
    const scored = tokens.some((x) => x.length >= 3);
    const fctx = { position: ctx.position, today: localDate(ctx.now, ctx.tz) };
    const textHits = offers
      .filter((o) => o.status === 'active')
      .map((o) => ({ o, texts: searchTexts(o, o.district ? districtLabel.get(o.district) : undefined) }))
      .filter(({ texts }) => tokens.every((tok) => Object.values(texts).some((v) => v.includes(tok))));
    const hits = textHits
      .filter(({ o }) => matchesFilters(o, q, fctx))
      .map(({ o, texts }) => {
        const boost = texts.title.startsWith(normalised) ? 0 : texts.title.includes(` ${normalised}`) ? 1 : 2;
        let score = 0;
        if (scored) {
          for (const tok of tokens) score += Math.max(...(Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).map((c) => (texts[c].includes(tok) ? WEIGHTS[c] : 0)));
        }
        return { id: o.id, boost, score, title: texts.title, rowid: rowids.get(o.id)! };
      });
    hits.sort((a, b) => a.boost - b.boost || b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : a.rowid - b.rowid));
    return { ids: hits.map((h) => h.id), textHits: textHits.map(({ o }) => o) };
  }

  const cases: SearchQueryInput[] = [
    { text: 'treff' },
    { text: 'garten' },
    { text: 'Senioren Treff' },
    { text: 'kaffee tee' },
    { text: 'ab' },
    { text: 'a' },
    { text: 'g' },
    { text: 'abendtreff' },
    { text: 'ZUMBA' },
    { text: 'Bürgerhaus' },
    { text: 'burgerhaus' },
    { text: 'strasse' },
    { text: 'Märchen vorlesen' },
    { text: 'abteilung' },
    { text: 'verein' },
    { text: 'ка' },
    { text: 'кафе' },
    { text: 'р' },
    { text: 'مقهى' },
    { text: 'م' },
    { text: 'ge ка' },
    { text: '1' },
    { text: '18' },
    { text: 'zq' },
    { text: 'zz' },
    { text: 'kartenrunde verein' },
    { text: 'initiative' },
    { text: 'treff ab' },
    { text: 'xylophon' },
    { text: 'treffpunkt' },
    { text: 'kegeln' },
    { text: 'k' },
    // two letters: the title start before a later title word (title initials, not a sweep)
    { text: 'ke' },
    { text: 'tr' },
    // several words typed, the last one short: title boosts from the title initials, short words per hit
    { text: 'treffpunkt k' },
    { text: 'kegeln t' },
    { text: 'senioren t' },
    { text: 'senioren tr' },
    { text: 'treff', interests: ['treffen', 'essen'], ageGroups: ['senioren'] },
    { text: 'garten', districts: ['kaldauen', 'zange'], freeOnly: true },
    { text: 'e', when: 'week', maxDistanceKm: 2 },
    { text: 'kreis', weekdays: ['TU'], timesOfDay: ['evening'], wheelchairOnly: true },
  ];
  for (const [how, tuning] of TUNINGS) {
    for (const c of cases) {
      it(`${JSON.stringify(c)} — same hits, order and facets (${how})`, () => {
        for (const [offset, limit] of [
          [0, 500],
          [0, 10],
          [25, 10],
        ] as const) {
          const q = searchQuerySchema.parse({ ...c, offset, limit });
          const r = searchOffers(t.db, q, ctx, tuning);
          const ref = reference(q);
          expect(r.total).toBe(ref.ids.length);
          expect(r.items.map((i) => i.id)).toEqual(ref.ids.slice(offset, offset + limit));
          expect(r.points.map((p) => p.id).sort()).toEqual(ref.ids.filter((id) => offers.find((o) => o.id === id)!.location).sort());
          const fctx = { position: ctx.position, today: localDate(ctx.now, ctx.tz) };
          const ids = { interests: SIEGBURG_TAXONOMY.interests.map((i) => i.id), ageGroups: SIEGBURG_TAXONOMY.age_groups.map((a) => a.id), districts: SIEGBURG_TAXONOMY.districts.map((d) => d.id) };
          expect(r.facets).toEqual(countFacets(ref.textHits.map((o: Offer) => offerFacts(o, fctx)), compileCriteria(q), ids));
        }
      });
    }
  }

  it('typos: found with the default tuning, exact hits stay first, filters and counts include the fuzzy hits', () => {
    const fuzzy = (text: string, extra: SearchQueryInput = {}) => searchOffers(t.db, searchQuerySchema.parse({ text, limit: 500, ...extra }), ctx, DEFAULT_TUNING);
    const exact = (text: string) => reference(searchQuerySchema.parse({ text, limit: 500 })).ids;
    for (const typo of ['kartenrnde', 'kartenrunde ferein', 'zumbaa', 'jaz quartet', 'quartet']) {
      const ids = fuzzy(typo).items.map((i) => i.id);
      expect(ids.length, typo).toBeGreaterThan(0);
    }
    expect(fuzzy('kartenrnde').items.map((i) => i.id)).toEqual(expect.arrayContaining(['edge-summary', 'edge-place']));
    expect(fuzzy('zumbaa').items.map((i) => i.id)).toContain('edge-b');
    expect(fuzzy('tanzen').items.map((i) => i.id)).toContain('edge-b'); // stem: "Abteilung Tanz"
    expect(fuzzy('coffee').items.map((i) => i.id)).toContain('edge-uk'); // synonym: Gesprächscafé
    expect(fuzzy('xylophonorchester').total).toBe(0);
    // exact hits first, in the reference order; the fuzzy ones after them
    const ex = exact('garten');
    const all = fuzzy('garten');
    expect(all.items.map((i) => i.id).slice(0, ex.length)).toEqual(ex);
    expect(all.total).toBeGreaterThan(ex.length); // "karten" is one edit away
    expect(all.facets.free).toBeGreaterThanOrEqual(reference(searchQuerySchema.parse({ text: 'garten', freeOnly: true, limit: 500 })).ids.length);
    const free = fuzzy('garten', { freeOnly: true });
    expect(free.items.every((i) => i.free)).toBe(true);
    expect(free.total).toBe(all.facets.free);
  });

  it('typo step: the word postings and the new scan find what the previous step (plain scan + FTS per alternative) found', () => {
    const run = (text: string, previousTypoStep: boolean, extra: SearchQueryInput = {}) =>
      searchOffers(t.db, searchQuerySchema.parse({ text, limit: 500, ...extra }), ctx, { ...DEFAULT_TUNING, previousTypoStep });
    const texts = ['gartn', 'kartenrnde', 'kartenrunde ferein', 'zumbaa', 'jaz quartet', 'tanzen', 'coffee', 'fussball', 'кафк', 'مقهي', 'schachtref',
      'senioren trff', 'treff ab', 'familiengartn', 'spaziergng', 'computer', 'kafee', 'wanderng 18', 'xylophonorchester', 'garten'];
    // and typed letter by letter, as on the kiosk keyboard (the incremental lookups)
    for (const word of ['gemeinschaftsgartn', 'nachbarschaftstref']) for (let i = 1; i <= word.length; i++) texts.push(word.slice(0, i));
    for (const text of texts)
      for (const extra of [{}, { freeOnly: true }] as SearchQueryInput[]) {
        const now = run(text, false, extra);
        const before = run(text, true, extra);
        expect(now.items.map((i) => i.id), text).toEqual(before.items.map((i) => i.id));
        expect([now.total, now.facets, now.didYouMean], text).toEqual([before.total, before.facets, before.didYouMean]);
      }
    expect(run('gartn', false).total).toBeGreaterThan(100);
  });

  it('the edge offers are found by their parts', () => {
    // exact search only (typos, stems and synonyms add more: see the test above)
    const q = (text: string) => searchOffers(t.db, searchQuerySchema.parse({ text, limit: 500 }), ctx, { sweepAbove: DEFAULT_TUNING.sweepAbove }).items.map((i) => i.id);
    expect(q('abendtreff')[0]).toBe('edge-a');
    expect(q('zumba')).toEqual(['edge-b']);
    expect(q('abendtreff')).not.toContain('edge-paused');
    expect(q('ка')).toContain('edge-uk');
    expect(q('кафе')).toEqual(['edge-uk']);
    expect(q('مقهى')).toEqual(['edge-uk']);
    expect(q('18')).toContain('edge-a');
  });
});

describe('selectSmallest', () => {
  it('moves the k smallest values to the front', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      for (const k of [1, 2, Math.floor(n / 2), n - 1, n].filter((x) => x >= 1 && x <= n)) {
        const values = [...new Set(Array.from({ length: n }, () => Math.floor(rnd() * 1e9)))];
        const a = Float64Array.from(values);
        selectSmallest(a, k);
        const expected = [...values].sort((x, y) => x - y).slice(0, k);
        expect([...a.subarray(0, k)].sort((x, y) => x - y)).toEqual(expected);
        expect([...a].sort((x, y) => x - y)).toEqual([...values].sort((x, y) => x - y)); // nothing lost
      }
    }
  });
});
