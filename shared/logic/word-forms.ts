/**
 * Word forms and everyday words for search (kiosk and city API public pages alike). Works on normalised words
 * (`normalizeForSearch`: lower case, umlauts/accents/ß folded).
 *
 * - `stem`: light stemming for German, English and Turkish: a common ending is cut when at least 4 letters stay
 *   ("singen" → "sing", "tanzen" → "tanz", "dancing" → "danc", "yuruyusler" → "yuruyus"). Search matches parts of
 *   words, so the stem finds every form.
 * - `SYNONYMS`: a curated list per language mapping everyday words to what offers are called. The format is meant to be
 *   extended later from the city API taxonomy (staff add entries): each entry lists the words people type, the offer
 *   words they mean, and optionally interest ids.
 * - `wordAlternatives(word)`: the stem and the offer words one typed word stands for.
 */
import type { Language } from '../schemas/kiosk-config';
import { normalizeForSearch } from './normalize-text';

export interface SynonymEntry {
  /** what people type (any form; normalised when used) */
  words: string[];
  /** what offers call it */
  means: string[];
  /** interest ids of the taxonomy this stands for (not yet used by the search) */
  interests?: string[];
}

export const SYNONYMS: Record<Exclude<Language, 'de-LS'>, SynonymEntry[]> = {
  de: [
    { words: ['Fußball', 'Turnen', 'Fitness'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ['Gymnastik', 'Laufen', 'Wandern'], means: ['bewegung', 'spaziergang', 'walking'], interests: ['bewegung'] },
    { words: ['Computer', 'Handy', 'Internet', 'Tablet'], means: ['digital', 'pc', 'internet', 'smartphone'], interests: ['lernen'] },
    { words: ['Kaffee', 'Kuchen'], means: ['cafe'], interests: ['essen', 'treffen'] },
    { words: ['Singen', 'Lieder'], means: ['chor', 'musik', 'singen'], interests: ['kultur'] },
    { words: ['Basteln', 'Stricken', 'Nähen', 'Häkeln'], means: ['handarbeit', 'kreativ'] },
    { words: ['Karten', 'Brettspiele', 'Skat'], means: ['spiele', 'karten'] },
    { words: ['Mittagessen', 'Kochen'], means: ['mittagstisch', 'kochen', 'essen'], interests: ['essen'] },
    { words: ['Plaudern', 'Reden', 'Gesellschaft', 'Leute'], means: ['treff', 'gesprach', 'cafe'], interests: ['treffen'] },
    { words: ['Tanzen'], means: ['tanz'] },
    { words: ['Beten', 'Glaube'], means: ['kirche', 'gottesdienst', 'gemeinde'] },
  ],
  en: [
    { words: ['football', 'soccer', 'sports', 'exercise'], means: ['sport', 'bewegung'], interests: ['bewegung'] },
    { words: ['coffee', 'cake'], means: ['cafe', 'kaffee'] },
    { words: ['computer', 'phone', 'internet'], means: ['digital', 'computer', 'smartphone'] },
    { words: ['singing', 'choir', 'music'], means: ['chor', 'musik'] },
    { words: ['walk', 'walking', 'hiking'], means: ['spaziergang', 'walking', 'wandern'] },
    { words: ['dance', 'dancing'], means: ['tanz'] },
    { words: ['garden', 'gardening'], means: ['garten'] },
    { words: ['chess'], means: ['schach'] },
    { words: ['games', 'cards'], means: ['spiele', 'karten'] },
    { words: ['meeting', 'chat', 'company'], means: ['treff', 'cafe'] },
  ],
  tr: [
    { words: ['kahve', 'çay'], means: ['cafe', 'kaffee'] },
    { words: ['futbol', 'spor', 'jimnastik'], means: ['sport', 'bewegung'] },
    { words: ['bilgisayar', 'telefon', 'internet'], means: ['digital', 'computer', 'smartphone'] },
    { words: ['dans'], means: ['tanz'] },
    { words: ['bahçe'], means: ['garten'] },
    { words: ['satranç'], means: ['schach'] },
    { words: ['yürüyüş'], means: ['spaziergang', 'walking'] },
    { words: ['koro', 'müzik', 'şarkı'], means: ['chor', 'musik'] },
  ],
  uk: [
    { words: ['кава', 'кафе'], means: ['cafe', 'kaffee'] },
    { words: ['футбол', 'спорт'], means: ['sport', 'bewegung'] },
    { words: ["комп'ютер", 'телефон', 'інтернет'], means: ['digital', 'computer'] },
    { words: ['танці'], means: ['tanz'] },
    { words: ['сад', 'город'], means: ['garten'] },
    { words: ['шахи'], means: ['schach'] },
    { words: ['хор', 'спів', 'музика'], means: ['chor', 'musik'] },
  ],
  ar: [
    { words: ['قهوة', 'مقهى'], means: ['cafe', 'kaffee'] },
    { words: ['كرة', 'رياضة'], means: ['sport', 'bewegung'] },
    { words: ['حاسوب', 'كمبيوتر', 'إنترنت'], means: ['digital', 'computer'] },
    { words: ['رقص'], means: ['tanz'] },
    { words: ['حديقة'], means: ['garten'] },
    { words: ['شطرنج'], means: ['schach'] },
    { words: ['غناء', 'موسيقى'], means: ['chor', 'musik'] },
  ],
};

/** Endings cut by `stem`, longest first (German, English, Turkish; normalised spelling). */
const ENDINGS = ['ungen', 'innen', 'leri', 'lari', 'ing', 'ern', 'ers', 'ler', 'lar', 'en', 'er', 'es', 'ed', 'e', 'n', 's'];
const MIN_STEM = 4;

export function stem(word: string): string {
  for (const e of ENDINGS) if (word.endsWith(e) && [...word].length - e.length >= MIN_STEM) return word.slice(0, -e.length);
  return word;
}

let table: Map<string, string[]> | null = null;
function synonymTable(): Map<string, string[]> {
  if (table) return table;
  const t = new Map<string, string[]>();
  for (const entries of Object.values(SYNONYMS))
    for (const e of entries)
      for (const w of e.words) {
        const key = normalizeForSearch(w).replace(/ /g, '');
        const list = t.get(key) ?? [];
        for (const m of e.means) if (!list.includes(m)) list.push(normalizeForSearch(m));
        t.set(key, list);
        if (stem(key) !== key && !t.has(stem(key))) t.set(stem(key), list);
      }
  return (table = t);
}

/** The stem (when it differs) and the offer words a typed (normalised) word stands for; without the word itself. */
export function wordAlternatives(word: string): string[] {
  const out: string[] = [];
  const s = stem(word);
  if (s !== word) out.push(s);
  for (const w of synonymTable().get(word) ?? synonymTable().get(s) ?? []) if (w !== word && !out.includes(w)) out.push(w);
  return out;
}
