import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCityDb, type CityDb } from '../city-db';
import { recordFailure, listSources } from '../calendar-sources/source-store';
import { parseSeedSpec, seedCityDb } from '../seed';
import { buildCityApi } from '../server';
import { csrfIn, mergeCookies, staffLogin } from './staff-test-login';

const PASSWORD = 'richtig-langes-passwort';
const FIXTURES = join(import.meta.dirname, '..', 'calendar-sources', 'fixtures');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let db: CityDb;
let app: FastifyInstance;
let feeds: Server;
let base = '';
beforeEach(async () => {
  db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  app = buildCityApi({ db, adminPassword: PASSWORD, publicUrl: 'http://127.0.0.1:4880' }).app;
  feeds = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (name === 'broken.ics') return void res.writeHead(500).end('kaputt');
    let body: Buffer;
    try {
      body = readFileSync(join(FIXTURES, name));
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': 'text/calendar' }).end(body);
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await app.close();
  await new Promise((r) => feeds.close(r));
  db.close();
});

const post = (url: string, cookie: string, body: Record<string, string>) =>
  app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(body).toString() });

describe('staff page: calendar sources', () => {
  it('preview before going live, then register; feed health shows results and problems in plain words', async () => {
    const { cookie, csrf } = await staffLogin(app, PASSWORD, '/staff/calendars');
    const empty = await app.inject({ url: '/staff/calendars', headers: { cookie } });
    expect(empty.body).toContain('Noch kein Kalender eingetragen');

    // Without the CSRF token nothing happens.
    expect((await post('/staff/calendars', cookie, { url: `${base}/nextcloud.ics`, label: 'Spieletreff' })).statusCode).toBe(403);
    expect(listSources(db)).toHaveLength(0);

    const preview = await post('/staff/calendars/preview', cookie, { csrf, url: `${base}/nextcloud.ics`, label: 'Spieletreff', offerId: '' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Würde übernommen (7)');
    expect(preview.body).toMatch(/Spielenachmittag für Familien \(fällt aus\) \(Sa\., 12\.12\.2026, 14:00 Uhr\): abgesagt/);
    expect(listSources(db)).toHaveLength(0);

    const bad = await post('/staff/calendars/preview', cookie, { csrf, url: `${base}/gibt-es-nicht.ics`, label: 'Weg' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen');
    expect((await post('/staff/calendars/preview', cookie, { csrf, url: 'ftp://x', label: 'x' })).body).toContain('keine gültige Internet-Adresse');

    const csrf2 = csrfIn(preview.body)!;
    const offerId = (db.prepare(`SELECT id FROM offers LIMIT 1`).pluck().get() as string) ?? '';
    for (const [name, label, offer] of [
      ['nextcloud.ics', 'Spieletreff', offerId],
      ['no-vtimezone.ics', 'Seniorentreff', ''],
      ['broken.ics', 'Kaputter Kalender', ''],
    ] as const) {
      const r = await post('/staff/calendars', mergeCookies(cookie, preview), { csrf: csrf2, url: `${base}/${name}`, label, offerId: offer });
      expect(r.statusCode).toBe(303);
    }
    const sources = listSources(db);
    expect(sources.map((s) => [s.label, s.state, s.eventCount, s.lastResult])).toEqual(
      expect.arrayContaining([
        ['Spieletreff', 'active', 7, 'ok'],
        ['Seniorentreff', 'active', 3, 'ok'],
        ['Kaputter Kalender', 'active', 0, 'error'],
      ]),
    );
    expect(sources.find((s) => s.label === 'Spieletreff')!.offerId).toBe(offerId);

    // Five failures in a row: paused; the page says so, staff re-enable.
    const broken = sources.find((s) => s.label === 'Kaputter Kalender')!;
    for (let i = 0; i < 4; i++) recordFailure(db, broken.id, 'Der Kalender-Server meldet einen Fehler (Fehler 500)', new Date(), new Date(), 5);
    const health = await app.inject({ url: '/staff/calendars', headers: { cookie } });
    expect(health.body).toContain('1 Kalender ist pausiert');
    expect(health.body).toContain('3 Termine ohne Zeitzone – als deutsche Zeit gelesen');
    expect(health.body).toContain('Der Kalender-Server meldet einen Fehler (Fehler 500)');
    expect(health.body).toContain('Wieder aktivieren');
    const again = await post(`/staff/calendars/${broken.id}/activate`, cookie, { csrf: csrfIn(health.body)! });
    expect(again.statusCode).toBe(303);
    expect(listSources(db).find((s) => s.id === broken.id)).toMatchObject({ state: 'active', failures: 0 });

    // Removing a source removes its events.
    const spiele = sources.find((s) => s.label === 'Spieletreff')!;
    expect((await post(`/staff/calendars/${spiele.id}/delete`, cookie, { csrf: csrfIn(health.body)! })).statusCode).toBe(303);
    expect(db.prepare(`SELECT count(*) FROM calendar_events WHERE source_id = ?`).pluck().get(spiele.id)).toBe(0);
  });
});
