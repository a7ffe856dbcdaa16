import { expect, test } from './fixtures/host';
import { audibleSeconds, installAudioProbe, played } from './helpers/audio';
import { openStart, tap } from './helpers/kiosk-ui';

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
