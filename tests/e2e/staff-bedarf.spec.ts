/**
 * Issue 18: the staff page /staff/bedarf in Chromium at 1280×800 and 390×844, with a small data set and with 5,000
 * synthetic wishes and 365 days of stats from 30 kiosks: axe 0 violations, nothing wider than the window (charts
 * shrink, wide tables scroll in their own focusable box), the PDF link there; screenshots into screenshots/18/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, PROJECT_ROOT, test } from './fixtures/host';
import { checkA11y } from './helpers/a11y';
import { seedSyntheticBedarf } from '../../city-api/src/bedarf/bedarf-synthetic';
import { openCityDb } from '../../city-api/src/city-db';
import { parseSeedSpec, seedCityDb } from '../../city-api/src/seed';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';

const PASSWORD = 'e2e-staff-password';
const END = new Date('2026-12-01T12:00:00Z');
const RANGE = 'from=2025-12-02&to=2026-12-01';
const SHOTS = join(PROJECT_ROOT, 'screenshots', '18');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const DATA = [
  { name: 'klein', wishes: 30, kiosks: 3, days: 60 },
  { name: '5000', wishes: 5000, kiosks: 30, days: 365 },
];

let city: RunningCityApi;
test.afterEach(async () => {
  await city.close();
  city.db.close();
});

for (const data of DATA) {
  test(`Bedarf page with ${data.wishes} wishes: axe 0 violations and no sideways scrolling at 1280×800 and 390×844`, async ({ page }) => {
    test.setTimeout(180_000);
    const db = openCityDb(':memory:');
    seedCityDb(db, parseSeedSpec('sample'));
    seedSyntheticBedarf(db, { wishes: data.wishes, kiosks: data.kiosks, days: data.days, end: END });
    city = await startCityApi({ db, adminPassword: PASSWORD });
    mkdirSync(SHOTS, { recursive: true });

    await page.goto(`${city.url}/staff/login`);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      await page.goto(`${city.url}/staff/bedarf?${RANGE}`);
      await expect(page.getByRole('heading', { name: 'Wünsche nach Thema' })).toBeVisible();
      await expect(page.getByText(`${data.wishes} Wünsche vom 2025-12-02 bis 2026-12-01`)).toBeVisible();
      await expect(page.getByRole('img', { name: 'Wünsche nach Thema' })).toBeVisible();
      await expect(page.getByRole('link', { name: /Bericht Angebotslandkarte als PDF/ })).toHaveAttribute('href', `/staff/bedarf.pdf?${RANGE}`);
      await page.screenshot({ path: join(SHOTS, `bedarf-${data.name}-${vp.width}x${vp.height}.png`), fullPage: true });
      await page.screenshot({ path: join(SHOTS, `bedarf-${data.name}-${vp.width}x${vp.height}-oben.png`) });
      await checkA11y(page, `bedarf ${data.name} ${vp.width}x${vp.height}`);
      // Nothing makes the whole page scroll sideways: bar and column charts shrink to the window; the district map,
      // the hour heat map and the 26-column table scroll inside their own box.
      const widths = await page.evaluate(() => {
        const right = (sel: string) => Math.max(0, ...Array.from(document.querySelectorAll(sel)).map((e) => e.getBoundingClientRect().right));
        return { doc: document.documentElement.scrollWidth, win: window.innerWidth, charts: right('.chart:not(.wide) svg'), boxes: right('.chart.wide, .table-wrap') };
      });
      expect(widths.doc, `page width at ${vp.width}`).toBeLessThanOrEqual(widths.win);
      expect(widths.charts, `chart width at ${vp.width}`).toBeLessThanOrEqual(widths.win);
      expect(widths.boxes, `scroll boxes at ${vp.width}`).toBeLessThanOrEqual(widths.win);
    }
  });
}
