import type { Offer, Schedule, Weekday, Wheelchair } from '../schemas/offer';
import { SIEGBURG_TAXONOMY } from './siegburg-taxonomy';

/**
 * Deterministic synthetic offers spread over Siegburg, for tests and benchmarks (never shown as real data).
 * The same (n, seed) always gives the same offers. Texts are assembled from German word pools so that
 * full-text search behaves as with real data (compound words, umlauts, ß).
 */

/** mulberry32: small, fast, good enough for test data. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
    const k = int(min, Math.min(max, xs.length));
    const pool = [...xs];
    const out: T[] = [];
    for (let i = 0; i < k; i++) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T);
    return out;
  };
  return { next, int, pick, some };
}

const PREFIXES = ['Gemeinschafts', 'Nachbarschafts', 'Familien', 'Senioren', 'Jugend', 'Kinder', 'Stadtteil', 'Kultur', 'Begegnungs', 'Natur', 'Sport', 'Mehrgenerationen', 'Frauen', 'Männer', 'Bürger'];
const NOUNS = ['garten', 'café', 'treff', 'kreis', 'werkstatt', 'gruppe', 'chor', 'runde', 'frühstück', 'spaziergang', 'tanz', 'gymnastik', 'spielenachmittag', 'sprechstunde', 'ausflug', 'stammtisch', 'lesekreis', 'kochabend', 'börse', 'wanderung'];
const PLACES = ['Bürgerhaus', 'Gemeindezentrum', 'Pfarrheim', 'Stadtteiltreff', 'Familienzentrum', 'Jugendhaus', 'Begegnungsstätte', 'Turnhalle', 'Bibliothek', 'Vereinsheim'];
const STREETS = ['Hauptstraße', 'Kaiserstraße', 'Ringstraße', 'Wilhelmstraße', 'Luisenstraße', 'Bonner Straße', 'Frankfurter Straße', 'Mühlenstraße', 'Gartenweg', 'Am Bach', 'Schulstraße', 'Lindenallee', 'Weierstraße', 'Zeithstraße'];
const ORGS = ['Bürgerverein', 'Förderverein', 'Heimatverein', 'Nachbarschaftshilfe', 'Kirchengemeinde', 'Sportverein', 'Initiative', 'Familienzentrum', 'Seniorenbüro', 'Jugendhilfe e. V.'];
const SENTENCES = [
  'Neue Gesichter sind jederzeit willkommen.',
  'Eine Anmeldung ist nicht nötig, kommen Sie einfach vorbei.',
  'Kaffee und Tee stehen bereit.',
  'Die Räume sind gut mit dem Bus zu erreichen.',
  'Ehrenamtliche begleiten das Angebot mit viel Geduld.',
  'Wir spielen, singen und erzählen uns Geschichten von früher.',
  'Bei schönem Wetter treffen wir uns draußen im Grünen.',
  'Für Kinder gibt es eine Spielecke, Großeltern sind herzlich eingeladen.',
  'Gemeinsam kochen wir Gerichte aus vielen Ländern.',
  'Im Winter finden die Treffen in der warmen Stube statt.',
  'Bringen Sie gern Ihre Nachbarin oder Ihren Nachbarn mit.',
  'Wer mag, kann Märchen vorlesen oder Lieder vorschlagen.',
  'Die Übungen sind sanft und auch im Sitzen möglich.',
  'Fragen zu Rente, Pflege oder Wohnen beantworten wir vertraulich.',
  'Werkzeug und Material sind vorhanden.',
];
const WEEKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const TIMES: [string, string][] = [
  ['09:00', '11:00'],
  ['10:00', '12:00'],
  ['11:30', '13:30'],
  ['14:00', '16:00'],
  ['15:00', '17:30'],
  ['16:00', '18:00'],
  ['18:00', '20:00'],
  ['19:00', '21:30'],
];
const WHEELCHAIR: Wheelchair[] = ['yes', 'yes', 'partial', 'no', 'unknown'];

/** Siegburg's bounding box used for synthetic positions (inside the town area). */
export const SIEGBURG_BOUNDS = { minLat: 50.775, maxLat: 50.815, minLon: 7.175, maxLon: 7.255 } as const;

function schedule(r: ReturnType<typeof rng>): Schedule {
  const kind = r.next();
  const [opens_at, closes_at] = r.pick(TIMES);
  if (kind < 0.6) return { freq: 'weekly', byday: r.some(WEEKDAYS, 1, 2), opens_at, closes_at };
  if (kind < 0.85) return { freq: 'monthly', setpos: r.pick([1, 2, 3, 4, -1] as const), byday: [r.pick(WEEKDAYS)], opens_at, closes_at };
  if (kind < 0.95) {
    const month = r.int(1, 12);
    const day = r.int(1, 28);
    return { freq: 'once', date: `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, opens_at, closes_at };
  }
  return { freq: 'by_arrangement' };
}

export function generateSyntheticOffers(n: number, seed = 1): Offer[] {
  const r = rng(seed);
  const interests = SIEGBURG_TAXONOMY.interests.map((i) => i.id);
  const ageGroups = SIEGBURG_TAXONOMY.age_groups.map((a) => a.id);
  const districts = SIEGBURG_TAXONOMY.districts;
  const offers: Offer[] = [];
  for (let i = 0; i < n; i++) {
    const district = r.pick(districts);
    const noun = r.pick(NOUNS);
    const title = `${r.pick(PREFIXES)}${noun} ${district.label.de}`;
    const description = r.some(SENTENCES, 2, 5).join(' ');
    const hasLocation = r.next() < 0.95;
    const free = r.next() < 0.7;
    const id = `syn-${seed}-${i}`;
    const offer: Offer = {
      id,
      updated_at: '2026-11-01T09:00:00Z',
      status: 'active',
      title,
      summary: `${r.pick(SENTENCES)} Ein Angebot in ${district.label.de}.`,
      description,
      organisation: { name: `${r.pick(ORGS)} ${district.label.de}`, email: `team${i % 97}@example.org` },
      interests: r.some(interests, 1, 3),
      age_groups: r.next() < 0.15 ? ['alle'] : r.some(ageGroups.filter((a) => a !== 'alle'), 1, 2),
      district: district.id,
      schedules: Array.from({ length: r.int(1, 2) }, () => schedule(r)),
      cost: free ? { free: true } : { free: false, note: `${r.int(1, 15)} € pro Termin` },
      registration_required: r.next() < 0.3,
    };
    if (hasLocation) {
      offer.location = {
        name: `${r.pick(PLACES)} ${district.label.de}`,
        street: `${r.pick(STREETS)} ${r.int(1, 120)}`,
        postal_code: '53721',
        city: 'Siegburg',
        lat: Math.round((SIEGBURG_BOUNDS.minLat + r.next() * (SIEGBURG_BOUNDS.maxLat - SIEGBURG_BOUNDS.minLat)) * 1e5) / 1e5,
        lon: Math.round((SIEGBURG_BOUNDS.minLon + r.next() * (SIEGBURG_BOUNDS.maxLon - SIEGBURG_BOUNDS.minLon)) * 1e5) / 1e5,
        wheelchair: r.pick(WHEELCHAIR),
      };
    }
    if (r.next() < 0.2) {
      offer.translations = { en: { title: `${noun} (${district.label.de})`, summary: 'A meeting place for everyone.', description: 'Newcomers are always welcome.' } };
    }
    offers.push(offer);
  }
  return offers;
}
