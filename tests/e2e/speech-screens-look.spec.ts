/**
 * Issue 16, the screens it changed, in both kiosk orientations, German and Arabic (right to left, extra large text):
 * the read-aloud strip with Sprachmodus on, the text-size dialog with speech rate and volume, the language dialog and
 * the print preview with their own "Vorlesen". Each: axe 0 violations, every control's name starts with its visible
 * text, touch targets, no text under 24 px, and a screenshot in screenshots/16/ to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/host';
import { checkA11y, checkNameStartsWithLabel, checkTargets, checkTextSize } from './helpers/a11y';
import { chooseLanguage, chooseTextSize, openStart, SCREENSHOT_DIR, screenshot, tap, type Lang, type TextSize } from './helpers/kiosk-ui';

const VIEWPORTS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;
const CASES: { lang: Lang; size: TextSize }[] = [
  { lang: 'de', size: 'normal' },
  { lang: 'ar', size: 'xlarge' },
];

async function look(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  mkdirSync(join(SCREENSHOT_DIR, '16'), { recursive: true });
  await screenshot(page, `16/${name}`);
  await checkA11y(page, name);
  await checkNameStartsWithLabel(page, name);
  await checkTargets(page, {}, name);
  await checkTextSize(page, name);
}

for (const vp of VIEWPORTS) {
  for (const { lang, size } of CASES) {
    const tag = `${lang}-${size}-${vp.name}`;
    test(`speech screens look right and pass the checks: ${tag}`, async ({ page }) => {
      test.setTimeout(900_000);
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await openStart(page);
      if (lang !== 'de') await chooseLanguage(page, lang);
      await chooseTextSize(page, size);

      // Read aloud, stopped: the strip with "Noch einmal" and "Sprachmodus"; then Sprachmodus on.
      await tap(page.getByTestId('bar-read'));
      await tap(page.getByTestId('bar-read'));
      await tap(page.getByTestId('read-explore'));
      await expect(page.getByTestId('read-explore')).toHaveAttribute('aria-pressed', 'true');
      await look(page, `start-sprachmodus-${tag}`);
      // Sprachmodus: the first tap speaks, a second within 5 s switches it off (on a loaded machine a tap can take
      // longer than that, then the next one speaks again: tap until it is off, at most four times).
      const explore = page.getByTestId('read-explore');
      for (let i = 0; i < 4 && (await explore.getAttribute('aria-pressed')) === 'true'; i++) await tap(explore);
      await expect(explore).toHaveAttribute('aria-pressed', 'false');

      await tap(page.getByTestId('bar-text-size'));
      await tap(page.getByTestId('rate-slow'));
      await look(page, `dialog-text-size-speech-${tag}`);
      await tap(page.getByTestId('text-size-dialog').getByTestId('dialog-close'));

      await tap(page.getByTestId('bar-language'));
      await look(page, `dialog-language-${tag}`);
      await tap(page.getByTestId('language-dialog').getByTestId('dialog-close'));

      await tap(page.getByTestId('start-offers'));
      await tap(page.locator('[data-testid^="offer-"].offer-card').first());
      await expect(page.getByTestId('offer-detail')).toBeVisible();
      await look(page, `detail-${tag}`);
      await tap(page.getByTestId('detail-print'));
      await expect(page.getByTestId('print-dialog').getByTestId('print-preview')).toBeVisible();
      await look(page, `dialog-print-preview-${tag}`);
      await tap(page.getByTestId('print-dialog').getByTestId('dialog-read'));
      await expect(page.getByTestId('dialog-read')).toHaveAttribute('aria-pressed', 'true');
      await look(page, `dialog-print-preview-reading-${tag}`);
    });
  }
}
