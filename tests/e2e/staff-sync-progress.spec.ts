import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';
import { registerKiosk } from '../../city-api/src/kiosk-store';
import { putOffers, setTaxonomy } from '../../city-api/src/offer-store';
import { SIEGBURG_TAXONOMY } from '../../shared/sample-data/siegburg-taxonomy';
import { testOffers } from '../fakes/fake-city-api-data';
import { PROJECT_ROOT, startHost, type StartedHost } from './fixtures/host';
import { checkA11y } from './helpers/a11y';
import { cornerGesture, enterPin } from './helpers/kiosk-ui';

/**
 * Issue 14: the first sync from a new city API shows its progress on the staff screen (pages, offers so far, step),
 * while visitors keep the sample data until the new data replaces it in one step.
 * The reference city API holds the 4th offers page until the screenshots are taken.
 */

const SHOTS = join(PROJECT_ROOT, 'screenshots', '14');
const KIOSK_TOKEN = 'kiosk-token-progress-0123456789';

/** The kiosk API as the visitor screens see it (from the test process: the page may reload after the swap). */
async function syncStatus(host: StartedHost): Promise<{ dataSource: string; counts: { offers: number }; progress?: unknown }> {
  const r = await fetch(`${host.baseURL}/api/getSyncStatus`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return ((await r.json()) as { value: never }).value;
}

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
]) {
  test.describe(`first sync progress at ${viewport.width}×${viewport.height}`, () => {
    let city: RunningCityApi;
    let host: StartedHost;
    let release: () => void = () => {};
    let offersRequests = 0;

    test.beforeEach(async () => {
      const gate = new Promise<void>((res) => (release = res));
      offersRequests = 0;
      city = await startCityApi({
        configure: (app) =>
          app.addHook('onRequest', async (req) => {
            if (!req.url.startsWith('/v1/offers')) return;
            offersRequests++;
            if (offersRequests > 3) await gate; // pages 1–3 at once, then wait
          }),
      });
      setTaxonomy(city.db, SIEGBURG_TAXONOMY);
      registerKiosk(city.db, 'rathaus-foyer', KIOSK_TOKEN);
      putOffers(city.db, testOffers(2400));
      host = await startHost({ config: { kioskId: 'rathaus-foyer', place: 'Rathaus Siegburg, Foyer', cityApi: { baseUrl: city.url, token: KIOSK_TOKEN } } });
    });
    test.afterEach(async () => {
      release();
      await host?.stop();
      await city?.close();
    });

    test('staff screen shows pages and offers so far; visitors keep the sample data until the swap', async ({ page }) => {
      test.setTimeout(240_000); // two servers, 2,400 offers and axe on a shared machine
      await page.setViewportSize(viewport);
      mkdirSync(SHOTS, { recursive: true });
      await page.goto(host.baseURL);
      // The remote config from the city API arrives right after start and may re-render the shell under the gesture.
      await expect(async () => {
        await cornerGesture(page);
        await expect(page.getByTestId('pin-pad')).toBeVisible({ timeout: 2000 });
      }).toPass({ timeout: 30_000 });
      await enterPin(page, '246810');

      const progress = page.getByTestId('staff-sync-progress');
      await expect(progress).toBeVisible({ timeout: 20_000 });
      await expect(page.getByTestId('staff-sync-progress-counts')).toHaveText('Seite 3, bisher 1.500 Angebote');
      await expect(progress).toContainText('Erster Abgleich mit der Stadt läuft');
      await expect(progress).toContainText('sehen bis zum Abschluss weiter die bisherigen Daten');
      await expect(progress).toHaveAttribute('data-phase', 'offers');
      await expect(progress.locator('[aria-current="step"]')).toHaveText('Angebote');
      // no "24 h without sync" alarm while the first sync is under way
      await expect(page.getByTestId('staff-data-stale')).toHaveCount(0);
      // visitors: still the whole sample dataset
      const during = await syncStatus(host);
      expect(during.dataSource).toBe('sample');
      expect(during.counts.offers).toBeGreaterThan(0);
      expect(during.counts.offers).toBeLessThan(100);
      await checkA11y(page, 'staff status with sync progress');
      await page.screenshot({ path: join(SHOTS, `staff-sync-progress-${viewport.width}x${viewport.height}.png`), fullPage: true });

      release();
      await expect(progress).toHaveCount(0, { timeout: 30_000 });
      const after = await syncStatus(host);
      expect(after.dataSource).toBe('city');
      expect(after.counts.offers).toBe(2400);
      await page.screenshot({ path: join(SHOTS, `staff-sync-done-${viewport.width}x${viewport.height}.png`), fullPage: true });
    });
  });
}
