/**
 * `npm run city-api -- staff-add` / `staff-disable` (issue 19) on a SQLite file and on a PostgreSQL database (--db
 * postgres://…): the password comes from stdin or env CITY_STAFF_PASSWORD, never from the command line; the account
 * then logs in with its role.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCityDb } from '../city-db';
import type { KioskStorage } from '../storage/kiosk-storage';
import { openPgStorage } from '../storage/pg-storage';
import { sqliteStorage } from '../storage/sqlite-storage';
import { freshDatabase } from '../../../tests/support/pg-database';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

const ROOT = resolve(__dirname, '../../..');
const PW = 'ein sehr geheimes Passwort';
let dir = '';
let dropDatabase: (() => Promise<void>) | null = null;
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase?.();
  dropDatabase = null;
});

/** What --db names on this backend, and the storage behind it. */
async function target(backend: string): Promise<{ db: string; open(): Promise<KioskStorage> }> {
  dir = mkdtempSync(join(tmpdir(), 'city-staff-add-'));
  if (backend === 'SQLite') {
    const file = join(dir, 'city.sqlite');
    return { db: file, open: async () => sqliteStorage(openCityDb(file), { closeDb: true }) };
  }
  const tdb = await freshDatabase();
  dropDatabase = () => tdb.drop();
  return { db: tdb.url, open: () => openPgStorage({ url: tdb.url }) };
}

const cli = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) => {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  if (!opts.env?.CITY_STAFF_PASSWORD) delete env.CITY_STAFF_PASSWORD;
  return spawnSync(process.execPath, ['--import', 'tsx', 'city-api/src/cli.ts', ...args], { cwd: ROOT, input: opts.input ?? '', encoding: 'utf8', env, timeout: 60_000 });
};

describe.each(STORAGE_BACKENDS.map((b) => b.name))('staff-add / staff-disable on %s', (backend) => {
  it('creates accounts with the password from stdin or env, refuses bad input, disables', { timeout: 120_000 }, async () => {
    const { db: file, open } = await target(backend);
    const added = cli(['staff-add', '--db', file, '--name', 'anna.siegburg', '--role', 'editor', '--town', 'siegburg'], { input: `${PW}\n` });
    expect(added.status).toBe(0);
    expect(added.stderr).not.toContain('note:');
    expect(added.stdout).toContain('anna.siegburg: editor, siegburg');
    const viaEnv = cli(['staff-add', '--db', file, '--name', 'kreis-admin', '--role', 'admin'], { env: { CITY_STAFF_PASSWORD: PW } });
    expect(viaEnv.status).toBe(0);
    expect(viaEnv.stdout).toContain('district-wide');
    // a password too short, an unknown role: refused, exit 1
    expect(cli(['staff-add', '--db', file, '--name', 'bob', '--role', 'editor'], { input: 'kurz\n' }).status).toBe(1);
    expect(cli(['staff-add', '--db', file, '--name', 'bob', '--role', 'chef'], { input: `${PW}\n` }).status).toBe(1);
    // there is no --password option
    expect(cli(['staff-add', '--db', file, '--name', 'bob', '--role', 'editor', '--password', PW]).status).toBe(1);
    expect(cli(['staff-disable', '--db', file, '--name', 'anna.siegburg']).status).toBe(0);

    const storage = await open();
    try {
      expect(await storage.verifyStaffAccount('kreis-admin', PW)).toMatchObject({ role: 'admin', town: null });
      expect(await storage.verifyStaffAccount('anna.siegburg', PW)).toBeNull();
      expect((await storage.listStaffAccounts()).map((a) => [a.name, a.role, a.town, a.disabled])).toEqual([
        ['kreis-admin', 'admin', null, false],
        ['anna.siegburg', 'editor', 'siegburg', true],
      ]);
    } finally {
      await storage.close();
    }
  });
});
