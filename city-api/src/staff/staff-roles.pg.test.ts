/**
 * Staff accounts on /staff (issue 19), on SQLite and PostgreSQL: name + password once accounts exist, the shared
 * password only while none exists, and the one role check of the staff plugin (staff-roles.ts) — an editor keeps
 * offers, a moderator also works on wishes, submissions and calendar sources, an admin also runs kiosks and Bedarf.
 * Every forbidden route is also tried under the attack spellings of tests/security (plus a trailing dot and slash):
 * each is 403 from the role check or 404, and nothing changes.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spellings } from '../../../tests/security/city-api-fixture';
import { type CityDb } from '../city-db';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { leastRoleFor } from './staff-roles';
import { FORM, form, STAFF_OFFER_FORM, csrfIn, mergeCookies, staffLogin, type StaffLogin } from './staff-test-login';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { CONSENTED_WISH } from '../../../tests/support/wishes';

const SHARED = 'richtig-langes-passwort';
const PW = 'ein sehr geheimes Passwort';
const TOKEN = 'token-rathaus-0123456789';

/** The attack spellings of tests/security plus a trailing dot and a trailing slash. */
const allSpellings = (p: string) => [...spellings(p), { name: 'trailing dot', url: `${p}.` }, { name: 'trailing slash', url: `${p}/` }];

const BACKENDS = STORAGE_BACKENDS;

describe.each(BACKENDS)('staff accounts and roles on /staff on $name', (backend) => {
  let storage: KioskStorage;
  let db: CityDb | undefined;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  let wishId: string;

  /** Everything the forbidden requests could change. */
  const fingerprint = async () =>
    JSON.stringify([
      await storage.listKiosksForStaff(),
      [...(await storage.allWishWork())],
      (await storage.listOffersForStaff(1000)).map((o) => [o.id, o.state, o.title, o.status]),
    ]);
  const login = (name: string, page = '/staff/offers') => staffLogin(app, PW, page, name);

  beforeEach(async () => {
    ({ storage, db, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.registerKiosk('rathaus', TOKEN);
    wishId = (await storage.storeWish('key-00000001', 'rathaus', CONSENTED_WISH)).id;
    app = buildCityApi({ storage, ...(db ? { db } : {}), publicUrl: 'http://127.0.0.1:4880', adminPassword: SHARED }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  const addAccounts = async () => {
    await storage.putStaffAccount({ name: 'eva.editor', password: PW, role: 'editor', town: null });
    await storage.putStaffAccount({ name: 'mo.moderator', password: PW, role: 'moderator', town: null });
    await storage.putStaffAccount({ name: 'ada.admin', password: PW, role: 'admin', town: null });
  };

  it('without accounts: the shared password logs in as admin (no name field); once an account exists it is refused and its sessions end', async () => {
    const loginPage = await app.inject({ url: '/staff/login' });
    expect(loginPage.body).not.toContain('name="name"');
    const shared = await staffLogin(app, SHARED, '/staff/kiosks');
    expect((await app.inject({ url: '/staff/kiosks', headers: { cookie: shared.cookie } })).statusCode).toBe(200);

    await storage.putStaffAccount({ name: 'ada.admin', password: PW, role: 'admin', town: null });
    // the open shared-password session is over
    const after = await app.inject({ url: '/staff/offers', headers: { cookie: shared.cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/staff/login');
    // the login now asks for a name, and the shared password does not log in (with or without a name)
    expect((await app.inject({ url: '/staff/login' })).body).toContain('name="name"');
    await expect(staffLogin(app, SHARED)).rejects.toThrow(/401/);
    await expect(staffLogin(app, SHARED, '/staff/offers', 'ada.admin')).rejects.toThrow(/401/);
    await expect(staffLogin(app, SHARED, '/staff/offers', '')).rejects.toThrow(/401/);
    // even when every account is disabled the shared password stays refused
    await storage.disableStaffAccount('ada.admin');
    await expect(staffLogin(app, SHARED)).rejects.toThrow(/401/);
  });

  it('an editor edits offers and reads wishes, but gets a 403 page on wish moderation, submissions and kiosks', async () => {
    await addAccounts();
    const eva = await login('eva.editor');
    expect((await app.inject({ url: '/staff/offers', headers: { cookie: eva.cookie } })).statusCode).toBe(200);
    const created = await app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie: eva.cookie }, payload: form({ csrf: eva.csrf, ...STAFF_OFFER_FORM }) });
    expect(created.statusCode).toBe(303);
    expect((await storage.listOffersForStaff(1000)).some((o) => o.id === 'boule-treff')).toBe(true);
    expect((await app.inject({ url: '/staff/wishes', headers: { cookie: eva.cookie } })).statusCode).toBe(200);

    const kiosks = await app.inject({ url: '/staff/kiosks', headers: { cookie: eva.cookie } });
    expect(kiosks.statusCode).toBe(403);
    expect(kiosks.body).toContain('Keine Berechtigung');
    expect(kiosks.body).toContain('eva.editor');
    expect(kiosks.body).not.toContain('rathaus');
    // the navigation links only what an editor may open
    const offers = (await app.inject({ url: '/staff/offers', headers: { cookie: eva.cookie } })).body;
    expect(offers).toContain('href="/staff/wishes"');
    for (const href of ['/staff/kiosks', '/staff/submissions', '/staff/bedarf', '/staff/calendars']) expect(offers).not.toContain(`href="${href}"`);
    const moderate = await app.inject({ method: 'POST', url: `/staff/wishes/${wishId}`, headers: { ...FORM, cookie: eva.cookie }, payload: form({ csrf: eva.csrf, status: 'erledigt', note: 'x' }) });
    expect(moderate.statusCode).toBe(403);
    expect(await storage.allWishWork()).toEqual(new Map());
  });

  it('every route an editor may not use is refused under every spelling, and nothing changes', async () => {
    await addAccounts();
    const eva = await login('eva.editor');
    await checkForbidden(eva, [
      ['GET', '/staff/kiosks', {}],
      ['POST', '/staff/kiosks/rathaus/commands', { type: 'relaunch' }],
      ['POST', `/staff/wishes/${wishId}`, { status: 'erledigt', note: 'x' }],
      ['POST', `/staff/wishes/${wishId}/reply`, { channel: 'email', summary: 'x' }],
      ['GET', '/staff/submissions', {}],
      ['GET', '/staff/review', {}],
      ['GET', '/staff/audit', {}],
      ['GET', '/staff/bedarf', {}],
      ['GET', '/staff/bedarf.csv', {}],
      ['GET', '/staff/calendars', {}],
      ['POST', '/staff/calendars', { url: 'https://verein.example/a.ics', label: 'x', offerId: '' }],
    ]);
  });

  it('a moderator works on wishes, submissions and calendars, but kiosks and Bedarf stay refused under every spelling', async () => {
    await addAccounts();
    const mo = await login('mo.moderator');
    const set = await app.inject({ method: 'POST', url: `/staff/wishes/${wishId}`, headers: { ...FORM, cookie: mo.cookie }, payload: form({ csrf: mo.csrf, status: 'in_bearbeitung', note: 'Schachclub fragen' }) });
    expect(set.statusCode).toBe(303);
    expect((await storage.allWishWork()).get(wishId)?.status).toBe('in_bearbeitung');
    expect((await app.inject({ url: '/staff/submissions', headers: { cookie: mo.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/staff/offers', headers: { cookie: mo.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/staff/calendars', headers: { cookie: mo.cookie } })).statusCode).toBe(200);
    await checkForbidden(mo, [
      ['GET', '/staff/kiosks', {}],
      ['POST', '/staff/kiosks/rathaus/commands', { type: 'relaunch' }],
      ['GET', '/staff/bedarf', {}],
      ['GET', '/staff/bedarf.pdf', {}],
      ['POST', '/staff/bedarf/population', { innenstadt: '1' }],
    ]);
  });

  it('an admin may do everything', async () => {
    await addAccounts();
    const ada = await login('ada.admin');
    for (const url of ['/staff/offers', '/staff/wishes', '/staff/kiosks', '/staff/submissions', '/staff/review', '/staff/audit', '/staff/bedarf', '/staff/calendars']) {
      expect((await app.inject({ url, headers: { cookie: ada.cookie } })).statusCode, url).toBe(200);
    }
    const nav = (await app.inject({ url: '/staff/offers', headers: { cookie: ada.cookie } })).body;
    for (const href of ['/staff/kiosks', '/staff/submissions', '/staff/wishes', ...(db ? ['/staff/bedarf', '/staff/calendars'] : [])]) expect(nav).toContain(`href="${href}"`);
    const cmd = await app.inject({ method: 'POST', url: '/staff/kiosks/rathaus/commands', headers: { ...FORM, cookie: ada.cookie }, payload: form({ csrf: ada.csrf, type: 'relaunch' }) });
    expect(cmd.statusCode).toBe(303);
    const set = await app.inject({ method: 'POST', url: `/staff/wishes/${wishId}`, headers: { ...FORM, cookie: ada.cookie }, payload: form({ csrf: ada.csrf, status: 'erledigt', note: '' }) });
    expect(set.statusCode).toBe(303);
  });

  it('a disabled account cannot log in, and its open session ends at the next request', async () => {
    await addAccounts();
    const mo = await login('mo.moderator');
    await expect(login('mo.moderator ')).resolves.toBeDefined(); // the name is trimmed
    await expect(staffLogin(app, 'falsches Passwort 123', '/staff/offers', 'mo.moderator')).rejects.toThrow(/401/);
    expect(await storage.disableStaffAccount('mo.moderator')).toBe(true);
    const r = await app.inject({ url: '/staff/offers', headers: { cookie: mo.cookie } });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/staff/login');
    await expect(login('mo.moderator')).rejects.toThrow(/401/);
    // a wrong login answers the login page again, with the name field
    const page = await app.inject({ url: '/staff/login' });
    const cookie = mergeCookies('', page);
    const wrong = await app.inject({ method: 'POST', url: '/staff/login', headers: { ...FORM, cookie }, payload: form({ csrf: csrfIn(page.body)!, name: 'mo.moderator', password: PW }) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('name="name"');
  });

  /** Each route with each spelling: 404 (no route) or the role check's 403 page — and nothing changed. */
  async function checkForbidden(s: StaffLogin, routes: readonly (readonly ['GET' | 'POST', string, Record<string, string>])[]) {
    const before = await fingerprint();
    for (const [method, path, body] of routes) {
      const canonical = await app.inject({ method, url: path, headers: { ...FORM, cookie: s.cookie }, ...(method === 'POST' ? { payload: form({ csrf: s.csrf, ...body }) } : {}) });
      expect(canonical.statusCode, `${method} ${path}`).toBe(403);
      expect(canonical.body).toContain('Keine Berechtigung');
      for (const { name, url } of allSpellings(path)) {
        const r = await app.inject({ method, url, headers: { ...FORM, cookie: s.cookie }, ...(method === 'POST' ? { payload: form({ csrf: s.csrf, ...body }) } : {}) });
        expect([403, 404], `${method} ${url} (${name})`).toContain(r.statusCode);
        if (r.statusCode === 403) expect(r.body, `${method} ${url} (${name})`).toContain('Keine Berechtigung');
      }
    }
    expect(await fingerprint()).toBe(before);
  }
});

describe('leastRoleFor', () => {
  it('keys on the matched route and needs admin for a route not in the table', () => {
    expect(leastRoleFor('GET', '/staff/offers/:id/edit')).toBe('editor');
    expect(leastRoleFor('GET', '/staff/wishes')).toBe('editor');
    expect(leastRoleFor('POST', '/staff/wishes/:id')).toBe('moderator');
    expect(leastRoleFor('POST', '/staff/submissions/:id/decide')).toBe('moderator');
    expect(leastRoleFor('POST', '/staff/kiosks/:id/commands')).toBe('admin');
    expect(leastRoleFor('GET', '/staff/offersX')).toBe('admin');
    expect(leastRoleFor('GET', '/staff/accounts')).toBe('admin');
    expect(leastRoleFor('GET', '')).toBe('admin');
  });
});
