/**
 * Text normalisation for search. The same function runs on the indexed texts and on what a person types,
 * so both sides meet in one spelling:
 *
 * - lower case; Unicode NFKD with combining marks removed (é→e, ä→a, ş→s, й→и);
 * - ß→ss, Turkish dotless ı→i, ligatures/compatibility forms unfolded (NFKD: ﬁ→fi, ² → 2);
 * - the German replacement spellings ae/oe/ue fold to a/o/u, so "Maerchen", "Märchen" and "Marchen" meet;
 * - everything that is neither a letter nor a digit becomes one space; no leading/trailing space.
 *
 * Non-Latin scripts (Cyrillic, Arabic, Greek, …) keep their letters; only their combining marks
 * (e.g. Arabic short-vowel signs) are dropped, on both sides alike, so they stay searchable.
 */
const COMBINING_MARKS = /\p{Mn}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const GERMAN_DIGRAPHS = /([aou])e/g;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Case, ß/ı, NFKD and combining-mark folding: everything before the digraph and separator steps. */
function foldCharacters(input: string): string {
  return (
    input
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ẞ/g, 'ss')
      .replace(/ı/g, 'i')
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      // NFKD can leave upper-case letters (e.g. from compatibility forms); lower once more.
      .toLowerCase()
  );
}

/** The definition of the normalisation (regular expressions over the whole text). `normalizeForSearch` gives the same result, faster. */
export function normalizeForSearchReference(input: string): string {
  if (!input) return '';
  return foldCharacters(input).replace(GERMAN_DIGRAPHS, '$1').replace(NOT_WORD, ' ').trim();
}

/**
 * Folded form of one non-ASCII UTF-16 code unit when the fast path can handle it: its ASCII folding (é → "e",
 * ß → "ss", ﬁ → "fi", a combining mark → ""; any non-word characters as " "), or " " when it folds to non-word
 * characters only („ – € …). null: it folds to a non-ASCII letter or digit (Cyrillic, Arabic, œ, …) or is a
 * surrogate; then the whole text takes the reference path.
 * Folding one character at a time equals folding the whole text: lower-casing is per character except for the
 * Greek final sigma (a non-ASCII letter, so never here), NFKD decomposes each character on its own and only
 * reorders combining marks, which are either removed (Mn) or non-word characters (Mc, Me) that end up in a separator.
 */
const foldedUnits = new Map<number, string | null>();
function foldedUnit(code: number): string | null {
  let f = foldedUnits.get(code);
  if (f !== undefined) return f;
  if (code >= 0xd800 && code <= 0xdfff) f = null;
  else {
    const folded = foldCharacters(String.fromCharCode(code));
    if (isAscii(folded)) f = folded.replace(/[^a-z0-9]+/g, ' ');
    else f = HAS_WORD_CHAR.test(folded) ? null : ' ';
  }
  foldedUnits.set(code, f);
  return f;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

let out = new Uint16Array(1024);

export function normalizeForSearch(input: string): string {
  if (!input) return '';
  // One pass over the text for the common case (Latin script): each character is folded through a per-character
  // table, an "e" after a/o/u is dropped (the digraph rule, applied to the folded text as the regular expression
  // does), and runs of non-word characters become one space between words. Output: at most 2 units per ASCII character.
  if (out.length < 2 * input.length + 2) out = new Uint16Array(2 * input.length + 2);
  let n = 0;
  let space = false; // a separator is pending
  let prev = 0; // previous character of the folded text (before the digraph rule)
  /** Appends one lower-case folded character: letters/digits (minus the e of ae/oe/ue), anything else as one space. */
  const emit = (c: number) => {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (!(c === 101 && (prev === 97 || prev === 111 || prev === 117))) {
        if (space && n > 0) out[n++] = 32;
        space = false;
        out[n++] = c;
      }
    } else space = true;
    prev = c;
  };
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 65 && c <= 90) c += 32;
      emit(c);
      continue;
    }
    const f = foldedUnit(c);
    if (f === null) return normalizeForSearchReference(input);
    const need = n + 2 * f.length + 2 * (input.length - i);
    if (out.length < need) {
      const bigger = new Uint16Array(2 * need);
      bigger.set(out.subarray(0, n));
      out = bigger;
    }
    for (let j = 0; j < f.length; j++) emit(f.charCodeAt(j));
  }
  let result = '';
  for (let i = 0; i < n; i += 4096) result += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return result;
}

/** Splits a query into normalised tokens (words), without duplicates, in typed order. */
export function searchTokens(input: string): string[] {
  const norm = normalizeForSearch(input);
  if (!norm) return [];
  return [...new Set(norm.split(' ').filter((t) => t.length > 0))];
}
