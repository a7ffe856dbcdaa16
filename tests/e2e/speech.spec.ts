import { expect, test } from './fixtures/host';
import { audibleSeconds, clearPlayed, cutOff, installAudioProbe, played, stillToSound } from './helpers/audio';
import { chooseLanguage, openStart, tap } from './helpers/kiosk-ui';

// Chromium on Linux has no system voices: everything here is the bundled espeak-ng engine, heard through Web Audio.
test.describe('speech output with the bundled engine', () => {
  test.beforeEach(async ({ page }) => {
    await installAudioProbe(page);
  });

  test('"Vorlesen" on the start screen plays audible speech in German', async ({ page }) => {
    await openStart(page);
    await tap(page.getByTestId('bar-read'));
    await expect(page.getByTestId('no-voice-dialog')).toHaveCount(0);
    await expect.poll(async () => audibleSeconds(await played(page)), { timeout: 20_000 }).toBeGreaterThan(1);
  });
});

test.describe('speech output: six languages, stop and repeat', () => {
  test.beforeEach(async ({ page }) => {
    await installAudioProbe(page);
  });

  test('the start screen is spoken in de, de-LS, en, tr, uk and ar; stop silences it; a second tap speaks again', async ({ page }) => {
    test.setTimeout(180_000);
    await openStart(page);
    for (const lang of ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'] as const) {
      await chooseLanguage(page, lang);
      await clearPlayed(page);
      await tap(page.getByTestId('bar-read'));
      await expect(page.getByTestId('no-voice-dialog')).toHaveCount(0);
      await expect.poll(async () => audibleSeconds(await played(page)), { timeout: 20_000, message: lang }).toBeGreaterThan(0.5);
      // Stop: the button turns back, what was scheduled is cut off, nothing new is scheduled afterwards.
      const cut = await cutOff(page);
      await tap(page.getByTestId('bar-read'));
      await expect(page.getByTestId('bar-read')).toHaveAttribute('aria-pressed', 'false');
      expect(await cutOff(page), `${lang}: stop cut the sound off`).toBeGreaterThan(cut);
      expect(await stillToSound(page), `${lang}: nothing still to sound after stop`).toBe(0);
      const after = (await played(page)).length;
      await tap(page.getByTestId('bar-help'));
      expect((await played(page)).length, `${lang}: nothing plays after stop`).toBe(after);
      await tap(page.getByTestId('bar-start'));
    }
    // Repeat: the same screen can be read again.
    await clearPlayed(page);
    await tap(page.getByTestId('bar-read'));
    await expect.poll(async () => audibleSeconds(await played(page)), { timeout: 20_000 }).toBeGreaterThan(0.5);
  });
});
