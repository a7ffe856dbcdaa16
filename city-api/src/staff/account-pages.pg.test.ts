/**
 * The accounts page /staff/accounts (issue 19; staff/account-pages.ts) on SQLite and PostgreSQL: admins list, add,
 * change and disable accounts; the server's password is shown once and only its hash is stored; CSRF like every
 * staff form; each change is in the audit trail; a town's admin manages only its town; nobody changes their own.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { type CityDb } from '../city-db';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { newStaffPassword } from './account-pages';
import { csrfIn, FORM, form, mergeCookies, staffLogin, type StaffLogin } from './staff-test-login';

const SHARED = 'richtig-langes-passwort';
const PW = 'ein sehr geheimes Passwort';
const shownPassword = (body: string) => /<code class="password">([^<]+)<\/code>/.exec(body)?.[1];

describe.each(STORAGE_BACKENDS)('the accounts page on $name', (backend) => {
  let storage: KioskStorage;
  let db: CityDb | undefined;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const get = (s: StaffLogin, url: string) => app.inject({ url, headers: { cookie: s.cookie } });
  const post = (s: StaffLogin, url: string, body: Record<string, string>, csrf = s.csrf) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie: s.cookie }, payload: form({ csrf, ...body }) });
  const accounts = async () => (await storage.listStaffAccounts()).map((a) => [a.name, a.role, a.town, a.disabled]);

  beforeEach(async () => {
    ({ storage, db, cleanup } = await backend.open());
    app = buildCityApi({ storage, ...(db ? { db } : {}), publicUrl: 'http://127.0.0.1:4880', adminPassword: SHARED }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('the shared password creates the first admin: password shown once, only its hash stored, then name + password log in', async () => {
    const shared = await staffLogin(app, SHARED, '/staff/accounts');
    const page = await get(shared, '/staff/accounts');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('gemeinsame Passwort nicht mehr');
    const created = await post(shared, '/staff/accounts', { name: 'ada.admin', role: 'admin', town: '' });
    expect(created.statusCode).toBe(200);
    const pw = shownPassword(created.body)!;
    expect(pw).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    // never stored as text
    if (db) expect(JSON.stringify(db.prepare('SELECT * FROM staff_accounts').all())).not.toContain(pw);
    // the shared password's session is over now; the new account logs in
    expect((await get(shared, '/staff/accounts')).statusCode).toBe(303);
    const ada = await staffLogin(app, pw, '/staff/accounts', 'ada.admin');
    const list = (await get(ada, '/staff/accounts')).body;
    expect(list).toContain('ada.admin (Sie)');
    expect(list).not.toContain(pw);
    expect(list).toMatch(/Zuletzt angemeldet<\/dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect((await get(ada, '/staff/audit')).body).toContain('account_created');
  });

  it('a password with a control character (a trailing NUL, a tab) never logs in and is never set: a plain message, no session', async () => {
    // scrypt's PBKDF2-HMAC pads a short key with zero bytes: 'pw' and 'pw\0' hash the same (staff-auth.ts)
    const tryLogin = async (password: string, name?: string) => {
      const page = await app.inject({ url: '/staff/login' });
      const r = await app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { ...FORM, cookie: mergeCookies('', page) },
        payload: form({ csrf: csrfIn(page.body)!, password, ...(name ? { name } : {}) }),
      });
      return { status: r.statusCode, body: r.body, session: /city_staff=[^;]/.test(String(r.headers['set-cookie'] ?? '')) };
    };
    const refused = { status: 422, session: false };
    // the shared password (no accounts yet)
    for (const pw of [`${SHARED}\u0000`, `${SHARED}\u0000\u0000`, `${SHARED}\t`, `\u0000${SHARED}`, `${SHARED}\u0085`]) {
      const r = await tryLogin(pw);
      expect(r, JSON.stringify(pw)).toMatchObject(refused);
      expect(r.body).toContain('unsichtbares Steuerzeichen');
    }
    expect((await tryLogin(SHARED)).status).toBe(303);
    // an account
    await storage.putStaffAccount({ name: 'nul.test', password: PW, role: 'editor', town: null });
    expect(await tryLogin(`${PW}\u0000`, 'nul.test')).toMatchObject(refused);
    expect(await storage.verifyStaffAccount('nul.test', `${PW}\u0000`)).toBeNull();
    expect((await tryLogin(PW, 'nul.test')).status).toBe(303);
    // never set: not as an account's password, not as the shared one
    await expect(storage.putStaffAccount({ name: 'nul.test', password: `${PW}\u0000`, role: 'admin', town: null })).rejects.toThrow(/control characters/);
    await expect(storage.putStaffAccount({ name: 'tab.test', password: `ein\tlanges Passwort`, role: 'admin', town: null })).rejects.toThrow(/control characters/);
    expect(await accounts()).toEqual([['nul.test', 'editor', null, false]]);
    const bad = buildCityApi({ storage, publicUrl: 'http://127.0.0.1:4880', adminPassword: `${SHARED}\u0000` }).app;
    await expect(bad.ready()).rejects.toThrow(/control characters/);
  });

  it('an admin adds, changes, disables and re-enables accounts; the audit has each change; CSRF and bad input change nothing', async () => {
    await storage.putStaffAccount({ name: 'ada.admin', password: PW, role: 'admin', town: null });
    const ada = await staffLogin(app, PW, '/staff/accounts', 'ada.admin');
    const add = await post(ada, '/staff/accounts', { name: 'eva.editor', role: 'editor', town: 'siegburg' });
    const evaPw = shownPassword(add.body)!;
    expect(add.body).toContain('Konto eva.editor angelegt');
    expect(await accounts()).toContainEqual(['eva.editor', 'editor', 'siegburg', false]);
    const list = (await get(ada, '/staff/accounts')).body;
    expect(list).toContain('<dt>Stadt</dt><dd>siegburg</dd>');
    expect(list).toContain('noch nie');

    const before = JSON.stringify(await accounts());
    // without, with a wrong and with another session's CSRF token: refused, nothing changes
    expect((await post(ada, '/staff/accounts/eva.editor/disable', {}, '')).statusCode).toBe(403);
    expect((await post(ada, '/staff/accounts/eva.editor/disable', {}, 'x'.repeat(40))).statusCode).toBe(403);
    const eva = await staffLogin(app, evaPw, '/staff/offers', 'eva.editor');
    expect((await post(ada, '/staff/accounts/eva.editor/role', { role: 'admin', town: '' }, eva.csrf)).statusCode).toBe(403);
    // taken names, markup, bad towns, unknown roles
    expect((await post(ada, '/staff/accounts', { name: 'eva.editor', role: 'admin', town: '' })).statusCode).toBe(409);
    expect((await post(ada, '/staff/accounts', { name: '<script>x</script>', role: 'admin', town: '' })).statusCode).toBe(422);
    expect((await post(ada, '/staff/accounts', { name: 'neu', role: 'admin', town: '<b>x</b>' })).statusCode).toBe(422);
    expect((await post(ada, '/staff/accounts', { name: 'neu', role: 'chef', town: '' })).statusCode).toBe(422);
    expect((await post(ada, '/staff/accounts/eva.editor/role', { role: 'chef', town: '' })).statusCode).toBe(422);
    // an editor has no accounts page at all
    expect((await get(eva, '/staff/accounts')).statusCode).toBe(403);
    expect((await post(eva, '/staff/accounts', { name: 'evil', role: 'admin', town: '' })).statusCode).toBe(403);
    expect(JSON.stringify(await accounts())).toBe(before);

    expect((await post(ada, '/staff/accounts/eva.editor/role', { role: 'moderator', town: 'lohmar' })).statusCode).toBe(200);
    expect(await accounts()).toContainEqual(['eva.editor', 'moderator', 'lohmar', false]);
    // the open session has the new role at once
    expect((await get(eva, '/staff/submissions')).statusCode).toBe(200);
    expect((await post(ada, '/staff/accounts/eva.editor/disable', {})).statusCode).toBe(200);
    expect((await get(eva, '/staff/offers')).statusCode).toBe(303);
    const again = await post(ada, '/staff/accounts/eva.editor/password', {});
    expect(again.body).toContain('wieder freigegeben');
    const newPw = shownPassword(again.body)!;
    expect(newPw).not.toBe(evaPw);
    await expect(staffLogin(app, evaPw, '/staff/offers', 'eva.editor')).rejects.toThrow(/401/);
    await staffLogin(app, newPw, '/staff/offers', 'eva.editor');
    expect((await storage.auditTrail()).map((e) => e.action)).toEqual(['account_password', 'account_disabled', 'account_changed', 'account_changed', 'account_created']);
    // nobody changes their own account here
    expect((await post(ada, '/staff/accounts/ada.admin/role', { role: 'editor', town: '' })).statusCode).toBe(403);
    expect((await post(ada, '/staff/accounts/ada.admin/disable', {})).statusCode).toBe(403);
    expect(await accounts()).toContainEqual(['ada.admin', 'admin', null, false]);
  });

  it("a town's admin creates accounts only for its town and cannot move one out of it", async () => {
    await storage.putStaffAccount({ name: 'sina.admin', password: PW, role: 'admin', town: 'siegburg' });
    await storage.putStaffAccount({ name: 'kreis.admin', password: PW, role: 'admin', town: null });
    const sina = await staffLogin(app, PW, '/staff/accounts', 'sina.admin');
    expect((await get(sina, '/staff/accounts')).body).not.toContain('name="town"');
    await post(sina, '/staff/accounts', { name: 'tom', role: 'editor', town: '' });
    await post(sina, '/staff/accounts', { name: 'tim', role: 'admin', town: 'lohmar' });
    expect(await accounts()).toContainEqual(['tom', 'editor', 'siegburg', false]);
    expect(await accounts()).toContainEqual(['tim', 'admin', 'siegburg', false]);
    await post(sina, '/staff/accounts/tom/role', { role: 'moderator', town: '' });
    expect(await accounts()).toContainEqual(['tom', 'moderator', 'siegburg', false]);
    // the district's admin is not hers
    expect((await post(sina, '/staff/accounts/kreis.admin/disable', {})).statusCode).toBe(404);
    expect(await accounts()).toContainEqual(['kreis.admin', 'admin', null, false]);
  });
});

describe('newStaffPassword', () => {
  it('is 16 unambiguous characters in 4 groups, different each time', () => {
    const seen = new Set(Array.from({ length: 200 }, newStaffPassword));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/);
  });
});
