import { create } from 'zustand';
import type { SearchQueryInput } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import { NO_FILTERS, type SearchFilterChoices } from '../../../shared/logic/no-filters';
import { registerReset } from '../../app/reset';

/**
 * The one filter and search state of the kiosk: the offers list AND the map (H4) read and change it,
 * so the same filters drive both. Reset on idle.
 */
export type ListFacet = 'interests' | 'ageGroups' | 'districts' | 'weekdays' | 'timesOfDay';
export type When = SearchFilterChoices['when'];

/** One switched-on filter, remembered in order so "remove the last filter" can undo exactly that one. */
export type ActiveFilter =
  | { facet: ListFacet; value: string }
  | { facet: 'when'; value: Exclude<When, 'any'> }
  | { facet: 'free' }
  | { facet: 'wheelchair' }
  | { facet: 'distance'; value: number };

/** The shared search choices (shared/logic/no-filters.ts) plus the kiosk's own distance limit. */
export interface OfferFilters extends SearchFilterChoices {
  maxDistanceKm: number | null;
}

interface OfferFilterState extends OfferFilters {
  /** Switched-on filters, oldest first. */
  history: ActiveFilter[];
  setText(text: string): void;
  toggle(facet: ListFacet, value: string): void;
  setWhen(when: When): void;
  setFreeOnly(on: boolean): void;
  setWheelchairOnly(on: boolean): void;
  setMaxDistance(km: number | null): void;
  /** Switch off the filter that was switched on last. */
  removeLast(): void;
  /** Switch off all filters (the search text stays). */
  clearFilters(): void;
  /** Everything back to the start: filters and search text. */
  reset(): void;
}

/** Nothing chosen: the shared start of every search (also the public /angebote query's) and no distance limit. */
export const EMPTY_FILTERS: OfferFilters = { ...NO_FILTERS, maxDistanceKm: null };

const sameFilter = (a: ActiveFilter, b: ActiveFilter) => a.facet === b.facet && ('value' in a ? 'value' in b && a.value === b.value : true);

export const useOfferFilters = create<OfferFilterState>((set, get) => ({
  ...EMPTY_FILTERS,
  history: [],
  setText: (text) => set({ text: text.slice(0, 200) }),
  toggle: (facet, value) =>
    set((s) => {
      const list = s[facet] as string[];
      const on = list.includes(value);
      const entry: ActiveFilter = { facet, value };
      return {
        [facet]: on ? list.filter((v) => v !== value) : [...list, value],
        history: on ? s.history.filter((h) => !sameFilter(h, entry)) : [...s.history, entry],
      } as Partial<OfferFilterState>;
    }),
  setWhen: (when) =>
    set((s) => ({
      when,
      history: [...s.history.filter((h) => h.facet !== 'when'), ...(when === 'any' ? [] : [{ facet: 'when', value: when } as ActiveFilter])],
    })),
  setFreeOnly: (freeOnly) =>
    set((s) => ({ freeOnly, history: [...s.history.filter((h) => h.facet !== 'free'), ...(freeOnly ? [{ facet: 'free' } as ActiveFilter] : [])] })),
  setWheelchairOnly: (wheelchairOnly) =>
    set((s) => ({
      wheelchairOnly,
      history: [...s.history.filter((h) => h.facet !== 'wheelchair'), ...(wheelchairOnly ? [{ facet: 'wheelchair' } as ActiveFilter] : [])],
    })),
  setMaxDistance: (km) =>
    set((s) => ({
      maxDistanceKm: km,
      history: [...s.history.filter((h) => h.facet !== 'distance'), ...(km === null ? [] : [{ facet: 'distance', value: km } as ActiveFilter])],
    })),
  removeLast: () => {
    const last = get().history[get().history.length - 1];
    if (!last) return;
    const s = get();
    switch (last.facet) {
      case 'when':
        return s.setWhen('any');
      case 'free':
        return s.setFreeOnly(false);
      case 'wheelchair':
        return s.setWheelchairOnly(false);
      case 'distance':
        return s.setMaxDistance(null);
      default:
        return s.toggle(last.facet, last.value);
    }
  },
  clearFilters: () => set((s) => ({ ...EMPTY_FILTERS, text: s.text, history: [] })),
  reset: () => set({ ...EMPTY_FILTERS, history: [] }),
}));

registerReset(() => useOfferFilters.getState().reset());

/** Number of switched-on filters (not counting the search text). */
export const activeFilterCount = (s: { history: readonly ActiveFilter[] }) => s.history.length;

/** The search request for the current filters (for the list: one page; for the map: `points` covers all matches). */
export function toSearchQuery(f: OfferFilters, lang: Language, limit = 20, offset = 0): SearchQueryInput {
  return {
    text: f.text.trim(),
    interests: f.interests,
    ageGroups: f.ageGroups,
    districts: f.districts,
    weekdays: f.weekdays,
    timesOfDay: f.timesOfDay,
    when: f.when,
    freeOnly: f.freeOnly,
    wheelchairOnly: f.wheelchairOnly,
    ...(f.maxDistanceKm !== null ? { maxDistanceKm: f.maxDistanceKm } : {}),
    lang,
    limit,
    offset,
  };
}

/** Selector: just the filter values (stable fields for effects). */
export const selectFilters = (s: OfferFilterState): OfferFilters => ({
  text: s.text,
  interests: s.interests,
  ageGroups: s.ageGroups,
  districts: s.districts,
  weekdays: s.weekdays,
  timesOfDay: s.timesOfDay,
  when: s.when,
  freeOnly: s.freeOnly,
  wheelchairOnly: s.wheelchairOnly,
  maxDistanceKm: s.maxDistanceKm,
});
