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
  /** Called after each page with what has been received so far (the staff screen's progress). */
  onPage?: (p: FeedProgress) => void;
  /** Called once, just before a first sync's collected pages replace the shown data. */
  beforeApply?: () => void;
  /** true: ignore the stored cursor (source switch) */
  fromStart: boolean;
  /** true: throw away pages an earlier, interrupted first sync collected (its cursor is no longer valid). */
  resetStaging?: boolean;
}

export interface FeedProgress {
  /** pages are collected aside (first sync) instead of applied */
  staged: boolean;
  /** pages received, a resumed first sync's earlier pages included */
  pages: number;
  /** offer records received (staged: collected and not deleted again) */
  offers: number;
  deleted: number;
}

/**
 * Incremental offers sync over the cursor feed. Each page: every record validated on its own (invalid ones
 * skipped and logged with their id), then upserts, deletions and the page's next_cursor in ONE transaction.
 * A failure leaves the last committed cursor, so the next run resumes exactly there.
 *
 * A first sync (pending.clear set: sample data, another source, or a feed that forgot our cursor) must never show
 * half a dataset: its pages go into sync_staging (with their cursor, one transaction per page, so an interrupted first
 * sync resumes there too), and only when the feed says has_more: false do they replace the shown offers, together with
 * the pending switch, in ONE transaction. Until then visitors see the previous data (sample data) unchanged.
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
  const staged = pending.clear !== null;
  let cursor: string | null;
  let earlierPages = 0;
  if (staged) {
    const resumable = !opts.resetStaging && readSyncState(db, SYNC_KEYS.stagingSource) === pending.source;
    if (!resumable) startStaging(db, pending.source);
    cursor = resumable ? readSyncState(db, SYNC_KEYS.stagingCursor) : null;
    earlierPages = resumable ? Number(readSyncState(db, SYNC_KEYS.stagingPages) ?? '0') : 0;
    if (cursor !== null) log.info('sync: resuming the first sync', { pages: earlierPages, offers: stagedCount(db) });
  } else cursor = opts.fromStart ? null : readSyncState(db, SYNC_KEYS.offersCursor);
  const maxPages = opts.maxPages ?? 100_000;
  for (;;) {
    let raw: unknown;
    try {
      raw = await client.getOffersPage(cursor, opts.pageLimit);
    } catch (err) {
      // The feed no longer knows the cursor of an interrupted first sync: collect from the start again.
      if (staged && cursor !== null && err instanceof CityApiError && err.status === 400) {
        log.warn('sync: the city API no longer knows the cursor of the interrupted first sync; starting it over');
        startStaging(db, pending.source);
        cursor = null;
        earlierPages = 0;
        continue;
      }
      throw err;
    }
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

    if (staged) {
      db.transaction(() => {
        stageOffers(db, [...valid.values()], [...deletedSet]);
        writeSyncState(db, SYNC_KEYS.stagingCursor, next_cursor);
        writeSyncState(db, SYNC_KEYS.stagingPages, String(earlierPages + counts.pages + 1));
      })();
    } else {
      db.transaction(() => {
        applyPendingSwitch(db, pending);
        upsertOffers(db, [...valid.values()]);
        deleteOffers(db, [...deletedSet]);
        writeSyncState(db, SYNC_KEYS.offersCursor, next_cursor);
      })();
      counts.upserted += valid.size;
    }
    counts.pages++;
    counts.deleted += deletedSet.size;
    if (deletedSet.size > 0 || [...valid.values()].some((o) => o.image)) counts.imagesTouched = true;
    opts.onPage?.({
      staged,
      pages: earlierPages + counts.pages,
      offers: staged ? stagedCount(db) : counts.upserted,
      deleted: counts.deleted,
    });
    opts.afterPage?.(counts.pages);

    if (!has_more) {
      if (staged) {
        opts.beforeApply?.();
        counts.upserted = applyStaging(db, pending, next_cursor);
        counts.imagesTouched = true;
        log.info('sync: first sync complete, the new data replaces the old in one step', { offers: counts.upserted, pages: earlierPages + counts.pages });
      }
      break;
    }
    if (next_cursor === cursor) throw new CityApiError('invalid_response', 'offers feed: has_more without a new cursor');
    if (counts.pages >= maxPages) throw new CityApiError('invalid_response', `offers feed: more than ${maxPages} pages in one run`);
    cursor = next_cursor;
  }
  return counts;
}

/** Empties sync_staging and starts collecting for `source` (own transaction). */
function startStaging(db: Db, source: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sync_staging').run();
    writeSyncState(db, SYNC_KEYS.stagingSource, source);
    writeSyncState(db, SYNC_KEYS.stagingCursor, null);
    writeSyncState(db, SYNC_KEYS.stagingPages, '0');
  })();
}

function stagedCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM sync_staging WHERE data_json IS NOT NULL').pluck().get() as number;
}

/** One page into sync_staging (inside the caller's transaction): last version of an id wins, a deletion is remembered. */
function stageOffers(db: Db, offers: Offer[], deleted: string[]): void {
  const put = db.prepare('INSERT INTO sync_staging (id, data_json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data_json = excluded.data_json');
  for (const o of offers) put.run(o.id, JSON.stringify(o));
  for (const id of deleted) put.run(id, null);
}

/**
 * The collected first sync replaces the shown data: pending switch (sample data or the old source out, new taxonomy
 * in), every collected offer, the feed's cursor, and the staging emptied — all in ONE transaction.
 */
function applyStaging(db: Db, pending: PendingSwitch, cursor: string): number {
  let n = 0;
  db.transaction(() => {
    applyPendingSwitch(db, pending);
    const rows = db.prepare('SELECT id, data_json FROM sync_staging ORDER BY seq').all() as { id: string; data_json: string | null }[];
    const offers: Offer[] = [];
    const gone: string[] = [];
    for (const r of rows) {
      if (r.data_json === null) gone.push(r.id);
      else offers.push(JSON.parse(r.data_json) as Offer);
    }
    // deletions first: an id both deleted and collected cannot be in both lists (the staging row holds its last state)
    deleteOffers(db, gone);
    upsertOffers(db, offers);
    n = offers.length;
    writeSyncState(db, SYNC_KEYS.offersCursor, cursor);
    db.prepare('DELETE FROM sync_staging').run();
    writeSyncState(db, SYNC_KEYS.stagingSource, null);
    writeSyncState(db, SYNC_KEYS.stagingCursor, null);
    writeSyncState(db, SYNC_KEYS.stagingPages, null);
  })();
  return n;
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
