import type { KioskConfig } from '../../../shared/schemas/kiosk-config';
import { SIEGBURG_SAMPLE_OFFERS, SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import type { Db } from '../db/open-database';
import { countOffers, replaceTaxonomy, setDataSource, upsertOffers } from '../offers/offer-repository';

export type SampleImportResult = { imported: true; offers: number } | { imported: false; reason: 'city_api_configured' | 'not_empty' };

/**
 * First start without a city API: fills the empty database with the built-in Siegburg sample data
 * (taxonomy + offers, all marked `sample`) in one transaction and records the data source as 'sample'.
 * Does nothing when a city API is configured or when offers already exist.
 */
export function importSampleDataIfEmpty(db: Db, config: Pick<KioskConfig, 'cityApi'>): SampleImportResult {
  if (config.cityApi) return { imported: false, reason: 'city_api_configured' };
  return db.transaction((): SampleImportResult => {
    if (countOffers(db) > 0) return { imported: false, reason: 'not_empty' };
    replaceTaxonomy(db, SIEGBURG_TAXONOMY);
    upsertOffers(db, SIEGBURG_SAMPLE_OFFERS, { sample: true });
    setDataSource(db, 'sample');
    return { imported: true, offers: SIEGBURG_SAMPLE_OFFERS.length };
  }).immediate();
}
