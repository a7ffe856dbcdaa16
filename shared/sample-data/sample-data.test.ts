import { describe, expect, it } from 'vitest';
import { offerSchema } from '../schemas/offer';
import { taxonomySchema } from '../schemas/taxonomy';
import { generateSyntheticOffers, SAMPLE_PHONE_PREFIX, SIEGBURG_BOUNDS, SIEGBURG_SAMPLE_OFFERS, SIEGBURG_TAXONOMY } from './index';

const NAMED = [
  'ZWAR-Gruppen',
  'Spielmobil „Armin“',
  'Senioren im Spielmobil',
  'Kulturcafé',
  'Gemeinschaftsgarten Cecilienstraße',
  'Rikscha-Projekt',
  'Bistro Pauline',
  'verwaltungsinternen Fachdienste',
  '„Längste Tafel der Nachbarschaft“',
  'Fortbildung „Mittendrin im Alter statt allein“',
  'Seniorenprogramm',
  'Stadtteilkonferenzen',
  'Aktionstag „Siegburg GEMEINSAM erleben“',
];

describe('Siegburg sample data', () => {
  it('validates against the city API schemas', () => {
    expect(taxonomySchema.safeParse(SIEGBURG_TAXONOMY).success).toBe(true);
    for (const o of SIEGBURG_SAMPLE_OFFERS) {
      const r = offerSchema.safeParse(o);
      expect(r.success, `${o.id}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
  });

  it('has at least 45 offers with unique ids, all active and marked as sample', () => {
    expect(SIEGBURG_SAMPLE_OFFERS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(SIEGBURG_SAMPLE_OFFERS.map((o) => o.id)).size).toBe(SIEGBURG_SAMPLE_OFFERS.length);
    for (const o of SIEGBURG_SAMPLE_OFFERS) {
      expect(o.sample).toBe(true);
      expect(o.status).toBe('active');
    }
  });

  it('contains every offer named in the Handlungskonzept, with the name as written', () => {
    const titles = SIEGBURG_SAMPLE_OFFERS.map((o) => o.title);
    for (const name of NAMED) expect(titles.some((t) => t.includes(name)), name).toBe(true);
    expect(SIEGBURG_SAMPLE_OFFERS.find((o) => o.title.includes('Längste Tafel'))?.organisation.name).toBe('Bürgergemeinschaft Stallberg');
  });

  it('uses every interest, age group and district, and only known taxonomy ids', () => {
    const interests = new Set(SIEGBURG_SAMPLE_OFFERS.flatMap((o) => o.interests));
    const ages = new Set(SIEGBURG_SAMPLE_OFFERS.flatMap((o) => o.age_groups));
    const districts = new Set(SIEGBURG_SAMPLE_OFFERS.map((o) => o.district));
    expect([...interests].sort()).toEqual(SIEGBURG_TAXONOMY.interests.map((i) => i.id).sort());
    expect([...ages].sort()).toEqual(SIEGBURG_TAXONOMY.age_groups.map((a) => a.id).sort());
    expect([...districts].sort()).toEqual(SIEGBURG_TAXONOMY.districts.map((d) => d.id).sort());
    expect(SIEGBURG_TAXONOMY.age_groups.map((a) => a.id).sort()).toEqual(['alle', 'erwachsene', 'familien', 'jugendliche', 'kinder', 'senioren']);
  });

  it('labels interests and age groups in German, English, Turkish, Ukrainian and Arabic', () => {
    for (const t of [...SIEGBURG_TAXONOMY.interests, ...SIEGBURG_TAXONOMY.age_groups]) {
      for (const lang of ['de', 'en', 'tr', 'uk', 'ar']) expect(t.label[lang], `${t.id}.${lang}`).toBeTruthy();
    }
  });

  it('places every offer inside Siegburg', () => {
    for (const o of SIEGBURG_SAMPLE_OFFERS) {
      if (!o.location) continue;
      expect(o.location.lat).toBeGreaterThanOrEqual(50.77);
      expect(o.location.lat).toBeLessThanOrEqual(50.82);
      expect(o.location.lon).toBeGreaterThanOrEqual(7.17);
      expect(o.location.lon).toBeLessThanOrEqual(7.26);
      expect(o.location.city).toBe('Siegburg');
    }
    expect(SIEGBURG_SAMPLE_OFFERS.filter((o) => o.location).length).toBeGreaterThanOrEqual(40);
  });

  it('has no contact that could reach a real person', () => {
    const json = JSON.stringify(SIEGBURG_SAMPLE_OFFERS);
    const emails = json.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/g) ?? [];
    expect(emails.length).toBeGreaterThan(0);
    for (const e of emails) expect(e).toMatch(/@example\.org$/);
    for (const o of SIEGBURG_SAMPLE_OFFERS) {
      if (o.organisation.phone) expect(o.organisation.phone.startsWith(SAMPLE_PHONE_PREFIX), o.organisation.phone).toBe(true);
      for (const url of [o.url, o.organisation.website].filter(Boolean)) expect(new URL(url!).hostname).toBe('example.org');
    }
  });

  it('mixes schedules, costs, accessibility, translations and easy-read texts', () => {
    const freqs = new Set(SIEGBURG_SAMPLE_OFFERS.flatMap((o) => o.schedules.map((s) => s.freq)));
    expect([...freqs].sort()).toEqual(['by_arrangement', 'monthly', 'once', 'weekly']);
    expect(SIEGBURG_SAMPLE_OFFERS.some((o) => o.schedules.some((s) => s.setpos === -1))).toBe(true);
    expect(SIEGBURG_SAMPLE_OFFERS.some((o) => !o.cost.free)).toBe(true);
    expect(new Set(SIEGBURG_SAMPLE_OFFERS.map((o) => o.location?.wheelchair).filter(Boolean)).size).toBe(4);
    expect(SIEGBURG_SAMPLE_OFFERS.filter((o) => o.easy_read).length).toBeGreaterThanOrEqual(5);
    for (const lang of ['en', 'tr', 'uk', 'ar'] as const) {
      expect(SIEGBURG_SAMPLE_OFFERS.filter((o) => o.translations?.[lang]).length, lang).toBeGreaterThanOrEqual(5);
    }
    expect(SIEGBURG_SAMPLE_OFFERS.filter((o) => o.location?.transit_stop).length).toBeGreaterThanOrEqual(40);
  });
});

describe('generateSyntheticOffers', () => {
  it('is deterministic and produces valid offers inside Siegburg', () => {
    const a = generateSyntheticOffers(300, 5);
    expect(generateSyntheticOffers(300, 5)).toEqual(a);
    expect(generateSyntheticOffers(300, 6)).not.toEqual(a);
    expect(new Set(a.map((o) => o.id)).size).toBe(300);
    for (const o of a) {
      expect(offerSchema.safeParse(o).success, o.id).toBe(true);
      if (o.location) {
        expect(o.location.lat).toBeGreaterThanOrEqual(SIEGBURG_BOUNDS.minLat);
        expect(o.location.lat).toBeLessThanOrEqual(SIEGBURG_BOUNDS.maxLat);
        expect(o.location.lon).toBeGreaterThanOrEqual(SIEGBURG_BOUNDS.minLon);
        expect(o.location.lon).toBeLessThanOrEqual(SIEGBURG_BOUNDS.maxLon);
      }
    }
  });
});
