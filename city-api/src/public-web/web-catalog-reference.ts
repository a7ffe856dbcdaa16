import { fuzzyContains } from '../../../shared/logic/fuzzy-match';
import { KIOSK_TZ, localDate } from '../../../shared/logic/next-dates';
import { normalizeForSearch, searchTokens } from '../../../shared/logic/normalize-text';
import { compileCriteria, factsMatch, offerFacts, windowDates, type FilterCriteria } from '../../../shared/logic/offer-filter';
import { eventOfferWindows, TOWN_CENTRE, type Catalog, type CatalogEntry, type WebQuery } from './web-catalog';

/**
 * The public search as it was before issue 19's speed-up (web-catalog.ts `searchCatalog`): every offer's text folded
 * and scanned with `fuzzyContains` for every word of every request, the filter facts computed per request, ties sorted
 * by `localeCompare`. Kept only as the reference the equality test (web-catalog-search.test.ts) and the bench
 * (bench/web-search.bench.ts) compare the fast one with. Not used by the server.
 * Its lines that equal searchCatalog's (the criteria from the query, the context, textScore) are a copy on purpose
 * (duplicates lists the pair): the reference is the independent oracle of the equality test, so a change to the
 * fast search's criteria or scoring must show there as a difference instead of changing both sides at once.
 */
export function searchCatalogReference(catalog: Catalog, q: WebQuery, now: Date): CatalogEntry[] {
  const criteria: FilterCriteria = {
    interests: q.interests,
    ageGroups: q.ageGroups,
    districts: q.districts,
    weekdays: q.weekdays,
    timesOfDay: q.timesOfDay,
    when: q.when,
    freeOnly: q.freeOnly,
    wheelchairOnly: q.wheelchairOnly,
    maxDistanceKm: undefined,
  };
  const compiled = compileCriteria(criteria);
  const today = localDate(now, KIOSK_TZ);
  const week = windowDates(today, 'week');
  const ctx = { position: TOWN_CENTRE, today, eventOffers: q.when === 'any' ? undefined : eventOfferWindows(catalog, now) };
  const tokens = searchTokens(q.text);
  const scored: { e: CatalogEntry; score: number }[] = [];
  for (const e of catalog.entries) {
    const exact = tokens.every((t) => e.haystack.includes(t));
    if (!exact && !(tokens.length && tokens.every((t) => fuzzyContains(e.haystack, t)))) continue;
    if (!factsMatch(offerFacts(e.offer, ctx, week, q.when !== 'any'), compiled)) continue;
    scored.push({ e, score: tokens.length ? textScore(e, tokens, normalizeForSearch(q.text)) + (exact ? 100_000 : 0) : 0 });
  }
  if (tokens.length) scored.sort((a, b) => b.score - a.score || a.e.offer.title.localeCompare(b.e.offer.title, 'de'));
  return scored.map((s) => s.e);
}

const COLUMN_WEIGHTS = [10, 5, 3, 2, 1];

function textScore(e: CatalogEntry, tokens: string[], phrase: string): number {
  const title = e.columns[0]!;
  let score = 0;
  if (title.startsWith(phrase)) score += 10_000;
  else if (` ${title}`.includes(` ${phrase}`)) score += 5_000;
  for (const t of tokens) {
    const col = e.columns.findIndex((c) => c.includes(t));
    if (col >= 0) score += COLUMN_WEIGHTS[col]!;
  }
  return score;
}
