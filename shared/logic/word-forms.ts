/**
 * Word forms and everyday words for search (kiosk and city API public pages alike). Works on normalised words
 * (`normalizeForSearch`: lower case, umlauts/accents/ß folded).
 *
 * - `stem`: light stemming for German, English and Turkish: a common ending is cut when at least 4 letters stay
 *   ("singen" → "sing", "tanzen" → "tanz", "dancing" → "danc", "yuruyusler" → "yuruyus"). Search matches parts of
 *   words, so the stem finds every form.
 * - `SYNONYMS`: a curated list per language mapping everyday words to what offers are called, extended by the city
 *   API taxonomy's `search_words` (staff add entries): each entry lists the words people type, the offer words they
 *   mean, and optionally interest ids.
 * - `wordAlternatives(word)`: the stem and the offer words one typed word stands for.
 */
import type { Language } from '../schemas/kiosk-config';
import { normalizeForSearch } from './normalize-text';

export interface SynonymEntry {
  /** what people type (any form; normalised when used) */
  words: string[];
  /** what offers call it */
  means: string[];
  /** interest ids of the taxonomy this stands for: offers with one of these interests are found too (after exact hits) */
  interests?: string[];
}

/**
 * The shape in which the city API's taxonomy carries staff-maintained everyday words (`interestSchema.search_words`,
 * docs/city-api.md, docs/adr/0011): per interest, per language, the words people type. `taxonomySynonyms` turns them
 * and the interest labels into entries of the same format as `SYNONYMS`, which `setExtraSynonyms` adds to the curated
 * list (the kiosk does so whenever it rebuilds its search index).
 */
export interface TaxonomySearchWords {
  id: string;
  search_words?: Partial<Record<Exclude<Language, 'de-LS'>, string[]>>;
  /** the interest's label per language: its words find the interest as well ("Sport" → Bewegung & Sport) */
  label?: Partial<Record<string, string>>;
}

export function taxonomySynonyms(interests: readonly TaxonomySearchWords[]): SynonymEntry[] {
  const out: SynonymEntry[] = [];
  for (const i of interests) {
    const words = [...Object.values(i.search_words ?? {}).flat(), ...Object.values(i.label ?? {}).flatMap((l) => (l ?? '').split(/[\s&/,]+/))].filter((w) => [...w].length >= 3);
    if (words.length > 0) out.push({ words, means: [], interests: [i.id] });
  }
  return out;
}

export const SYNONYMS: Record<Exclude<Language, 'de-LS'>, SynonymEntry[]> = {
  de: [
    { words: ['Fußball', 'Turnen', 'Fitness'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ['Gymnastik', 'Laufen', 'Wandern'], means: ['bewegung', 'spaziergang', 'walking'], interests: ['bewegung'] },
    { words: ['Computer', 'Handy', 'Internet', 'Tablet'], means: ['digital', 'pc', 'internet', 'smartphone'], interests: ['lernen'] },
    { words: ['Kaffee', 'Kuchen'], means: ['cafe'], interests: ['essen', 'treffen'] },
    { words: ['Singen', 'Lieder'], means: ['chor', 'musik', 'singen'], interests: ['kultur'] },
    { words: ['Basteln', 'Stricken', 'Nähen', 'Häkeln'], means: ['handarbeit', 'kreativ'], interests: ['kultur'] },
    { words: ['Karten', 'Brettspiele', 'Skat'], means: ['spiele', 'karten'], interests: ['spielen'] },
    { words: ['Mittagessen', 'Kochen'], means: ['mittagstisch', 'kochen', 'essen'], interests: ['essen'] },
    { words: ['Plaudern', 'Reden', 'Gesellschaft', 'Leute'], means: ['treff', 'gesprach', 'cafe'], interests: ['treffen'] },
    { words: ['Tanzen'], means: ['tanz'], interests: ['kultur', 'bewegung'] },
    { words: ['Beten', 'Glaube'], means: ['kirche', 'gottesdienst', 'gemeinde'] },
  ],
  en: [
    { words: ['football', 'soccer', 'sports', 'exercise'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ['coffee', 'cake'], means: ['cafe', 'kaffee'], interests: ['essen', 'treffen'] },
    { words: ['computer', 'phone', 'internet'], means: ['digital', 'computer', 'smartphone'], interests: ['lernen'] },
    { words: ['singing', 'choir', 'music'], means: ['chor', 'musik'], interests: ['kultur'] },
    { words: ['walk', 'walking', 'hiking'], means: ['spaziergang', 'walking', 'wandern'], interests: ['bewegung'] },
    { words: ['dance', 'dancing'], means: ['tanz'], interests: ['kultur', 'bewegung'] },
    { words: ['garden', 'gardening'], means: ['garten'], interests: ['natur'] },
    { words: ['chess'], means: ['schach'], interests: ['spielen'] },
    { words: ['games', 'cards'], means: ['spiele', 'karten'], interests: ['spielen'] },
    { words: ['meeting', 'chat', 'company'], means: ['treff', 'cafe'], interests: ['treffen'] },
  ],
  tr: [
    { words: ['kahve', 'çay'], means: ['cafe', 'kaffee'], interests: ['essen', 'treffen'] },
    { words: ['futbol', 'spor', 'jimnastik'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ['bilgisayar', 'telefon', 'internet'], means: ['digital', 'computer', 'smartphone'], interests: ['lernen'] },
    { words: ['dans'], means: ['tanz'], interests: ['kultur', 'bewegung'] },
    { words: ['bahçe'], means: ['garten'], interests: ['natur'] },
    { words: ['satranç'], means: ['schach'], interests: ['spielen'] },
    { words: ['yürüyüş'], means: ['spaziergang', 'walking'], interests: ['bewegung'] },
    { words: ['koro', 'müzik', 'şarkı'], means: ['chor', 'musik'], interests: ['kultur'] },
  ],
  uk: [
    { words: ['кава', 'кафе'], means: ['cafe', 'kaffee'], interests: ['essen', 'treffen'] },
    { words: ['футбол', 'спорт'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ["комп'ютер", 'телефон', 'інтернет'], means: ['digital', 'computer'], interests: ['lernen'] },
    { words: ['танці'], means: ['tanz'], interests: ['kultur', 'bewegung'] },
    { words: ['сад', 'город'], means: ['garten'], interests: ['natur'] },
    { words: ['шахи'], means: ['schach'], interests: ['spielen'] },
    { words: ['хор', 'спів', 'музика'], means: ['chor', 'musik'], interests: ['kultur'] },
  ],
  ar: [
    { words: ['قهوة', 'مقهى'], means: ['cafe', 'kaffee'], interests: ['essen', 'treffen'] },
    { words: ['كرة', 'رياضة'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ['حاسوب', 'كمبيوتر', 'إنترنت'], means: ['digital', 'computer'], interests: ['lernen'] },
    { words: ['رقص'], means: ['tanz'], interests: ['kultur', 'bewegung'] },
    { words: ['حديقة'], means: ['garten'], interests: ['natur'] },
    { words: ['شطرنج'], means: ['schach'], interests: ['spielen'] },
    { words: ['غناء', 'موسيقى'], means: ['chor', 'musik'], interests: ['kultur'] },
  ],
};

/** Endings cut by `stem`, longest first (German, English, Turkish; normalised spelling). */
const ENDINGS = ['ungen', 'innen', 'leri', 'lari', 'ing', 'ern', 'ers', 'ler', 'lar', 'en', 'er', 'es', 'ed', 'e', 'n', 's'];
const MIN_STEM = 4;

export function stem(word: string): string {
  for (const e of ENDINGS) if (word.endsWith(e) && [...word].length - e.length >= MIN_STEM) return word.slice(0, -e.length);
  return word;
}

interface Meaning {
  words: string[];
  interests: string[];
}
let table: Map<string, Meaning> | null = null;
let extra: readonly SynonymEntry[] = [];

/** Adds entries (e.g. `taxonomySynonyms(taxonomy.interests)`) to the curated list; replaces earlier extra entries. */
export function setExtraSynonyms(entries: readonly SynonymEntry[]): void {
  extra = entries;
  table = null;
}

function synonymTable(): Map<string, Meaning> {
  if (table) return table;
  const t = new Map<string, Meaning>();
  const add = (key: string, e: SynonymEntry) => {
    const m = t.get(key) ?? { words: [], interests: [] };
    for (const w of e.means.map(normalizeForSearch)) if (!m.words.includes(w)) m.words.push(w);
    for (const i of e.interests ?? []) if (!m.interests.includes(i)) m.interests.push(i);
    t.set(key, m);
  };
  for (const e of [...Object.values(SYNONYMS).flat(), ...extra])
    for (const w of e.words) {
      const key = normalizeForSearch(w).replace(/ /g, '');
      add(key, e);
      if (stem(key) !== key) add(stem(key), e);
    }
  return (table = t);
}

/** Interest ids a typed (normalised) word stands for, through the synonym list (and extra entries). */
export function wordInterests(word: string): string[] {
  return (synonymTable().get(word) ?? synonymTable().get(stem(word)))?.interests ?? [];
}

/** The stem (when it differs) and the offer words a typed (normalised) word stands for; without the word itself. */
export function wordAlternatives(word: string): string[] {
  const out: string[] = [];
  const s = stem(word);
  if (s !== word) out.push(s);
  for (const w of (synonymTable().get(word) ?? synonymTable().get(s))?.words ?? []) if (w !== word && !out.includes(w)) out.push(w);
  return out;
}
