import { z } from 'zod';
import { method } from './define';
import { eventOccurrenceSchema } from '../schemas/event';
import { languageSchema, LANGUAGES } from '../schemas/kiosk-config';
import { offerSchema, scheduleSchema, weekdaySchema, wheelchairSchema } from '../schemas/offer';
import { taxonomySchema } from '../schemas/taxonomy';
import { idSchema } from '../schemas/text';

import { TIMES_OF_DAY } from '../constants';
export { TIMES_OF_DAY };
export const timeOfDaySchema = z.enum(TIMES_OF_DAY);
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;

export const searchQuerySchema = z.object({
  /** Free text as typed; normalised on the main side (case, umlauts, accents, ß). */
  text: z.string().max(200).default(''),
  /** Any-of within a facet, all-of across facets. */
  interests: z.array(idSchema).max(50).default([]),
  /** An offer for all ages ("alle") matches every age group. */
  ageGroups: z.array(idSchema).max(20).default([]),
  districts: z.array(idSchema).max(50).default([]),
  weekdays: z.array(weekdaySchema).max(7).default([]),
  timesOfDay: z.array(timeOfDaySchema).max(3).default([]),
  when: z.enum(['any', 'today', 'week']).default('any'),
  freeOnly: z.boolean().default(false),
  wheelchairOnly: z.boolean().default(false),
  /** Distance from this kiosk in km. */
  maxDistanceKm: z.number().positive().max(100).optional(),
  lang: languageSchema.default('de'),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
  /**
   * Map points of every match (the map needs them; the list does not). The list asks without: at 10,000 offers a
   * short word's points are ~480 KB of JSON per keystroke, more time than the search itself.
   */
  points: z.boolean().default(true),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

/** What a list entry, a map card or a marker needs. Texts already in the requested language where a translation exists. */
export const offerCardSchema = z.object({
  id: idSchema,
  title: z.string(),
  summary: z.string(),
  organisation: z.string(),
  interests: z.array(idSchema),
  ageGroups: z.array(idSchema),
  district: idSchema.nullable(),
  placeName: z.string().nullable(),
  street: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  distanceKm: z.number().nullable(),
  wheelchair: wheelchairSchema,
  free: z.boolean(),
  sample: z.boolean(),
  /** true when the texts are shown in German because the offer has no translation for the requested language */
  untranslated: z.boolean(),
  /** The offer's schedules as stored (validated with the offer when it was synced or imported). */
  schedules: z.array(scheduleSchema),
});
export type OfferCard = z.infer<typeof offerCardSchema>;

export const facetCountsSchema = z.object({
  interests: z.record(z.string(), z.number()),
  ageGroups: z.record(z.string(), z.number()),
  districts: z.record(z.string(), z.number()),
  weekdays: z.record(z.string(), z.number()),
  timesOfDay: z.record(z.string(), z.number()),
  when: z.record(z.string(), z.number()),
  free: z.number(),
  wheelchair: z.number(),
});
export type FacetCounts = z.infer<typeof facetCountsSchema>;

export const searchResultSchema = z.object({
  total: z.number().int(),
  items: z.array(offerCardSchema),
  /** Every match with coordinates (not paged), for the map. */
  points: z.array(z.object({ id: idSchema, lat: z.number(), lon: z.number() })),
  /** For each toggle: how many offers would match if it were switched on (other facets as they are). */
  facets: facetCountsSchema,
  /** When the text found nothing at all: the query with each unknown word replaced by the nearest word of the offers. */
  didYouMean: z.string().optional(),
  /** Time of the last successful sync with the city API ("Stand: …" on the offers screen); null for sample data. */
  dataAsOf: z.string().nullable().optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const offerDetailSchema = z.object({
  offer: offerSchema,
  /** Texts to show, already chosen for the requested language (easy_read for Leichte Sprache when present). */
  display: z.object({ title: z.string(), summary: z.string(), description: z.string(), untranslated: z.boolean(), easyRead: z.boolean() }),
  distanceKm: z.number().nullable(),
  /** Next dates from schedules and calendar events, ISO date-times in UTC, soonest first. */
  nextDates: z.array(z.object({ start: z.string(), end: z.string().nullable(), title: z.string().nullable() })),
});
export type OfferDetail = z.infer<typeof offerDetailSchema>;

export const bootInfoSchema = z.object({
  version: z.string(),
  kioskId: z.string(),
  place: z.string(),
  position: z.object({ lat: z.number(), lon: z.number() }),
  locale: languageSchema,
  languages: z.array(languageSchema),
  idle: z.object({ warnAfterS: z.number(), countdownS: z.number() }),
  /** Tile URL template for Leaflet when a tile source (offline pack or online with cache) is configured, else null. */
  tiles: z.object({ urlTemplate: z.string(), attribution: z.string(), maxZoom: z.number() }).nullable(),
  submissionUrl: z.string().nullable(),
  dataSource: z.enum(['sample', 'city']),
  offersCount: z.number().int(),
  printerConfigured: z.boolean(),
  speechVolume: z.number(),
});
export type BootInfo = z.infer<typeof bootInfoSchema>;

export const offersContract = {
  getBootInfo: method(z.object({}).default({}), bootInfoSchema),
  getTaxonomy: method(z.object({}).default({}), taxonomySchema),
  searchOffers: method(searchQuerySchema, searchResultSchema),
  getOffer: method(z.object({ id: idSchema, lang: languageSchema.default('de') }), offerDetailSchema),
  listEvents: method(
    z.object({ from: z.iso.date(), to: z.iso.date(), limit: z.number().int().min(1).max(500).default(100) }),
    z.array(eventOccurrenceSchema),
  ),
};

export { LANGUAGES };
