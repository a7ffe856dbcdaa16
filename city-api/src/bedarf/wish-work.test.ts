import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCityDb, type CityDb } from '../city-db';
import { registerKiosk } from '../kiosk-store';
import { buildCityApi } from '../server';
import { staffLogin } from '../staff/staff-test-login';
import { storeWish } from '../wish-store';
import { getWishWork } from '../wish-work';

const PASSWORD = 'richtig-langes-passwort';
let db: CityDb;
let app: FastifyInstance;
beforeEach(() => {
  db = openCityDb(':memory:');
  registerKiosk(db, 'rathaus', 'token-rathaus-0123456789');
  app = buildCityApi({ db, publicUrl: 'http://127.0.0.1:4880', adminPassword: PASSWORD }).app;
});
afterEach(async () => {
  await app.close();
  db.close();
});
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const wish = (key: string, text: string, consent: boolean) =>
  storeWish(db, key, 'rathaus', {
    text,
    language: 'de',
    contact_consent: consent,
    ...(consent ? { contact: { phone: '02241 12345' } } : {}),
    created_at: '2026-11-20T10:00:00Z',
    kiosk_id: 'rathaus',
  }).id;

describe('wishes worked on by staff (issue 18)', () => {
  it('keeps status and note; records a reply only where the visitor consented to contact; groups topics', async () => {
    const withConsent = wish('k1', 'Schachgruppe', true);
    const without = wish('k2', 'Schachtreff am Abend', false);
    wish('k3', 'Schach', false);
    const s = await staffLogin(app, PASSWORD, '/staff/wishes');
    const post = (url: string, body: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { cookie: s.cookie, ...FORM }, payload: new URLSearchParams({ csrf: s.csrf, ...body }).toString() });

    expect((await post(`/staff/wishes/${without}`, { status: 'in_bearbeitung', note: 'Schachverein fragen' })).statusCode).toBe(303);
    expect(getWishWork(db, without)).toMatchObject({ status: 'in_bearbeitung', note: 'Schachverein fragen' });
    expect((await post(`/staff/wishes/${without}`, { status: 'vergessen', note: '' })).statusCode).toBe(422);

    expect((await post(`/staff/wishes/${without}/reply`, { channel: 'telefon', summary: 'Verein genannt' })).statusCode).toBe(422);
    expect(getWishWork(db, without).replies).toEqual([]);
    expect((await post(`/staff/wishes/${withConsent}/reply`, { channel: 'telefon', summary: 'Verein genannt' })).statusCode).toBe(303);
    expect(getWishWork(db, withConsent).replies).toMatchObject([{ channel: 'telefon', summary: 'Verein genannt' }]);
    // Without the CSRF token nothing changes.
    const forged = await app.inject({ method: 'POST', url: `/staff/wishes/${withConsent}`, headers: { cookie: s.cookie, ...FORM }, payload: 'status=erledigt&note=x' });
    expect(forged.statusCode).toBe(403);
    expect(getWishWork(db, withConsent).status).toBe('neu');

    const page = (await app.inject({ url: '/staff/wishes', headers: { cookie: s.cookie } })).body;
    expect(page).toMatch(/<tr><td>Schach<\/td><td>3<\/td><td>3<\/td><\/tr>/);
    expect(page).toContain('Keine Antwort möglich (keine Einwilligung)');
    expect(page).toContain('1 Antwort(en) festgehalten');
  });
});
