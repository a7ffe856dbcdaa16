/**
 * The city API's two storage backends for tests that run the same assertions on both (issue 19): SQLite in
 * memory, and a fresh PostgreSQL database per test on the throwaway cluster of the vitest `postgres` project
 * (left out when PostgreSQL is not installed; tests/support/pg-database.ts says when that is a failure).
 * `db` is the SQLite database behind the storage, for the parts that still need it (SQLite only).
 */
import { openCityDb, type CityDb } from '../../city-api/src/city-db';
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import { openPgStorage } from '../../city-api/src/storage/pg-storage';
import { sqliteStorage } from '../../city-api/src/storage/sqlite-storage';
import { freshDatabase, pgAvailable } from './pg-database';

export interface StorageBackend {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<{ storage: KioskStorage; db?: CityDb; cleanup: () => Promise<void> }>;
}

export const STORAGE_BACKENDS: StorageBackend[] = (
  [
    {
      name: 'SQLite',
      async open() {
        const db = openCityDb(':memory:');
        const storage = sqliteStorage(db, { closeDb: true });
        return { storage, db, cleanup: () => storage.close() };
      },
    },
    {
      name: 'PostgreSQL',
      async open() {
        const tdb = await freshDatabase();
        const storage = await openPgStorage({ url: tdb.url });
        return {
          storage,
          async cleanup() {
            await storage.close();
            await tdb.drop();
          },
        };
      },
    },
  ] satisfies StorageBackend[]
).filter((b) => b.name === 'SQLite' || pgAvailable);
