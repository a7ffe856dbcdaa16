import { expect, test } from './fixtures/host';
import { audibleSeconds, clearPlayed, cutOff, installAudioProbe, played, stillToSound, type PlayedBuffer } from './helpers/audio';
import { chooseLanguage, openStart, tap, typeOnScreen, type Lang } from './helpers/kiosk-ui';
import type { Page } from '@playwright/test';

/**
 * Issue 16 (EN 301 549 §5.1.3): "Vorlesen" on an offer detail, the print preview (a dialog: its own Vorlesen
 * reads the slip), the wish summary and the "Danke" screen, in all six languages, heard through Web Audio
 * (Chromium here has no system voices: the bundled espeak-ng engine speaks). Stop and repeat; the visitor's
 * volume and rate and the Sprachmodus end with the idle reset; Sprachmodus speaks a control before it activates it.
 */

const heard = async (page: Page, what: string, min = 0.5) =>
  expect.poll(async () => audibleSeconds(await played(page)), { timeout: 30_000, message: what }).toBeGreaterThan(min);

/** Taps `read` and checks audio arrives, then stops it and checks nothing new is scheduled. */
async function readAndStop(page: Page, read: string, what: string): Promise<void> {
  await clearPlayed(page);
  await tap(page.getByTestId(read));
  await expect(page.getByTestId('no-voice-dialog')).toHaveCount(0);
  await heard(page, what);
  const cut = await cutOff(page);
  await tap(page.getByTestId(read));
  await expect(page.getByTestId(read)).toHaveAttribute('aria-pressed', 'false');
  // Stop silences what was already scheduled (a screen's whole sound is queued within a second), not only the button.
  expect(await cutOff(page), `${what}: stop cut the sound off`).toBeGreaterThan(cut);
  expect(await stillToSound(page), `${what}: nothing still to sound after stop`).toBe(0);
}

const WISH_WORD: Record<Lang, string> = { de: 'boule', 'de-LS': 'boule', en: 'boule', tr: 'boule', uk: 'кава', ar: 'مقهى' };

test.describe('Vorlesen on every kind of screen, six languages', () => {
  test.beforeEach(async ({ page }) => {
    await installAudioProbe(page);
  });

  for (const lang of ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'] as const) {
    test(`offer detail, print preview, wish summary and Danke are spoken in ${lang}; stop and repeat work`, async ({ page }) => {
      test.setTimeout(240_000);
      await openStart(page);
      if (lang !== 'de') await chooseLanguage(page, lang);

      // Offer detail, through the fixed bar; then "Noch einmal" repeats it.
      await tap(page.getByTestId('start-offers'));
      await tap(page.locator('[data-testid^="offer-"].offer-card').first());
      await expect(page.getByTestId('offer-detail')).toBeVisible();
      await readAndStop(page, 'bar-read', `${lang} detail`);
      await clearPlayed(page);
      await tap(page.getByTestId('read-repeat'));
      await heard(page, `${lang} detail repeated`);
      await tap(page.getByTestId('bar-read')); // stop

      // Print preview: the dialog covers the bar; its own "Vorlesen" reads title, slip and buttons.
      await tap(page.getByTestId('detail-print'));
      const dialog = page.getByTestId('print-dialog');
      await expect(dialog.getByTestId('print-preview')).toBeVisible();
      await readAndStop(page, 'dialog-read', `${lang} print preview`);
      await tap(dialog.getByTestId('dialog-close'));

      // Wish summary and the "Danke" screen.
      await tap(page.getByTestId('bar-start'));
      await tap(page.getByTestId('start-wish'));
      await typeOnScreen(page, WISH_WORD[lang]);
      await tap(page.getByTestId('wish-next'));
      await tap(page.getByTestId('wish-skip'));
      await tap(page.getByTestId('wish-skip'));
      await tap(page.getByTestId('wish-consent-no')); // straight on to the summary
      await expect(page.getByTestId('wish-summary-text')).toBeVisible();
      await readAndStop(page, 'bar-read', `${lang} wish summary`);
      await tap(page.getByTestId('wish-next'));
      await expect(page.getByTestId('wish-sent')).toBeVisible();
      await readAndStop(page, 'bar-read', `${lang} Danke`);
    });
  }
});

test.describe('after a visitor: volume, rate and Sprachmodus back to default', () => {
  test.use({ hostOptions: { config: { idle: { warnAfterS: 5, countdownS: 5 } } } });
  test.beforeEach(async ({ page }) => {
    await installAudioProbe(page);
  });

  const gains = (buffers: PlayedBuffer[]) => [...new Set(buffers.filter((b) => b.peak > 0.05).map((b) => b.gain))];

  test('"Lauter" and "Langsamer" hold for the visitor; after the idle reset the configured volume and normal rate are back', async ({ page }) => {
    test.setTimeout(120_000);
    await openStart(page);
    await tap(page.getByTestId('bar-text-size'));
    await tap(page.getByTestId('volume-loud'));
    await tap(page.getByTestId('rate-slow'));
    await expect(page.getByTestId('rate-slow')).toHaveAttribute('aria-pressed', 'true');
    await tap(page.getByTestId('text-size-dialog').getByTestId('dialog-close'));
    await clearPlayed(page);
    await tap(page.getByTestId('bar-read'));
    await heard(page, 'loud');
    expect(gains(await played(page))).toEqual([1.5]);
    await tap(page.getByTestId('bar-read')); // stop: while it speaks, the visitor is listening (no idle)
    await tap(page.getByTestId('read-explore'));
    await expect(page.getByTestId('read-explore')).toHaveAttribute('aria-pressed', 'true');
    await tap(page.getByTestId('bar-read')); // Sprachmodus: the first tap only speaks the control's name
    await expect(page.getByTestId('attract-touch')).toBeVisible({ timeout: 30_000 }); // idle reset

    await openStart(page);
    await expect(page.getByTestId('read-strip')).toHaveCount(0); // Sprachmodus off, nothing to repeat
    await tap(page.getByTestId('bar-text-size'));
    await expect(page.getByTestId('volume-normal')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('rate-normal')).toHaveAttribute('aria-pressed', 'true');
    await tap(page.getByTestId('text-size-dialog').getByTestId('dialog-close'));
    await clearPlayed(page);
    await tap(page.getByTestId('bar-read'));
    await heard(page, 'default volume');
    expect(gains(await played(page))).toEqual([1]);
  });
});

test.describe('Sprachmodus (explore by touch)', () => {
  test.beforeEach(async ({ page }) => {
    await installAudioProbe(page);
  });

  test('one tap from the read-aloud control turns it on; the first tap on a control speaks it, the second activates it', async ({ page }) => {
    test.setTimeout(120_000);
    await openStart(page);
    await tap(page.getByTestId('bar-read'));
    await tap(page.getByTestId('bar-read')); // stop; the strip stays for "Noch einmal" and "Sprachmodus"
    await tap(page.getByTestId('read-explore'));
    await expect(page.getByTestId('read-explore')).toHaveAttribute('aria-pressed', 'true');

    await clearPlayed(page);
    await tap(page.getByTestId('bar-help'));
    await heard(page, 'the control is spoken', 0.3);
    await expect(page.getByTestId('screen-start')).toBeVisible(); // not activated yet
    await tap(page.getByTestId('bar-help'));
    await expect(page.getByTestId('screen-help')).toBeVisible();

    // A first tap on another control speaks that one, and does not activate the one armed before.
    await clearPlayed(page);
    await tap(page.getByTestId('bar-start'));
    await heard(page, 'start spoken', 0.3);
    await expect(page.getByTestId('screen-help')).toBeVisible();
    await tap(page.getByTestId('bar-help'));
    await expect(page.getByTestId('screen-help')).toBeVisible();

    // Off again: taps act at once.
    await tap(page.getByTestId('read-explore'));
    await tap(page.getByTestId('read-explore'));
    await expect(page.getByTestId('read-explore')).toHaveAttribute('aria-pressed', 'false');
    await tap(page.getByTestId('bar-start'));
    await expect(page.getByTestId('screen-start')).toBeVisible();
  });
});
