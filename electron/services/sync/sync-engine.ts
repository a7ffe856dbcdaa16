import type { SyncErrorCode, SyncRunSummary } from '../../../shared/contract/sync';
import type { SyncPhase, SyncProgress } from '../../../shared/contract/sync-progress';
import type { Clock } from '../../../shared/logic/clock';
import { offerSchema } from '../../../shared/schemas/offer';
import { taxonomySchema, type Taxonomy } from '../../../shared/schemas/taxonomy';
import type { Db } from '../db/open-database';
import type { Log } from '../log';
import type { RequestRetry } from '../net/request-retry';
import { getDataSource, readTaxonomy, replaceEvents } from '../offers/offer-repository';
import { CityApiError, type CityApiClient } from './city-api-client';
import type { HsdsClient } from './hsds-client';
import { expandIcs } from './ics-events';
import { ImageRejectedError, type ImageCache } from './image-cache';
import { applyOfferSnapshot, syncOfferFeed, type FeedProgress, type PendingSwitch } from './offers-sync';
import { readSyncState, SYNC_KEYS, writeSyncState } from './sync-state';

export type SyncSource = { kind: 'gemeinsam'; baseUrl: string; client: CityApiClient } | { kind: 'hsds'; baseUrl: string; client: HsdsClient };

export interface SyncEngineDeps {
  db: Db;
  log: Log;
  clock: Clock;
  images: ImageCache;
  /** offers per page requested from the feed (≤ 500) */
  pageLimit?: number;
  /** event window: from today − daysBack to today + daysAhead */
  eventDaysBack?: number;
  eventDaysAhead?: number;
  /** largest image accepted (bytes) */
  maxImageBytes?: number;
  /** images fetched per run at most (the rest follow in later runs) */
  maxImagesPerRun?: number;
  /**
   * Per-request retries (net/request-retry.ts) for every request of the run. Absent: one try per request, the first
   * failure ends the run (tests of single faults). The sync feature always passes one.
   */
  retry?: RequestRetry;
}

/** The same client, each call going through the per-request retry policy. */
export function withRequestRetry(client: CityApiClient, retry: RequestRetry): CityApiClient {
  return {
    getTaxonomy: (etag) => retry.run('taxonomy', () => client.getTaxonomy(etag)),
    getOffersPage: (since, limit) => retry.run('offers page', () => client.getOffersPage(since, limit)),
    getEvents: (from, to) => retry.run('events', () => client.getEvents(from, to)),
    getImage: (url, maxBytes) => retry.run('image', () => client.getImage(url, maxBytes)),
  };
}

export type SyncRunResult =
  | { ok: true; summary: SyncRunSummary }
  | { ok: false; code: SyncErrorCode; message: string; retryAfterS?: number; summary: SyncRunSummary };

export interface RunOptions {
  /** called after each committed offers page (tests interrupt a sync here) */
  afterPage?: (pageNo: number) => void;
  /** Progress after each step (phase, pages and offers so far); the sync feature keeps the last one for the staff screen. */
  onProgress?: (p: SyncProgress) => void;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Stored error of the last failed run. */
export interface StoredSyncError {
  at: string;
  code: SyncErrorCode;
  message: string;
}

/**
 * One sync run: taxonomy (If-None-Match), offers (cursor feed or HSDS snapshot), events (ICS), images.
 * Never throws: the outcome and the status (last success, last error, failures) are stored in sync_state.
 */
export async function runSync(source: SyncSource, deps: SyncEngineDeps, opts: RunOptions = {}): Promise<SyncRunResult> {
  const { db, log, clock } = deps;
  const startedAt = clock.now().toISOString();
  const summary: SyncRunSummary = {
    startedAt,
    finishedAt: startedAt,
    pages: 0,
    upserted: 0,
    deleted: 0,
    rejected: 0,
    taxonomyChanged: false,
    events: 0,
    imagesFetched: 0,
    imagesRejected: 0,
  };
  writeSyncState(db, SYNC_KEYS.lastAttemptAt, startedAt);
  const stats0 = deps.retry ? { ...deps.retry.stats } : null;
  const progress: SyncProgress = { phase: 'taxonomy', firstSync: false, pages: 0, offers: 0, deleted: 0, images: 0, startedAt, updatedAt: startedAt };
  const report = (phase: SyncPhase, change: Partial<SyncProgress> = {}) => {
    if (!opts.onProgress) return;
    Object.assign(progress, change, { phase, updatedAt: clock.now().toISOString() });
    try {
      opts.onProgress({ ...progress });
    } catch (err) {
      log.warn(`sync progress listener failed: ${String(err)}`);
    }
  };
  const countRequests = () => {
    if (!deps.retry || !stats0) return;
    summary.requests = deps.retry.stats.tries - stats0.tries;
    summary.retries = deps.retry.stats.retries - stats0.retries;
  };
  try {
    const sourceId = `${source.kind} ${source.baseUrl}`;
    const storedSource = readSyncState(db, SYNC_KEYS.source);
    const clear: PendingSwitch['clear'] = getDataSource(db) !== 'city' ? 'sample' : storedSource !== null && storedSource !== sourceId ? 'all' : null;
    const pending: PendingSwitch = { taxonomy: null, clear, source: sourceId };
    report('taxonomy', { firstSync: clear !== null });

    if (source.kind === 'gemeinsam') {
      const client = deps.retry ? withRequestRetry(source.client, deps.retry) : source.client;
      const taxonomy = await syncTaxonomy(db, client, pending);
      summary.taxonomyChanged = pending.taxonomy !== null;
      report('offers');
      const feedOpts = {
        pageLimit: deps.pageLimit ?? 500,
        fromStart: clear !== null,
        afterPage: opts.afterPage,
        onPage: (p: FeedProgress) => report('offers', { firstSync: p.staged, pages: p.pages, offers: p.offers, deleted: p.deleted }),
        beforeApply: () => report('applying'),
      };
      let counts;
      try {
        counts = await syncOfferFeed(db, client, taxonomy, pending, log, feedOpts);
      } catch (err) {
        // 400 on our stored cursor: the town's database was replaced or reset. Start over; the first page
        // then replaces every stored offer in its transaction (no mix of old and new data).
        if (!(err instanceof CityApiError && err.status === 400 && clear === null && readSyncState(db, SYNC_KEYS.offersCursor) !== null)) throw err;
        log.warn('sync: the city API no longer knows our cursor; starting a full sync');
        pending.clear = 'all';
        counts = await syncOfferFeed(db, client, taxonomy, pending, log, { ...feedOpts, fromStart: true });
      }
      const { imagesTouched, ...offerCounts } = counts;
      Object.assign(summary, offerCounts);
      report('events');
      summary.events = await syncEvents(db, client, deps);
      // Scanning every offer for images costs time on each run: only when something changed or images are still missing.
      if (imagesTouched || readSyncState(db, SYNC_KEYS.imagesPending) !== '0') {
        report('images');
        const img = await syncImages(db, client, deps, (n) => report('images', { images: n }));
        summary.imagesFetched = img.fetched;
        summary.imagesRejected = img.rejected;
        writeSyncState(db, SYNC_KEYS.imagesPending, img.complete ? '0' : '1');
      }
    } else {
      const hsds = source.client;
      report('offers');
      const snapshot = deps.retry ? await deps.retry.run('hsds snapshot', () => hsds.fetchSnapshot()) : await hsds.fetchSnapshot();
      const taxonomy = taxonomySchema.parse(snapshot.taxonomy);
      const before = JSON.stringify(readTaxonomy(db));
      if (clear !== null || before !== JSON.stringify(taxonomy)) pending.taxonomy = { value: taxonomy, etag: null };
      summary.taxonomyChanged = pending.taxonomy !== null;
      report('applying', { pages: 1, offers: snapshot.items.length });
      const { imagesTouched: _touched, ...offerCounts } = applyOfferSnapshot(db, snapshot.items, taxonomy, pending, log);
      Object.assign(summary, offerCounts);
      opts.afterPage?.(1);
    }

    summary.finishedAt = clock.now().toISOString();
    countRequests();
    db.transaction(() => {
      writeSyncState(db, SYNC_KEYS.lastSuccessAt, summary.finishedAt);
      writeSyncState(db, SYNC_KEYS.lastRun, JSON.stringify(summary));
      writeSyncState(db, SYNC_KEYS.consecutiveFailures, '0');
      writeSyncState(db, SYNC_KEYS.unauthorized, null);
    })();
    log.info('sync: done', { ...summary });
    return { ok: true, summary };
  } catch (err) {
    const e =
      err instanceof CityApiError
        ? err
        : new CityApiError(err instanceof SyntaxError || (err as Error)?.name === 'ZodError' ? 'invalid_response' : 'internal', String((err as Error)?.message ?? err).slice(0, 500));
    summary.finishedAt = clock.now().toISOString();
    countRequests();
    const failures = Number(readSyncState(db, SYNC_KEYS.consecutiveFailures) ?? '0') + 1;
    const stored: StoredSyncError = { at: summary.finishedAt, code: e.code, message: e.message.slice(0, 500) };
    db.transaction(() => {
      writeSyncState(db, SYNC_KEYS.lastError, JSON.stringify(stored));
      writeSyncState(db, SYNC_KEYS.consecutiveFailures, String(failures));
      if (e.code === 'unauthorized') writeSyncState(db, SYNC_KEYS.unauthorized, '1');
    })();
    log.warn('sync: failed', { code: e.code, message: stored.message, failures, pagesApplied: summary.pages, requests: summary.requests });
    return { ok: false, code: e.code, message: stored.message, ...(e.retryAfterS !== undefined ? { retryAfterS: e.retryAfterS } : {}), summary };
  }
}

/** Taxonomy with If-None-Match. A changed taxonomy is stored together with the first offers page (pending). */
async function syncTaxonomy(db: Db, client: CityApiClient, pending: PendingSwitch): Promise<Taxonomy> {
  const etag = pending.clear === null ? readSyncState(db, SYNC_KEYS.taxonomyEtag) : null;
  const res = await client.getTaxonomy(etag);
  if (res.notModified) return readTaxonomy(db);
  const parsed = taxonomySchema.safeParse(res.body);
  if (!parsed.success) {
    throw new CityApiError('invalid_response', `taxonomy does not match the contract: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  }
  pending.taxonomy = { value: parsed.data, etag: res.etag };
  return parsed.data;
}

async function syncEvents(db: Db, client: CityApiClient, deps: SyncEngineDeps): Promise<number> {
  const now = deps.clock.now();
  const from = new Date(now.getTime() - (deps.eventDaysBack ?? 1) * 86_400_000);
  const to = new Date(now.getTime() + (deps.eventDaysAhead ?? 60) * 86_400_000);
  const fromDay = isoDay(from);
  const toDay = isoDay(to);
  const text = await client.getEvents(fromDay, toDay);
  let result;
  try {
    const exists = db.prepare('SELECT 1 FROM offers WHERE id = ?').pluck();
    result = expandIcs(text, {
      from: new Date(`${fromDay}T00:00:00Z`),
      to: new Date(`${toDay}T23:59:59Z`),
      knownOfferIds: (id) => exists.get(id) !== undefined,
    });
  } catch (err) {
    throw new CityApiError('invalid_response', `events: ${(err as Error).message}`);
  }
  for (const p of result.problems.slice(0, 20)) deps.log.warn('sync: event rejected', { reason: p.slice(0, 200) });
  db.transaction(() => {
    replaceEvents(db, fromDay, toDay, result.occurrences);
    // The window moves on every day: occurrences that fell out of it (over before it starts, or after its end when
    // the window was shortened) are gone from the feed but would stay here for ever — one day's worth more every day
    // (issue 14 soak). Stored times are UTC ISO, so a day compares as a prefix.
    db.prepare('DELETE FROM events WHERE (start < ? AND ("end" IS NULL OR "end" < ?)) OR start > ?').run(fromDay, fromDay, `${toDay}T99`);
  })();
  return result.occurrences.length;
}

/** Fetches images referenced by stored offers that are not cached yet; drops cached images no offer uses. */
async function syncImages(
  db: Db,
  client: CityApiClient,
  deps: SyncEngineDeps,
  onImage: (fetched: number) => void,
): Promise<{ fetched: number; rejected: number; complete: boolean }> {
  const rows = db.prepare(`SELECT json_extract(data_json, '$.image') AS image FROM offers WHERE json_extract(data_json, '$.image') IS NOT NULL`).pluck().all() as string[];
  const wanted = new Map<string, { url: string; bytes: number }>();
  for (const json of rows) {
    const img = offerSchema.shape.image.safeParse(JSON.parse(json));
    if (img.success && img.data) wanted.set(img.data.sha256, { url: img.data.url, bytes: img.data.bytes });
  }
  const maxBytes = deps.maxImageBytes ?? 5_000_000;
  let fetched = 0;
  let rejected = 0;
  let complete = true;
  for (const [sha, ref] of wanted) {
    if (deps.images.has(sha)) continue;
    if (fetched + rejected >= (deps.maxImagesPerRun ?? 300)) {
      complete = false;
      break;
    }
    const limit = Math.min(maxBytes, ref.bytes);
    try {
      const { bytes } = await client.getImage(ref.url, limit);
      await deps.images.put(sha, bytes, limit);
      fetched++;
      onImage(fetched);
    } catch (err) {
      // One broken image never fails the sync; only a revoked token stops it.
      if (err instanceof CityApiError && err.code === 'unauthorized') throw err;
      if (!(err instanceof ImageRejectedError) && !(err instanceof CityApiError)) throw err;
      rejected++;
      deps.log.warn('sync: image rejected', { sha256: sha, reason: (err as Error).message.slice(0, 200) });
    }
  }
  deps.images.prune(new Set(wanted.keys()));
  return { fetched, rejected, complete: complete && rejected === 0 };
}
