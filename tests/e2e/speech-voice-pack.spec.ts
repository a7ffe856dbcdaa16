/**
 * Issue 16 / ADR 0012: a better voice without code changes. A voice file in the kiosk's data directory, listed in
 * voices/voices.json, speaks its language instead of the bundled espeak-ng voice (German also Leichte Sprache);
 * a broken file is left out with a log line and the bundled voice speaks. Heard through Web Audio; which engine voice
 * spoke is what the speech worker reports.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/host';
import { audibleSeconds, clearPlayed, installAudioProbe, installWorkerProbe, played, workerReports } from './helpers/audio';
import { chooseLanguage, openStart, tap, type Lang } from './helpers/kiosk-ui';

/** A data directory with these files in voices/ (the host fixture keeps a given directory; it lives in the OS temp dir). */
function dataDirWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-voices-'));
  mkdirSync(join(dir, 'voices'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'voices', name), content);
  return dir;
}
const manifest = (voices: { language: string; file: string }[]) => JSON.stringify({ voices: voices.map((v) => ({ ...v, engine: 'espeak-ng' })) });

/** A fake town voice: a valid espeak-ng voice definition that differs from the bundled German one. */
const FAKE_VOICE = '// test voice for the kiosk e2e\nname Siegburg Test\nlanguage de\ngender female\npitch 150 230\nformant 0 110 100 100\n';

/** Taps "Vorlesen", waits for sound, returns the engine voice the worker used, and stops. */
async function readWith(page: Page, what: string): Promise<string | undefined> {
  await clearPlayed(page);
  const before = (await workerReports(page)).length;
  await tap(page.getByTestId('bar-read'));
  await expect.poll(async () => audibleSeconds(await played(page)), { timeout: 30_000, message: `${what} is heard` }).toBeGreaterThan(0.5);
  const started = (await workerReports(page)).slice(before).filter((r) => r.type === 'start');
  await tap(page.getByTestId('bar-read')); // stop
  return started.at(-1)?.voice;
}

async function start(page: Page, lang: Lang = 'de'): Promise<void> {
  await openStart(page);
  if (lang !== 'de') await chooseLanguage(page, lang);
}

test.beforeEach(async ({ page }) => {
  await installAudioProbe(page);
  await installWorkerProbe(page);
});

test.describe('a voice file in the data directory', () => {
  test.use({ hostOptions: { dataDir: dataDirWith({ 'voices.json': manifest([{ language: 'de', file: 'de-siegburg.voice' }]), 'de-siegburg.voice': FAKE_VOICE }) } });

  test('speaks German and Leichte Sprache instead of the bundled voice; English keeps the bundled one', async ({ page, host }) => {
    test.setTimeout(180_000);
    await start(page);
    await expect
      .poll(async () => (await workerReports(page)).filter((r) => r.type === 'voice').map((r) => `${r.lang}:${r.file}:${r.ok}`), { timeout: 60_000 })
      .toEqual(['de:de-siegburg.voice:true', 'de-LS:de-siegburg.voice:true']);
    expect(host.stdout()).toContain('speech: voices/de-siegburg.voice speaks de and de-LS (instead of the bundled voice)');

    expect(await readWith(page, 'German')).toBe('kiosk/de-siegburg.voice');
    await chooseLanguage(page, 'en');
    expect(await readWith(page, 'English')).toBe('en-gb');
    await chooseLanguage(page, 'de-LS');
    expect(await readWith(page, 'Leichte Sprache')).toBe('kiosk/de-siegburg.voice');
  });
});

test.describe('a broken voice file', () => {
  test.use({
    hostOptions: {
      dataDir: dataDirWith({
        'voices.json': manifest([
          { language: 'de', file: 'de-broken.voice' },
          { language: 'uk', file: 'uk-silent.voice' },
        ]),
        // Not a text file at all: the main side leaves it out.
        'de-broken.voice': Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff, 0xfe, 0x00, 0x41]),
        // A valid-looking file for a language espeak-ng does not know: it loads but says nothing, so the engine drops it.
        'uk-silent.voice': 'name Silent\nlanguage zz\n',
      }),
    },
  });

  test('falls back to the bundled voice, with a log line saying which file and why', async ({ page, host }) => {
    test.setTimeout(180_000);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await start(page);
    await expect
      .poll(async () => (await workerReports(page)).filter((r) => r.type === 'voice').map((r) => `${r.lang}:${r.file}:${r.ok}`), { timeout: 60_000 })
      .toEqual(['uk:uk-silent.voice:false']);
    expect(`${host.stdout()}${host.stderr()}`).toContain(
      'speech: voices/de-broken.voice ignored: it is not a text file; the bundled espeak-ng voice speaks de',
    );
    await expect.poll(() => warnings.join('\n')).toContain('speech: voices/uk-silent.voice does not speak uk (it says nothing');

    expect(await readWith(page, 'German')).toBe('de');
    await chooseLanguage(page, 'uk');
    expect(await readWith(page, 'Ukrainian')).toBe('uk');
  });
});
