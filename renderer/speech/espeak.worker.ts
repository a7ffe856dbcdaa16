/// <reference lib="webworker" />
/**
 * The bundled speech engine: espeak-ng (GPL-3.0, compiled to JavaScript by Emscripten, package
 * @echogarden/espeak-ng-emscripten), running in this worker so the screen stays responsive while it
 * synthesises. The engine and its voice data are build assets served by the kiosk itself — nothing is
 * downloaded from anywhere else. See docs/adr/0012-bundled-speech-engine.md.
 */
import engineUrl from '@echogarden/espeak-ng-emscripten/espeak-ng.js?url';
import dataUrl from '@echogarden/espeak-ng-emscripten/espeak-ng.data?url';
import type { Language } from '../../shared/schemas/kiosk-config';
import { OWN_VOICE_PREFIX, VOICE_PROBES, type FromWorker, type ToWorker } from './espeak-protocol';

interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wpm: number): void;
  readonly samplerate: number;
  /** Calls back with chunks of 16-bit samples while it synthesises; returning 1 aborts. */
  synthesize(text: string, cb: (samples: Int16Array) => number): void;
}
interface EspeakModule {
  eSpeakNGWorker: new () => EspeakWorker;
  /** Emscripten's in-memory file system holding espeak-ng-data (voices under /usr/share/espeak-ng-data/voices). */
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
}

const VOICES_PATH = '/usr/share/espeak-ng-data/voices/';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

/** The id of the utterance that may still speak; a newer `speak` or a `stop` makes older ones stop. */
let current = 0;
let queue: Promise<void> = Promise.resolve();
/** Voices from the data directory that passed their probe, by language; the bundled voice speaks the others. */
const ownVoices = new Map<Language, string>();

async function load(): Promise<{ engine: EspeakWorker; fs: EspeakModule['FS'] }> {
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
  return { engine, fs: mod.FS };
}

const loaded = load().then(
  (l) => {
    post({ type: 'ready', sampleRate: l.engine.samplerate });
    return l;
  },
  (e: unknown) => {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    return null;
  },
);

const ready = loaded.then((l) => l?.engine ?? null);

/**
 * Installs the data directory's voice files and keeps those that speak: espeak-ng accepts almost any file (an unknown
 * language or a garbled file loads but says nothing), so each must speak its language's probe sentence, at least 0.3 s.
 */
async function installVoices(msg: Extract<ToWorker, { type: 'voices' }>): Promise<void> {
  const l = await loaded;
  if (!l) return;
  for (const v of msg.voices) {
    const name = OWN_VOICE_PREFIX + v.file;
    let why: string | undefined;
    try {
      l.fs.mkdirTree(VOICES_PATH + OWN_VOICE_PREFIX);
      l.fs.writeFile(VOICES_PATH + name, v.text);
      const rc = l.engine.set_voice(name);
      let samples = 0;
      if (rc === 0) l.engine.synthesize(VOICE_PROBES[v.lang], (s) => ((samples += s.length), 0));
      const seconds = samples / l.engine.samplerate;
      if (rc !== 0) why = `espeak-ng cannot load it (error ${rc})`;
      else if (seconds < 0.3) why = `it says nothing (${seconds.toFixed(2)} s of sound for "${VOICE_PROBES[v.lang]}")`;
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    if (why) ownVoices.delete(v.lang);
    else ownVoices.set(v.lang, name);
    post({ type: 'voice', lang: v.lang, file: v.file, ok: !why, ...(why ? { why } : {}) });
  }
}

/** Lets a waiting `stop` message in between two sentences. */
const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

async function speak(msg: Extract<ToWorker, { type: 'speak' }>): Promise<void> {
  const engine = await ready;
  if (!engine || msg.id !== current) return;
  const voice = ownVoices.get(msg.lang) ?? msg.voice;
  engine.set_voice(voice);
  engine.set_rate(msg.rate);
  post({ type: 'start', id: msg.id, voice });
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
  if (msg.type === 'voices') {
    queue = queue.then(() => installVoices(msg));
    return;
  }
  current = Math.max(current, msg.id);
  if (msg.type === 'speak') queue = queue.then(() => speak(msg));
};
