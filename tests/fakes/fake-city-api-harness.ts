import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import { silentLog } from '../../electron/services/log';
import { countOffers, getOfferById } from '../../electron/services/offers/offer-repository';
import { derivedRowProblems } from '../../electron/services/offers/test-db';
import { createFetchCityApiClient } from '../../electron/services/sync/city-api-client';
import { createImageCache, type ImageCache } from '../../electron/services/sync/image-cache';
import { createRecordChecker } from '../../electron/services/sync/offer-records';
import { runSync, type RunOptions, type SyncSource } from '../../electron/services/sync/sync-engine';
import type { RequestRetry } from '../../electron/services/net/request-retry';
import { systemClock, type Clock } from '../../shared/logic/clock';
import { listenCityApi, startCityApi, type RunningCityApi } from '../../city-api/src/server';
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import type { ChaosOptions } from '../../city-api/src/chaos';
import { registerKiosk } from '../../city-api/src/kiosk-store';
import { offerWebUrl, publishedOffers, putOffers, setTaxonomy } from '../../city-api/src/offer-store';
import { TEST_TAXONOMY, testOffers } from './fake-city-api-data';
import type { StorageBackend } from '../support/storage-backends';

export const KIOSK_ID = 'rathaus-foyer';
export const KIOSK_TOKEN = 'kiosk-token-0123456789abcdef';

/** Close functions of what startTestCityApi and createTestKiosk opened, newest last (see closeTestCityApis). */
const openedInTests: (() => unknown)[] = [];

/**
 * Closes every test city API and kiosk opened since the last call, newest first: `afterEach(closeTestCityApis)`.
 * Closing one the test closed itself already is harmless.
 */
export async function closeTestCityApis(): Promise<void> {
  for (const close of openedInTests.splice(0).reverse()) await close();
}

export async function startTestCityApi(
  opts: { offers?: number; chaos?: ChaosOptions; configure?: (app: FastifyInstance) => void; adminPassword?: string; port?: number } = {},
): Promise<RunningCityApi> {
  const api = await startCityApi({ chaos: opts.chaos, configure: opts.configure, adminPassword: opts.adminPassword, port: opts.port ?? 0 });
  setTaxonomy(api.db, TEST_TAXONOMY);
  registerKiosk(api.db, KIOSK_ID, KIOSK_TOKEN);
  if (opts.offers) putOffers(api.db, testOffers(opts.offers));
  openedInTests.push(() => api.close());
  return api;
}

export interface TestCityApiOnOptions {
  offers?: number;
  adminPassword?: string;
  chaos?: ChaosOptions;
  /** e.g. an onResponse hook that records what the kiosk asked for */
  configure?: (app: FastifyInstance) => void;
  /** 0 (default): a free port */
  port?: number;
}

/**
 * The same test city API on any storage (SQLite or PostgreSQL, issue 19: tests/support/storage-backends.ts). close()
 * stops the server; the storage stays open for its owner.
 */
export async function startTestCityApiOn(
  storage: KioskStorage,
  opts: TestCityApiOnOptions = {},
): Promise<Omit<RunningCityApi, 'db'>> {
  await storage.setTaxonomy(TEST_TAXONOMY);
  await storage.registerKiosk(KIOSK_ID, KIOSK_TOKEN);
  if (opts.offers) await storage.putOffers(testOffers(opts.offers));
  return listenCityApi({ storage, adminPassword: opts.adminPassword, chaos: opts.chaos, configure: opts.configure, port: opts.port ?? 0 });
}

/**
 * Opens a fresh storage on `backend` and starts the test city API on it (startTestCityApiOn); closeTestCityApis stops
 * the server, then closes and drops the storage. For `describe.each(STORAGE_BACKENDS)` tests (issue 19).
 */
export async function startTestCityApiOnBackend(
  backend: StorageBackend,
  opts: TestCityApiOnOptions = {},
): Promise<{ api: Omit<RunningCityApi, 'db'>; storage: KioskStorage }> {
  const { storage, cleanup } = await backend.open();
  openedInTests.push(cleanup);
  const api = await startTestCityApiOn(storage, opts);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await api.close();
  };
  openedInTests.push(close);
  return { api: { ...api, close }, storage };
}

export interface TestKiosk {
  db: Db;
  images: ImageCache;
  dir: string;
  sync(opts?: RunOptions & { token?: string; maxResponseBytes?: number; pageLimit?: number; clock?: Clock; retry?: RequestRetry }): ReturnType<typeof runSync>;
  close(): void;
}

export function createTestKiosk(api: Pick<RunningCityApi, 'url'>, defaults: { pageLimit?: number; maxResponseBytes?: number } = {}): TestKiosk {
  const dir = mkdtempSync(join(tmpdir(), 'gk-sync-'));
  const db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
  const images = createImageCache(join(dir, 'images'));
  const kiosk: TestKiosk = {
    db,
    images,
    dir,
    sync(opts = {}) {
      const clock = opts.clock ?? systemClock;
      const source: SyncSource = {
        kind: 'gemeinsam',
        baseUrl: api.url,
        client: createFetchCityApiClient({
          baseUrl: api.url,
          token: opts.token ?? KIOSK_TOKEN,
          version: '0.1.0-test',
          clock,
          timeoutMs: 10_000,
          maxResponseBytes: opts.maxResponseBytes ?? defaults.maxResponseBytes,
        }),
      };
      return runSync(source, { db, log: silentLog, clock, images, pageLimit: opts.pageLimit ?? defaults.pageLimit ?? 100, retry: opts.retry }, opts);
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  openedInTests.push(() => kiosk.close());
  return kiosk;
}

/** The kiosk holds exactly the server's published, valid offers — checked record by record. */
export function expectKioskEqualsServer(kiosk: Db, api: RunningCityApi): number {
  return expectKioskEquals(kiosk, publishedOffers(api.db), api.url);
}

/** expectKioskEqualsServer for a test city API on any storage (startTestCityApiOn). */
export async function expectKioskEqualsStorage(kiosk: Db, storage: KioskStorage, apiUrl: string): Promise<number> {
  return expectKioskEquals(kiosk, await storage.publishedOffers(), apiUrl);
}

function expectKioskEquals(kiosk: Db, published: Iterable<[string, unknown]>, apiUrl: string): number {
  const check = createRecordChecker(TEST_TAXONOMY);
  const expected = new Map<string, unknown>();
  for (const [id, raw] of published) {
    const r = check(raw);
    // The feed gives every offer its public page (issue 17), built from the server's public URL.
    if (r.ok) expected.set(id, { ...r.offer, web_url: offerWebUrl(apiUrl, id) });
  }
  const actualIds = kiosk.prepare('SELECT id FROM offers ORDER BY id').pluck().all() as string[];
  expect(actualIds).toEqual([...expected.keys()].sort());
  for (const [id, offer] of expected) expect(getOfferById(kiosk, id), id).toEqual(offer);
  // derived rows follow the offers table (no orphans, no duplicates)
  expect(kiosk.prepare('SELECT count(*) FROM offer_texts').pluck().get()).toBe(actualIds.length);
  expect(kiosk.prepare('SELECT count(*) FROM locations WHERE offer_id NOT IN (SELECT id FROM offers)').pluck().get()).toBe(0);
  // every derived row (locations, schedules, interests, age groups, search texts) is exactly what the stored offer says
  expect(derivedRowProblems(kiosk)).toEqual([]);
  expect(countOffers(kiosk)).toBe(expected.size);
  return expected.size;
}
