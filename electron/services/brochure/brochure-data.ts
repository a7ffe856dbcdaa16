import { offerSchema, type Offer } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import type { Db } from '../db/open-database';
import { readTaxonomy } from '../offers/offer-repository';

export interface BrochureData {
  offers: Offer[];
  taxonomy: Taxonomy;
}

/** Every active offer (validated again: a damaged row is left out, not printed half), sorted by title. */
export function loadBrochureData(db: Db): BrochureData {
  const rows = db.prepare("SELECT data_json FROM offers WHERE status = 'active' ORDER BY title COLLATE NOCASE, id").pluck().all() as string[];
  const offers: Offer[] = [];
  for (const json of rows) {
    const parsed = offerSchema.safeParse(JSON.parse(json));
    if (parsed.success) offers.push(parsed.data);
  }
  return { offers, taxonomy: readTaxonomy(db) };
}
