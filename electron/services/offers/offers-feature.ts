import type { offersContract, OfferDetail } from '../../../shared/contract/offers';
import type { KioskHandlers } from '../../../shared/contract';
import { KioskApiError } from '../../../shared/contract';
import { distanceKm, roundKm } from '../../../shared/logic/distance';
import { KIOSK_TZ, nextOccurrences } from '../../../shared/logic/next-dates';
import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Offer } from '../../../shared/schemas/offer';
import type { Feature, ServiceDeps } from '../feature';
import { importSampleDataIfEmpty } from '../seed/sample-import';
import { readSyncState, SYNC_KEYS } from '../sync/sync-state';
import { countOffers, getDataSource, getOfferById, listEventOccurrences, readTaxonomy } from './offer-repository';
import { localisedTexts, searchOffers, warmSearchIndex, type SearchContext } from './offer-search';
import { tileBootInfo } from '../tiles/tile-boot-info';

export type OffersHandlers = Pick<KioskHandlers, keyof typeof offersContract>;

/** How many upcoming dates the detail view shows. */
export const NEXT_DATES = 5;
/** How far ahead calendar events are looked up for an offer's next dates. */
const EVENT_HORIZON_DAYS = 366;

/** Texts to show for an offer in a language; Leichte Sprache uses the easy-read text when the offer has one. */
export function displayTexts(offer: Offer, lang: Language): OfferDetail['display'] {
  const t = localisedTexts(offer, lang);
  if (lang === 'de-LS' && offer.easy_read) return { ...t, description: offer.easy_read, untranslated: false, easyRead: true };
  return { ...t, easyRead: false };
}

/** Upcoming dates from the offer's schedules and its calendar events, soonest first. */
export function upcomingDates(deps: Pick<ServiceDeps, 'db'>, offer: Offer, now: Date): OfferDetail['nextDates'] {
  const fromSchedules = nextOccurrences(offer.schedules, now, NEXT_DATES, KIOSK_TZ).map((o) => ({ start: o.start, end: o.end, title: null }));
  const horizon = new Date(now.getTime() + EVENT_HORIZON_DAYS * 86_400_000);
  const fromEvents = listEventOccurrences(deps.db, { from: now.toISOString(), to: horizon.toISOString(), offerId: offer.id, limit: NEXT_DATES }).map((e) => ({
    start: e.start,
    end: e.end ?? null,
    title: e.title,
  }));
  const seen = new Set<string>();
  return [...fromSchedules, ...fromEvents]
    .sort((a, b) => a.start.localeCompare(b.start))
    .filter((d) => (seen.has(d.start) ? false : (seen.add(d.start), true)))
    .slice(0, NEXT_DATES);
}

export interface OffersFeature extends Feature<OffersHandlers> {
  /** Builds the in-memory search index now (at start, after a sync) so that no visitor's search waits for it. */
  warmSearchIndex(): void;
}

/** How long after start the search index is built (the first screen needs no search). */
export const WARM_UP_DELAY_MS = 1500;

export function createOffersFeature(deps: ServiceDeps): OffersFeature {
  const { db, config, clock, log } = deps;
  // An empty database gets the sample data even when a city API is configured (issue 14): visitors see labelled sample
  // offers, not an empty screen, until the first sync is complete and replaces them in one transaction.
  const imported = importSampleDataIfEmpty(db, { cityApi: undefined });
  if (imported.imported) log.info(`imported ${imported.offers} built-in Siegburg sample offers${config.get().cityApi ? ' (until the first sync from the city API)' : ' (no city API configured)'}`);

  const searchContext = (): SearchContext => ({ position: config.get().position, now: clock.now(), tz: KIOSK_TZ });

  const handlers: OffersHandlers = {
    async getBootInfo() {
      const c = config.get();
      return {
        version: deps.version,
        kioskId: c.kioskId,
        place: c.place,
        position: c.position,
        locale: c.locale,
        languages: c.languages,
        idle: { warnAfterS: c.idle.warnAfterS, countdownS: c.idle.countdownS },
        tiles: tileBootInfo(c, deps.dataDir),
        submissionUrl: c.submissionUrl ?? null,
        dataSource: getDataSource(db),
        offersCount: countOffers(db, { status: 'active' }),
        printerConfigured: c.printer.transport !== 'none',
        speechVolume: c.speechVolume,
      };
    },
    async getTaxonomy() {
      return readTaxonomy(db);
    },
    async searchOffers(query) {
      const found = searchOffers(db, query, searchContext());
      return { ...found, dataAsOf: getDataSource(db) === 'city' ? readSyncState(db, SYNC_KEYS.lastSuccessAt) : null };
    },
    async getOffer({ id, lang }) {
      const offer = getOfferById(db, id);
      if (!offer || offer.status !== 'active') throw new KioskApiError('not_found', `offer ${id} not found`);
      const position = config.get().position;
      return {
        offer,
        display: displayTexts(offer, lang),
        distanceKm: offer.location ? roundKm(distanceKm(position, offer.location)) : null,
        nextDates: upcomingDates(deps, offer, clock.now()),
      };
    },
    async listEvents({ from, to, limit }) {
      return listEventOccurrences(db, { from, to, limit });
    },
  };

  const warm = () => {
    try {
      warmSearchIndex(db, searchContext());
    } catch (err) {
      log.warn(`search index warm-up failed: ${String(err)}`);
    }
  };
  // At start the warm-up waits a moment: the first screen's requests (page, scripts, boot info) are served first
  // instead of queueing behind it (issue 20: cold start). A search before then builds the index itself.
  let warmTimer: ReturnType<typeof setTimeout> | null = null;
  return {
    handlers,
    warmSearchIndex: warm,
    start() {
      warmTimer = setTimeout(() => {
        warmTimer = null;
        warm();
      }, WARM_UP_DELAY_MS);
      warmTimer.unref?.();
    },
    stop() {
      if (warmTimer) clearTimeout(warmTimer);
      warmTimer = null;
    },
  };
}
