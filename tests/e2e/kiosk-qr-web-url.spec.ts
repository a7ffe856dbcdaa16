/**
 * Issue 17 end to end: a kiosk (browser host) synced from the reference city API shows, when the slip cannot be
 * printed, a QR code that holds the offer's short public page (not the slip's text), with the address in plain
 * text under it; the code read back from the screen (jsQR on a screenshot) is that address, a version ≤ 4 symbol,
 * and the page answers with the offer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { expect, startHost, syncHostFromCity, test } from './fixtures/host';
import { tap, typeOnScreen } from './helpers/kiosk-ui';
import { closedPort } from '../fakes/fake-escpos-printer';
import { openCityDb } from '../../city-api/src/city-db';
import { registerKiosk } from '../../city-api/src/kiosk-store';
import { parseSeedSpec, seedCityDb } from '../../city-api/src/seed';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';

const TOKEN = 'e2e-kiosk-token-0123456789';
const SHOTS = join(process.cwd(), 'screenshots', '17');
let city: RunningCityApi;

test.beforeEach(async () => {
  const db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  registerKiosk(db, 'e2e-kiosk', TOKEN);
  city = await startCityApi({ db });
});
test.afterEach(async () => {
  await city.close();
  city.db.close();
});

test('without a working printer the kiosk shows a QR code of the offer page with the address under it', async ({ browser }) => {
  test.setTimeout(600_000);
  const port = await closedPort();
  const host = await startHost({
    config: { kioskId: 'e2e-kiosk', cityApi: { baseUrl: city.url, token: TOKEN, syncIntervalS: 3600 }, printer: { transport: 'tcp', host: '127.0.0.1', port, charsPerLine: 42 } },
  });
  try {
    await syncHostFromCity(host);
    const url = `${city.url}/angebote/sample-kulturcafe`;

    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1080, height: 1920 },
    ]) {
      const context = await browser.newContext({ viewport, baseURL: host.baseURL, hasTouch: true });
      const page = await context.newPage();
      await page.goto('/');
      await tap(page.getByTestId('attract-touch'));
      await tap(page.getByTestId('start-offers'));
      await tap(page.getByTestId('offer-search'));
      await typeOnScreen(page, 'kulturcafe');
      await tap(page.getByTestId('key-done'));
      await tap(page.getByTestId('offer-list').getByRole('button', { name: /^Kulturcafé/ }));
      await tap(page.getByTestId('detail-print'));
      await page.getByTestId('print-go').click();
      const qr = page.getByTestId('print-qr');
      await expect(qr).toBeVisible({ timeout: 10_000 });
      await expect(qr).toHaveAttribute('data-qr-kind', 'url');
      await expect(page.getByTestId('print-qr-url')).toHaveText(url);
      await expect(qr).toHaveAttribute('alt', `QR-Code für ${url}`);

      // read the code back from the screen, as a phone would
      const { data, info } = await sharp(await qr.screenshot()).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const read = jsQR(new Uint8ClampedArray(data), info.width, info.height);
      expect(read?.data).toBe(url);
      expect(QRCode.create(url, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(4);

      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `kiosk-qr-${viewport.width}x${viewport.height}.png`) });
      await context.close();
    }
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kulturcafé');
  } finally {
    await host.stop();
  }
});
