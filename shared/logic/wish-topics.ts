import { searchTokens } from './normalize-text';
import { stem } from './word-forms';

/**
 * Groups similar wishes into topics (issue 18) with the search's normalisation and stemming
 * (shared/logic/normalize-text.ts, shared/logic/word-forms.ts), so "Schach", "Schachgruppe" and "Schachtreff am
 * Abend" are one topic. Pure and deterministic.
 *
 * 1. Each wish gives its content words (normalised, stemmed; filler and generic words such as "gruppe", "kurs",
 *    "treff", "abend" left out).
 * 2. A word that begins with another wish's word of at least 4 letters belongs to that shorter word
 *    ("schachtreff" → "schach", "computerhilf" → "comput"): German compounds share the head.
 * 3. A wish's topic is its word used by the most wishes (ties: the earlier word in the wish).
 */

/** Words that say nothing about what is missing (normalised, before stemming). */
const FILLER = new Set(
  (
    'aber alle als also am an auch auf aus bei bitte da das dass dem den der des die doch du ein eine einem einen einer es fur gibt gern gerne hier ich ' +
    'ihr im in ist ja kann konnte mal man mehr mit mochte nach nicht noch nur oder ohne schon sehr sie so und uns unser viel von vor wenn wer wie wir ' +
    'wo wunsch wurde zu zum zur the and for with a of in to bir ve icin'
  ).split(' '),
);
/** Generic parts of a wish ("…gruppe", "…kurs", "am Abend"): not a topic of their own. */
const GENERIC = new Set(
  [
    'gruppe', 'kurs', 'kurse', 'treff', 'treffen', 'angebot', 'angebote', 'abend', 'abends', 'morgen', 'nachmittag', 'woche', 'wochenende', 'samstag',
    'sonntag', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'hilfe', 'verein', 'platz', 'raum', 'ort', 'zeit', 'leute', 'menschen',
    'siegburg', 'stadt', 'neu', 'neue', 'neuen', 'regelmassig', 'kostenlos', 'gunstig', 'fur',
  ].map(stem),
);

export interface Topic {
  /** The stem that names the topic, e.g. "schach". */
  key: string;
  /** The most common written form among the wishes, e.g. "Schach". */
  label: string;
  /** Indices of the wishes in this topic, in input order. */
  members: number[];
}

function contentStems(text: string): { stem: string; word: string }[] {
  const raw = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out: { stem: string; word: string }[] = [];
  for (const token of searchTokens(text)) {
    if (token.length < 3 || FILLER.has(token) || /\d/.test(token)) continue;
    const s = stem(token);
    if (GENERIC.has(s)) continue;
    const word = raw.find((r) => searchTokens(r)[0] === token) ?? token;
    out.push({ stem: s, word });
  }
  return out;
}

export function groupWishes(texts: readonly string[]): { topics: Topic[]; topicOf: (string | null)[] } {
  // Many wishes share a text ("Schachgruppe" 300 times): normalise and stem each distinct text once.
  const byText = new Map<string, { stem: string; word: string }[]>();
  const perWish = texts.map((t) => {
    let ws = byText.get(t);
    if (!ws) byText.set(t, (ws = contentStems(t)));
    return ws;
  });
  const all = [...new Set(perWish.flatMap((ws) => ws.map((w) => w.stem)))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  // The head of each stem: the shortest other stem (≥ 4 letters) it begins with, else itself.
  const headOf = new Map<string, string>();
  for (const s of all) headOf.set(s, all.find((h) => h.length >= 4 && h.length < s.length && s.startsWith(h)) ?? s);
  const support = new Map<string, Set<number>>();
  perWish.forEach((ws, i) => {
    for (const w of ws) {
      const h = headOf.get(w.stem)!;
      if (!support.has(h)) support.set(h, new Set());
      support.get(h)!.add(i);
    }
  });
  const topicOf: (string | null)[] = perWish.map((ws) => {
    let best: string | null = null;
    for (const w of ws) {
      const h = headOf.get(w.stem)!;
      if (best === null || support.get(h)!.size > support.get(best)!.size) best = h;
    }
    return best;
  });
  const byKey = new Map<string, Topic>();
  const forms = new Map<string, Map<string, number>>();
  topicOf.forEach((key, i) => {
    if (!key) return;
    if (!byKey.has(key)) byKey.set(key, { key, label: key, members: [] });
    byKey.get(key)!.members.push(i);
    for (const w of perWish[i]!) {
      if (headOf.get(w.stem) !== key) continue;
      const f = forms.get(key) ?? new Map<string, number>();
      // The form that is the head itself ("Schach") names the topic best; compounds count less.
      f.set(w.word, (f.get(w.word) ?? 0) + (w.stem === key ? 2 : 1));
      forms.set(key, f);
    }
  });
  for (const t of byKey.values()) {
    const f = [...(forms.get(t.key) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
    const w = f[0]?.[0] ?? t.key;
    t.label = w.charAt(0).toLocaleUpperCase('de') + w.slice(1);
  }
  const topics = [...byKey.values()].sort((a, b) => b.members.length - a.members.length || a.label.localeCompare(b.label, 'de'));
  return { topics, topicOf };
}
