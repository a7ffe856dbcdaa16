/**
 * Merkliste and clubs screen end to end (browser host with the built-in sample offers, real Chromium).
 */
import { expect, test } from './fixtures/host';
import { checkA11y } from './helpers/a11y';
import { chooseLanguage, openStart, screenshot, tap, rememberOffer } from './helpers/kiosk-ui';

test.use({ hostOptions: { config: { kioskId: 'e2e-merkliste', submissionUrl: 'https://www.siegburg.de/angebot-eintragen' } } });
test.setTimeout(240_000);


test('Merken on two offers, see them in the Merkliste, remove one', async ({ page }) => {
  await openStart(page);
  const first = await rememberOffer(page, 0);
  const second = await rememberOffer(page, 1);
  await expect(page.getByTestId('merk-open')).toContainText('(2)');
  await tap(page.getByTestId('merk-open'));
  const list = page.getByTestId('merkliste');
  await expect(list.locator('.merkliste-item')).toHaveCount(2);
  await expect(list.locator('.merkliste-item h2')).toHaveText([first, second]);
  // no printer configured: the button says why it cannot print
  await expect(page.getByTestId('merkliste-print')).toHaveAttribute('aria-disabled', 'true');
  await expect(list).toContainText('An diesem Kiosk gibt es keinen Drucker.');
  await screenshot(page, 'merkliste-de-1920x1080');
  await checkA11y(page, 'merkliste de');

  await tap(list.locator('[data-testid^="merkliste-remove-"]').first());
  await expect(list.locator('.merkliste-item h2')).toHaveText([second]);
  // "Gemerkt" on the detail screen follows the list
  await tap(list.locator('[data-testid^="merkliste-open-"]').first());
  await expect(page.getByTestId('detail-remember')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('detail-remember')).toContainText('Gemerkt');
  await tap(page.getByTestId('detail-remember'));
  await expect(page.getByTestId('detail-remember')).toContainText('Merken');
  await expect(page.getByTestId('merk-open')).toHaveCount(0);
});

test('Merkliste in Arabic and portrait', async ({ page }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await openStart(page);
  await chooseLanguage(page, 'ar');
  await rememberOffer(page, 0);
  await tap(page.getByTestId('merk-open'));
  await expect(page.getByTestId('merkliste').locator('.merkliste-item')).toHaveCount(1);
  await screenshot(page, 'merkliste-ar-1080x1920');
  await checkA11y(page, 'merkliste ar portrait');
});

test.describe('idle reset', () => {
  test.use({ hostOptions: { config: { idle: { warnAfterS: 5, countdownS: 5 } } } });

  test('empties the Merkliste', async ({ page }) => {
    await openStart(page);
    await rememberOffer(page, 0);
    await expect(page.getByTestId('merk-open')).toBeVisible();
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 30_000 });
    await tap(page.getByTestId('attract-touch'));
    await tap(page.getByTestId('start-offers'));
    await tap(page.locator('[data-testid^="offer-"].offer-card').first());
    await expect(page.getByTestId('detail-remember')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('merk-open')).toHaveCount(0);
  });
});

test('clubs screen: a large QR code to the submission page, the address in text, print disabled with a reason', async ({ page }) => {
  for (const [w, h, lang] of [
    [1920, 1080, 'de'],
    [1080, 1920, 'de'],
    [1920, 1080, 'ar'],
    [1080, 1920, 'ar'],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await openStart(page);
    if (lang !== 'de') await chooseLanguage(page, lang);
    await tap(page.getByTestId('start-clubs'));
    const qr = page.getByTestId('clubs-qr');
    await expect(qr).toBeVisible();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await qr.getAttribute('alt')).toContain('www.siegburg.de/angebot-eintragen');
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(400);
    await expect(page.getByTestId('clubs-url')).toHaveText('www.siegburg.de/angebot-eintragen');
    await expect(page.getByTestId('clubs-print')).toHaveAttribute('aria-disabled', 'true');
    await screenshot(page, `clubs-qr-${lang}-${w}x${h}`);
    await checkA11y(page, `clubs ${lang} ${w}x${h}`);
  }
});
