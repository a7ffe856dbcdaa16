/**
 * Records what the page plays through Web Audio (Chromium here has no system voices, so every "Vorlesen"
 * goes through the bundled engine): every AudioBufferSourceNode started, with its length, its loudest sample
 * and the gain of the node it plays into. Install before the page loads: `await installAudioProbe(page)`.
 */
import type { Page } from '@playwright/test';

export interface PlayedBuffer {
  /** performance.now() when start() was called. */
  at: number;
  seconds: number;
  /** Loudest absolute sample, 0…1: silence is 0. */
  peak: number;
  /** Gain (volume) of the GainNode the source plays into; 1 when connected straight to the destination. */
  gain: number;
}

export async function installAudioProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const played: PlayedBuffer[] = [];
    const w = window as unknown as { __played: PlayedBuffer[]; __stopped: number };
    w.__played = played;
    w.__stopped = 0;
    const target = new WeakMap<AudioNode, AudioNode>();
    const connect = AudioNode.prototype.connect as (this: AudioNode, dest: AudioNode, ...rest: number[]) => AudioNode;
    AudioNode.prototype.connect = function (this: AudioNode, dest: AudioNode, ...rest: number[]) {
      target.set(this, dest);
      return connect.call(this, dest, ...rest);
    } as typeof AudioNode.prototype.connect;
    // Every started source with the context time its sound ends and whether stop() cut it (for stillToSound/cutOff).
    const scheduled = new Map<AudioScheduledSourceNode, { end: number; stopped: boolean }>();
    const sw = w as unknown as { __scheduled: typeof scheduled; __cut: number };
    sw.__scheduled = scheduled;
    sw.__cut = 0;
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args: Parameters<typeof start>) {
      const buf = this.buffer;
      let peak = 0;
      if (buf) for (const x of buf.getChannelData(0)) peak = Math.max(peak, Math.abs(x));
      const dest = target.get(this);
      const gain = dest instanceof GainNode ? dest.gain.value : 1;
      played.push({ at: performance.now(), seconds: buf?.duration ?? 0, peak, gain });
      const when = Math.max(args[0] ?? 0, this.context.currentTime);
      scheduled.set(this, { end: when + (buf?.duration ?? 0), stopped: false });
      return start.apply(this, args);
    };
    const stop = AudioScheduledSourceNode.prototype.stop;
    AudioScheduledSourceNode.prototype.stop = function (this: AudioScheduledSourceNode, ...args: Parameters<typeof stop>) {
      w.__stopped += 1;
      const s = scheduled.get(this);
      if (s && !s.stopped) {
        s.stopped = true;
        if (s.end > this.context.currentTime) sw.__cut += 1;
      }
      return stop.apply(this, args);
    };
  });
}

/**
 * Sources started and not stopped whose sound has not ended yet on their context's clock: after "stop" this must be 0
 * (the stop button alone turning back proves nothing; the sound of a whole screen is scheduled within a second).
 */
export const stillToSound = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const m = (window as unknown as { __scheduled: Map<AudioScheduledSourceNode, { end: number; stopped: boolean }> }).__scheduled;
    let n = 0;
    for (const [src, s] of m) if (!s.stopped && s.end > src.context.currentTime) n += 1;
    return n;
  });

/** How many sources stop() cut off before their end so far (0 when everything had already been heard). */
export const cutOff = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __cut: number }).__cut);

export const played = (page: Page): Promise<PlayedBuffer[]> => page.evaluate(() => (window as unknown as { __played: PlayedBuffer[] }).__played);
export const clearPlayed = (page: Page): Promise<void> => page.evaluate(() => void (window as unknown as { __played: unknown[] }).__played.splice(0));
/** Seconds of audible sound (peak above a whisper) among these buffers. */
export const audibleSeconds = (buffers: PlayedBuffer[]): number => buffers.filter((b) => b.peak > 0.05).reduce((s, b) => s + b.seconds, 0);

/** What the speech worker reported: a data-directory voice checked (`voice`), an utterance begun in an engine voice (`start`). */
export interface WorkerReport {
  type: 'voice' | 'start';
  voice?: string;
  lang?: string;
  file?: string;
  ok?: boolean;
  why?: string;
}

/** Records the speech worker's `voice` and `start` messages (renderer/speech/espeak-protocol.ts). Install before the page loads. */
export async function installWorkerProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const reports: WorkerReport[] = [];
    (window as unknown as { __workerReports: WorkerReport[] }).__workerReports = reports;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        this.addEventListener('message', (ev: MessageEvent<WorkerReport>) => {
          const d = ev.data;
          if (d && (d.type === 'voice' || d.type === 'start')) reports.push({ type: d.type, voice: d.voice, lang: d.lang, file: d.file, ok: d.ok, why: d.why });
        });
      }
    };
  });
}

export const workerReports = (page: Page): Promise<WorkerReport[]> =>
  page.evaluate(() => (window as unknown as { __workerReports: WorkerReport[] }).__workerReports);
