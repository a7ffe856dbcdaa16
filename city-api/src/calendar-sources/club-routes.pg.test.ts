import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offerSchema } from '../../../shared/schemas/offer';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { backendApp } from '../../../tests/support/backend-app';
import { FIXTURE_NOW, fixtureFeeds, type FixtureFeeds } from './fixture-feeds';

/** The club calendar routes (issue 21) on SQLite and PostgreSQL (issue 19). */
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(STORAGE_BACKENDS)('a club connects its own calendar through its private edit link on $name', (backend) => {
  const api = backendApp(backend, { server: { now: () => FIXTURE_NOW } });
  let feeds: FixtureFeeds;
  let base = '';
  beforeEach(async () => {
    feeds = await fixtureFeeds();
    base = feeds.host;
  });
  afterEach(() => feeds.close());

  it('preview, then connect: the source belongs to the club offer with its e-mail; a wrong link gets nothing', async () => {
    const id = (await api.storage.listOffersForStaff(1))[0]!.id;
    const offer = offerSchema.parse((await api.storage.getStoredOffer(id))!.offer);
    const { editToken, submission } = await api.storage.createSubmission(offer, { name: 'Erika Beispiel', email: 'erika@example.org' });
    const page = await api.app.inject({ url: `/submit/edit/${editToken}/calendar` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Noch kein Kalender verbunden');

    const preview = await api.app.inject({ method: 'POST', url: `/submit/edit/${editToken}/calendar/preview`, headers: FORM, payload: `url=${encodeURIComponent(`webcal://${base}/nextcloud.ics`)}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Würde übernommen (7)');
    expect(preview.body).toContain('abgesagt');
    expect(await api.storage.listCalendarSources()).toHaveLength(0);

    const missing = await api.app.inject({ method: 'POST', url: `/submit/edit/${editToken}/calendar/preview`, headers: FORM, payload: `url=${encodeURIComponent(`http://${base}/weg.ics`)}` });
    expect(missing.body).toContain('Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen');

    const add = await api.app.inject({ method: 'POST', url: `/submit/edit/${editToken}/calendar`, headers: FORM, payload: `url=${encodeURIComponent(`webcal://${base}/nextcloud.ics`)}` });
    expect(add.statusCode).toBe(303);
    expect(await api.storage.listCalendarSources()).toMatchObject([{ offerId: submission.offerId, addedBy: 'club', state: 'active', contactEmail: 'erika@example.org', notifyConsent: true, eventCount: 7 }]);
    expect((await api.app.inject({ url: `/submit/edit/${editToken}/calendar` })).body).toMatch(/aktiv\s*· 7 Termine/);

    for (const r of [
      await api.app.inject({ url: '/submit/edit/falsch/calendar' }),
      await api.app.inject({ method: 'POST', url: '/submit/edit/falsch/calendar', headers: FORM, payload: `url=${encodeURIComponent(`http://${base}/nextcloud.ics`)}` }),
    ])
      expect(r.statusCode).toBe(404);
    expect(await api.storage.listCalendarSources()).toHaveLength(1);
  });
});
