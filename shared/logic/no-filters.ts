import type { TimeOfDay } from '../contract/offers';
import type { Weekday } from '../schemas/offer';

/** What a visitor can narrow an offer search by, kiosk and public pages alike (distance and page are each side's own). */
export interface SearchFilterChoices {
  text: string;
  interests: string[];
  ageGroups: string[];
  districts: string[];
  weekdays: Weekday[];
  timesOfDay: TimeOfDay[];
  when: 'any' | 'today' | 'week';
  freeOnly: boolean;
  wheelchairOnly: boolean;
}

/**
 * The search with nothing chosen: no text, no facet, any time. The start of the kiosk's filter store
 * (renderer/features/offers/offer-filter-store.ts) and of a public /angebote query (city-api web-catalog.ts).
 */
export const NO_FILTERS: Readonly<SearchFilterChoices> = {
  text: '',
  interests: [],
  ageGroups: [],
  districts: [],
  weekdays: [],
  timesOfDay: [],
  when: 'any',
  freeOnly: false,
  wheelchairOnly: false,
};
