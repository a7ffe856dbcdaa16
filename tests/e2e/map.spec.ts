/**
 * The offer map end to end, against the real browser host (sample data, real SQLite, real tile route):
 * attract → start → map → marker → card → detail by taps only; the map with no tile source, with an unreachable
 * online source, and with an offline MBTiles pack; axe and touch-target checks; screenshots in de and ar.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { writeTestMbtiles } from '../../electron/services/tiles/mbtiles-test-pack';
import { checkA11y, checkTargets, checkTextSize } from './helpers/a11y';
import { chooseLanguage, chooseTextSize, openStart, screenshot, setHighContrast, tap } from './helpers/kiosk-ui';
import { expect, test } from './fixtures/host';

async function openMap(page: Page): Promise<void> {
  await openStart(page);
  await tap(page.getByTestId('start-map'));
  await expect(page.getByTestId('screen-map')).toBeVisible();
  await expect(page.getByTestId('map-count')).toBeVisible();
  await expect(page.locator('.map-marker').first()).toBeVisible();
}

/** Real touch tap (the config has hasTouch), then wait out the double-tap guard. */
async function touch(target: Locator): Promise<void> {
  await target.tap();
  await target.page().waitForTimeout(450);
}

/** The first marker of a kind whose box lies wholly inside the map area (markers just outside the edge are clipped). */
async function markerInView(page: Page, selector: string): Promise<Locator | null> {
  const area = await page.getByTestId('map').boundingBox();
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
  const i = boxes.findIndex((b) => area && b.left >= area.x && b.top >= area.y && b.right <= area.x + area.width && b.bottom <= area.y + area.height);
  return i >= 0 ? page.locator(selector).nth(i) : null;
}

/** Taps clusters (which zoom in) until an offer's card opens; picks from the list when several share one place. */
async function openSomeOfferCard(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const target = (await markerInView(page, '.map-marker-offer')) ?? (await markerInView(page, '.map-marker-cluster'));
    if (!target) throw new Error('no marker wholly inside the map area');
    await touch(target);
    if (await page.getByTestId('map-group').isVisible().catch(() => false)) {
      await touch(page.getByTestId('map-group').getByRole('button').first());
    }
    if (await page.getByTestId('map-card').isVisible().catch(() => false)) return;
  }
  throw new Error('no offer card opened after 10 taps on the map');
}

test.describe('offer map', () => {
  test('from the attract screen to an offer’s detail via a map marker, by taps only', async ({ page }) => {
    await openMap(page);
    await expect(page.getByTestId('map-count')).toHaveText(/\d+ Angebote? auf der Karte/);
    // Every marker carries a number and a word, and is big enough to hit.
    const first = page.locator('.map-marker').first();
    await expect(first.locator('.map-marker-count')).toHaveText(/^\d+$/);
    await expect(first.locator('.map-marker-word')).toHaveText(/Angebote?/);
    const box = await first.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(72);
    expect(box!.height).toBeGreaterThanOrEqual(72);
    await expect(page.locator('.map-here-text')).toHaveText('Sie sind hier');

    await openSomeOfferCard(page);
    const card = page.getByTestId('map-card');
    const title = (await card.getByRole('heading', { level: 2 }).textContent())?.trim();
    expect(title).toBeTruthy();
    await expect(card.getByTestId('sample-label')).toHaveText('Beispieldaten');
    await expect(card).toContainText('von hier');
    await touch(card.getByTestId('map-card-more'));
    await expect(page.getByTestId('screen-detail')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);

    // Back returns to the map where it was.
    await tap(page.getByTestId('bar-back'));
    await expect(page.getByTestId('screen-map')).toBeVisible();
  });

  test('big buttons zoom, return to the centre and open the list of the same results', async ({ page }) => {
    await openMap(page);
    const count = async () => page.locator('.map-marker').count();
    const before = await count();
    await tap(page.getByTestId('map-zoom-in'));
    await tap(page.getByTestId('map-zoom-in'));
    await expect.poll(count).not.toBe(before);
    await tap(page.getByTestId('map-center'));
    await expect.poll(count).toBe(before);
    await tap(page.getByTestId('map-zoom-out'));
    const total = Number((await page.getByTestId('map-count').textContent())!.match(/\d+/)![0]);
    const sum = await page.locator('.map-marker').evaluateAll((els) => els.reduce((n, el) => n + Number((el as HTMLElement).dataset.count), 0));
    expect(sum).toBe(total); // zoomed out, every offer on the map is in some marker
    await tap(page.getByTestId('map-list'));
    await expect(page.getByTestId('screen-offers')).toBeVisible();
  });

  test('markers are keyboard buttons: Enter on a single offer opens its card, on a group zooms in', async ({ page }) => {
    await openMap(page);
    const cluster = (await markerInView(page, '.map-marker-cluster'))!;
    await expect(cluster).toHaveAttribute('role', 'button');
    await expect(cluster).toHaveAttribute('aria-label', /\d+ Angebote an dieser Stelle/);
    const handle = (await cluster.elementHandle())!;
    await cluster.focus();
    await page.keyboard.press('Enter');
    // Zooming in redraws every marker for the new zoom level (or, for offers at one place, lists them in the card).
    await expect
      .poll(async () => !(await handle.evaluate((el) => el.isConnected)) || (await page.getByTestId('map-group').isVisible()))
      .toBe(true);
    for (let i = 0; i < 6 && !(await markerInView(page, '.map-marker-offer')); i++) await tap(page.getByTestId('map-zoom-in'));
    const offer = (await markerInView(page, '.map-marker-offer'))!;
    await expect(offer).toHaveAttribute('aria-label', /^1 Angebot: .+/);
    await offer.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('map-card')).toBeVisible();
  });

  test('without any tile source: markers on a plain background, no tiles at all, street names in the card', async ({ page }) => {
    await openMap(page);
    await expect(page.getByTestId('map-no-tiles')).toBeVisible();
    await expect(page.locator('img.leaflet-tile')).toHaveCount(0);
    await openSomeOfferCard(page);
    await expect(page.getByTestId('map-card-street')).toHaveText(/\S/);
    await screenshot(page, 'map-no-tiles-1920x1080-de');
  });

  test.describe('with an online tile source that cannot be reached', () => {
    test.use({ hostOptions: { config: { tiles: { urlTemplate: 'http://127.0.0.1:9/{z}/{x}/{y}.png', attribution: '© Test', maxZoom: 18 } } } });
    test('gives up the tile layer instead of showing broken tiles', async ({ page }) => {
      await openMap(page);
      await expect(page.getByTestId('map-no-tiles')).toBeVisible();
      await expect(page.locator('img.leaflet-tile:visible')).toHaveCount(0);
      await expect(page.locator('.map-marker').first()).toBeVisible();
    });
  });

  test.describe('with an offline MBTiles pack', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-map-'));
    mkdirSync(dataDir, { recursive: true });
    writeTestMbtiles(join(dataDir, 'siegburg.mbtiles'), siegburgTiles(), {
      name: 'Testkarte',
      format: 'png',
      minzoom: '11',
      maxzoom: '16',
      attribution: '<a href="https://example.org">© Testkarte</a>',
    });
    test.use({ hostOptions: { dataDir, config: { tilePack: 'siegburg.mbtiles' } } });

    test('shows the pack’s tiles through the tile route, with the attribution as plain text', async ({ page }) => {
      await openMap(page);
      await expect(page.getByTestId('map-attribution')).toHaveText('Kartendaten: © Testkarte');
      await expect.poll(() => page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
      await expect(page.getByTestId('map-no-tiles')).toHaveCount(0);
      await checkA11y(page, 'map with tiles');
      await screenshot(page, 'map-tiles-1920x1080-de');
    });
  });

  test('axe and touch targets on the map and its card, in German', async ({ page }) => {
    test.setTimeout(180_000);
    await openMap(page);
    await checkA11y(page, 'map de');
    await checkTargets(page, {}, 'map de');
    await checkTextSize(page, 'map de');
    await openSomeOfferCard(page);
    await checkA11y(page, 'map card de');
    await checkTargets(page, {}, 'map card de');
    await checkTextSize(page, 'map card de');
  });

  test('axe and touch targets on the map in Arabic, extra large text, high contrast', async ({ page }) => {
    test.setTimeout(180_000);
    await openMap(page);
    await chooseLanguage(page, 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('الأنشطة على الخريطة');
    await expect(page.locator('.map-here-text')).toHaveText('أنت هنا');
    await checkA11y(page, 'map ar');
    await checkTargets(page, {}, 'map ar');
    await chooseTextSize(page, 'xlarge');
    await setHighContrast(page, true);
    await checkA11y(page, 'map ar xlarge high contrast');
    await checkTargets(page, {}, 'map ar xlarge high contrast');
    await screenshot(page, 'map-1920x1080-ar-xlarge-contrast');
  });

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    for (const lang of ['de', 'ar'] as const) {
      test(`screenshot ${viewport.width}×${viewport.height} ${lang}`, async ({ page }) => {
        test.setTimeout(150_000);
        await page.setViewportSize(viewport);
        await openMap(page);
        if (lang !== 'de') await chooseLanguage(page, lang);
        await screenshot(page, `map-${viewport.width}x${viewport.height}-${lang}`);
        await openSomeOfferCard(page);
        await screenshot(page, `map-card-${viewport.width}x${viewport.height}-${lang}`);
        await checkTargets(page, {}, `map card ${lang} ${viewport.width}x${viewport.height}`);
        if (viewport.height > viewport.width) {
          // Portrait floor stand: every control in the lower 85 % of the screen.
          const tops = await page.locator('button, [role=button]').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
          for (const top of tops) expect(top).toBeGreaterThanOrEqual(1920 * 0.15);
        }
      });
    }
  }
});

/** 256×256 PNG tiles (calm colour with a darker frame) for zoom 11–16 around Siegburg. */
function siegburgTiles(): { z: number; x: number; y: number; data: Buffer }[] {
  const tile = png256();
  const out: { z: number; x: number; y: number; data: Buffer }[] = [];
  for (let z = 11; z <= 16; z++) {
    const n = 2 ** z;
    const cx = Math.floor(((7.2079 + 180) / 360) * n);
    const lat = (50.7969 * Math.PI) / 180;
    const cy = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
    const r = z <= 13 ? 3 : 4;
    for (let x = cx - r; x <= cx + r; x++) for (let y = cy - r; y <= cy + r; y++) out.push({ z, x, y, data: tile });
  }
  return out;
}

function png256(): Buffer {
  const size = 256;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const edge = x < 2 || y < 2;
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = edge ? 0xc8 : 0xf2;
      raw[o + 1] = edge ? 0xc4 : 0xee;
      raw[o + 2] = edge ? 0xb8 : 0xe4;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
