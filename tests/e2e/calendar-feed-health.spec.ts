/**
 * Issue 21: the staff page "Kalender" with the real-world-shaped fixture feeds (CMS, Nextcloud, Google over
 * webcal://, no VTIMEZONE, empty EXDATE, moved occurrence, JSON-LD club page, too large, 500 five times = paused,
 * never answers): axe 0 violations on the feed health and on a preview, screenshot in screenshots/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, PROJECT_ROOT, test } from './fixtures/host';
import { checkA11y } from './helpers/a11y';
import { FIXTURE_NOW, sendFixtureFeed } from '../../city-api/src/calendar-sources/fixture-feeds';
import { refreshSource, type RefreshDeps } from '../../city-api/src/calendar-sources/refresh';
import { addSource, getSource } from '../../city-api/src/calendar-sources/source-store';
import { openCityDb } from '../../city-api/src/city-db';
import { parseSeedSpec, seedCityDb } from '../../city-api/src/seed';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';
import { sqliteStorage } from '../../city-api/src/storage/sqlite-storage';

const PASSWORD = 'e2e-staff-password';

let city: RunningCityApi;
let feeds: Server;
let base = '';
let fireTimeout: (() => void) | null = null;

test.beforeEach(async () => {
  const db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  city = await startCityApi({ db, adminPassword: PASSWORD, now: () => FIXTURE_NOW });
  const big = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${'X-FILLER:'.padEnd(70, 'x').concat('\r\n').repeat(20_000)}END:VCALENDAR\r\n`;
  feeds = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (name === 'broken.ics') return void res.writeHead(500).end('kaputt');
    if (name === 'hang.ics') return void fireTimeout?.();
    if (name === 'big.ics') return void res.writeHead(200, { 'content-type': 'text/calendar' }).end(big);
    sendFixtureFeed(res, name);
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  base = `127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  // the fixtures' events run from November 2026: one fixed day for the imports and the staff page's preview
  const now = () => FIXTURE_NOW;
  // The never-answering server: its timeout fires as soon as it has the request (no real waiting).
  const timer: RefreshDeps['timer'] = (_ms, fn) => {
    fireTimeout = fn;
    return () => {
      fireTimeout = null;
    };
  };
  const offerIds = db.prepare(`SELECT id FROM offers LIMIT 4`).pluck().all() as string[];
  const sources: [string, string, string | null][] = [
    ['http://BASE/cms-export.ics', 'Stadt: Veranstaltungskalender (CMS)', null],
    ['http://BASE/nextcloud.ics', 'Spieletreff (Nextcloud)', offerIds[0]!],
    ['webcal://BASE/google.ics', 'Lauftreff (Google)', offerIds[1]!],
    ['http://BASE/no-vtimezone.ics', 'Seniorentreff (ohne Zeitzone)', offerIds[2]!],
    ['http://BASE/empty-exdate.ics', 'Chor (leeres EXDATE)', null],
    ['http://BASE/moved-occurrence.ics', 'Sitzgymnastik (verschobener Termin)', offerIds[3]!],
    ['http://BASE/club-page.html', 'Tafel (Vereinsseite mit schema.org)', null],
    ['http://BASE/big.ics', 'Heimatverein (zu groß)', null],
    ['http://BASE/broken.ics', 'Kegelclub (Server-Fehler)', null],
    ['http://BASE/hang.ics', 'Schachverein (antwortet nie)', null],
  ];
  for (const [url, label, offerId] of sources) {
    const s = addSource(db, { url: url.replace('BASE', base), label, offerId, addedBy: offerId ? 'club' : 'staff', state: 'active' }, now());
    const times = label.includes('Server-Fehler') ? 5 : 1;
    for (let i = 0; i < times; i++) await refreshSource({ store: sqliteStorage(db), now, timer, maxBytes: 1_000_000 }, getSource(db, s.id)!);
  }
});
test.afterEach(async () => {
  await city.close();
  city.db.close();
  feeds.closeAllConnections();
  await new Promise((r) => feeds.close(r));
});

test('feed health page with the fixture feeds: plain words, paused source, axe 0 violations; preview too', async ({ page }) => {
  await page.goto(`${city.url}/staff/login`);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.goto(`${city.url}/staff/calendars`);
  await expect(page.getByRole('heading', { name: 'Zustand der Kalender' })).toBeVisible();
  const row = (label: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(label) }) });
  await expect(row('Spieletreff')).toContainText('gelesen');
  await expect(row('ohne Zeitzone')).toContainText('3 Termine ohne Zeitzone – als deutsche Zeit gelesen');
  await expect(row('zu groß')).toContainText('Kalender zu groß (mehr als 1 MB)');
  await expect(row('antwortet nie')).toContainText('Keine Antwort nach 20 Sekunden');
  await expect(row('Server-Fehler')).toContainText('pausiert');
  await expect(row('Server-Fehler').getByRole('button', { name: 'Wieder aktivieren' })).toBeVisible();
  await expect(page.getByText('1 Kalender ist pausiert')).toBeVisible();
  await checkA11y(page, 'staff calendars');
  await page.screenshot({ path: join(PROJECT_ROOT, 'screenshots', 'staff-calendars-feed-health.png'), fullPage: true });

  await page.getByLabel(/Adresse des Kalenders/).fill(`http://${base}/nextcloud.ics`);
  await page.getByLabel(/^Name/).fill('Spieletreff');
  await page.getByRole('button', { name: 'Vorschau ansehen' }).click();
  await expect(page.getByRole('heading', { name: 'Würde übernommen (7)' })).toBeVisible();
  await expect(page.getByText(/abgesagt/)).toBeVisible();
  await checkA11y(page, 'staff calendar preview');
  await page.screenshot({ path: join(PROJECT_ROOT, 'screenshots', 'staff-calendars-preview.png'), fullPage: true });
});
