/// <reference lib="webworker" />
/**
 * The bundled speech engine: espeak-ng (GPL-3.0, compiled to JavaScript by Emscripten, package
 * @echogarden/espeak-ng-emscripten), running in this worker so the screen stays responsive while it
 * synthesises. The engine and its voice data are build assets served by the kiosk itself — nothing is
 * downloaded from anywhere else. See docs/adr/0012-bundled-speech-engine.md.
 */
import engineUrl from '@echogarden/espeak-ng-emscripten/espeak-ng.js?url';
import dataUrl from '@echogarden/espeak-ng-emscripten/espeak-ng.data?url';
import type { FromWorker, ToWorker } from './espeak-protocol';

interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wpm: number): void;
  readonly samplerate: number;
  /** Calls back with chunks of 16-bit samples while it synthesises; returning 1 aborts. */
  synthesize(text: string, cb: (samples: Int16Array) => number): void;
}
interface EspeakModule {
  eSpeakNGWorker: new () => EspeakWorker;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

/** The id of the utterance that may still speak; a newer `speak` or a `stop` makes older ones stop. */
let current = 0;
let queue: Promise<void> = Promise.resolve();

async function load(): Promise<EspeakWorker> {
  // Fetched ourselves (same origin) and handed over, instead of the package's own lookup next to its script,
  // because the build gives both files fingerprinted names.
  const data = await (await fetch(dataUrl)).arrayBuffer();
  // The engine is a build asset (a URL), not a module of ours: loaded as it ships, unbundled.
  // eslint-disable-next-line no-restricted-syntax -- a fingerprinted asset URL, outside the layer rules
  const { default: init } = (await import(/* @vite-ignore */ engineUrl)) as { default: (m: object) => Promise<EspeakModule> };
  const mod = await init({ getPreloadedPackage: () => data, print: () => undefined, printErr: () => undefined });
  const engine = new mod.eSpeakNGWorker();
  // Warm up (the first sentence is slow while the JavaScript engine compiles the synthesiser).
  engine.set_voice('de');
  engine.synthesize('Guten Tag.', () => 0);
  return engine;
}

const ready = load().then(
  (engine) => {
    post({ type: 'ready', sampleRate: engine.samplerate });
    return engine;
  },
  (e: unknown) => {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    return null;
  },
);

/** Lets a waiting `stop` message in between two sentences. */
const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

async function speak(msg: Extract<ToWorker, { type: 'speak' }>): Promise<void> {
  const engine = await ready;
  if (!engine || msg.id !== current) return;
  engine.set_voice(msg.voice);
  engine.set_rate(msg.rate);
  for (const part of msg.parts) {
    if (msg.id !== current) return;
    engine.synthesize(part, (samples) => {
      if (msg.id !== current) return 1;
      // The package already hands over a copy of the engine's memory, so it can be transferred.
      post({ type: 'chunk', id: msg.id, samples }, [samples.buffer]);
      return 0;
    });
    await yieldToMessages();
  }
  if (msg.id === current) post({ type: 'end', id: msg.id });
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  current = Math.max(current, msg.id);
  if (msg.type === 'speak') queue = queue.then(() => speak(msg));
};
