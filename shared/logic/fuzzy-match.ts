/**
 * Typo-tolerant word matching, shared by the kiosk search and the city API's public pages (same rules everywhere).
 * Works on text already normalised by `normalizeForSearch` (lower case, umlauts/accents/ß folded), in any script.
 *
 * - `germanFold`: spellings that sound alike in German meet: ph→f, ck→k, tz→z, c before a/o/u → k, c before e/i → z,
 *   y→i, doubled letters → one ("Kaffee" and "Café" both become "kafe").
 * - `maxEdits`: words of ≥ 4 letters match with one edit, ≥ 8 with two (insertion, deletion, substitution, swap of two
 *   neighbours); shorter words only exactly.
 * - `fuzzyDistance`: the fewest edits that turn the word into some part of a text (a compound contains it), after
 *   folding both; `fuzzyContains` says whether that is within `maxEdits`.
 */

export function maxEdits(word: string): number {
  const n = [...word].length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

/**
 * The edit budget of a word, counted on the shorter of its typed and folded forms: folding merges doubled letters,
 * so "qqqqqqqq" is one letter and may not be edited into every text.
 */
export function foldedEdits(word: string): number {
  return Math.min(maxEdits(word), maxEdits(germanFold(word)));
}

export function germanFold(word: string): string {
  let s = word.replace(/ph/g, 'f').replace(/ck/g, 'k').replace(/tz/g, 'z');
  s = s.replace(/c(?=[aou])/g, 'k').replace(/c(?=[eiy])/g, 'z').replace(/y/g, 'i');
  let out = '';
  for (const ch of s) if (out.length === 0 || out[out.length - 1] !== ch) out += ch;
  return out;
}

/**
 * Fewest edits (optimal string alignment: insert, delete, substitute, swap neighbours) from `pattern` to any substring
 * of `text`, or `limit + 1` as soon as it is certain to exceed `limit`. Both already folded.
 */
export function substringDistance(pattern: string, text: string, limit: number): number {
  const p = [...pattern];
  const t = [...text];
  const m = p.length;
  if (m === 0) return 0;
  let prev2 = new Int32Array(m + 1);
  let prev = Int32Array.from({ length: m + 1 }, (_, i) => i); // column before the text: i edits
  let cur = new Int32Array(m + 1);
  let best = prev[m]!;
  for (let j = 1; j <= t.length; j++) {
    cur[0] = 0; // a match may start anywhere in the text
    for (let i = 1; i <= m; i++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + cost);
      if (i > 1 && j > 1 && p[i - 1] === t[j - 2] && p[i - 2] === t[j - 1]) v = Math.min(v, prev2[i - 2]! + 1);
      cur[i] = v;
    }
    if (cur[m]! < best) best = cur[m]!;
    if (best === 0) return 0;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return best <= limit ? best : limit + 1;
}

/** Whether `word` (normalised) occurs in `text` (normalised) with at most `maxEdits(word)` edits after folding. */
export function fuzzyContains(text: string, word: string): boolean {
  if (text.includes(word)) return true;
  const k = foldedEdits(word);
  if (k === 0) return false;
  return substringDistance(germanFold(word), germanFold(text), k) <= k;
}

/** The distinct words of many normalised texts, each with its folded form: what fuzzy words are looked up in. */
export interface Vocabulary {
  words: string[];
  folded: string[];
}

export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const seen = new Set<string>();
  for (const text of texts) for (const w of text.split(/[\s]+/)) if (w.length >= 3) seen.add(w);
  const words = [...seen].sort();
  return { words, folded: words.map(germanFold) };
}

/**
 * Words of the vocabulary that contain `word` within its edit budget but not exactly (those the exact search finds
 * anyway), nearest first, at most `max`. Each can then be searched exactly.
 */
export function fuzzyWords(vocab: Vocabulary, word: string, max = 8): string[] {
  const k = foldedEdits(word);
  if (k === 0) return [];
  const f = germanFold(word);
  const need = [...f].length - k;
  // Pigeonhole prefilter: split the folded word into 2k+1 pieces; k edits (a swap across a boundary spoils two pieces)
  // leave at least one piece intact, so a word containing none of them cannot be within budget.
  const chars = [...f];
  const m = Math.min(chars.length, 2 * k + 1);
  const pieces = Array.from({ length: m }, (_, p) => chars.slice(Math.floor((p * chars.length) / m), Math.floor(((p + 1) * chars.length) / m)).join(''));
  const found: { w: string; d: number }[] = [];
  for (let i = 0; i < vocab.words.length; i++) {
    const fw = vocab.folded[i]!;
    if (fw.length < need) continue;
    if (!pieces.some((p) => fw.includes(p))) continue;
    const w = vocab.words[i]!;
    if (w.includes(word)) continue;
    const d = substringDistance(f, fw, k);
    if (d <= k) found.push({ w, d });
  }
  found.sort((a, b) => a.d - b.d || a.w.length - b.w.length || (a.w < b.w ? -1 : 1));
  return found.slice(0, max).map((x) => x.w);
}

/** Fewest edits (optimal string alignment) between two whole words, or `limit + 1` once it must exceed `limit`. */
export function wordDistance(a: string, b: string, limit: number): number {
  const p = [...a];
  const t = [...b];
  if (Math.abs(p.length - t.length) > limit) return limit + 1;
  let prev2 = new Int32Array(p.length + 1);
  let prev = Int32Array.from({ length: p.length + 1 }, (_, i) => i);
  let cur = new Int32Array(p.length + 1);
  for (let j = 1; j <= t.length; j++) {
    cur[0] = j;
    let rowMin = cur[0];
    for (let i = 1; i <= p.length; i++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + cost);
      if (i > 1 && j > 1 && p[i - 1] === t[j - 2] && p[i - 2] === t[j - 1]) v = Math.min(v, prev2[i - 2]! + 1);
      cur[i] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[p.length]!;
  return d <= limit ? d : limit + 1;
}

/**
 * For "Meinten Sie …?" when nothing was found: the vocabulary word nearest to `word` as a whole word, after German
 * folding, allowing more edits than the search itself (3 letters: 1, 4–7: 2, 8+: 3), or null. Ties: the word of
 * closer length, then alphabetical (stable for tests).
 */
export function nearestWord(vocab: Vocabulary, word: string): string | null {
  const f = germanFold(word);
  const n = Math.min([...word].length, [...f].length);
  if (n < 3) return null;
  const limit = n >= 8 ? 3 : n >= 4 ? 2 : 1;
  let best: string | null = null;
  let bestD = limit + 1;
  for (let i = 0; i < vocab.words.length; i++) {
    const w = vocab.words[i]!;
    if (w === word) return null; // a real word already
    const d = wordDistance(f, vocab.folded[i]!, Math.min(limit, bestD));
    if (d < bestD || (d === bestD && best !== null && Math.abs(w.length - n) < Math.abs(best.length - n))) {
      if (d <= limit) {
        best = w;
        bestD = d;
      }
    }
  }
  return best;
}
