import { join } from 'node:path';
import type { z } from 'zod';
import type { CallContext } from '../../../shared/contract';
import type { syncContract, SyncStatus } from '../../../shared/contract/sync';
import type { SyncProgress } from '../../../shared/contract/sync-progress';
import type { CityApiConfig } from '../../../shared/schemas/kiosk-config';
import type { Feature, ServiceDeps } from '../feature';
import { countOffers, getDataSource } from '../offers/offer-repository';
import type { CityApiClient } from './city-api-client';
import type { HsdsClient } from './hsds-client';
import { createImageCache, type ImageCache } from './image-cache';
import { createRequestRetry, type RequestRetryOptions } from '../net/request-retry';
import { backoffDelayMs } from './sync-backoff';
import { runSync, type RunOptions, type StoredSyncError, type SyncRunResult, type SyncSource } from './sync-engine';
import { readSyncState, SYNC_KEYS } from './sync-state';

type SyncContract = typeof syncContract;
export type SyncHandlers = {
  [K in keyof SyncContract]: (input: z.output<SyncContract[K]['input']>, ctx: CallContext) => Promise<z.output<SyncContract[K]['output']>>;
};

/** Adapters the composition root chooses (compose.ts; `defaultSyncAdapters` in sync-adapters.ts), and tuning. */
export interface SyncAdapters {
  /** A city API client for the configured source (real fetch client, or a fake in tests). */
  cityClient: (cfg: CityApiConfig) => CityApiClient;
  /** An Open Referral HSDS client for the configured source. */
  hsdsClient: (cfg: CityApiConfig) => HsdsClient;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** Delay of the first sync after start (default 3 s). */
  initialDelayMs?: number;
  pageLimit?: number;
  /** Timers off: syncs only run through syncNow (tests). */
  manualOnly?: boolean;
  /** Per-request retry policy of every sync request (tests: a fake sleep; maxTries 1 turns retries off). */
  requestRetry?: RequestRetryOptions;
  /** Days of events fetched ahead (default 60; the soak test uses a shorter window to stay fast). */
  eventDaysAhead?: number;
}

export interface SyncFeature extends Feature<SyncHandlers> {
  /** Cached images, served by the hosts at GET /images/:sha256. */
  images: ImageCache;
  /** Runs a sync now, or joins the running one. null when no city API is configured. */
  syncNow(opts?: RunOptions): Promise<SyncRunResult | null>;
  status(): SyncStatus;
  /** Calls `listener` after every successful run (e.g. to rebuild the search index before the next search needs it). */
  onSynced(listener: (result: SyncRunResult) => void): () => void;
}

/**
 * The sync feature: periodic sync every cityApi.syncIntervalS, on command (staff screen, fleet `sync_now`),
 * exponential backoff with jitter after failures (cap 15 min), status for the staff screen.
 * Without cityApi in the configuration nothing is synced (sample-data mode).
 */
export function createSyncFeature(deps: ServiceDeps, adapters: SyncAdapters): SyncFeature {
  const { db, clock, log } = deps;
  const images = createImageCache(join(deps.dataDir, 'images'));
  const random = adapters.random ?? Math.random;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextSyncAt: Date | null = null;
  let running: Promise<SyncRunResult> | null = null;
  /** Progress of the running sync (staff screen), null when none runs. */
  let progress: SyncProgress | null = null;
  /** After a failed run: no sync on request before this time (exponential backoff or the server's Retry-After). */
  let backoffUntil: number | null = null;
  let stopped = true;
  const syncedListeners = new Set<(result: SyncRunResult) => void>();

  function sourceFor(cfg: CityApiConfig): SyncSource {
    if (cfg.kind === 'hsds') return { kind: 'hsds', baseUrl: cfg.baseUrl, client: adapters.hsdsClient(cfg) };
    return { kind: 'gemeinsam', baseUrl: cfg.baseUrl, client: adapters.cityClient(cfg) };
  }

  const cityApi = () => deps.config.get().cityApi ?? null;

  function schedule(ms: number) {
    if (timer) clearTimeout(timer);
    timer = null;
    nextSyncAt = null;
    if (stopped || adapters.manualOnly || !cityApi()) return;
    nextSyncAt = new Date(clock.now().getTime() + ms);
    timer = setTimeout(() => {
      timer = null;
      void syncNow();
    }, ms);
    timer.unref?.();
  }

  function syncNow(opts: RunOptions = {}): Promise<SyncRunResult | null> {
    const cfg = cityApi();
    if (!cfg) return Promise.resolve(null);
    if (running) return running;
    if (timer) clearTimeout(timer);
    timer = null;
    nextSyncAt = null;
    const retry = createRequestRetry({
      random,
      ...adapters.requestRetry,
      onRetry: (info) => {
        log.info('sync: request failed, trying again', { what: info.what, attempt: info.attempt, inMs: info.delayMs, error: String((info.error as Error)?.message ?? info.error).slice(0, 200) });
        adapters.requestRetry?.onRetry?.(info);
      },
    });
    const onProgress = (p: SyncProgress) => {
      progress = p;
      opts.onProgress?.(p);
    };
    const run = runSync(sourceFor(cfg), { db, log, clock, images, pageLimit: adapters.pageLimit, eventDaysAhead: adapters.eventDaysAhead, retry }, { ...opts, onProgress });
    running = run;
    void run.then(
      (result) => {
        running = null;
        progress = null;
        const current = cityApi();
        if (!current) return;
        if (result.ok) {
          backoffUntil = null;
          schedule(current.syncIntervalS * 1000);
          for (const listener of syncedListeners) {
            try {
              listener(result);
            } catch (err) {
              log.warn(`after-sync listener failed: ${String(err)}`);
            }
          }
        }
        else {
          const failures = Number(readSyncState(db, SYNC_KEYS.consecutiveFailures) ?? '1');
          const delay = backoffDelayMs(failures, random(), result.retryAfterS);
          backoffUntil = clock.now().getTime() + delay;
          schedule(delay);
        }
      },
      () => {
        running = null;
        progress = null;
      },
    );
    return run;
  }

  function status(): SyncStatus {
    const cfg = cityApi();
    const lastError = readSyncState(db, SYNC_KEYS.lastError);
    const lastRun = readSyncState(db, SYNC_KEYS.lastRun);
    return {
      configured: cfg !== null,
      kind: cfg?.kind ?? null,
      dataSource: getDataSource(db),
      running: running !== null,
      unauthorized: readSyncState(db, SYNC_KEYS.unauthorized) === '1',
      lastAttemptAt: readSyncState(db, SYNC_KEYS.lastAttemptAt),
      lastSuccessAt: readSyncState(db, SYNC_KEYS.lastSuccessAt),
      lastError: lastError ? (JSON.parse(lastError) as StoredSyncError) : null,
      nextSyncAt: nextSyncAt?.toISOString() ?? null,
      consecutiveFailures: Number(readSyncState(db, SYNC_KEYS.consecutiveFailures) ?? '0'),
      counts: {
        offers: countOffers(db),
        activeOffers: countOffers(db, { status: 'active' }),
        events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
        images: images.count(),
      },
      lastRun: lastRun ? JSON.parse(lastRun) : null,
      progress: running !== null ? progress : null,
    };
  }

  let unsubscribe: (() => void) | null = null;

  return {
    images,
    syncNow,
    status,
    onSynced(listener) {
      syncedListeners.add(listener);
      return () => syncedListeners.delete(listener);
    },
    handlers: {
      getSyncStatus: async () => status(),
      syncNow: async () => {
        // A staff button or a remote command must not hammer a city API that asked us to wait (429/503 Retry-After)
        // or that keeps failing: within the backoff the answer is "next try at …".
        if (cityApi() !== null && running === null && backoffUntil !== null && clock.now().getTime() < backoffUntil) {
          return { started: false, status: status(), nextTryAt: new Date(backoffUntil).toISOString() };
        }
        const started = cityApi() !== null && running === null;
        void syncNow();
        return { started, status: status() };
      },
    },
    start() {
      stopped = false;
      unsubscribe = deps.config.subscribe((next, prev) => {
        const a = next.cityApi ?? null;
        const b = prev.cityApi ?? null;
        if (JSON.stringify(a) === JSON.stringify(b)) return;
        // A new source or token: sync soon; no source: stop syncing (the stored data stays).
        schedule(adapters.initialDelayMs ?? 3000);
      });
      schedule(adapters.initialDelayMs ?? 3000);
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      timer = null;
      nextSyncAt = null;
      if (running) await running.catch(() => {});
    },
  };
}
