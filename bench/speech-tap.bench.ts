/**
 * Tap → first audio sample in the browser (issue 16; goal ≤ 300 ms for a sentence): real Chromium (no system voices,
 * so the bundled espeak-ng worker speaks) against the browser host, as the e2e tests drive it. The page records the
 * pointer-down of the tap on "Vorlesen" and the moment the first AudioBufferSourceNode is due to sound
 * (its start() call plus the scheduled offset on the AudioContext clock). Median of 5 taps per language, after
 * the engine's warm-up at start. Needs a built renderer (out/renderer) and the host bundle (out/host/cli.mjs),
 * which `npx playwright test` makes; the real-time factor of the engine itself is in the `speech` bench.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import type { Bench } from './benches';
import { startHost } from '../tests/e2e/fixtures/host';

const LANGS = ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'] as const;
const TAPS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

export const speechTapBench: Bench = {
  name: 'speech-tap',
  async run() {
    if (!existsSync('out/renderer/index.html') || !existsSync('out/host/cli.mjs')) {
      const b = spawnSync(process.execPath, ['scripts/build-host.mjs'], { stdio: 'inherit' });
      if (b.status !== 0 || !existsSync('out/renderer/index.html')) {
        console.log('skipped: no built renderer (run `npx playwright test tests/e2e/speech.spec.ts` once, it builds one)');
        return;
      }
    }
    const host = await startHost();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'de-DE', hasTouch: true });
      await page.addInitScript(() => {
        const w = window as unknown as { __tap: number; __first: number };
        w.__tap = -1;
        w.__first = -1;
        window.addEventListener('pointerdown', () => {
          w.__tap = performance.now();
          w.__first = -1;
        }, { capture: true });
        const start = AudioBufferSourceNode.prototype.start;
        AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, when?: number, ...rest: number[]) {
          if (w.__first < 0 && w.__tap >= 0) w.__first = performance.now() + Math.max(0, (when ?? 0) - this.context.currentTime) * 1000;
          return start.call(this, when, ...rest);
        } as typeof start;
      });
      await page.goto(host.baseURL);
      await page.getByTestId('attract-touch').click();
      await page.getByTestId('screen-start').waitFor();
      await page.waitForTimeout(3000); // the engine loads in its worker shortly after start (preloadSpeech)
      const first: string[] = [];
      for (const lang of LANGS) {
        await page.getByTestId('bar-language').click();
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForTimeout(500);
        const times: number[] = [];
        for (let i = 0; i < TAPS; i++) {
          await page.getByTestId('bar-read').click();
          await page.waitForFunction(() => (window as unknown as { __first: number }).__first >= 0, null, { timeout: 20_000 });
          times.push(await page.evaluate(() => {
            const w = window as unknown as { __tap: number; __first: number };
            return w.__first - w.__tap;
          }));
          await page.waitForTimeout(450); // past the double-tap guard
          await page.getByTestId('bar-read').click(); // stop
          await page.waitForTimeout(450);
        }
        first.push(`${lang} ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
      }
      console.log(`tap → first audio sample, Chromium + espeak-ng worker, median of ${TAPS} (goal ≤ 300 ms):`);
      for (const l of first) console.log(`  ${l}`);
    } finally {
      await browser.close();
      await host.stop();
    }
  },
};
