/**
 * Issue 17 end to end: the public pages of the reference city API in Chromium at phone (390×844) and desktop
 * (1280×800) size — /angebote, one offer, the wish form (also with its error messages) — pass axe (WCAG 2.2 AA,
 * 0 violations) in German and Arabic; a wish sent from the web page with JavaScript switched off arrives in the
 * staff wish list. Screenshots go to screenshots/17/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { checkA11y } from './helpers/a11y';
import { openCityDb } from '../../city-api/src/city-db';
import { parseSeedSpec, seedCityDb } from '../../city-api/src/seed';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';

const PASSWORD = 'e2e-staff-password';
const SHOTS = join(process.cwd(), 'screenshots', '17');
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

let city: RunningCityApi;
test.beforeEach(async () => {
  const db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  // the form is filled by a script in well under the 4 s a person needs: allow it
  city = await startCityApi({ db, adminPassword: PASSWORD, submissionSpam: { minFillMs: 0 } });
});
test.afterEach(async () => {
  await city.close();
  city.db.close();
});

/** Nothing sticks out sideways (reflow): in right-to-left pages an element moved off to the left would widen the page. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(viewport);
}

async function shot(page: Page, name: string): Promise<void> {
  await expectNoSidewaysScroll(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
  for (const lang of ['de', 'ar'] as const) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`offer list, one offer, the wish form, the map and the privacy page have no axe violations at ${size} (${lang})`, async ({ browser }) => {
    test.setTimeout(480_000);
    const context = await browser.newContext({ viewport, baseURL: city.url });
    const page = await context.newPage();
    {
      const q = lang === 'de' ? '' : `?lang=${lang}`;
      await page.goto(`/angebote${q}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await checkA11y(page, `/angebote ${lang} ${size}`);
      await shot(page, `angebote-${lang}-${size}`);

      await page.goto(`/angebote/sample-kulturcafe${q}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'de' ? 'Kulturcafé' : 'المقهى الثقافي');
      await checkA11y(page, `/angebote/sample-kulturcafe ${lang} ${size}`);
      await shot(page, `angebot-kulturcafe-${lang}-${size}`);

      // from the offer pages to the wish form by the header link
      await page.locator('header.site nav a[href^="/wuensche/neu"]').click();
      await expect(page).toHaveURL(/\/wuensche\/neu/);
      await checkA11y(page, `/wuensche/neu ${lang} ${size}`);
      await shot(page, `wunsch-${lang}-${size}`);

      // mistakes: error summary and field messages are accessible too, and what was typed is still there
      await page.locator('#text').fill('Ein Spieletreff <b>abends</b>');
      await page.locator('#phone').fill('abc');
      await page.locator('form[method=post] button[type=submit]').click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page.locator('#text')).toHaveValue('Ein Spieletreff <b>abends</b>');
      await expect(page.locator('#phone')).toHaveAttribute('aria-invalid', 'true');
      await checkA11y(page, `/wuensche/neu with errors ${lang} ${size}`);
      await shot(page, `wunsch-fehler-${lang}-${size}`);

      // the map page (works without script: a drawn map with the offers as a list) and the privacy page
      for (const [path, name] of [['/angebote/karte', 'karte'], ['/datenschutz', 'datenschutz']] as const) {
        await page.goto(`${path}${q}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await checkA11y(page, `${path} ${lang} ${size}`);
        await shot(page, `${name}-${lang}-${size}`);
      }
    }
    await context.close();
  });
  }
}

test('a wish sent from the web page without JavaScript arrives in the staff wish list', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: city.url, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/angebote');
  await page.getByRole('link', { name: 'Wunsch sagen' }).click();
  await page.getByLabel('Ihr Wunsch').fill('Ein Strickkreis am Samstagvormittag in Wolsdorf');
  await page.getByText('Worum geht es? (freiwillig)').click();
  await page.getByLabel('Stadtteil').selectOption({ label: 'Wolsdorf' });
  await page.getByLabel('Telefon').fill('02241 555');
  await page.getByLabel('Die Stadt darf mich wegen meines Wunsches anrufen oder mir schreiben.').check();
  await page.getByRole('button', { name: 'Wunsch senden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Danke für Ihren Wunsch!');
  await shot(page, 'wunsch-danke-390x844');
  await context.close();

  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: city.url });
  const staff = await staffContext.newPage();
  await staff.goto('/staff/login');
  await staff.getByLabel('Passwort').fill(PASSWORD);
  await staff.getByRole('button', { name: 'Anmelden' }).click();
  await staff.goto('/staff/wishes');
  const row = staff.getByRole('row', { name: /Strickkreis am Samstagvormittag/ });
  await expect(row).toContainText('Web-Formular');
  await expect(row).toContainText('wolsdorf');
  await expect(row).toContainText('02241 555');
  await staffContext.close();
});

test('without JavaScript on a phone: a typo still finds the offer, a filter narrows the list, the detail page gives a valid calendar file', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: city.url, javaScriptEnabled: false });
  const page = await context.newPage();
  const count = async () => Number(/(\d+) Angebot/.exec((await page.locator('#count').textContent()) ?? '')?.[1]);
  await page.goto('/angebote');
  const all = await count();
  expect(all).toBeGreaterThan(10);

  // search with a typo (the kiosk's search rules): "Kulturcafee" finds the Kulturcafé
  await page.getByLabel(/Suchwort/).fill('Kulturcafee');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page.locator('#count')).toHaveText('1 Angebot gefunden');
  await expect(page.getByRole('link', { name: /^Kulturcafé/ })).toBeVisible();

  // a filter by age group narrows the list and stays in the address (a link someone can share)
  await page.goto('/angebote');
  await page.getByText('Auswählen', { exact: true }).click(); // the filters sit in a <details>, closed on a phone
  await page.getByLabel('Seniorinnen und Senioren').check();
  await page.getByRole('button', { name: 'Angebote anzeigen' }).click();
  await expect(page).toHaveURL(/alter=senioren/);
  const seniors = await count();
  expect(seniors).toBeGreaterThan(0);
  expect(seniors).toBeLessThan(all);

  // the detail page and its calendar file, parsed with ical.js
  await page.goto('/angebote?q=Kulturcafee');
  await page.getByRole('link', { name: /^Kulturcafé/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kulturcafé');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /in meinen Kalender/ }).click()]);
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  const ev = new ICAL.Event(events[0]!);
  expect(ev.summary).toContain('Kulturcafé');
  expect(ev.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now() - 24 * 3600_000);
  expect(ev.uid).toBeTruthy();
  await context.close();
});
