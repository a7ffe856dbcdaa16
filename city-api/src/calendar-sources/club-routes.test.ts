import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offerSchema } from '../../../shared/schemas/offer';
import { openCityDb, type CityDb } from '../city-db';
import { getStoredOffer, listOffersForStaff } from '../offer-store';
import { parseSeedSpec, seedCityDb } from '../seed';
import { buildCityApi } from '../server';
import { createSubmission } from '../submissions/submission-store';
import { listSources } from './source-store';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
let db: CityDb;
let app: FastifyInstance;
let feeds: Server;
let base = '';
beforeEach(async () => {
  db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  app = buildCityApi({ db, publicUrl: 'http://127.0.0.1:4880' }).app;
  feeds = createServer((req, res) => {
    if (req.url === '/nextcloud.ics') return void res.writeHead(200, { 'content-type': 'text/calendar' }).end(readFileSync(join(import.meta.dirname, 'fixtures', 'nextcloud.ics')));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  base = `127.0.0.1:${(feeds.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await app.close();
  await new Promise((r) => feeds.close(r));
  db.close();
});

describe('a club connects its own calendar through its private edit link', () => {
  it('preview, then connect: the source belongs to the club offer with its e-mail; a wrong link gets nothing', async () => {
    const id = listOffersForStaff(db)[0]!.id;
    const offer = offerSchema.parse(getStoredOffer(db, id)!.offer);
    const { editToken, submission } = createSubmission(db, offer, { name: 'Erika Beispiel', email: 'erika@example.org' });
    const page = await app.inject({ url: `/submit/edit/${editToken}/calendar` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Noch kein Kalender verbunden');

    const preview = await app.inject({ method: 'POST', url: `/submit/edit/${editToken}/calendar/preview`, headers: FORM, payload: `url=${encodeURIComponent(`webcal://${base}/nextcloud.ics`)}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Würde übernommen (7)');
    expect(preview.body).toContain('abgesagt');
    expect(listSources(db)).toHaveLength(0);

    const missing = await app.inject({ method: 'POST', url: `/submit/edit/${editToken}/calendar/preview`, headers: FORM, payload: `url=${encodeURIComponent(`http://${base}/weg.ics`)}` });
    expect(missing.body).toContain('Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen');

    const add = await app.inject({ method: 'POST', url: `/submit/edit/${editToken}/calendar`, headers: FORM, payload: `url=${encodeURIComponent(`webcal://${base}/nextcloud.ics`)}` });
    expect(add.statusCode).toBe(303);
    expect(listSources(db)).toMatchObject([{ offerId: submission.offerId, addedBy: 'club', state: 'active', contactEmail: 'erika@example.org', notifyConsent: true, eventCount: 7 }]);
    expect((await app.inject({ url: `/submit/edit/${editToken}/calendar` })).body).toMatch(/aktiv\s*· 7 Termine/);

    for (const r of [
      await app.inject({ url: '/submit/edit/falsch/calendar' }),
      await app.inject({ method: 'POST', url: '/submit/edit/falsch/calendar', headers: FORM, payload: `url=${encodeURIComponent(`http://${base}/nextcloud.ics`)}` }),
    ])
      expect(r.statusCode).toBe(404);
    expect(listSources(db)).toHaveLength(1);
  });
});
