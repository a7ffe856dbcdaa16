import { offersPageSchema } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import type { Offer } from '../../../shared/schemas/offer';
import type { Db } from '../db/open-database';
import type { Log } from '../log';
import { clearSampleData, countOffers, deleteOffers, getDataSource, replaceTaxonomy, setDataSource, upsertOffers } from '../offers/offer-repository';
import { CityApiError, type CityApiClient } from './city-api-client';
import { createRecordChecker } from './offer-records';
import { readSyncState, SYNC_KEYS, writeSyncState } from './sync-state';

export interface OfferSyncCounts {
  pages: number;
  upserted: number;
  deleted: number;
  rejected: number;
  /** an applied record references an image, or offers were deleted: the image cache needs a look */
  imagesTouched: boolean;
}

/**
 * What has to happen in the same transaction as the first applied page of this run:
 * switching from sample data (or from another source) and storing a new taxonomy, so the kiosk never
 * shows sample offers with city taxonomy, or half of two sources.
 */
export interface PendingSwitch {
  /** new taxonomy (with its ETag) not yet stored */
  taxonomy: { value: Taxonomy; etag: string | null } | null;
  /** 'sample': drop sample offers; 'all': a different source — drop every offer; null: nothing */
  clear: 'sample' | 'all' | null;
  /** value for sync_source */
  source: string;
}

/** Applies the pending switch, if any (inside the caller's transaction). */
export function applyPendingSwitch(db: Db, pending: PendingSwitch): void {
  if (pending.clear === 'sample') clearSampleData(db);
  else if (pending.clear === 'all') deleteOffers(db, db.prepare('SELECT id FROM offers').pluck().all() as string[]);
  if (pending.clear) setDataSource(db, 'city');
  if (getDataSource(db) !== 'city') setDataSource(db, 'city');
  if (pending.taxonomy) {
    replaceTaxonomy(db, pending.taxonomy.value);
    writeSyncState(db, SYNC_KEYS.taxonomyEtag, pending.taxonomy.etag);
  }
  writeSyncState(db, SYNC_KEYS.source, pending.source);
  pending.taxonomy = null;
  pending.clear = null;
}

export interface FeedSyncOptions {
  pageLimit: number;
  /** Safety stop for a server that never says has_more: false. */
  maxPages?: number;
  /** Called after each page is committed (tests interrupt syncs here). */
  afterPage?: (pageNo: number) => void;
  /** true: ignore the stored cursor (source switch) */
  fromStart: boolean;
}

/**
 * Incremental offers sync over the cursor feed. Each page: every record validated on its own (invalid ones
 * skipped and logged with their id), then upserts, deletions and the page's next_cursor in ONE transaction.
 * A failure leaves the last committed cursor, so the next run resumes exactly there.
 */
export async function syncOfferFeed(
  db: Db,
  client: CityApiClient,
  taxonomy: Taxonomy,
  pending: PendingSwitch,
  log: Log,
  opts: FeedSyncOptions,
): Promise<OfferSyncCounts> {
  const check = createRecordChecker(taxonomy);
  const counts: OfferSyncCounts = { pages: 0, upserted: 0, deleted: 0, rejected: 0, imagesTouched: false };
  let cursor = opts.fromStart ? null : readSyncState(db, SYNC_KEYS.offersCursor);
  const maxPages = opts.maxPages ?? 100_000;
  for (;;) {
    const raw = await client.getOffersPage(cursor, opts.pageLimit);
    const page = offersPageSchema.safeParse(raw);
    if (!page.success) throw new CityApiError('invalid_response', `offers page does not match the contract: ${page.error.issues[0]?.path.join('.')} ${page.error.issues[0]?.message}`);
    const { items, deleted, next_cursor, has_more } = page.data;

    // Last occurrence of an id within a page wins; a record both changed and deleted in one page is deleted.
    const valid = new Map<string, Offer>();
    for (const item of items) {
      const r = check(item);
      if (r.ok) valid.set(r.offer.id, r.offer);
      else {
        counts.rejected++;
        log.warn('sync: offer record rejected', { id: r.id ?? '(no valid id)', reason: r.reason.slice(0, 200) });
      }
    }
    const deletedSet = new Set(deleted);
    for (const id of deletedSet) valid.delete(id);

    db.transaction(() => {
      applyPendingSwitch(db, pending);
      upsertOffers(db, [...valid.values()]);
      deleteOffers(db, [...deletedSet]);
      writeSyncState(db, SYNC_KEYS.offersCursor, next_cursor);
    })();
    counts.pages++;
    counts.upserted += valid.size;
    counts.deleted += deletedSet.size;
    if (deletedSet.size > 0 || [...valid.values()].some((o) => o.image)) counts.imagesTouched = true;
    opts.afterPage?.(counts.pages);

    if (!has_more) break;
    if (next_cursor === cursor) throw new CityApiError('invalid_response', 'offers feed: has_more without a new cursor');
    if (counts.pages >= maxPages) throw new CityApiError('invalid_response', `offers feed: more than ${maxPages} pages in one run`);
    cursor = next_cursor;
  }
  return counts;
}

/**
 * Snapshot import (HSDS: no change feed): all records at once, validated one by one, applied in one transaction;
 * offers no longer present are removed. Records that fail validation keep their previous version, if any.
 */
export function applyOfferSnapshot(db: Db, items: unknown[], taxonomy: Taxonomy, pending: PendingSwitch, log: Log): OfferSyncCounts {
  const check = createRecordChecker(taxonomy);
  const valid = new Map<string, Offer>();
  const seen = new Set<string>();
  let rejected = 0;
  for (const item of items) {
    const r = check(item);
    if (r.ok) {
      valid.set(r.offer.id, r.offer);
      seen.add(r.offer.id);
    } else {
      rejected++;
      if (r.id) seen.add(r.id);
      log.warn('sync: offer record rejected', { id: r.id ?? '(no valid id)', reason: r.reason.slice(0, 200) });
    }
  }
  let deleted = 0;
  db.transaction(() => {
    applyPendingSwitch(db, pending);
    const gone = (db.prepare('SELECT id FROM offers').pluck().all() as string[]).filter((id) => !seen.has(id));
    deleteOffers(db, gone);
    deleted = gone.length;
    upsertOffers(db, [...valid.values()]);
  })();
  return { pages: 1, upserted: valid.size, deleted, rejected, imagesTouched: true };
}

export { countOffers };
