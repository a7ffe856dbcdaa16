import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { backendApp } from '../../../tests/support/backend-app';
import { FIXTURE_NOW, fixtureFeeds, type FixtureFeeds } from '../calendar-sources/fixture-feeds';
import { csrfIn, mergeCookies, staffLogin } from './staff-test-login';

/** The staff page of calendar sources (issue 21) on SQLite and PostgreSQL (issue 19). */

const PASSWORD = 'richtig-langes-passwort';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(STORAGE_BACKENDS)('staff page: calendar sources on $name', (backend) => {
  const api = backendApp(backend, { server: { adminPassword: PASSWORD, now: () => FIXTURE_NOW } });
  let feeds: FixtureFeeds;
  let base = '';
  beforeEach(async () => {
    feeds = await fixtureFeeds();
    base = feeds.origin;
  });
  afterEach(() => feeds.close());

  const post = (url: string, cookie: string, body: Record<string, string>) =>
    api.app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(body).toString() });
  const occurrencesOf = async (sourceId: string) => (await api.storage.calendarOccurrences('2000-01-01', '2100-12-31')).filter((o) => o.sourceId === sourceId);

  it('preview before going live, then register; feed health shows results and problems in plain words', async () => {
    const { cookie, csrf } = await staffLogin(api.app, PASSWORD, '/staff/calendars');
    const empty = await api.app.inject({ url: '/staff/calendars', headers: { cookie } });
    expect(empty.body).toContain('Noch kein Kalender eingetragen');

    // Without the CSRF token nothing happens.
    expect((await post('/staff/calendars', cookie, { url: `${base}/nextcloud.ics`, label: 'Spieletreff' })).statusCode).toBe(403);
    expect(await api.storage.listCalendarSources()).toHaveLength(0);

    const preview = await post('/staff/calendars/preview', cookie, { csrf, url: `${base}/nextcloud.ics`, label: 'Spieletreff', offerId: '' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Würde übernommen (7)');
    expect(preview.body).toMatch(/Spielenachmittag für Familien \(fällt aus\) \(Sa\., 12\.12\.2026, 14:00 Uhr\): abgesagt/);
    expect(await api.storage.listCalendarSources()).toHaveLength(0);

    const bad = await post('/staff/calendars/preview', cookie, { csrf, url: `${base}/gibt-es-nicht.ics`, label: 'Weg' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen');
    expect((await post('/staff/calendars/preview', cookie, { csrf, url: 'ftp://x', label: 'x' })).body).toContain('keine gültige Internet-Adresse');

    const csrf2 = csrfIn(preview.body)!;
    const offerId = (await api.storage.listOffersForStaff(1))[0]!.id;
    for (const [name, label, offer] of [
      ['nextcloud.ics', 'Spieletreff', offerId],
      ['no-vtimezone.ics', 'Seniorentreff', ''],
      ['broken.ics', 'Kaputter Kalender', ''],
    ] as const) {
      const r = await post('/staff/calendars', mergeCookies(cookie, preview), { csrf: csrf2, url: `${base}/${name}`, label, offerId: offer });
      expect(r.statusCode).toBe(303);
    }
    const sources = (await api.storage.listCalendarSources());
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
    for (let i = 0; i < 4; i++) await api.storage.recordCalendarFailure(broken.id, 'Der Kalender-Server meldet einen Fehler (Fehler 500)', new Date(), new Date(), 5);
    const health = await api.app.inject({ url: '/staff/calendars', headers: { cookie } });
    expect(health.body).toContain('1 Kalender ist pausiert');
    expect(health.body).toContain('3 Termine ohne Zeitzone – als deutsche Zeit gelesen');
    expect(health.body).toContain('Der Kalender-Server meldet einen Fehler (Fehler 500)');
    expect(health.body).toContain('Wieder aktivieren');
    const again = await post(`/staff/calendars/${broken.id}/activate`, cookie, { csrf: csrfIn(health.body)! });
    expect(again.statusCode).toBe(303);
    expect((await api.storage.listCalendarSources()).find((s) => s.id === broken.id)).toMatchObject({ state: 'active', failures: 0 });

    // Removing a source removes its events.
    const spiele = sources.find((s) => s.label === 'Spieletreff')!;
    expect(await occurrencesOf(spiele.id)).toHaveLength(7);
    expect((await post(`/staff/calendars/${spiele.id}/delete`, cookie, { csrf: csrfIn(health.body)! })).statusCode).toBe(303);
    expect(await occurrencesOf(spiele.id)).toEqual([]);
    expect((await api.storage.listCalendarSources()).map((s) => s.label)).not.toContain('Spieletreff');
  });
});
