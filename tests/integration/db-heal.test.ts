import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/logic/clock';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { createConfigStore } from '../../electron/services/config/config-store';
import { backupOutbox, checkDatabaseFile, defaultBackupDir, listBackups, openKioskDatabase } from '../../electron/services/db/heal-database';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import type { ServiceDeps } from '../../electron/services/feature';
import { silentLog } from '../../electron/services/log';
import { defaultWishesAdapters } from '../../electron/services/outbox/wishes-adapters';
import { createWishesFeature } from '../../electron/services/outbox/wishes-feature';
import { importSampleDataIfEmpty } from '../../electron/services/seed/sample-import';
import { startFakeWishApi, type FakeWishApi } from '../fakes/fake-wish-api';

const CTX = { transport: 'http' as const };
const NOW = new Date('2026-12-02T03:00:00Z');

async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a damaged kiosk database heals (issue 14)', () => {
  let api: FakeWishApi;
  let dir: string;
  let file: string;
  const open: Db[] = [];

  beforeEach(async () => {
    api = await startFakeWishApi();
    dir = mkdtempSync(join(tmpdir(), 'db-heal-'));
    file = join(dir, 'kiosk.sqlite');
  });
  afterEach(async () => {
    for (const db of open.splice(0)) if (db.open) db.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = () => kioskConfigSchema.parse({ kioskId: 'heal-kiosk', cityApi: { baseUrl: api.baseUrl, token: api.token } });

  /** Submits `n` wishes while offline (no city API), the way a kiosk with a broken network would keep them. */
  async function confirmWishes(db: Db, n: number, tag: string): Promise<string[]> {
    const deps: ServiceDeps = { db, config: createConfigStore(kioskConfigSchema.parse({ kioskId: 'heal-kiosk' })), dataDir: dir, clock: systemClock, log: silentLog, version: '9.9.9' };
    const f = createWishesFeature(deps, defaultWishesAdapters(deps));
    const keys: string[] = [];
    for (let i = 0; i < n; i++) keys.push((await f.handlers.submitWish({ text: `${tag} Wunsch ${i}`, language: 'de', contact_consent: false }, CTX)).key);
    return keys;
  }

  /** Starts the outbox on the healed database and waits until every key reached the (fake) city API. */
  async function expectDelivered(db: Db, keys: string[]) {
    const deps: ServiceDeps = { db, config: createConfigStore(config()), dataDir: dir, clock: systemClock, log: silentLog, version: '9.9.9' };
    const f = createWishesFeature(deps, { ...defaultWishesAdapters(deps), sender: { backoff: { baseMs: 20, capMs: 200, minMs: 5 }, timeoutMs: 400, idlePollMs: 50 } });
    f.start?.();
    try {
      await waitFor(() => keys.every((k) => api.stored.has(k)), `delivery of ${keys.length} wishes`);
    } finally {
      await f.stop?.();
    }
    for (const k of keys) expect(api.storeCount.get(k)).toBe(1);
  }

  function keptFiles(): string[] {
    return readdirSync(dir).filter((f) => /^kiosk\.sqlite\.damaged-[^-]+-[^-]+-[^-]+-[^-]+-[^-]+-[^-]+Z$/.test(f));
  }

  /** A kiosk with wishes in its outbox, sample offers, a nightly backup; returns the wish keys. */
  async function preparedKiosk(): Promise<string[]> {
    const db = openDatabase({ file });
    const keys = await confirmWishes(db, 5, 'vorher');
    importSampleDataIfEmpty(db, { cityApi: undefined });
    await backupOutbox(db, defaultBackupDir(file), NOW);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return keys;
  }

  function healAndCheck(expectReason: RegExp) {
    const before = readFileSync(file);
    const { db, healed } = openKioskDatabase({ file, now: () => NOW });
    open.push(db);
    expect(healed).not.toBeNull();
    expect(healed!.reason).toMatch(expectReason);
    expect(healed!.message).toContain(file);
    expect(healed!.message).toContain('kiosk.sqlite.damaged-');
    // the damaged file is kept, byte for byte
    expect(keptFiles()).toEqual([`kiosk.sqlite.damaged-2026-12-02T03-00-00-000Z`]);
    expect(readFileSync(healed!.keptAs).equals(before)).toBe(true);
    expect(checkDatabaseFile(file)).toBeNull();
    return { db, healed: healed! };
  }

  it('64 KB of garbage in the middle: file kept, wishes rescued and delivered', async () => {
    const keys = await preparedKiosk();
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(200 * 1024);
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(64 * 1024), 0, 64 * 1024, Math.floor(size / 2) - 32 * 1024);
    closeSync(fd);
    const { db, healed } = healAndCheck(/quick_check|malformed|vtable|disk image/i);
    expect(healed.rescuedFromFile + healed.restoredFromBackup).toBeGreaterThanOrEqual(keys.length);
    await expectDelivered(db, keys);
  });

  it('a file that is not a database: kept, wishes from the backup delivered', async () => {
    const keys = await preparedKiosk();
    writeFileSync(file, 'this is a text file, not a database\n'.repeat(100));
    const { db, healed } = healAndCheck(/not an SQLite database/);
    expect(healed.restoredFromBackup).toBe(keys.length);
    await expectDelivered(db, keys);
  });

  it('a 0-byte file: kept, wishes from the backup delivered', async () => {
    const keys = await preparedKiosk();
    truncateSync(file, 0);
    const { db } = healAndCheck(/empty \(0 bytes\)/);
    await expectDelivered(db, keys);
  });

  it('a truncated file: kept, wishes delivered', async () => {
    const keys = await preparedKiosk();
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const { db } = healAndCheck(/quick_check|malformed|disk image/i);
    await expectDelivered(db, keys);
  });

  it('garbage in the offers pages, no backup: every wish rescued from the file itself', async () => {
    const db0 = openDatabase({ file });
    const keys = await confirmWishes(db0, 20, 'nur-datei');
    importSampleDataIfEmpty(db0, { cityApi: undefined });
    db0.pragma('wal_checkpoint(TRUNCATE)');
    db0.close();
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(64 * 1024), 0, 64 * 1024, size - 80 * 1024);
    closeSync(fd);
    expect(listBackups(defaultBackupDir(file))).toEqual([]);
    const { db, healed } = healAndCheck(/quick_check|malformed|vtable|disk image/i);
    expect(healed.rescuedFromFile).toBe(keys.length);
    await expectDelivered(db, keys);
  });

  it('power cut with a live -wal: main file damaged, -wal/-shm kept beside it, the wishes only in the WAL rescued and delivered', async () => {
    // A running kiosk has its newest writes in kiosk.sqlite-wal (checkpointed only every 1,000 pages). Copy the three
    // files while the database is open: what the SD card holds when the power goes.
    const live = join(dir, 'live');
    mkdirSync(live);
    const liveFile = join(live, 'kiosk.sqlite');
    const db0 = openDatabase({ file: liveFile });
    const before = await confirmWishes(db0, 5, 'vorher');
    importSampleDataIfEmpty(db0, { cityApi: undefined });
    db0.pragma('wal_checkpoint(TRUNCATE)');
    await backupOutbox(db0, defaultBackupDir(file), NOW);
    const onlyInWal = await confirmWishes(db0, 3, 'nur-im-wal');
    expect(statSync(`${liveFile}-wal`).size).toBeGreaterThan(0);
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(liveFile + suffix, file + suffix);
    db0.close();
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(64 * 1024), 0, 64 * 1024, size - 80 * 1024);
    closeSync(fd);
    const wal = readFileSync(`${file}-wal`);

    const { db, healed } = healAndCheck(/quick_check|malformed|vtable|disk image/i);
    // the WAL is kept beside the damaged file byte for byte (not checkpointed into it, not deleted); the -shm (the
    // WAL's index, rebuilt by any reader) is kept too
    expect(readFileSync(`${healed.keptAs}-wal`).equals(wal)).toBe(true);
    expect(existsSync(`${healed.keptAs}-shm`)).toBe(true);
    expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0 && readFileSync(`${file}-wal`).equals(wal)).toBe(false);
    // the wishes written after the last backup exist only in the WAL: rescued from the kept files
    expect(healed.rescuedFromFile).toBeGreaterThanOrEqual(onlyInWal.length);
    await expectDelivered(db, [...before, ...onlyInWal]);
  });

  it('a healthy file opens unchanged; backups keep the newest 3', async () => {
    const db = openDatabase({ file });
    await confirmWishes(db, 2, 'gesund');
    for (let d = 1; d <= 5; d++) await backupOutbox(db, defaultBackupDir(file), new Date(Date.UTC(2026, 11, d, 3)));
    db.close();
    const backups = listBackups(defaultBackupDir(file));
    expect(backups.map((b) => b.slice(b.lastIndexOf('-backup-') + 8))).toEqual(['2026-12-05T03-00-00-000Z.sqlite', '2026-12-04T03-00-00-000Z.sqlite', '2026-12-03T03-00-00-000Z.sqlite']);
    const again = openKioskDatabase({ file, now: () => NOW });
    open.push(again.db);
    expect(again.healed).toBeNull();
    expect(keptFiles()).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});
