/**
 * Issue 9 end to end: a club enters an offer on the public form (phone size), staff approve it on the staff page,
 * a kiosk (browser host) syncs and finds it by search on its own keyboard; a rejected submission never reaches a kiosk.
 */
import { expect, hostCall, test, startHost, syncHostFromCity } from './fixtures/host';
import { checkA11y } from './helpers/a11y';
import { openStart, screenshot, tap, typeOnScreen } from './helpers/kiosk-ui';
import { openCityDb } from '../../city-api/src/city-db';
import { registerKiosk } from '../../city-api/src/kiosk-store';
import { parseSeedSpec, seedCityDb } from '../../city-api/src/seed';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';
import type { Page } from '@playwright/test';

const TOKEN = 'e2e-kiosk-token-0123456789';
const PASSWORD = 'e2e-staff-password';

let city: RunningCityApi;

test.beforeEach(async () => {
  const db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  registerKiosk(db, 'e2e-kiosk', TOKEN);
  city = await startCityApi({ db, adminPassword: PASSWORD, submissionSpam: { minFillMs: 500 } });
});
test.afterEach(async () => {
  await city.close();
  city.db.close();
});

async function fillForm(page: Page, title: string) {
  await page.getByLabel('Name des Angebots').fill(title);
  await page.getByLabel('Kurz gesagt: Worum geht es?').fill('Wir spielen Brettspiele und Karten. Alle sind willkommen.');
  await page.locator('fieldset#interests').getByText('Spielen').click();
  await page.locator('fieldset#age_groups').getByText(/Alle/).first().click();
  await page.locator('fieldset#byday').getByText('Donnerstag').click();
  await page.getByLabel('Beginn (Uhrzeit)').fill('15:00');
  await page.getByLabel('Ende (Uhrzeit)').fill('17:00');
  await page.getByLabel('Name des Ortes').fill('Gemeindehaus Kaldauen');
  await page.getByLabel('Straße und Hausnummer').fill('Hauptstraße 1');
  await page.getByLabel('Verein oder Gruppe').fill('Spielefreunde Kaldauen');
  await page.getByLabel('Ihr Name').fill('Erika Beispiel');
  await page.getByLabel('Ihre E-Mail-Adresse').fill('erika@example.org');
  await page.getByLabel(/Ich bin einverstanden/).check();
}

async function staffDecide(page: Page, title: string, decision: 'approve' | 'reject') {
  await page.goto(`${city.url}/staff/login`);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.goto(`${city.url}/staff/submissions`);
  await page.getByRole('link', { name: title }).click();
  await page.getByLabel('Ihr Name (für das Protokoll)').fill('Frau Moderation');
  if (decision === 'approve') {
    await page.getByLabel('Breite').fill('50.7851');
    await page.getByLabel('Länge').fill('7.2402');
    await page.getByRole('button', { name: 'Freigeben und veröffentlichen' }).click();
    await expect(page.getByText('Stand: freigegeben', { exact: true })).toBeVisible();
  } else {
    await page.getByLabel(/Nachricht an den Verein/).fill('Das ist leider kein offenes Angebot.');
    await page.getByRole('button', { name: 'Ablehnen' }).click();
    await expect(page.getByText('Stand: abgelehnt', { exact: true })).toBeVisible();
  }
}

test('a club submits on a phone, staff approve, a kiosk syncs and finds it; a rejected one never arrives', async ({ browser }) => {
  test.setTimeout(180_000);
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  for (const [title, decision] of [
    ['Spieletreff Kaldauen', 'approve'],
    ['Werbeveranstaltung Heizdecken', 'reject'],
  ] as const) {
    await phone.goto(`${city.url}/submit`);
    await fillForm(phone, title);
    await phone.waitForTimeout(600); // a person needs longer than the minimum fill time
    await phone.getByRole('button', { name: 'Angebot einreichen' }).click();
    await expect(phone.getByRole('heading', { name: /Vielen Dank/ })).toBeVisible();
    await expect(phone.getByText(/\/submit\/edit\//)).toBeVisible();
    if (title === 'Spieletreff Kaldauen') await screenshot(phone, 'club-submission-thanks-390x844');
    await staffDecide(phone, title, decision);
  }
  await phoneContext.close();

  const host = await startHost({ config: { kioskId: 'e2e-kiosk', cityApi: { baseUrl: city.url, token: TOKEN, syncIntervalS: 3600 } } });
  try {
    await syncHostFromCity(host);

    const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: host.baseURL });
    const kiosk = await kioskContext.newPage();
    await openStart(kiosk);
    await tap(kiosk.getByTestId('start-offers'));
    await tap(kiosk.getByTestId('offer-search'));
    await typeOnScreen(kiosk, 'spieletreff');
    await expect(kiosk.getByTestId('offer-list').getByRole('button', { name: /Spieletreff Kaldauen/ })).toBeVisible();
    await kioskContext.close();

    const rejected = await hostCall(host, 'searchOffers', { text: 'heizdecken' });
    expect(rejected.ok).toBe(true);
    // The search forgives typos, so other offers may come up for the word; the rejected one never does.
    const titles = (rejected.value.items as { title: string }[]).map((i) => i.title);
    expect(titles.some((t) => /Heizdecke/i.test(t))).toBe(false);
    const approved = await hostCall(host, 'searchOffers', { text: 'spieletreff kaldauen' });
    expect(approved.value.total).toBe(1);
  } finally {
    await host.stop();
  }
});

test('the public form has no axe violations at 390×844 and 1280×800, also with errors shown, in German and English', async ({ browser }) => {
  test.setTimeout(240_000);
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const lang of ['de', 'en']) {
      await page.goto(`${city.url}/submit?lang=${lang}`);
      await checkA11y(page, `form ${lang} ${viewport.width}x${viewport.height}`);
    }
    // Send it empty: the error summary and field errors must be accessible too, and nothing is published.
    await page.goto(`${city.url}/submit`);
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: 'Angebot einreichen' }).click();
    await expect(page.getByRole('alert').first()).toContainText('Bitte prüfen Sie diese Angaben');
    await checkA11y(page, `form with errors ${viewport.width}x${viewport.height}`);
    await screenshot(page, `club-submission-errors-${viewport.width}x${viewport.height}`);
    await context.close();
  }
});
