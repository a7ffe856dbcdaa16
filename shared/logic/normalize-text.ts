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

export function normalizeForSearch(input: string): string {
  if (!input) return '';
  const folded = input
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ẞ/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    // NFKD can leave upper-case letters (e.g. from compatibility forms); lower once more.
    .toLowerCase()
    .replace(GERMAN_DIGRAPHS, '$1');
  return folded.replace(NOT_WORD, ' ').trim();
}

/** Splits a query into normalised tokens (words), without duplicates, in typed order. */
export function searchTokens(input: string): string[] {
  const norm = normalizeForSearch(input);
  if (!norm) return [];
  return [...new Set(norm.split(' ').filter((t) => t.length > 0))];
}
