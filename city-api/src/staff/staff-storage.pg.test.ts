/**
 * The staff page's login, offer pages and wish pages on both backends (issue 19): the server is built from a
 * storage alone (as on PostgreSQL, no SQLite `db`), and the same requests and assertions run on SQLite and on
 * PostgreSQL (a fresh database per test on the throwaway cluster of the vitest `postgres` project; skipped when
 * PostgreSQL is not installed). The calendar and Bedarf pages have their own *.pg.test.ts files, as has the staff
 * page's login/offer/wish/kiosk walk-through (staff-pages.pg.test.ts).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offerSchema } from '../../../shared/schemas/offer';
import { SESSION_TTL_MS } from '../staff-auth';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { FORM, form, STAFF_OFFER_FORM, csrfIn, mergeCookies, setCookies, staffLogin } from './staff-test-login';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { CONSENTED_WISH, MARKUP_WISH_WITHOUT_CONSENT } from '../../../tests/support/wishes';

const PASSWORD = 'richtig-langes-passwort';
const TOKEN = 'token-rathaus-0123456789';

const BACKENDS = STORAGE_BACKENDS;


describe.each(BACKENDS)('staff login, offers and wishes on $name (storage only, no SQLite db)', (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const feedAfter = async (seq: number) => (await app.inject({ url: `/v1/offers?since=v1.${seq}`, headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: { id: string; status: string; title: string }[]; deleted: string[] };

  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.registerKiosk('rathaus', TOKEN);
    app = buildCityApi({ storage, publicUrl: 'http://127.0.0.1:4880', adminPassword: PASSWORD }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('requires a login, refuses a wrong password, and a logged-out or expired session is worth nothing', async () => {
    expect((await app.inject({ url: '/staff/offers' })).headers.location).toBe('/staff/login');
    const page = await app.inject({ url: '/staff/login' });
    const cookie = mergeCookies('', page);
    const wrong = await app.inject({ method: 'POST', url: '/staff/login', headers: { ...FORM, cookie }, payload: form({ csrf: csrfIn(page.body)!, password: 'falsch-falsch' }) });
    expect(wrong.statusCode).toBe(401);
    expect(setCookies(wrong).some((c) => c.startsWith('city_staff='))).toBe(false);

    const s = await staffLogin(app, PASSWORD);
    const session = setCookies(s.loginResponse).find((c) => c.startsWith('city_staff='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const offers = await app.inject({ url: '/staff/offers', headers: { cookie: s.cookie } });
    expect(offers.statusCode).toBe(200);
    // every page exists on both backends, and all are linked (the shared password is the district's admin)
    for (const href of ['/staff/wishes', '/staff/kiosks', '/staff/submissions', '/staff/calendars', '/staff/bedarf', '/staff/accounts']) {
      expect(offers.body).toContain(`href="${href}"`);
    }
    // every page exists on both backends (issue 19)
    for (const url of ['/staff/calendars', '/staff/bedarf']) {
      expect((await app.inject({ url, headers: { cookie: s.cookie } })).statusCode, url).toBe(200);
    }

    await app.inject({ method: 'POST', url: '/staff/logout', headers: { ...FORM, cookie: s.cookie }, payload: form({ csrf: s.csrf }) });
    expect((await app.inject({ url: '/staff/offers', headers: { cookie: s.cookie } })).statusCode).toBe(303);

    // expiry, on a given clock: valid until 8 hours after login, not a millisecond later
    const t0 = new Date('2026-11-25T08:00:00Z');
    const { id, csrf } = await storage.createStaffSession(t0);
    expect(await storage.staffSessionCsrf(id, new Date(t0.getTime() + SESSION_TTL_MS))).toBe(csrf);
    expect(await storage.staffSessionCsrf(id, new Date(t0.getTime() + SESSION_TTL_MS + 1))).toBeNull();
    expect(await storage.staffSessionCsrf(`${id}x`, t0)).toBeNull();
    // a new login removes expired sessions
    await storage.createStaffSession(new Date(t0.getTime() + SESSION_TTL_MS + 60_000));
    expect(await storage.staffSessionCsrf(id, t0)).toBeNull();
  });

  it('adds an offer (validated), edits, pauses and hides it — kiosks see each change in the feed, the public page too', async () => {
    const { cookie, csrf } = await staffLogin(app, PASSWORD);
    const bad = await app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form({ ...STAFF_OFFER_FORM, csrf, title: '<script>alert(1)</script>' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const forged = await app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form({ ...STAFF_OFFER_FORM, csrf: 'forged' }) });
    expect(forged.statusCode).toBe(403);
    expect(await storage.getStoredOffer('boule-treff')).toBeNull();

    expect((await app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form({ ...STAFF_OFFER_FORM, csrf }) })).statusCode).toBe(303);
    const created = (await storage.getStoredOffer('boule-treff'))!;
    expect(offerSchema.parse(created.offer)).toMatchObject({ title: 'Boule am Siegufer', location: { lat: 50.7931, wheelchair: 'partial' }, cost: { free: true } });
    // the same id again is refused
    const dup = await app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form({ ...STAFF_OFFER_FORM, csrf }) });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Diese Kennung ist schon vergeben.');

    const edit = await app.inject({ method: 'POST', url: '/staff/offers/boule-treff', headers: { ...FORM, cookie }, payload: form({ ...STAFF_OFFER_FORM, csrf, title: 'Boule & Klönen am Siegufer' }) });
    expect(edit.statusCode).toBe(303);
    expect((await app.inject({ url: '/angebote/boule-treff' })).body).toContain('<h1>Boule &amp; Klönen am Siegufer</h1>');

    await app.inject({ method: 'POST', url: '/staff/offers/boule-treff/status', headers: { ...FORM, cookie }, payload: form({ csrf, status: 'paused' }) });
    expect((await feedAfter(created.seq)).items.find((o) => o.id === 'boule-treff')?.status).toBe('paused');

    await app.inject({ method: 'POST', url: '/staff/offers/boule-treff/state', headers: { ...FORM, cookie }, payload: form({ csrf, state: 'hidden' }) });
    expect((await feedAfter(created.seq)).deleted).toEqual(['boule-treff']);
    // an edit of a hidden offer keeps it hidden (one change, never published in between)
    const beforeEdit = (await storage.getStoredOffer('boule-treff'))!.seq;
    await app.inject({ method: 'POST', url: '/staff/offers/boule-treff', headers: { ...FORM, cookie }, payload: form({ ...STAFF_OFFER_FORM, csrf, title: 'Boule (Winterpause)' }) });
    const hidden = (await storage.getStoredOffer('boule-treff'))!;
    expect([hidden.state, hidden.seq]).toEqual(['hidden', beforeEdit + 1]);
    expect((await feedAfter(beforeEdit)).deleted).toEqual(['boule-treff']);

    const list = await app.inject({ url: '/staff/offers', headers: { cookie } });
    expect(list.body).toContain('Boule (Winterpause)');
    expect(list.body.indexOf('Boule (Winterpause)')).toBeLessThan(list.body.indexOf('href="/staff/offers/sample-')); // newest change first
    const editPage = await app.inject({ url: '/staff/offers/boule-treff/edit', headers: { cookie } });
    expect(editPage.body).toContain('value="Boule (Winterpause)"');
  });

  it('lists kiosk and web wishes escaped, contact only with consent; status, note and replies (only with consent) are kept', async () => {
    await storage.storeWish('key-00000001', 'rathaus', MARKUP_WISH_WITHOUT_CONSENT);
    const withConsent = await storage.storeWish('key-00000002', 'rathaus', CONSENTED_WISH);
    const web = await storage.storeWebWish('nonce-0123456789ab', { text: 'Tanzen am Abend', language: 'de', created_at: '2026-11-25T09:10:00Z', kiosk_id: null, source: 'web', contact_consent: false });
    const { cookie, csrf } = await staffLogin(app, PASSWORD, '/staff/wishes');
    const page = (await app.inject({ url: '/staff/wishes', headers: { cookie } })).body;
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; Ein Lesekreis');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('4710 555');
    expect(page).toContain('hans@example.org');
    expect(page).toContain('Web-Formular');

    const set = await app.inject({ method: 'POST', url: `/staff/wishes/${withConsent.id}`, headers: { ...FORM, cookie }, payload: form({ csrf, status: 'in_bearbeitung', note: 'Schachclub fragen' }) });
    expect(set.statusCode).toBe(303);
    const unknown = await app.inject({ method: 'POST', url: '/staff/wishes/wish-00000000-0000-0000-0000-000000000000', headers: { ...FORM, cookie }, payload: form({ csrf, status: 'erledigt', note: '' }) });
    expect(unknown.statusCode).toBe(422);
    const reply = await app.inject({ method: 'POST', url: `/staff/wishes/${withConsent.id}/reply`, headers: { ...FORM, cookie }, payload: form({ csrf, channel: 'email', summary: 'Termin genannt' }) });
    expect(reply.statusCode).toBe(303);
    const noConsent = await app.inject({ method: 'POST', url: `/staff/wishes/${web.id}/reply`, headers: { ...FORM, cookie }, payload: form({ csrf, channel: 'telefon', summary: 'angerufen' }) });
    expect(noConsent.statusCode).toBe(422);

    expect(await storage.allWishWork()).toEqual(new Map([[withConsent.id, { wish_id: withConsent.id, status: 'in_bearbeitung', note: 'Schachclub fragen', replies: 1 }]]));
    const after = (await app.inject({ url: '/staff/wishes', headers: { cookie } })).body;
    expect(after).toContain('value="Schachclub fragen"');
    expect(after).toContain('1 Antwort(en) festgehalten');
  });

  it('kiosk page: last heartbeat and state of every kiosk; a queued command reaches the kiosk with its next heartbeat', async () => {
    await storage.registerKiosk('bahnhof', 'token-bahnhof-0123456789');
    const { cookie, csrf } = await staffLogin(app, PASSWORD, '/staff/kiosks');
    const before = (await app.inject({ url: '/staff/kiosks', headers: { cookie } })).body;
    expect(before.indexOf('<td>bahnhof</td>')).toBeLessThan(before.indexOf('<td>rathaus</td>'));
    expect(before.match(/noch nie/g)).toHaveLength(2);

    const hb = { version: '1.4.2', uptime_s: 3600, last_sync_at: null, offers_count: 42, outbox_pending: 3, printer: { state: 'paper_out' }, disk_free_mb: 812.4, errors_since_last: [{ at: '2026-11-25T09:00:00Z', code: 'E_PRINT', message: '<b>Papier</b> leer' }] };
    const beat = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: { authorization: `Bearer ${TOKEN}` }, payload: payload as Record<string, unknown> });
    expect((await beat(hb)).statusCode).toBe(200);
    const q = await app.inject({ method: 'POST', url: '/staff/kiosks/rathaus/commands', headers: { ...FORM, cookie }, payload: form({ csrf, type: 'sync_now' }) });
    expect(q.statusCode).toBe(303);
    expect((await app.inject({ method: 'POST', url: '/staff/kiosks/rathaus/commands', headers: { ...FORM, cookie }, payload: form({ csrf, type: 'rm -rf' }) })).statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: '/staff/kiosks/nirgendwo/commands', headers: { ...FORM, cookie }, payload: form({ csrf, type: 'reload' }) })).statusCode).toBe(422);

    const page = (await app.inject({ url: '/staff/kiosks', headers: { cookie } })).body;
    expect(page).toContain('Version 1.4.2 · 42 Angebote · Drucker: paper_out · Warteschlange: 3 · frei: 812 MB');
    expect(page).toContain('E_PRINT: &lt;b&gt;Papier&lt;/b&gt; leer');
    expect(page).toContain('Jetzt synchronisieren – wartet');
    const [cmd] = (await beat(hb)).json().commands as { id: string; type: string }[];
    expect(cmd!.type).toBe('sync_now');
    expect((await app.inject({ url: '/staff/kiosks', headers: { cookie } })).body).toContain('Jetzt synchronisieren – übermittelt');
    await beat({ ...hb, acked: [cmd!.id] });
    expect((await app.inject({ url: '/staff/kiosks', headers: { cookie } })).body).toContain('Jetzt synchronisieren – erledigt');
    expect(await storage.commandState(cmd!.id)).toBe('done');
  });
});
