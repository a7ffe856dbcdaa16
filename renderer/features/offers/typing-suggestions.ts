import type { OfferCard } from '../../../shared/contract/offers';
import { normalizeForSearch, searchTokens } from '../../../shared/logic/normalize-text';
import { wordInterests } from '../../../shared/logic/word-forms';

export type Suggestion = { kind: 'interest'; id: string; label: string } | { kind: 'title'; text: string };

/** Shown from this many typed letters on. */
export const SUGGEST_FROM = 2;
export const MAX_SUGGESTIONS = 3;

/**
 * Up to three big buttons while typing, so a visitor can tap instead of typing a whole word: first an interest whose
 * label has a word starting with the last typed word (or which the typed word stands for, "Fußball" → Bewegung &
 * Sport), then the titles of the best-ranked offers found so far. Nothing below two letters, nothing that repeats
 * what is typed, no interest already chosen.
 */
export function typingSuggestions(
  text: string,
  items: readonly Pick<OfferCard, 'title'>[],
  interests: readonly { id: string; label: string }[],
  chosenInterests: readonly string[],
): Suggestion[] {
  const typed = normalizeForSearch(text).trim();
  const tokens = searchTokens(text);
  const last = tokens[tokens.length - 1];
  if (!last || [...typed.replace(/ /g, '')].length < SUGGEST_FROM) return [];
  const out: Suggestion[] = [];
  const meant = wordInterests(last);
  const interest = interests.find(
    (i) => !chosenInterests.includes(i.id) && (meant.includes(i.id) || (searchTokens(i.label).some((w) => w.startsWith(last)) && [...last].length >= SUGGEST_FROM)),
  );
  if (interest) out.push({ kind: 'interest', id: interest.id, label: interest.label });
  const seen = new Set<string>([typed]);
  for (const item of items) {
    if (out.length >= MAX_SUGGESTIONS) break;
    const key = normalizeForSearch(item.title).trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: 'title', text: item.title });
  }
  return out;
}
