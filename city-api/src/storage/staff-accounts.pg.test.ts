/**
 * Staff accounts per town with roles (issue 19), data layer on SQLite and PostgreSQL: accounts with their own
 * passwords (scrypt, never stored as text), roles editor < moderator < admin, town accounts limited to their town.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import type { KioskStorage } from './kiosk-storage';
import type { PgStorage } from './pg-storage';
import { staffMay, type StaffAction } from './staff-accounts';

/** The staff_accounts rows as stored, as text: SQLite through its file, PostgreSQL through the storage's pool. */
const rawAccounts = async (o: Awaited<ReturnType<(typeof STORAGE_BACKENDS)[number]['open']>>): Promise<string> =>
  o.db
    ? JSON.stringify(o.db.prepare(`SELECT * FROM staff_accounts`).all())
    : JSON.stringify((await (o.storage as PgStorage).pool.query(`SELECT * FROM staff_accounts`)).rows);

const PW = 'ein langes Passwort 1';

describe.each(STORAGE_BACKENDS)('staff accounts on $name', (backend) => {
  let storage: KioskStorage;
  let raw: () => Promise<string>;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const opened = await backend.open();
    ({ storage, cleanup } = opened);
    raw = () => rawAccounts(opened);
  });
  afterEach(async () => cleanup());

  it('logs in by name and own password, never stores the password, and can be disabled and changed', async () => {
    const anna = await storage.putStaffAccount({ name: 'anna.siegburg', password: PW, role: 'editor', town: 'siegburg' });
    await storage.putStaffAccount({ name: 'kreis-admin', password: 'noch ein langes Passwort', role: 'admin', town: null });
    expect(await storage.verifyStaffAccount('anna.siegburg', PW)).toEqual({ id: anna.id, name: 'anna.siegburg', role: 'editor', town: 'siegburg' });
    expect(await storage.verifyStaffAccount('anna.siegburg', 'ein langes Passwort 2')).toBeNull();
    expect(await storage.verifyStaffAccount('kreis-admin', PW)).toBeNull(); // another account's password
    expect(await storage.verifyStaffAccount('niemand', PW)).toBeNull();
    expect(await raw()).not.toContain(PW);

    // a new password and role under the same name: same account, the old password no longer works
    const again = await storage.putStaffAccount({ name: 'anna.siegburg', password: 'ganz neues Passwort', role: 'moderator', town: 'siegburg' });
    expect(again.id).toBe(anna.id);
    expect(await storage.verifyStaffAccount('anna.siegburg', PW)).toBeNull();
    expect((await storage.verifyStaffAccount('anna.siegburg', 'ganz neues Passwort'))?.role).toBe('moderator');

    expect(await storage.disableStaffAccount('anna.siegburg')).toBe(true);
    expect(await storage.verifyStaffAccount('anna.siegburg', 'ganz neues Passwort')).toBeNull();
    expect(await storage.listStaffAccounts()).toEqual([
      { id: expect.any(String), name: 'kreis-admin', role: 'admin', town: null, disabled: false, lastLoginAt: null },
      { id: anna.id, name: 'anna.siegburg', role: 'moderator', town: 'siegburg', disabled: true, lastLoginAt: null },
    ]);
  });

  it('notes the last login, changes role and town, lists per town and logs account changes under their town (migration 9)', async () => {
    const anna = await storage.putStaffAccount({ name: 'anna.siegburg', password: 'ein langes Passwort 1', role: 'editor', town: 'siegburg' });
    await storage.putStaffAccount({ name: 'kreis-admin', password: 'ein langes Passwort 2', role: 'admin', town: null });
    const session = await storage.createStaffSession();
    await storage.attachStaffSessionAccount(session.id, anna.id);
    const [listed] = await storage.listStaffAccounts('siegburg');
    expect(listed?.name).toBe('anna.siegburg');
    expect(Date.now() - Date.parse(listed!.lastLoginAt!)).toBeLessThan(60_000);
    expect(await storage.staffSessionAccount(session.id)).toMatchObject({ name: 'anna.siegburg', town: 'siegburg' });
    expect((await storage.listStaffAccounts()).find((a) => a.name === 'kreis-admin')?.lastLoginAt).toBeNull();

    expect(await storage.setStaffAccountRole('anna.siegburg', 'moderator', 'lohmar')).toBe(true);
    expect(await storage.setStaffAccountRole('nobody', 'admin', null)).toBe(false);
    await expect(storage.setStaffAccountRole('anna.siegburg', 'boss' as never, null)).rejects.toThrow();
    expect(await storage.listStaffAccounts('siegburg')).toEqual([]);
    expect((await storage.listStaffAccounts('lohmar')).map((a) => [a.name, a.role])).toEqual([['anna.siegburg', 'moderator']]);
    // a role change takes effect in the open session at once
    expect(await storage.staffSessionAccount(session.id)).toMatchObject({ role: 'moderator', town: 'lohmar' });

    const at = new Date('2026-12-01T10:00:00Z');
    await storage.logStaffAccountChange({ action: 'account_changed', actor: 'kreis-admin', detail: 'anna.siegburg: Redaktion → Moderation', town: 'lohmar', at });
    await storage.logStaffAccountChange({ action: 'account_created', actor: 'kreis-admin', detail: 'kreis-admin', town: null, at });
    expect((await storage.auditTrail(10, 'lohmar')).map((e) => [e.action, e.actor, e.reason, e.at])).toEqual([
      ['account_changed', 'kreis-admin', 'anna.siegburg: Redaktion → Moderation', '2026-12-01T10:00:00.000Z'],
    ]);
    expect(await storage.auditTrail(10, 'siegburg')).toEqual([]);
    expect((await storage.auditTrail(10)).map((e) => e.action)).toEqual(['account_created', 'account_changed']);
  });

  it('refuses short passwords, unknown roles and invalid town ids', async () => {
    await expect(storage.putStaffAccount({ name: 'bob', password: 'kurz', role: 'editor', town: null })).rejects.toThrow(/at least 12/);
    await expect(storage.putStaffAccount({ name: 'bob', password: PW, role: 'chef' as 'admin', town: null })).rejects.toThrow();
    await expect(storage.putStaffAccount({ name: 'bob', password: PW, role: 'editor', town: 'Sankt Augustin' })).rejects.toThrow(/town/);
    expect(await storage.listStaffAccounts()).toEqual([]);
  });
});

describe('staffMay: roles and towns', () => {
  const editor = { role: 'editor' as const, town: 'siegburg' };
  const moderator = { role: 'moderator' as const, town: 'siegburg' };
  const townAdmin = { role: 'admin' as const, town: 'siegburg' };
  const districtAdmin = { role: 'admin' as const, town: null };

  it('lets each role do its own and the lower roles’ work, in its own town only', () => {
    const may = (a: { role: 'editor' | 'moderator' | 'admin'; town: string | null }, action: StaffAction, town: string | null = 'siegburg') => staffMay(a, action, town);
    expect(may(editor, 'offers.edit')).toBe(true);
    expect(may(editor, 'wishes.read')).toBe(true);
    expect(may(editor, 'submissions.moderate')).toBe(false);
    expect(may(editor, 'kiosks.manage')).toBe(false);
    expect(may(moderator, 'submissions.moderate')).toBe(true);
    expect(may(moderator, 'offers.edit')).toBe(true);
    expect(may(moderator, 'kiosks.manage')).toBe(false);
    expect(may(townAdmin, 'kiosks.manage')).toBe(true);
    expect(may(townAdmin, 'accounts.manage')).toBe(true);
    // another town, or the district's own things: not for town accounts
    expect(may(editor, 'offers.edit', 'lohmar')).toBe(false);
    expect(may(townAdmin, 'kiosks.manage', 'lohmar')).toBe(false);
    expect(may(townAdmin, 'offers.edit', null)).toBe(false);
    // the district's admin: everywhere
    expect(may(districtAdmin, 'offers.edit', 'lohmar')).toBe(true);
    expect(may(districtAdmin, 'taxonomy.edit', null)).toBe(true);
  });
});
