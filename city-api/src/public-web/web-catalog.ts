import ICAL from 'ical.js';
import type { TimeOfDay } from '../../../shared/contract/offers';
import { addDays, KIOSK_TZ, localDate, nextOccurrences, zonedTimeToUtc } from '../../../shared/logic/next-dates';
import { compileFuzzyWord, foldText, type FoldedText } from '../../../shared/logic/fuzzy-match';
import { NO_FILTERS, type SearchFilterChoices } from '../../../shared/logic/no-filters';
import { normalizeForSearch, searchTokens } from '../../../shared/logic/normalize-text';
import { compileCriteria, factsMatch, offerFacts, windowDates, type FilterCriteria, type OfferFacts } from '../../../shared/logic/offer-filter';
import { offerSchema, type Offer, type Weekday } from '../../../shared/schemas/offer';
import { taxonomySchema, type Taxonomy } from '../../../shared/schemas/taxonomy';
import type { CityEvent } from '../event-store';
import type { KioskStorage } from '../storage/kiosk-storage';
import type { PublicWebReads } from '../storage/web-reads';
import type { WebLang } from './web-texts';

/**
 * What the public pages show: the published, valid, active offers of the city database, with the same filter rules
 * as the kiosk (shared/logic/offer-filter.ts) and the same text rules (shared/logic/normalize-text.ts: every word
 * of the query must occur in the offer's normalised texts; ranking by the column a word was found in, title first).
 * Held in memory and rebuilt when an offer or event changes.
 */

/** Where the town's centre is (Rathaus Siegburg): nothing is sorted by distance on the web, it only frames the map. */
export const TOWN_CENTRE = { lat: 50.7998, lon: 7.2079 };

export interface CatalogEntry {
  offer: Offer;
  /** normalised texts, one per column, best first: title, organisation, summary, place, description */
  columns: string[];
  haystack: string;
  /** the haystack folded once when the catalog is built (typo search, shared/logic/fuzzy-match.ts) */
  folded: FoldedText;
  /**
   * the filter facts without the today/this-week check: they depend on the offer alone (the position is always
   * TOWN_CENTRE), so they are computed on the first search and kept with the catalog
   */
  facts?: OfferFacts;
}

export interface Catalog {
  key: string;
  entries: CatalogEntry[];
  byId: Map<string, CatalogEntry>;
  taxonomy: Taxonomy;
  events: CityEvent[];
}

const COLUMN_WEIGHTS = [10, 5, 3, 2, 1];

/** What the catalog is built from: any KioskStorage (SQLite or PostgreSQL, issue 19). */
export type CatalogSource = Pick<KioskStorage, 'publishedOffers' | 'getTaxonomy'> & Pick<PublicWebReads, 'catalogVersion' | 'eventsForWindow'>;

/** One catalog per storage; the promise is cached, so concurrent requests of one version share one build. */
const cache = new WeakMap<CatalogSource, { key: string; catalog: Promise<Catalog> }>();

async function catalogKey(source: CatalogSource): Promise<string> {
  return `${localDate(new Date(), KIOSK_TZ)}|${await source.catalogVersion()}`;
}

export async function loadCatalog(source: CatalogSource): Promise<Catalog> {
  const key = await catalogKey(source);
  const cached = cache.get(source);
  if (cached && cached.key === key) return cached.catalog;
  const catalog = buildCatalog(source, key);
  cache.set(source, { key, catalog });
  // a failed build (database gone) must not stay cached
  catalog.catch(() => {
    if (cache.get(source)?.catalog === catalog) cache.delete(source);
  });
  return catalog;
}

async function buildCatalog(source: CatalogSource, key: string): Promise<Catalog> {
  const today = new Date().toISOString().slice(0, 10);
  const [offers, taxRow, allEvents] = await Promise.all([source.publishedOffers(), source.getTaxonomy(), source.eventsForWindow(addDays(today, -1), addDays(today, 400))]);
  const entries: CatalogEntry[] = [];
  for (const data of offers.values()) {
    const p = offerSchema.safeParse(data);
    if (!p.success || p.data.status !== 'active') continue;
    const o = p.data;
    const columns = [o.title, o.organisation.name, o.summary, [o.location?.name, o.location?.street].filter(Boolean).join(' '), o.description].map((s) =>
      normalizeForSearch(s),
    );
    const haystack = columns.join(' ');
    entries.push({ offer: o, columns, haystack, folded: foldText(haystack) });
  }
  entries.sort((a, b) => a.offer.title.localeCompare(b.offer.title, 'de'));
  const taxonomy = taxRow ? taxonomySchema.parse(JSON.parse(taxRow.json)) : { interests: [], age_groups: [], districts: [] };
  const events = allEvents.filter((e) => e.offer_id);
  return { key, entries, byId: new Map(entries.map((e) => [e.offer.id, e])), taxonomy, events };
}

// ---------------------------------------------------------------- query

export interface WebQuery extends SearchFilterChoices {
  page: number;
}

export const EMPTY_QUERY: WebQuery = { ...NO_FILTERS, page: 1 };

const WEEKDAY_SET = new Set(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
const TIME_SET = new Set(['morning', 'afternoon', 'evening']);
const ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

function list(v: unknown, max: number): string[] {
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return [...new Set(arr.map(String))].slice(0, max);
}

/** Reads the list page's query string (unknown values are dropped, never an error). */
export function parseWebQuery(q: Record<string, unknown>): WebQuery {
  const first = (k: string) => list(q[k], 1)[0] ?? '';
  const when = first('wann');
  const page = Number(first('seite'));
  return {
    text: first('q').slice(0, 200),
    interests: list(q.interesse, 50).filter((s) => ID_RE.test(s)),
    ageGroups: list(q.alter, 20).filter((s) => ID_RE.test(s)),
    districts: list(q.stadtteil, 50).filter((s) => ID_RE.test(s) && s !== ''),
    weekdays: list(q.tag, 7).filter((s) => WEEKDAY_SET.has(s)) as Weekday[],
    timesOfDay: list(q.zeit, 3).filter((s) => TIME_SET.has(s)) as TimeOfDay[],
    when: when === 'heute' ? 'today' : when === 'woche' ? 'week' : 'any',
    freeOnly: first('kostenlos') === '1',
    wheelchairOnly: first('rollstuhl') === '1',
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

/** The query string of a list page (the inverse of parseWebQuery), with the language. */
export function webQueryString(q: WebQuery, lang: WebLang, page = q.page): string {
  const p = new URLSearchParams();
  if (lang !== 'de') p.set('lang', lang);
  if (q.text) p.set('q', q.text);
  for (const i of q.interests) p.append('interesse', i);
  for (const a of q.ageGroups) p.append('alter', a);
  for (const d of q.districts) p.append('stadtteil', d);
  for (const d of q.weekdays) p.append('tag', d);
  for (const t of q.timesOfDay) p.append('zeit', t);
  if (q.when !== 'any') p.set('wann', q.when === 'today' ? 'heute' : 'woche');
  if (q.freeOnly) p.set('kostenlos', '1');
  if (q.wheelchairOnly) p.set('rollstuhl', '1');
  if (page > 1) p.set('seite', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function hasFilters(q: WebQuery): boolean {
  return (
    !!q.text ||
    q.interests.length + q.ageGroups.length + q.districts.length + q.weekdays.length + q.timesOfDay.length > 0 ||
    q.when !== 'any' ||
    q.freeOnly ||
    q.wheelchairOnly
  );
}

/** Offer ids with a calendar event today and within the week window (as the kiosk's filter context). */
export function eventOfferWindows(catalog: Catalog, now: Date): { today: Set<string>; week: Set<string> } {
  const today = localDate(now, KIOSK_TZ);
  const dates = windowDates(today, 'week');
  const from = zonedTimeToUtc(today, '00:00');
  const to = zonedTimeToUtc(addDays(today, dates.length), '00:00');
  const todayEnd = zonedTimeToUtc(addDays(today, 1), '00:00');
  const out = { today: new Set<string>(), week: new Set<string>() };
  for (const e of catalog.events) {
    for (const occ of expandEvent(e, from, to, 20)) {
      out.week.add(e.offer_id!);
      if (new Date(occ.start) < todayEnd) out.today.add(e.offer_id!);
    }
  }
  return out;
}

/** Filters and text search with the kiosk's rules; without text, alphabetical by title. */
export function searchCatalog(catalog: Catalog, q: WebQuery, now: Date): CatalogEntry[] {
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
  // each word folded and compiled once per query, each offer's text folded once per catalog (issue 19: the typo
  // check used to fold every offer's text for every word of every request); same results as web-catalog-reference.ts
  const fuzzy = tokens.map(compileFuzzyWord);
  const phrase = normalizeForSearch(q.text);
  const scored: { e: CatalogEntry; score: number; i: number }[] = [];
  for (let i = 0; i < catalog.entries.length; i++) {
    const e = catalog.entries[i]!;
    // Exact hits first; a word with a typo (shared/logic/fuzzy-match.ts, the kiosk's rules) only after every exact hit.
    const exact = tokens.every((t) => e.haystack.includes(t));
    if (!exact && !(tokens.length && fuzzy.every((w) => w.test(e.folded)))) continue;
    const facts = q.when === 'any' ? (e.facts ??= offerFacts(e.offer, ctx, week, false)) : offerFacts(e.offer, ctx, week, true);
    if (!factsMatch(facts, compiled)) continue;
    scored.push({ e, i, score: tokens.length ? textScore(e, tokens, phrase) + (exact ? 100_000 : 0) : 0 });
  }
  // entries are in title order already (buildCatalog), so their index is the title tie-break (Intl compare is slow)
  if (tokens.length) scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.map((s) => s.e);
}

/** Title starting with the query first, then a title word starting with it, then by where the words were found. */
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

// ---------------------------------------------------------------- dates

export interface DateEntry {
  start: string;
  end: string | null;
  title: string | null;
  allDay: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Occurrences (UTC instants) of one town calendar event that start in [from, to). */
export function expandEvent(e: CityEvent, from: Date, to: Date, max: number): DateEntry[] {
  const out: DateEntry[] = [];
  const allDay = e.all_day || e.dtstart.length === 10;
  const toInstant = (local: string) => (local.length === 10 ? zonedTimeToUtc(local, '00:00') : zonedTimeToUtc(local.slice(0, 10), local.slice(11, 16)));
  const endOf = (start: Date, local: string) =>
    e.duration_min ? new Date(start.getTime() + e.duration_min * 60_000) : allDay ? zonedTimeToUtc(addDays(local.slice(0, 10), 1), '00:00') : null;
  const overrides = new Map(e.overrides.map((o) => [o.recurrence_id, o]));
  const exdates = new Set(e.exdates);
  const push = (local: string) => {
    const ov = overrides.get(local);
    const eff = ov?.dtstart ?? local;
    if (exdates.has(local)) return;
    const start = toInstant(eff);
    if (start >= to) return;
    const end = ov?.duration_min ? new Date(start.getTime() + ov.duration_min * 60_000) : endOf(start, eff);
    if ((end ?? start) <= from && start < from) return;
    if (start < from && !(end && end > from)) return;
    out.push({ start: start.toISOString(), end: end ? end.toISOString() : null, title: ov?.summary ?? e.summary, allDay });
  };
  if (!e.rrule) {
    push(e.dtstart);
    return out;
  }
  const dt = ICAL.Time.fromDateTimeString(allDay ? `${e.dtstart}T00:00:00` : `${e.dtstart}:00`);
  const it = ICAL.Recur.fromString(e.rrule).iterator(dt);
  const stop = to.getTime() + 31 * 86_400_000;
  for (let i = 0, next = it.next(); next && i < 5000 && out.length < max; i++, next = it.next()) {
    const local = allDay
      ? `${next.year}-${pad(next.month)}-${pad(next.day)}`
      : `${next.year}-${pad(next.month)}-${pad(next.day)}T${pad(next.hour)}:${pad(next.minute)}`;
    if (toInstant(local).getTime() > stop) break;
    push(local);
  }
  return out;
}

/** The next dates of an offer, from its schedules and from the town calendar, soonest first. */
export function offerNextDates(catalog: Catalog, offer: Offer, now: Date, count = 5): DateEntry[] {
  const to = new Date(now.getTime() + 400 * 86_400_000);
  const fromEvents = catalog.events.filter((e) => e.offer_id === offer.id).flatMap((e) => expandEvent(e, now, to, count));
  const fromSchedules = nextOccurrences(offer.schedules, now, count).map((o) => ({ start: o.start, end: o.end, title: null, allDay: false }));
  const seen = new Set<string>();
  return [...fromEvents, ...fromSchedules]
    .sort((a, b) => a.start.localeCompare(b.start))
    .filter((d) => (seen.has(d.start) ? false : (seen.add(d.start), true)))
    .slice(0, count);
}
