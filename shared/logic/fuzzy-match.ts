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
  /** built on the first lookup (see `fuzzyWords`) */
  scan?: VocabularyScan;
}

/**
 * What `fuzzyWords` scans instead of the strings: every folded word's code points in one array, each word's letter
 * mask, and the last few lookups (typing extends a word one letter at a time).
 */
interface VocabularyScan {
  codes: Int32Array;
  /** word i is codes[start[i] .. start[i + 1]) */
  start: Int32Array;
  /** bit (code point & 31) set for each character of the folded word */
  masks: Uint32Array;
  /** recent lookups: folded word, edit budget, the vocabulary indexes within that budget (ascending) */
  recent: { f: Int32Array; k: number; within: Int32Array }[];
}
const RECENT_LOOKUPS = 8;

export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const seen = new Set<string>();
  for (const text of texts) for (const w of text.split(/[\s]+/)) if (w.length >= 3) seen.add(w);
  const words = [...seen].sort();
  return { words, folded: words.map(germanFold) };
}

function codePoints(s: string): Int32Array {
  return Int32Array.from([...s], (c) => c.codePointAt(0)!);
}

function maskOf(codes: ArrayLike<number>, from = 0, to = codes.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m |= 1 << (codes[i]! & 31);
  return m >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function vocabularyScan(vocab: Vocabulary): VocabularyScan {
  if (vocab.scan) return vocab.scan;
  const lists = vocab.folded.map(codePoints);
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
  const codes = new Int32Array(start[lists.length]!);
  lists.forEach((l, i) => codes.set(l, start[i]!));
  const masks = Uint32Array.from(lists, (l) => maskOf(l));
  return (vocab.scan = { codes, start, masks, recent: [] });
}

/** Bit i of peq[c] is set where the pattern has character c (code units below 2^16; patterns of ≤ 31 of them). */
const peq = new Uint32Array(65536);

/**
 * `substringDistance` of pattern p (≤ 31 code points, all below 2^16) against text codes[from..to), bit-parallel:
 * Myers' algorithm (one machine word holds a whole column of the edit-distance table) with Hyyrö's extension for the
 * swap of two neighbours, in search form (a match may start anywhere). peq must hold p's masks.
 */
function bitDistance(m: number, codes: Int32Array, from: number, to: number, limit: number, stopAt = 0): number {
  const high = 1 << (m - 1);
  let pv = m === 32 ? -1 : (1 << m) - 1;
  let mv = 0;
  let score = m;
  let best = m;
  let d0 = 0;
  let prevEq = 0;
  for (let j = from; j < to; j++) {
    const c = codes[j]!;
    const eq = c < 65536 ? peq[c]! : 0;
    const tr = (((~d0 & eq) << 1) & prevEq) | 0;
    d0 = ((((eq & pv) + pv) ^ pv) | eq | mv | tr) | 0;
    let hp = mv | ~(d0 | pv);
    let hn = d0 & pv;
    if (hp & high) score++;
    else if (hn & high) score--;
    hp <<= 1;
    hn <<= 1;
    pv = hn | ~(d0 | hp);
    mv = hp & d0;
    prevEq = eq;
    if (score < best) {
      best = score;
      if (best <= stopAt) return best;
    }
  }
  return best <= limit ? best : limit + 1;
}

/**
 * Words of the vocabulary that contain `word` within its edit budget but not exactly (those the exact search finds
 * anyway), nearest first, at most `max`. Each can then be searched exactly.
 *
 * One pass over the vocabulary's code points (no strings, no allocation per word): a word lacking more than k of the
 * typed word's letters (by letter mask) or too short cannot be within k edits and is skipped; the others get the
 * bounded edit distance. Typing makes it incremental: a word within k edits of a text is within k edits of the text's
 * prefix too, so when an earlier lookup (same budget) was for a prefix of this word, only its matches are checked.
 * Same results as `fuzzyWordsReference` (the previous plain scan; tests compare both, the bench times both).
 */
export function fuzzyWords(vocab: Vocabulary, word: string, max = 8): string[] {
  const k = foldedEdits(word);
  if (k === 0) return [];
  const scan = vocabularyScan(vocab);
  const f = codePoints(germanFold(word));
  const m = f.length;
  const fmask = maskOf(f);
  let from: Int32Array | null = null;
  for (const r of scan.recent)
    if (r.k === k && r.f.length < m && (!from || r.f.length > from.length) && r.f.every((c, i) => f[i] === c)) from = r.within;
  const { codes, start, masks } = scan;
  // the bit-parallel distance needs the pattern in one machine word; longer words (rare) use the string version
  const bits = m <= 31 && f.every((c) => c < 65536);
  const fs = germanFold(word);
  if (bits) for (let i = 0; i < m; i++) peq[f[i]!]! |= 1 << i;
  const within: number[] = [];
  const found: { w: string; d: number }[] = [];
  const n = from ? from.length : vocab.words.length;
  for (let x = 0; x < n; x++) {
    const i = from ? from[x]! : x;
    const s = start[i]!;
    const e = start[i + 1]!;
    if (e - s < m - k || popcount(fmask & ~masks[i]!) > k) continue;
    const d = bits ? bitDistance(m, codes, s, e, k) : substringDistance(fs, vocab.folded[i]!, k);
    if (d > k) continue;
    within.push(i);
    const w = vocab.words[i]!;
    if (!w.includes(word)) found.push({ w, d });
  }
  if (bits) for (let i = 0; i < m; i++) peq[f[i]!] = 0;
  if (scan.recent.length >= RECENT_LOOKUPS) scan.recent.shift();
  scan.recent.push({ f, k, within: Int32Array.from(within) });
  found.sort((a, b) => a.d - b.d || a.w.length - b.w.length || (a.w < b.w ? -1 : 1));
  return found.slice(0, max).map((x) => x.w);
}

/** A normalised text prepared once for `FuzzyWord.test`: its folded form and that form's code points. */
export interface FoldedText {
  text: string;
  folded: string;
  codes: Int32Array;
}

export function foldText(text: string): FoldedText {
  const folded = germanFold(text);
  const codes = new Int32Array(folded.length);
  let n = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.codePointAt(i)!;
    codes[n++] = c;
    if (c > 0xffff) i++;
  }
  return { text, folded, codes: n === codes.length ? codes : codes.slice(0, n) };
}

/** One query word compiled once: `test(t)` answers exactly what `fuzzyContains(t.text, word)` does. */
export interface FuzzyWord {
  word: string;
  test(t: FoldedText): boolean;
}

/**
 * `fuzzyContains` for many texts and one word: the word is folded once, the texts were folded when they were stored
 * (`foldText`). A text that contains none of the 2k+1 pieces of the folded word intact cannot be within k edits
 * (each edit, a swap too, breaks at most two pieces; the pigeonhole filter of `fuzzyWordsReference`), so only the
 * others get the distance: the bit-parallel one of `fuzzyWords`, stopping at the first match within the budget;
 * words over 31 code points or outside the BMP use `substringDistance`.
 */
export function compileFuzzyWord(word: string): FuzzyWord {
  const k = foldedEdits(word);
  const fs = germanFold(word);
  const f = codePoints(fs);
  const m = f.length;
  const bits = m > 0 && m <= 31 && f.every((c) => c < 65536);
  const chars = [...fs];
  const np = Math.min(chars.length, 2 * k + 1);
  const pieces = Array.from({ length: np }, (_, p) => chars.slice(Math.floor((p * chars.length) / np), Math.floor(((p + 1) * chars.length) / np)).join(''));
  return {
    word,
    test(t: FoldedText): boolean {
      if (t.text.includes(word)) return true;
      if (k === 0) return false;
      if (!pieces.some((p) => t.folded.includes(p))) return false;
      if (!bits) return substringDistance(fs, t.folded, k) <= k;
      for (let i = 0; i < m; i++) peq[f[i]!]! |= 1 << i;
      try {
        return bitDistance(m, t.codes, 0, t.codes.length, k, k) <= k;
      } finally {
        for (let i = 0; i < m; i++) peq[f[i]!] = 0;
      }
    },
  };
}

/**
 * The previous `fuzzyWords`: a pigeonhole prefilter (2k+1 pieces of the folded word, one must occur intact) and the
 * string edit distance for every vocabulary word. Kept as the reference for tests and the bench's baseline.
 */
export function fuzzyWordsReference(vocab: Vocabulary, word: string, max = 8): string[] {
  const k = foldedEdits(word);
  if (k === 0) return [];
  const f = germanFold(word);
  const need = [...f].length - k;
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
