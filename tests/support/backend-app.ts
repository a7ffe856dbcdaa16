/**
 * The city API on one storage backend for a describe block (issue 19): before each test a fresh storage of the
 * backend (tests/support/storage-backends.ts), seeded, with its kiosks registered, and the server built from the
 * storage alone (no SQLite `db`, as on PostgreSQL); after each test the server is closed and the storage dropped.
 * Use it inside `describe.each(STORAGE_BACKENDS)(…, (backend) => { const t = backendApp(backend, {…}); … })` and
 * read `t.app` / `t.storage` in the tests (they change per test). `once`: one storage and server for the whole block
 * (beforeAll/afterAll, for read-only tests); `listen`: on a free port of 127.0.0.1 (`t.url`; public URL = that address).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { parseSeedSpec, seedStorage } from '../../city-api/src/seed';
import { buildCityApi, listenCityApi, type CityApiOptions } from '../../city-api/src/server';
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import type { StorageBackend } from './storage-backends';

export interface BackendAppOptions {
  /** Seed spec (city-api/src/seed.ts), default 'sample'; '' for an empty storage (no taxonomy, no offers). */
  seed?: string;
  /** The seed's clock (dates of the synthetic offers). */
  seedNow?: Date;
  /** Kiosks to register: [id, token]. */
  kiosks?: [string, string][];
  /** The server's options besides the storage; default publicUrl http://127.0.0.1:4880. */
  server?: Omit<CityApiOptions, 'storage' | 'db'>;
  /** One storage and server for the whole describe block instead of one per test. */
  once?: boolean;
  /** Listen on 127.0.0.1 (any free port); without a publicUrl in `server` the public URL is the listen address. */
  listen?: boolean;
}

export interface BackendApp {
  readonly app: FastifyInstance;
  readonly storage: KioskStorage;
  /** With `listen`: http://127.0.0.1:<port>. */
  readonly url: string;
  /** Builds the server again on the same storage with other options (the previous one is closed). */
  rebuild(server: Omit<CityApiOptions, 'storage' | 'db'>): Promise<FastifyInstance>;
}

export function backendApp(backend: StorageBackend, opts: BackendAppOptions = {}): BackendApp {
  let app: FastifyInstance | null = null;
  let storage: KioskStorage | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  let url = '';
  const build = async (server: Omit<CityApiOptions, 'storage' | 'db'>): Promise<FastifyInstance> => {
    if (!opts.listen) return buildCityApi({ publicUrl: 'http://127.0.0.1:4880', ...server, storage: storage! }).app;
    const running = await listenCityApi({ ...server, storage: storage! });
    url = running.url;
    return running.app;
  };
  (opts.once ? beforeAll : beforeEach)(async () => {
    ({ storage, cleanup } = await backend.open());
    if (opts.seed !== '') await seedStorage(storage, parseSeedSpec(opts.seed ?? 'sample'), opts.seedNow);
    for (const [id, token] of opts.kiosks ?? []) await storage.registerKiosk(id, token);
    app = await build(opts.server ?? {});
  });
  (opts.once ? afterAll : afterEach)(async () => {
    await app?.close();
    await cleanup?.();
    app = storage = cleanup = null;
  });
  return {
    get app() {
      if (!app) throw new Error('backendApp: the server exists only inside a test');
      return app;
    },
    get storage() {
      if (!storage) throw new Error('backendApp: the storage exists only inside a test');
      return storage;
    },
    get url() {
      if (!url) throw new Error('backendApp: url only with listen, inside a test');
      return url;
    },
    async rebuild(server) {
      await app?.close();
      app = await build(server);
      return app;
    },
  };
}
