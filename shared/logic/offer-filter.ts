import type { FacetCounts, SearchQuery, TimeOfDay } from '../contract/offers';
import { TIMES_OF_DAY } from '../contract/offers';
import { WEEKDAYS, type Schedule, type Weekday, type Wheelchair } from '../schemas/offer';
import { distanceKm, type LatLon } from './distance';
import { addDays, scheduleOccursOn, weekdayOf } from './next-dates';
import { normalizeForSearch, searchTokens } from './normalize-text';

/**
 * Filter semantics of the offer search, as pure functions over offers in memory. The SQL search in
 * electron/services/offers/offer-search.ts implements the very same rules (a test checks both agree);
 * this module is also the naive baseline of the search benchmark and usable by the renderer.
 *
 * Rules:
 * - any-of within a facet, all-of across facets;
 * - age groups: an offer for all ages ("alle") matches every age-group filter;
 * - wheelchair: only offers whose place is marked fully accessible ("yes") pass — "partial" is shown with its
 *   notes in the detail, but a filter labelled "rollstuhlgerecht" must be a promise;
 * - weekdays and times of day look at each schedule on its own (weekly/monthly by weekday, once by its date's
 *   weekday; by_arrangement matches neither); weekday and time of day are checked independently of each other;
 * - time of day by the schedule's time span: morning starts before 12:00; afternoon overlaps 12:00–17:00;
 *   evening reaches past 17:00 (a schedule without times matches no time of day);
 * - when: "today" = the kiosk's calendar date, "week" = today and the next 6 days; an offer matches when one of its
 *   schedules takes place on one of those dates or it has a calendar event then;
 * - max distance from the kiosk: offers without a location do not pass.
 */

export const ALL_AGES_ID = 'alle';

/** What the filters need from an offer (an Offer satisfies it). */
export interface FilterableOffer {
  id: string;
  interests: readonly string[];
  age_groups: readonly string[];
  district?: string | undefined;
  cost: { free: boolean };
  location?: { lat: number; lon: number; wheelchair: Wheelchair } | undefined;
  schedules: readonly Schedule[];
}

export type FilterCriteria = Pick<
  SearchQuery,
  'interests' | 'ageGroups' | 'districts' | 'weekdays' | 'timesOfDay' | 'when' | 'freeOnly' | 'wheelchairOnly' | 'maxDistanceKm'
>;

export interface FilterContext {
  position: LatLon;
  /** The kiosk's calendar date (YYYY-MM-DD, Europe/Berlin). */
  today: string;
  /** Ids of offers with a calendar event today / within the week window. */
  eventOffers?: { today: ReadonlySet<string>; week: ReadonlySet<string> };
}

export type FacetKey = 'interests' | 'ageGroups' | 'districts' | 'weekdays' | 'timesOfDay' | 'when' | 'free' | 'wheelchair';

export const WEEK_DAYS_AHEAD = 7;

export function windowDates(today: string, when: 'today' | 'week'): string[] {
  return when === 'today' ? [today] : Array.from({ length: WEEK_DAYS_AHEAD }, (_, i) => addDays(today, i));
}

export function scheduleWeekdays(s: Schedule): Weekday[] {
  if (s.freq === 'weekly' || s.freq === 'monthly') return [...(s.byday ?? [])];
  if (s.freq === 'once' && s.date) return [weekdayOf(s.date)];
  return [];
}

export function scheduleTimesOfDay(s: Schedule): TimeOfDay[] {
  if (s.freq === 'by_arrangement' || !s.opens_at) return [];
  const start = s.opens_at;
  const end = s.closes_at && s.closes_at > start ? s.closes_at : start;
  const out: TimeOfDay[] = [];
  if (start < '12:00') out.push('morning');
  if (start < '17:00' && (end > '12:00' || start >= '12:00')) out.push('afternoon');
  if (end > '17:00' || start >= '17:00') out.push('evening');
  return out;
}

const WEEKDAY_BIT: Record<Weekday, number> = { MO: 1, TU: 2, WE: 4, TH: 8, FR: 16, SA: 32, SU: 64 };
const TIME_BIT: Record<TimeOfDay, number> = { morning: 1, afternoon: 2, evening: 4 };

/**
 * Everything the filters and facets look at, precomputed for one offer on one day at one kiosk position.
 * The search keeps these in memory; the naive path computes them on the fly.
 */
export interface OfferFacts {
  id: string;
  interests: readonly string[];
  ageGroups: readonly string[];
  allAges: boolean;
  district: string | null;
  free: boolean;
  wheelchairYes: boolean;
  /** bit per weekday (MO=1 … SU=64) on which a schedule takes place */
  weekdays: number;
  /** bit per time of day (morning=1, afternoon=2, evening=4) */
  times: number;
  today: boolean;
  week: boolean;
  lat: number | null;
  lon: number | null;
  distanceKm: number | null;
}

/** `withWhen: false` skips the (costlier) today/this-week calendar check, leaving both flags false. */
export function offerFacts(
  o: FilterableOffer,
  ctx: FilterContext,
  weekDates: readonly string[] = windowDates(ctx.today, 'week'),
  withWhen = true,
): OfferFacts {
  let weekdays = 0;
  let times = 0;
  let today = withWhen && !!ctx.eventOffers?.today.has(o.id);
  let week = withWhen && (today || !!ctx.eventOffers?.week.has(o.id));
  for (const s of o.schedules) {
    for (const d of scheduleWeekdays(s)) weekdays |= WEEKDAY_BIT[d];
    for (const t of scheduleTimesOfDay(s)) times |= TIME_BIT[t];
    if (!withWhen || s.freq === 'by_arrangement') continue;
    if (!today && scheduleOccursOn(s, weekDates[0]!)) today = true;
    if (!week) week = today || weekDates.some((d) => scheduleOccursOn(s, d));
  }
  week = week || today;
  return {
    id: o.id,
    interests: o.interests,
    ageGroups: o.age_groups,
    allAges: o.age_groups.includes(ALL_AGES_ID),
    district: o.district ?? null,
    free: o.cost.free,
    wheelchairYes: o.location?.wheelchair === 'yes',
    weekdays,
    times,
    today,
    week,
    lat: o.location?.lat ?? null,
    lon: o.location?.lon ?? null,
    distanceKm: o.location ? distanceKm(ctx.position, o.location) : null,
  };
}

/** Criteria turned into sets and bit masks once per search. */
export interface CompiledCriteria {
  interests: ReadonlySet<string> | null;
  ageGroups: ReadonlySet<string> | null;
  districts: ReadonlySet<string> | null;
  weekdays: number;
  times: number;
  when: 'any' | 'today' | 'week';
  freeOnly: boolean;
  wheelchairOnly: boolean;
  maxDistanceKm: number | undefined;
}

export function compileCriteria(c: FilterCriteria): CompiledCriteria {
  const set = (xs: readonly string[]) => (xs.length > 0 ? new Set(xs) : null);
  return {
    interests: set(c.interests),
    ageGroups: set(c.ageGroups),
    districts: set(c.districts),
    weekdays: c.weekdays.reduce((m, d) => m | WEEKDAY_BIT[d], 0),
    times: c.timesOfDay.reduce((m, t) => m | TIME_BIT[t], 0),
    when: c.when,
    freeOnly: c.freeOnly,
    wheelchairOnly: c.wheelchairOnly,
    maxDistanceKm: c.maxDistanceKm,
  };
}

const F_INTERESTS = 1;
const F_AGE = 2;
const F_DISTRICT = 4;
const F_WEEKDAY = 8;
const F_TIME = 16;
const F_WHEN = 32;
const F_FREE = 64;
const F_WHEELCHAIR = 128;
export const FACET_BITS: Record<FacetKey, number> = {
  interests: F_INTERESTS,
  ageGroups: F_AGE,
  districts: F_DISTRICT,
  weekdays: F_WEEKDAY,
  timesOfDay: F_TIME,
  when: F_WHEN,
  free: F_FREE,
  wheelchair: F_WHEELCHAIR,
};

function anyIn(values: readonly string[], wanted: ReadonlySet<string>): boolean {
  for (const v of values) if (wanted.has(v)) return true;
  return false;
}

/** Passes the distance limit (not a facet: always applied). Offers without a location fail any limit. */
export function passesDistance(f: OfferFacts, c: CompiledCriteria): boolean {
  return c.maxDistanceKm === undefined || (f.distanceKm !== null && f.distanceKm <= c.maxDistanceKm);
}

/** Bit set of the facets (FACET_BITS) whose current selection the offer fails; 0 = matches all of them. */
export function failedFacets(f: OfferFacts, c: CompiledCriteria): number {
  let failed = 0;
  if (c.interests && !anyIn(f.interests, c.interests)) failed |= F_INTERESTS;
  if (c.ageGroups && !f.allAges && !anyIn(f.ageGroups, c.ageGroups)) failed |= F_AGE;
  if (c.districts && (f.district === null || !c.districts.has(f.district))) failed |= F_DISTRICT;
  if (c.weekdays !== 0 && (f.weekdays & c.weekdays) === 0) failed |= F_WEEKDAY;
  if (c.times !== 0 && (f.times & c.times) === 0) failed |= F_TIME;
  if (c.when !== 'any' && !f[c.when]) failed |= F_WHEN;
  if (c.freeOnly && !f.free) failed |= F_FREE;
  if (c.wheelchairOnly && !f.wheelchairYes) failed |= F_WHEELCHAIR;
  return failed;
}

export function factsMatch(f: OfferFacts, c: CompiledCriteria): boolean {
  return passesDistance(f, c) && failedFacets(f, c) === 0;
}

/** The naive form: does this offer pass the filters? (Computes its facts on the fly.) */
export function matchesFilters(o: FilterableOffer, c: FilterCriteria, ctx: FilterContext): boolean {
  const dates = c.when === 'week' ? windowDates(ctx.today, 'week') : [ctx.today];
  return factsMatch(offerFacts(o, ctx, dates, c.when !== 'any'), compileCriteria(c));
}

export function matchesAgeGroups(offerGroups: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  return offerGroups.includes(ALL_AGES_ID) || offerGroups.some((g) => wanted.includes(g));
}

export function emptyFacetCounts(ids: { interests?: readonly string[]; ageGroups?: readonly string[]; districts?: readonly string[] } = {}): FacetCounts {
  const zero = (keys: readonly string[] = []) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  return {
    interests: zero(ids.interests),
    ageGroups: zero(ids.ageGroups),
    districts: zero(ids.districts),
    weekdays: zero(WEEKDAYS),
    timesOfDay: zero(TIMES_OF_DAY),
    when: zero(['any', 'today', 'week']),
    free: 0,
    wheelchair: 0,
  };
}

/**
 * Facet counts, disjunctive within a facet: for each toggle, the number of offers that have that value and
 * match every *other* facet as currently set (plus text and distance — pass only text matches).
 * With nothing else selected in that facet this is exactly the number of results after switching it on.
 * An offer for all ages counts for every age group.
 */
export function countFacets(
  facts: Iterable<OfferFacts>,
  c: FilterCriteria | CompiledCriteria,
  ids: { interests?: readonly string[]; ageGroups?: readonly string[]; districts?: readonly string[] } = {},
): FacetCounts {
  const cc = 'timesOfDay' in c ? compileCriteria(c) : c;
  const counts = emptyFacetCounts(ids);
  const { interests, ageGroups, districts, weekdays, timesOfDay, when } = counts;
  const allAgeIds = ids.ageGroups ?? [];
  for (const f of facts) {
    if (!passesDistance(f, cc)) continue;
    const failed = failedFacets(f, cc);
    // An offer counts towards facet X when it passes every facet except (possibly) X.
    if (failed !== 0 && (failed & (failed - 1)) !== 0) continue; // fails two or more facets: counts nowhere
    if ((failed & ~F_INTERESTS) === 0) for (const i of f.interests) interests[i] = (interests[i] ?? 0) + 1;
    if ((failed & ~F_AGE) === 0) {
      if (f.allAges) {
        for (const g of allAgeIds) ageGroups[g] = (ageGroups[g] ?? 0) + 1;
        for (const g of f.ageGroups) if (!allAgeIds.includes(g)) ageGroups[g] = (ageGroups[g] ?? 0) + 1;
      } else for (const g of f.ageGroups) ageGroups[g] = (ageGroups[g] ?? 0) + 1;
    }
    if ((failed & ~F_DISTRICT) === 0 && f.district !== null) districts[f.district] = (districts[f.district] ?? 0) + 1;
    if ((failed & ~F_WEEKDAY) === 0 && f.weekdays !== 0) {
      for (let b = 0; b < 7; b++) if (f.weekdays & (1 << b)) weekdays[WEEKDAYS[b]!]!++;
    }
    if ((failed & ~F_TIME) === 0 && f.times !== 0) {
      for (let b = 0; b < 3; b++) if (f.times & (1 << b)) timesOfDay[TIMES_OF_DAY[b]!]!++;
    }
    if ((failed & ~F_WHEN) === 0) {
      when.any!++;
      if (f.today) when.today!++;
      if (f.week) when.week!++;
    }
    if ((failed & ~F_FREE) === 0 && f.free) counts.free++;
    if ((failed & ~F_WHEELCHAIR) === 0 && f.wheelchairYes) counts.wheelchair++;
  }
  return counts;
}

/** Searchable text of an offer, normalised like the index (title, summary, description, organisation, place). */
export interface TextSearchable extends FilterableOffer {
  title: string;
  summary: string;
  description: string;
  organisation: { name: string };
  location?: FilterableOffer['location'] & { name?: string; street?: string };
}

/** Naive text match: every query token is a substring of the offer's normalised texts. */
export function matchesText(normalisedHaystack: string, query: string): boolean {
  const tokens = searchTokens(query);
  return tokens.every((t) => normalisedHaystack.includes(t));
}

export function offerHaystack(o: TextSearchable): string {
  return normalizeForSearch([o.title, o.summary, o.description, o.organisation.name, o.location?.name, o.location?.street].filter(Boolean).join(' '));
}
