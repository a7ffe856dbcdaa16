import { expect, test } from './fixtures/host';
import { chooseLanguage, chooseTextSize, openStart, setHighContrast, tap, typeOnScreen } from './helpers/kiosk-ui';

test.describe('shell: fixed bar, language, text size, contrast', () => {
  test('the attract screen invites in several languages and one tap opens the start screen', async ({ page }) => {
    await page.goto('/');
    const invite = page.getByTestId('attract-touch');
    await expect(invite).toContainText('Bitte berühren Sie den Bildschirm');
    await expect(invite).toContainText('Please touch the screen');
    await expect(invite).toContainText('يرجى لمس الشاشة');
    await tap(invite);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Was möchten Sie tun?');
    for (const id of ['start-map', 'start-offers', 'start-week', 'start-wish', 'start-clubs']) await expect(page.getByTestId(id)).toBeVisible();
  });

  test('Arabic switches the texts, <html lang> and the reading direction; Start and Zurück work', async ({ page }) => {
    await openStart(page);
    await chooseLanguage(page, 'ar');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ماذا تريد أن تفعل؟');
    // Mirrored: the first start choice sits on the right in RTL.
    const first = await page.getByTestId('start-map').boundingBox();
    const second = await page.getByTestId('start-offers').boundingBox();
    expect(first && second && first.x > second.x).toBe(true);
    await tap(page.getByTestId('bar-help'));
    await expect(page.getByTestId('screen-help')).toBeVisible();
    await tap(page.getByTestId('bar-back'));
    await expect(page.getByTestId('screen-start')).toBeVisible();
    await chooseLanguage(page, 'de-LS');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Was möchten Sie machen?');
  });

  test('text size sets 28 / 38 / 48 px body text; high contrast is light on black', async ({ page }) => {
    await openStart(page);
    const bodySize = () => page.evaluate(() => getComputedStyle(document.body).fontSize);
    expect(await bodySize()).toBe('28px');
    await chooseTextSize(page, 'large');
    expect(await bodySize()).toBe('38px');
    await chooseTextSize(page, 'xlarge');
    expect(await bodySize()).toBe('48px');
    await setHighContrast(page, true);
    const colours = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));
    expect(colours).toEqual({ bg: 'rgb(0, 0, 0)', fg: 'rgb(255, 255, 255)' });
    await expect(page.getByTestId('bar-contrast')).toHaveAttribute('aria-pressed', 'true');
  });

  test('portrait: every control is in the lower 85 % of the screen', async ({ page }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await openStart(page);
    const tops = await page.evaluate(() => Array.from(document.querySelectorAll('button, input')).map((el) => el.getBoundingClientRect().top));
    expect(tops.length).toBeGreaterThan(8);
    for (const top of tops) expect(top).toBeGreaterThanOrEqual(1920 * 0.15);
  });

  test('a quick accidental double tap on a start choice opens only one screen', async ({ page }) => {
    await openStart(page);
    await page.getByTestId('start-offers').dblclick();
    await page.waitForTimeout(500);
    await expect(page.getByTestId('screen-offers')).toBeVisible();
    await tap(page.getByTestId('bar-back'));
    await expect(page.getByTestId('screen-start')).toBeVisible();
  });
});

test.describe('read aloud', () => {
  test('reads the heading and main content in the current language, and stops', async ({ page }) => {
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string; volume: number }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      let end: (() => void) | null = null;
      window.kioskSpeaker = {
        hasVoice: (lang) => lang !== 'uk',
        speak: (text, lang, volume, onEnd) => {
          spoken.push({ text, lang, volume });
          end = onEnd;
        },
        stop: () => {
          end?.();
          end = null;
        },
      };
    });
    await openStart(page);
    await tap(page.getByTestId('bar-read'));
    await expect(page.getByTestId('bar-read')).toHaveAttribute('aria-pressed', 'true');
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(spoken[0]?.lang).toBe('de');
    expect(spoken[0]?.text).toMatch(/^Was möchten Sie tun\?/);
    expect(spoken[0]?.text).toContain('Angebote nach Interessen');
    expect(spoken[0]?.text).not.toContain('Kontrast'); // the bar is not read
    await tap(page.getByTestId('bar-read'));
    await expect(page.getByTestId('bar-read')).toHaveAttribute('aria-pressed', 'false');

    await chooseLanguage(page, 'uk');
    await tap(page.getByTestId('bar-read'));
    await expect(page.getByTestId('no-voice-dialog')).toContainText('Українська');
  });
});

test.describe('idle reset', () => {
  test.use({ hostOptions: { config: { idle: { warnAfterS: 5, countdownS: 5 } } } });

  test('after the warning and its countdown everything is reset to the attract screen', async ({ page }) => {
    await openStart(page);
    await chooseLanguage(page, 'en');
    await chooseTextSize(page, 'xlarge');
    await tap(page.getByTestId('start-offers'));
    await tap(page.getByTestId('offer-search'));
    await typeOnScreen(page, 'garten');
    await expect(page.getByTestId('offer-search')).toHaveValue('garten');
    await tap(page.getByTestId('key-done'));
    await tap(page.getByTestId('interest-natur'));
    await expect(page.getByTestId('interest-natur')).toHaveAttribute('aria-pressed', 'true');

    const warning = page.getByTestId('idle-warning');
    await expect(warning).toBeVisible({ timeout: 15_000 });
    await expect(warning).toContainText('Are you still there?');
    await expect(page.getByTestId('idle-countdown')).toContainText(/\d+ seconds? left/);

    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });
    await expect(warning).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'normal');
    await tap(page.getByTestId('attract-touch'));
    await tap(page.getByTestId('start-offers'));
    await expect(page.getByTestId('offer-search')).toHaveValue('');
    await expect(page.getByTestId('interest-natur')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angebote nach Interessen');
  });

  test('"Ich bin noch da" keeps everything as it was', async ({ page }) => {
    await openStart(page);
    await tap(page.getByTestId('start-offers'));
    await tap(page.getByTestId('offer-search'));
    await typeOnScreen(page, 'cafe');
    await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 15_000 });
    await tap(page.getByTestId('idle-still-here'));
    await expect(page.getByTestId('idle-warning')).toBeHidden();
    await expect(page.getByTestId('offer-search')).toHaveValue('cafe');
    await expect(page.getByTestId('screen-offers')).toBeVisible();
  });
});
