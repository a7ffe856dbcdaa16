/**
 * The docked on-screen keyboard at every text size (issue 15): wish form step 1 and the offer search, text size
 * {normal, large, extra large} × 1920×1080 / 1080×1920, each in all six languages (Arabic right to left), every other
 * language in high contrast. After typing a word on the kiosk's keyboard, what the visitor needs is whole on screen,
 * above the keyboard and not covered: the text box, its counter (the wish's character count; the search's number of
 * offers found), the step's main button ("Weiter") and "Fertig". No text is cut off, none is under 24 px, and every
 * control's accessible name starts with its visible text (the ui-a11y matrix's checks).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/host';
import { findNameMismatches, findSmallText, MIN_TEXT_PX } from './helpers/a11y';
import { chooseLanguage, chooseTextSize, openStart, setHighContrast, tap, trackTaps, typeOnScreen, type Lang, type TextSize } from './helpers/kiosk-ui';
import { findCutText, findUnreachable } from './helpers/text-fit';

const SHOTS = process.env.KIOSK_SHOTS_DIR;
const SIZES: TextSize[] = ['normal', 'large', 'xlarge'];
const VIEWPORTS = [
  [1920, 1080],
  [1080, 1920],
] as const;
/** A word per language, typed on that language's own layout. */
const WORDS: Record<Lang, string> = { de: 'garten', 'de-LS': 'singen', en: 'garden', tr: 'bahçe', uk: 'сад', ar: 'حديقة' };
const LANGS = Object.keys(WORDS) as Lang[];

async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  // the pressed look of the last key and any scrolling into view (the keyboard's ResizeObserver) have finished: both
  // happen by the next frame (no CSS transitions in the kiosk), so two frames on is enough
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

async function checkScreen(page: Page, need: string[], tag: string, shot: string | null) {
  await settle(page);
  if (SHOTS && shot) await page.screenshot({ path: `${SHOTS}/${shot}.png` });
  // soft: one run reports every language's problems, not only the first
  const unreachable = [];
  for (const id of need) unreachable.push(await findUnreachable(page, id));
  expect.soft(unreachable.filter(Boolean), `not whole above the keyboard: ${tag}`).toEqual([]);
  expect.soft(await findCutText(page), `text cut off: ${tag}`).toEqual([]);
  expect.soft(await findSmallText(page), `text under ${MIN_TEXT_PX} px: ${tag}`).toEqual([]);
  expect.soft(await findNameMismatches(page), `accessible name does not start with the visible text: ${tag}`).toEqual([]);
}

for (const size of SIZES) {
  for (const [w, h] of VIEWPORTS) {
    test(`keyboard docked at ${size} text, ${w}×${h}: text box, counter, Weiter and Fertig above it in six languages`, async ({ page }) => {
      // 6 languages × 2 screens with typing: about a minute on an idle machine, several under load
      test.setTimeout(600_000);
      await page.setViewportSize({ width: w, height: h });
      await trackTaps(page);
      await openStart(page);
      await chooseTextSize(page, size);
      for (const [n, lang] of LANGS.entries()) {
        const high = n % 2 === 1;
        const tag = `${lang} ${size} ${high ? 'high contrast ' : ''}${w}×${h}`;
        const shotName = `${lang}-${size}${high ? '-high' : ''}-${w}x${h}`;
        await chooseLanguage(page, lang);
        await setHighContrast(page, high);
        // the checks below are for this state (a dropped tap would silently check another one)
        await expect(page.locator('html')).toHaveAttribute('data-language', lang);
        await expect(page.locator('html')).toHaveAttribute('data-text-size', size);
        await expect(page.locator('html')).toHaveAttribute('data-contrast', high ? 'high' : 'default');

        await tap(page.getByTestId('bar-start'));
        await tap(page.getByTestId('start-wish'));
        await expect(page.getByTestId('osk')).toBeVisible();
        await typeOnScreen(page, WORDS[lang]);
        await expect(page.getByTestId('wish-text')).not.toHaveValue('');
        await checkScreen(page, ['wish-text', 'wish-counter', 'wish-next', 'key-done'], `wish ${tag}`, `wish-keyboard-${shotName}`);
        await tap(page.getByTestId('osk').getByTestId('key-clear'));

        await tap(page.getByTestId('bar-start'));
        await tap(page.getByTestId('start-offers'));
        await tap(page.getByTestId('offer-search'));
        await typeOnScreen(page, WORDS[lang]);
        await expect(page.getByTestId('offer-search')).toHaveValue(WORDS[lang]);
        await expect(page.getByTestId('result-count')).not.toHaveText('');
        await checkScreen(page, ['offer-search', 'result-count', 'key-done'], `search ${tag}`, `search-keyboard-${shotName}`);
        await tap(page.getByTestId('osk').getByTestId('key-clear'));
        await tap(page.getByTestId('key-done'));
      }
    });
  }
}
