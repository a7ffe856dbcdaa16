import type { Offer } from '../../shared/schemas/offer';
import { generateSyntheticOffers, SIEGBURG_SAMPLE_OFFERS, SIEGBURG_TAXONOMY } from '../../shared/sample-data';
import type { CityDb } from './city-db';
import { putEvent, type CityEventInput } from './event-store';
import { putOffers, setTaxonomy } from './offer-store';
import type { KioskStorage } from './storage/kiosk-storage';

/** `--seed sample` | `--seed synthetic:<n>[:<seed>]` | `--seed sample+synthetic:<n>` */
export interface SeedSpec {
  sample: boolean;
  synthetic: number;
  syntheticSeed: number;
}

export function parseSeedSpec(spec: string): SeedSpec {
  const out: SeedSpec = { sample: false, synthetic: 0, syntheticSeed: 1 };
  for (const part of spec.split('+')) {
    if (part === 'sample') out.sample = true;
    else {
      const m = /^synthetic:(\d{1,6})(?::(\d{1,9}))?$/.exec(part);
      if (!m) throw new Error(`--seed: expected "sample", "synthetic:<n>" or "sample+synthetic:<n>", got "${part}"`);
      out.synthetic = Number(m[1]);
      out.syntheticSeed = m[2] ? Number(m[2]) : 1;
    }
  }
  return out;
}

/** The sample offers as a town would publish them: same content, without the kiosk-side `sample` marker. */
export function sampleOffersAsCityRecords(): Offer[] {
  return SIEGBURG_SAMPLE_OFFERS.map((o) => {
    const copy: Offer = { ...o };
    delete copy.sample;
    return copy;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A few calendar entries around `now`, linked to sample offers where they exist. */
function sampleEvents(now: Date, offerIds: Set<string>): CityEventInput[] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const first = `${y}-${pad(m)}-01`;
  const link = (id: string) => (offerIds.has(id) ? { offer_id: id } : {});
  const events: CityEventInput[] = [];
  events.push({
    uid: 'kulturcafe-weekly@siegburg.example',
    ...link('sample-kulturcafe'),
    summary: 'Kulturcafé: Jung und Alt im Gespräch',
    location: 'Stadtbibliothek Siegburg',
    dtstart: `${first}T15:00`,
    duration_min: 120,
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
  });
  events.push({
    uid: 'spielmobil-armin@siegburg.example',
    ...link('sample-spielmobil-armin'),
    summary: 'Spielmobil „Armin“ auf dem Marktplatz',
    location: 'Marktplatz Siegburg',
    dtstart: `${first}T14:00`,
    duration_min: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
  });
  events.push({
    uid: 'stadtteilkonferenz@siegburg.example',
    ...link('sample-stadtteilkonferenzen'),
    summary: 'Stadtteilkonferenz',
    location: 'Rathaus Siegburg, Ratssaal',
    dtstart: `${first}T18:00`,
    duration_min: 90,
    rrule: 'FREQ=MONTHLY;BYDAY=2TU',
  });
  const in10 = new Date(now.getTime() + 10 * 86_400_000);
  events.push({
    uid: 'aktionstag-gemeinsam@siegburg.example',
    ...link('sample-aktionstag-gemeinsam'),
    summary: 'Aktionstag „Siegburg GEMEINSAM erleben“',
    location: 'Innenstadt Siegburg',
    all_day: true,
    dtstart: in10.toISOString().slice(0, 10),
  });
  return events;
}

export function seedCityDb(db: CityDb, spec: SeedSpec, now = new Date()): { offers: number } {
  setTaxonomy(db, SIEGBURG_TAXONOMY);
  const offers: Offer[] = [];
  if (spec.sample) offers.push(...sampleOffersAsCityRecords());
  if (spec.synthetic > 0) offers.push(...generateSyntheticOffers(spec.synthetic, spec.syntheticSeed));
  putOffers(db, offers);
  if (spec.sample) for (const e of sampleEvents(now, new Set(offers.map((o) => o.id)))) putEvent(db, e);
  return { offers: offers.length };
}

/** The same seed into any storage (SQLite or PostgreSQL, issue 19). */
export async function seedStorage(storage: KioskStorage, spec: SeedSpec, now = new Date()): Promise<{ offers: number }> {
  await storage.setTaxonomy(SIEGBURG_TAXONOMY);
  const offers: Offer[] = [];
  if (spec.sample) offers.push(...sampleOffersAsCityRecords());
  if (spec.synthetic > 0) offers.push(...generateSyntheticOffers(spec.synthetic, spec.syntheticSeed));
  await storage.putOffers(offers);
  if (spec.sample) for (const e of sampleEvents(now, new Set(offers.map((o) => o.id)))) await storage.putEvent(e);
  return { offers: offers.length };
}
