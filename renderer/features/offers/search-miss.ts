import { normalizeForSearch } from '../../../shared/logic/normalize-text';

/**
 * The word to report for a finished search that found nothing (issue 15/18: counted anonymously for the city): the
 * normalised text, only when the answer for exactly this text is in and found nothing. Null otherwise.
 */
export function searchMissWord(text: string, answeredText: string | null, total: number): string | null {
  const word = normalizeForSearch(text).trim();
  if (!word || answeredText !== text || total !== 0) return null;
  return word;
}
