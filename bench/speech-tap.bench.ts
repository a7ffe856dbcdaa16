/**
 * Tap → first audio sample in the browser (issue 16; goal ≤ 300 ms for a sentence): real Chromium (no system voices,
 * so the bundled espeak-ng worker speaks) against the browser host, as the e2e tests drive it. The page records the
 * pointer-down of the tap on "Vorlesen" and the moment the first AudioBufferSourceNode is due to sound
 * (its start() call plus the scheduled offset on the AudioContext clock). Median of 5 taps per language, after
 * the engine's warm-up at start. Then, per language, the engine's real-time factor in that same worker: one whole
 * "Vorlesen" of the start screen, from the worker's `start` message to its `end` (synthesis runs ahead of playback,
 * so this is synthesis time) divided by the seconds of audio in its chunks. Prints the load average beside the figures
 * (2 shared cores: both numbers grow with it). Needs a built renderer (out/renderer, or KIOSK_E2E_RENDERER_DIR) and
 * the host bundle (out/host/cli.mjs), which `npx playwright test` makes; the `speech` bench has the same engine in Node.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
    const rendererDir = process.env.KIOSK_E2E_RENDERER_DIR ?? 'out/renderer';
    if (!existsSync(`${rendererDir}/index.html`) || !existsSync('out/host/cli.mjs')) {
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
        // The worker's own messages (renderer/speech/espeak-protocol.ts): synthesis time and audio length per utterance.
        const synth = { rate: 0, t0: -1, samples: 0, done: [] as { ms: number; audioS: number }[] };
        (window as unknown as { __synth: typeof synth }).__synth = synth;
        const Original = window.Worker;
        window.Worker = class extends Original {
          constructor(...args: ConstructorParameters<typeof Worker>) {
            super(...args);
            this.addEventListener('message', (ev: MessageEvent<{ type: string; sampleRate?: number; samples?: Int16Array }>) => {
              const d = ev.data;
              if (d.type === 'ready') synth.rate = d.sampleRate ?? 0;
              else if (d.type === 'start') {
                synth.t0 = performance.now();
                synth.samples = 0;
              } else if (d.type === 'chunk') synth.samples += d.samples?.length ?? 0;
              else if (d.type === 'end' && synth.t0 >= 0) {
                synth.done.push({ ms: performance.now() - synth.t0, audioS: synth.samples / synth.rate });
                synth.t0 = -1;
              }
            });
          }
        };
      });
      await page.goto(host.baseURL);
      await page.getByTestId('attract-touch').click();
      await page.getByTestId('screen-start').waitFor();
      await page.waitForTimeout(3000); // the engine loads in its worker shortly after start (preloadSpeech)
      const first: string[] = [];
      const rtf: string[] = [];
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
        first.push(`${lang.padEnd(5)} ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
        // One whole read of the start screen, synthesised to the end, for the real-time factor.
        const before = await page.evaluate(() => (window as unknown as { __synth: { done: unknown[] } }).__synth.done.length);
        await page.getByTestId('bar-read').click();
        await page.waitForFunction((n) => (window as unknown as { __synth: { done: unknown[] } }).__synth.done.length > n, before, { timeout: 60_000 });
        const r = await page.evaluate(() => (window as unknown as { __synth: { done: { ms: number; audioS: number }[] } }).__synth.done.at(-1)!);
        rtf.push(`${lang.padEnd(5)} ${r.audioS.toFixed(1)} s of speech synthesised in ${r.ms.toFixed(0)} ms: real-time factor ${(r.ms / 1000 / r.audioS).toFixed(3)}`);
        await page.waitForTimeout(450);
        await page.getByTestId('bar-read').click(); // stop
        await page.waitForTimeout(450);
      }
      const load = loadavg().map((l) => l.toFixed(2)).join(', ');
      console.log(`tap → first audio sample, Chromium + espeak-ng worker, median of ${TAPS} (goal ≤ 300 ms):`);
      for (const l of first) console.log(`  ${l}`);
      console.log('engine real-time factor in the kiosk worker (synthesis time / audio length; < 1 = faster than speech), start screen read aloud:');
      for (const l of rtf) console.log(`  ${l}`);
      console.log(`load average (1, 5, 15 min) at the end: ${load} on ${availableParallelism()} cores`);
    } finally {
      await browser.close();
      await host.stop();
    }
  },
};
