/**
 * Town limits on the staff pages (issue 19; staff/town-scope.ts), on SQLite and PostgreSQL: an account of a town
 * sees only its town's offers, wishes, submissions, kiosks, 12-month review and audit entries, and every route that
 * acts on one thing by id answers 404 for another town's (or the district's) thing — under every spelling of
 * tests/security, with guessed and forged ids — and changes nothing. An account without town sees everything.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIEGBURG_SAMPLE_OFFERS } from '../../../shared/sample-data';
import { spellings } from '../../../tests/security/city-api-fixture';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { type CityDb } from '../city-db';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { FORM, form, STAFF_OFFER_FORM, staffLogin, type StaffLogin } from './staff-test-login';
import { STAFF_ROUTE_ITEMS, townCheckFor } from './town-scope';

const PW = 'ein sehr geheimes Passwort';
const [SIEG, LOHMAR, DISTRICT] = SIEGBURG_SAMPLE_OFFERS.map((o) => o.id) as [string, string, string];
const allSpellings = (p: string) => [...spellings(p), { name: 'trailing dot', url: `${p}.` }, { name: 'trailing slash', url: `${p}/` }];
const wish = (kiosk: string, text: string) => ({ text, language: 'de' as const, created_at: '2026-11-25T09:05:00Z', kiosk_id: kiosk, contact: { name: 'Hans', email: 'hans@example.org' }, contact_consent: true });
const webWish = (text: string) => ({ ...wish('', text), kiosk_id: null, source: 'web' as const });

describe.each(STORAGE_BACKENDS)('town limits on the staff pages on $name', (backend) => {
  let storage: KioskStorage;
  let db: CityDb | undefined;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const ids = { wishSieg: '', wishLohmar: '', wishWebSieg: '', wishWebLohmar: '', wishWebDistrict: '', wishNoKiosk: '', subSieg: '', subLohmar: '', subDistrict: '' };

  const fingerprint = async () =>
    JSON.stringify([
      (await storage.listKiosksForStaff()).map((k) => [k.id, k.commands.length]),
      [...(await storage.allWishWork())],
      (await storage.listOffersForStaff(1000)).map((o) => [o.id, o.state, o.title, o.status]),
      (await storage.listSubmissions(['pending', 'changes_requested', 'approved', 'rejected'])).map((s) => [s.id, s.state]),
      (await storage.listStaffAccounts()).map((a) => [a.name, a.role, a.town, a.disabled]),
      (await storage.auditTrail()).length,
    ]);
  const login = (name: string, page = '/staff/offers') => staffLogin(app, PW, page, name);
  const get = (s: StaffLogin, url: string) => app.inject({ url, headers: { cookie: s.cookie } });
  const post = (s: StaffLogin, url: string, body: Record<string, string | string[]>) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie: s.cookie }, payload: form({ csrf: s.csrf, ...body }) });

  beforeEach(async () => {
    ({ storage, db, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.setOfferTowns([
      { id: SIEG, town: 'siegburg' },
      { id: LOHMAR, town: 'lohmar' },
    ]);
    await storage.registerKiosk('k-sieg', 'token-sieg-0123456789ab');
    await storage.registerKiosk('k-lohmar', 'token-lohmar-0123456789');
    await storage.setKioskTown('k-sieg', 'siegburg');
    await storage.setKioskTown('k-lohmar', 'lohmar');
    ids.wishSieg = (await storage.storeWish('key-00000001', 'k-sieg', wish('k-sieg', 'Schachtreff in Siegburg'))).id;
    ids.wishLohmar = (await storage.storeWish('key-00000002', 'k-lohmar', wish('k-lohmar', 'Wandergruppe in Lohmar'))).id;
    // web wishes: sent on Siegburg's and Lohmar's addresses, and on the district's (no town); a kiosk nobody registered
    ids.wishWebSieg = (await storage.storeWebWish('nonce-web-sieg-0001', webWish('Webwunsch Siegburg'), 'siegburg')).id;
    ids.wishWebLohmar = (await storage.storeWebWish('nonce-web-lohm-0001', webWish('Webwunsch Lohmar'), 'lohmar')).id;
    ids.wishWebDistrict = (await storage.storeWebWish('nonce-web-krei-0001', webWish('Webwunsch Kreis'))).id;
    ids.wishNoKiosk = (await storage.storeWish('key-00000003', 'k-gone', wish('k-gone', 'Wunsch ohne Kiosk'))).id;
    const offer = (id: string) => SIEGBURG_SAMPLE_OFFERS.find((o) => o.id === id)!;
    const contact = { name: 'Vera Verein', email: 'vera@example.org' };
    ids.subSieg = (await storage.createSubmission({ ...offer(SIEG), title: 'Geänderter Titel Siegburg' }, contact)).submission.id;
    ids.subLohmar = (await storage.createSubmission({ ...offer(DISTRICT), id: 'club-new-lohmar', title: 'Neuer Verein Lohmar' }, contact)).submission.id;
    await storage.setSubmissionTown(ids.subLohmar, 'lohmar');
    ids.subDistrict = (await storage.createSubmission({ ...offer(DISTRICT), id: 'club-new-kreis', title: 'Neuer Verein Kreis' }, contact)).submission.id;
    await storage.putStaffAccount({ name: 'sieg.admin', password: PW, role: 'admin', town: 'siegburg' });
    await storage.putStaffAccount({ name: 'sieg.mod', password: PW, role: 'moderator', town: 'siegburg' });
    await storage.putStaffAccount({ name: 'lohmar.ed', password: PW, role: 'editor', town: 'lohmar' });
    await storage.putStaffAccount({ name: 'kreis.admin', password: PW, role: 'admin', town: null });
    app = buildCityApi({ storage, ...(db ? { db } : {}), publicUrl: 'http://127.0.0.1:4880', adminPassword: 'richtig-langes-passwort' }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it("a town account's lists show only its town's offers, wishes, submissions, kiosks, accounts and audit entries", async () => {
    const s = await login('sieg.admin');
    const offers = (await get(s, '/staff/offers')).body;
    expect(offers).toContain(SIEG);
    expect(offers).not.toContain(LOHMAR);
    expect(offers).not.toContain(DISTRICT);
    const wishes = (await get(s, '/staff/wishes')).body;
    expect(wishes).toContain('Schachtreff in Siegburg');
    expect(wishes).toContain('Webwunsch Siegburg');
    for (const other of ['Wandergruppe in Lohmar', 'Webwunsch Lohmar', 'Webwunsch Kreis', 'Wunsch ohne Kiosk']) expect(wishes).not.toContain(other);
    const subs = (await get(s, '/staff/submissions')).body;
    expect(subs).toContain('Geänderter Titel Siegburg');
    expect(subs).not.toContain('Neuer Verein Lohmar');
    expect(subs).not.toContain('Neuer Verein Kreis');
    const kiosks = (await get(s, '/staff/kiosks')).body;
    expect(kiosks).toContain('k-sieg');
    expect(kiosks).not.toContain('k-lohmar');
    const audit = (await get(s, '/staff/audit')).body;
    expect(audit).toContain(SIEG);
    expect(audit).not.toContain('club-new-lohmar');
    expect(audit).not.toContain('club-new-kreis');
    const accounts = (await get(s, '/staff/accounts')).body;
    expect(accounts).toContain('sieg.mod');
    expect(accounts).not.toContain('lohmar.ed');
    expect(accounts).not.toContain('kreis.admin');
    // the town is named in the header; pages of the whole district are not linked
    expect(offers).toContain('<span class="town">siegburg</span>');
    expect(offers).not.toContain('href="/staff/calendars"');
    expect(offers).not.toContain('href="/staff/bedarf"');

    const l = await login('lohmar.ed');
    const lo = (await get(l, '/staff/offers')).body;
    expect(lo).toContain(LOHMAR);
    expect(lo).not.toContain(SIEG);
    // Lohmar's editor: Lohmar's kiosk and web wishes, never Siegburg's; a wish whose town is unknown (district
    // address, unregistered kiosk) is the district's and not shown to a town (fail closed)
    const lw = (await get(l, '/staff/wishes')).body;
    expect(lw).toContain('Wandergruppe in Lohmar');
    expect(lw).toContain('Webwunsch Lohmar');
    for (const other of ['Schachtreff in Siegburg', 'Webwunsch Siegburg', 'Webwunsch Kreis', 'Wunsch ohne Kiosk']) expect(lw).not.toContain(other);
    expect(await storage.townOf('wish', ids.wishWebLohmar)).toEqual({ town: 'lohmar' });
    expect(await storage.townOf('wish', ids.wishWebDistrict)).toEqual({ town: null });
    expect(await storage.townOf('wish', ids.wishNoKiosk)).toEqual({ town: null });
    expect(await storage.townOf('wish', 'wish-00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('an account without town sees every town', async () => {
    const k = await login('kreis.admin');
    const offers = (await get(k, '/staff/offers')).body;
    for (const id of [SIEG, LOHMAR, DISTRICT]) expect(offers).toContain(id);
    const wishes = (await get(k, '/staff/wishes')).body;
    for (const w of ['Schachtreff in Siegburg', 'Wandergruppe in Lohmar', 'Webwunsch Siegburg', 'Webwunsch Lohmar', 'Webwunsch Kreis', 'Wunsch ohne Kiosk']) expect(wishes).toContain(w);
    const subs = (await get(k, '/staff/submissions')).body;
    for (const t of ['Geänderter Titel Siegburg', 'Neuer Verein Lohmar', 'Neuer Verein Kreis']) expect(subs).toContain(t);
    const kiosks = (await get(k, '/staff/kiosks')).body;
    expect(kiosks).toContain('k-sieg');
    expect(kiosks).toContain('k-lohmar');
    expect((await get(k, `/staff/submissions/${ids.subLohmar}`)).statusCode).toBe(200);
    expect((await get(k, `/staff/offers/${encodeURIComponent(LOHMAR)}/edit`)).statusCode).toBe(200);
    for (const url of ['/staff/calendars', '/staff/bedarf']) expect((await get(k, url)).statusCode, url).toBe(200);
  });

  it("a town account works on its own town's things by id", async () => {
    const s = await login('sieg.admin');
    expect((await get(s, `/staff/offers/${SIEG}/edit`)).statusCode).toBe(200);
    expect((await post(s, `/staff/offers/${SIEG}/status`, { status: 'paused' })).statusCode).toBe(303);
    expect((await post(s, `/staff/wishes/${ids.wishSieg}`, { status: 'erledigt', note: 'ok' })).statusCode).toBe(303);
    expect((await post(s, `/staff/wishes/${ids.wishWebSieg}/reply`, { channel: 'email', summary: 'Angerufen' })).statusCode).toBe(303);
    expect((await storage.allWishWork()).get(ids.wishWebSieg)?.replies).toBe(1);
    expect((await post(s, '/staff/kiosks/k-sieg/commands', { type: 'reload' })).statusCode).toBe(303);
    expect((await get(s, `/staff/submissions/${ids.subSieg}`)).statusCode).toBe(200);
    expect((await post(s, `/staff/submissions/${ids.subSieg}/decide`, { actor: 'Sina', decision: 'reject', reason: 'Bitte genauer' })).statusCode).toBe(303);
    expect((await storage.getSubmission(ids.subSieg))?.state).toBe('rejected');
    // a new offer of a town account is its town's
    expect((await post(s, '/staff/offers', STAFF_OFFER_FORM)).statusCode).toBe(303);
    expect((await storage.townOf('offer', STAFF_OFFER_FORM.id))?.town).toBe('siegburg');
    expect((await storage.getStoredOffer(STAFF_OFFER_FORM.id))?.state).toBe('published');
    expect((await get(await login('lohmar.ed'), '/staff/offers')).body).not.toContain(STAFF_OFFER_FORM.id);
  });

  it("the district's staff set and move an offer's town in the offer form; a town account cannot", async () => {
    const k = await login('kreis.admin');
    expect((await get(k, `/staff/offers/${DISTRICT}/edit`)).body).toContain('name="offer_town" value=""');
    expect((await get(k, `/staff/offers/${LOHMAR}/edit`)).body).toContain('name="offer_town" value="lohmar"');
    const seqBefore = (await storage.getStoredOffer(DISTRICT))!.seq;
    expect((await post(k, `/staff/offers/${DISTRICT}`, { ...STAFF_OFFER_FORM, offer_town: '<b>Lohmar</b>' })).statusCode).toBe(422);
    expect((await storage.townOf('offer', DISTRICT))?.town).toBeNull();
    expect((await storage.getStoredOffer(DISTRICT))!.seq).toBe(seqBefore);
    expect((await post(k, `/staff/offers/${DISTRICT}`, { ...STAFF_OFFER_FORM, offer_town: 'Lohmar' })).statusCode).toBe(303);
    expect((await storage.townOf('offer', DISTRICT))?.town).toBe('lohmar');
    expect((await get(await login('lohmar.ed'), '/staff/offers')).body).toContain(DISTRICT);
    // a new offer of the district's staff with a town
    expect((await post(k, '/staff/offers', { ...STAFF_OFFER_FORM, offer_town: 'siegburg' })).statusCode).toBe(303);
    expect((await storage.townOf('offer', STAFF_OFFER_FORM.id))?.town).toBe('siegburg');
    // a town account has no town field, and a sent one changes nothing
    const s = await login('sieg.admin');
    expect((await get(s, `/staff/offers/${SIEG}/edit`)).body).not.toContain('name="offer_town"');
    expect((await post(s, `/staff/offers/${SIEG}`, { ...STAFF_OFFER_FORM, offer_town: 'lohmar' })).statusCode).toBe(303);
    expect((await storage.townOf('offer', SIEG))?.town).toBe('siegburg');
  });

  it("another town's or the district's things are 404 by id, under every spelling and with forged ids, and nothing changes", async () => {
    const s = await login('sieg.admin');
    const before = await fingerprint();
    const foreign: ['GET' | 'POST', string, Record<string, string | string[]>][] = [];
    for (const offer of [LOHMAR, DISTRICT]) {
      foreign.push(
        ['GET', `/staff/offers/${offer}/edit`, {}],
        ['POST', `/staff/offers/${offer}`, STAFF_OFFER_FORM],
        ['POST', `/staff/offers/${offer}/status`, { status: 'paused' }],
        ['POST', `/staff/offers/${offer}/state`, { state: 'hidden' }],
        ['POST', `/staff/review/${offer}/confirm`, { actor: 'Sina' }],
      );
    }
    foreign.push(
      ['POST', `/staff/wishes/${ids.wishLohmar}`, { status: 'erledigt', note: 'x' }],
      ['POST', `/staff/wishes/${ids.wishLohmar}/reply`, { channel: 'email', summary: 'x' }],
      ['POST', `/staff/wishes/${ids.wishWebLohmar}`, { status: 'erledigt', note: 'x' }],
      ['POST', `/staff/wishes/${ids.wishWebLohmar}/reply`, { channel: 'email', summary: 'x' }],
      ['POST', `/staff/wishes/${ids.wishWebDistrict}`, { status: 'erledigt', note: 'x' }],
      ['POST', `/staff/wishes/${ids.wishNoKiosk}`, { status: 'erledigt', note: 'x' }],
      ['POST', '/staff/kiosks/k-lohmar/commands', { type: 'relaunch' }],
      ['GET', `/staff/submissions/${ids.subLohmar}`, {}],
      ['GET', `/staff/submissions/${ids.subDistrict}`, {}],
      ['POST', `/staff/submissions/${ids.subLohmar}/decide`, { actor: 'Sina', decision: 'approve', lat: '50.8', lon: '7.2' }],
      ['POST', `/staff/submissions/${ids.subDistrict}/decide`, { actor: 'Sina', decision: 'reject', reason: 'nein nein' }],
      ['POST', '/staff/accounts/lohmar.ed/role', { role: 'admin', town: 'siegburg' }],
      ['POST', '/staff/accounts/kreis.admin/disable', {}],
      ['POST', '/staff/accounts/lohmar.ed/password', {}],
      // forged ids: not existing, over-long, with SQL and path characters
      ['GET', '/staff/offers/does-not-exist/edit', {}],
      ['POST', `/staff/offers/${encodeURIComponent("x' OR '1'='1")}/state`, { state: 'hidden' }],
      ['POST', `/staff/kiosks/${'k'.repeat(90)}/commands`, { type: 'relaunch' }],
      ['GET', `/staff/submissions/${encodeURIComponent('../' + ids.subLohmar)}`, {}],
      ['POST', `/staff/accounts/${encodeURIComponent('lohmar.ed ')}/disable`, {}],
    );
    for (const [method, path, body] of foreign) {
      const canonical = method === 'GET' ? await get(s, path) : await post(s, path, body);
      expect(canonical.statusCode, `${method} ${path}`).toBe(404);
      expect(canonical.body, `${method} ${path}`).not.toContain('Lohmar');
      for (const { name, url } of allSpellings(path)) {
        const r = method === 'GET' ? await get(s, url) : await post(s, url, body);
        expect([403, 404], `${method} ${url} (${name})`).toContain(r.statusCode);
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it('pages of the whole district (calendar sources, Bedarf) are refused to town accounts', async () => {
    const s = await login('sieg.admin');
    for (const url of ['/staff/calendars', '/staff/bedarf', '/staff/bedarf.csv']) {
      const r = await get(s, url);
      expect(r.statusCode, url).toBe(403);
      expect(r.body).toContain('ganzen Kreis');
    }
  });
});

describe('townCheckFor', () => {
  it('knows every item route, refuses unknown parameters and district pages', () => {
    for (const [route] of STAFF_ROUTE_ITEMS) expect(townCheckFor(route).kind).toBe('item');
    expect(townCheckFor('/staff/offers').kind).toBe('all');
    expect(townCheckFor('/staff/things/:id').kind).toBe('unknown-param');
    expect(townCheckFor('/staff/calendars/:id/:action').kind).toBe('district-only');
    expect(townCheckFor('/staff/bedarf.pdf').kind).toBe('district-only');
  });
});
