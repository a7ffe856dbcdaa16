import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { createConfigStore } from '../../electron/services/config/config-store';
import { backupOutbox, defaultBackupDir, listBackups, openKioskDatabase } from '../../electron/services/db/heal-database';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import type { ServiceDeps } from '../../electron/services/feature';
import { silentLog } from '../../electron/services/log';
import { defaultWishesAdapters } from '../../electron/services/outbox/wishes-adapters';
import { createWishesFeature } from '../../electron/services/outbox/wishes-feature';
import { closeTestCityApis, KIOSK_ID, KIOSK_TOKEN, startTestCityApiOnBackend } from '../fakes/fake-city-api-harness';
import { FakeClock } from '../fakes/fake-clock';
import { STORAGE_BACKENDS } from '../support/storage-backends';

/**
 * Issue 14: a kiosk restored from its nightly outbox backup holds wishes as "pending" that the city API already has
 * (they were delivered after the backup was made). They go out again with the same Idempotency-Key; the reference
 * city API answers with the wish it stored and does not store a second one; the kiosk marks them delivered. On both
 * storage backends of the city API (issue 19): the server's wishes are read through KioskStorage.listWishes.
 */

const CTX = { transport: 'ipc' as const };
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  await closeTestCityApis();
});

type Restore = 'heal from the backup (card died: 0-byte file)' | 'technician copies the backup file over the database';

describe.each(STORAGE_BACKENDS)('a kiosk restored from a backup (issue 14), city API on $name', (backend) => {
  for (const restore of ['heal from the backup (card died: 0-byte file)', 'technician copies the backup file over the database'] as Restore[]) {
    it(`${restore}: wishes delivered after the backup are sent again with their keys, stored once, marked delivered`, async () => {
      const posts: { key: string | undefined }[] = [];
      const { api, storage } = await startTestCityApiOnBackend(backend, {
        configure: (app) =>
          app.addHook('onRequest', async (req) => {
            if (req.method === 'POST' && req.url.startsWith('/v1/wishes')) posts.push({ key: req.headers['idempotency-key'] as string | undefined });
          }),
      });
      const dir = mkdtempSync(join(tmpdir(), 'gk-restore-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'kiosk.sqlite');
      const clock = new FakeClock('2026-12-01T18:00:00Z');
      const config = createConfigStore(kioskConfigSchema.parse({ kioskId: KIOSK_ID, cityApi: { baseUrl: api.url, token: KIOSK_TOKEN } }));
      const wishesOn = (db: Db) => {
        const deps: ServiceDeps = { db, config, dataDir: dir, clock, log: silentLog, version: '0.1.0-test' };
        return createWishesFeature(deps, { ...defaultWishesAdapters(deps), sender: { timeoutMs: 5_000, retry: { sleep: async (ms) => clock.advance(ms) } }, backupTimer: false });
      };
      const serverRows = async () =>
        (await storage.listWishes()).map((w) => ({ id: w.id, kiosk: w.kiosk_id, key: w.idempotency_key, body: w.body })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

      // evening: two wishes written; the nightly backup has them as pending
      const db0 = openDatabase({ file });
      const before = wishesOn(db0);
      const keys = [
        (await before.handlers.submitWish({ text: 'Ein Erzählcafé im Rathaus', language: 'de', contact_consent: false }, CTX)).key,
        (await before.handlers.submitWish({ text: 'Schach für Anfänger', language: 'de', contact_consent: false }, CTX)).key,
      ];
      const backup = await backupOutbox(db0, defaultBackupDir(file), clock.now());
      expect(listBackups(defaultBackupDir(file))).toEqual([backup]);

      // then both are delivered
      clock.advance(60_000);
      expect((await before.sender.runRound()).sent).toBe(2);
      const delivered = await serverRows();
      expect(delivered.map((w) => [w.kiosk, w.key])).toEqual([...keys].sort().map((k) => [KIOSK_ID, k]));
      const remoteIds = db0.prepare(`SELECT key, remote_id FROM wish_outbox WHERE state = 'delivered' ORDER BY key`).all() as { key: string; remote_id: string }[];
      expect(remoteIds).toHaveLength(2);
      await before.stop?.();
      db0.close();

      // the database is lost; the kiosk comes back from the backup, where both wishes are still pending
      let db: Db;
      if (restore.startsWith('heal')) {
        truncateSync(file, 0);
        const healed = openKioskDatabase({ file, now: () => clock.now() });
        expect(healed.healed?.restoredFromBackup).toBe(2);
        db = healed.db;
      } else {
        copyFileSync(backup, file);
        db = openDatabase({ file });
      }
      cleanup.push(() => {
        db.close();
      });
      expect(db.prepare(`SELECT key, state FROM wish_outbox ORDER BY key`).all()).toEqual([...keys].sort().map((key) => ({ key, state: 'pending' })));

      const after = wishesOn(db);
      cleanup.push(() => after.stop?.());
      clock.advance(60_000);
      posts.length = 0;
      expect((await after.sender.runRound()).sent).toBe(2);
      // really sent again, with the same keys …
      expect(posts.map((p) => p.key).sort()).toEqual([...keys].sort());
      // … and the server kept one wish per key, unchanged
      expect(await serverRows()).toEqual(delivered);
      expect(await storage.countWishes()).toBe(2);
      // the kiosk marks them delivered, with the server's id of the stored wish
      expect(db.prepare(`SELECT key, remote_id FROM wish_outbox WHERE state = 'delivered' ORDER BY key`).all()).toEqual(remoteIds);
      expect((await after.handlers.getOutboxStatus({}, CTX)).pending).toBe(0);
      // nothing left to send: a further round sends nothing
      clock.advance(10 * 60_000);
      posts.length = 0;
      expect((await after.sender.runRound()).sent).toBe(0);
      expect(posts).toEqual([]);
    });
  }
});
