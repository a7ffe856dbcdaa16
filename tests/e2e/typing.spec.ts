/**
 * Typing on the kiosk's own keyboard as a person does (about five taps a second): every tap counts, digits are
 * there, the first letter is capitalised, "Fertig" everywhere, and the step's main button stays above the keyboard.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/host';
import { openStart, tap, typeOnScreen } from './helpers/kiosk-ui';

const SHOTS = process.env.KIOSK_SHOTS_DIR;

async function openSearch(page: Page) {
  await openStart(page);
  await tap(page.getByTestId('start-offers'));
  await tap(page.getByTestId('offer-search'));
  await expect(page.getByTestId('osk')).toBeVisible();
}

/** The element is fully on screen, in the screen's own area (not scrolled under the header) and not under the docked keyboard. */
async function expectAboveKeyboard(page: Page, target: string | Locator) {
  const testId = typeof target === 'string' ? target : ((await target.getAttribute('data-testid')) ?? 'element');
  const box = await (typeof target === 'string' ? page.getByTestId(target) : target).boundingBox();
  const dock = await page.locator('#keyboard-dock').boundingBox();
  const main = await page.locator('.shell-main').boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, testId).not.toBeNull();
  expect(dock).not.toBeNull();
  expect(box!.y, `${testId} starts below the top of the screen area`).toBeGreaterThanOrEqual(main!.y - 1);
  expect(box!.y + box!.height, `${testId} ends above the keyboard`).toBeLessThanOrEqual(dock!.y + 1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
}

test.describe('typing on the on-screen keyboard', () => {
  test('the same key tapped at 150–250 ms intervals registers every time', async ({ page }) => {
    await openSearch(page);
    const s = page.getByTestId('osk').getByTestId('key-s');
    for (const gap of [150, 250, 180, 150, 220]) {
      await s.tap();
      await page.waitForTimeout(gap);
    }
    await expect(page.getByTestId('offer-search')).toHaveValue('sssss');
    await page.getByTestId('osk').getByTestId('key-clear').tap();
    await page.waitForTimeout(150);
    await typeOnScreen(page, 'schachgruppe');
    await expect(page.getByTestId('offer-search')).toHaveValue('schachgruppe');
  });

  test('digits behind the "123" key in every language; "Fertig" hides the keyboard', async ({ page }) => {
    await openSearch(page);
    await typeOnScreen(page, '50');
    await expect(page.getByTestId('offer-search')).toHaveValue('50');
    await expect(page.getByTestId('key-digits')).toHaveAttribute('aria-pressed', 'true');
    for (const lang of ['en', 'tr', 'uk', 'ar', 'de-LS'] as const) {
      await tap(page.getByTestId('key-done'));
      await tap(page.getByTestId('bar-language'));
      await tap(page.getByTestId(`lang-${lang}`));
      await tap(page.getByTestId('offer-search'));
      await expect(page.getByTestId('key-digits')).toBeVisible();
    }
    await tap(page.getByTestId('key-done'));
    await expect(page.getByTestId('osk')).toHaveCount(0);
  });

  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    test(`wish form at ${w}×${h}: capital first letter, "Weiter" above the keyboard, "Fertig" hides it`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await openStart(page);
      await tap(page.getByTestId('start-wish'));
      await typeOnScreen(page, 'boule am see. und tanz');
      await expect(page.getByTestId('wish-text')).toHaveValue('Boule am see. Und tanz');
      await expectAboveKeyboard(page, 'wish-next');
      // what the step asks to touch stays above the keyboard too: the text and every topic (it ran under it in landscape)
      await expectAboveKeyboard(page, 'wish-text');
      const topics = await page.locator('[data-testid^="wish-topic-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
      expect(topics.length).toBeGreaterThan(5);
      for (const topic of topics) await expectAboveKeyboard(page, topic);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/wish-keyboard-${w}x${h}.png` });
      await tap(page.getByTestId('key-done'));
      await expect(page.getByTestId('key-show')).toBeVisible();
      await tap(page.getByTestId('key-show'));
      await expect(page.getByTestId('key-done')).toBeVisible();

      await tap(page.getByTestId('bar-start'));
      await tap(page.getByTestId('start-offers'));
      await tap(page.getByTestId('offer-search'));
      await typeOnScreen(page, 'garten');
      await expectAboveKeyboard(page, 'offer-search');
      await expect(page.getByTestId('offer-list')).toBeVisible();
      // the suggestions are there to be tapped instead of typing on: each one whole above the keyboard (the third ran
      // under it at 1920×1080 when they stood one under the other in the landscape search column)
      const suggestions = await page.getByTestId('search-suggestions').getByRole('button').all();
      expect(suggestions.length, 'suggestions for "garten"').toBe(3);
      for (const suggestion of suggestions) await expectAboveKeyboard(page, suggestion);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/search-keyboard-${w}x${h}.png` });
    });
  }
});
