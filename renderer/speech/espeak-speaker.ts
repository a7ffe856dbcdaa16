/**
 * A `Speaker` backed by the bundled espeak-ng engine (espeak.worker.ts): synthesis in a worker, audio through
 * Web Audio. The kiosk uses it whenever the system has no voice for the current language.
 */
import type { DataDirVoice } from '../../shared/contract/speech';
import type { Language } from '../../shared/schemas/kiosk-config';
import type { Speaker, SpeakOptions, SpeechRate } from '../app/speech';
import { splitForSpeech } from '../app/speech';
import { ESPEAK_VOICES, type FromWorker, type ToWorker } from './espeak-protocol';

/** espeak-ng's words per minute (its own default is 175): Leichte Sprache is always slower. */
export function espeakRate(lang: Language, rate: SpeechRate = 'normal'): number {
  const wpm = rate === 'slow' ? 130 : 165;
  return lang === 'de-LS' ? Math.round(wpm * 0.8) : wpm;
}

export interface EspeakSpeaker extends Speaker {
  /** Starts the worker and loads the voices, so the first tap speaks at once. */
  preload(): void;
  /**
   * Voice files from the kiosk's data directory (ADR 0012): each speaks its language (German also Leichte Sprache,
   * unless it has its own) once the engine has checked it; a file that does not speak is dropped with a warning.
   */
  useVoices(voices: readonly DataDirVoice[]): void;
  /** Whether a data-directory voice is (still) meant to speak this language: it then wins over a system voice. */
  hasOwnVoice(lang: Language): boolean;
}

/** Which of our languages each data-directory voice speaks: German covers Leichte Sprache unless that has its own. */
export function ownVoiceLanguages(voices: readonly DataDirVoice[]): { lang: Language; file: string; text: string }[] {
  const out = voices.map((v) => ({ lang: v.language, file: v.file, text: v.text }));
  const de = voices.find((v) => v.language === 'de');
  if (de && !voices.some((v) => v.language === 'de-LS')) out.push({ lang: 'de-LS', file: de.file, text: de.text });
  return out;
}

export function createEspeakSpeaker(
  makeWorker: () => Worker = () => new Worker(new URL('./espeak.worker.ts', import.meta.url), { type: 'module' }),
  warn: (message: string) => void = (m) => console.warn(m),
): EspeakSpeaker {
  /** Languages with a data-directory voice that has not failed its check. */
  const own = new Set<Language>();
  let worker: Worker | null = null;
  let failed = false;
  let sampleRate = 22050;
  let ctx: AudioContext | null = null;
  let gain: GainNode | null = null;
  let id = 0;
  let nextTime = 0;
  let sources: AudioBufferSourceNode[] = [];
  let finished = false;
  let onEndCurrent: (() => void) | null = null;

  const send = (msg: ToWorker) => worker?.postMessage(msg);

  const end = () => {
    const cb = onEndCurrent;
    onEndCurrent = null;
    cb?.();
  };

  const play = (samples: Int16Array) => {
    if (!ctx || !gain || samples.length === 0) return;
    const buffer = ctx.createBuffer(1, samples.length, sampleRate);
    const ch = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) ch[i] = (samples[i] ?? 0) / 32768;
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(gain);
    const at = Math.max(nextTime, ctx.currentTime + 0.01);
    src.start(at);
    nextTime = at + buffer.duration;
    sources.push(src);
    src.onended = () => {
      sources = sources.filter((s) => s !== src);
      if (finished && sources.length === 0) end();
    };
  };

  const onMessage = (ev: MessageEvent<FromWorker>) => {
    const msg = ev.data;
    if (msg.type === 'ready') sampleRate = msg.sampleRate;
    else if (msg.type === 'voice') {
      if (!msg.ok) {
        own.delete(msg.lang);
        warn(`speech: voices/${msg.file} does not speak ${msg.lang} (${msg.why ?? 'unknown'}); the bundled espeak-ng voice speaks it`);
      }
    } else if (msg.type === 'error') {
      failed = true;
      end();
    } else if (msg.id !== id) return;
    else if (msg.type === 'chunk') play(msg.samples);
    else if (msg.type === 'end') {
      finished = true;
      if (sources.length === 0) end();
    }
  };

  const ensureWorker = () => {
    if (worker || failed) return;
    try {
      worker = makeWorker();
      worker.onmessage = onMessage;
      worker.onerror = () => {
        failed = true;
        end();
      };
    } catch {
      failed = true;
    }
  };

  const silence = () => {
    for (const s of sources) {
      s.onended = null;
      try {
        s.stop();
      } catch {
        /* not started yet */
      }
    }
    sources = [];
    nextTime = 0;
  };

  return {
    preload: ensureWorker,
    useVoices: (voices) => {
      const list = ownVoiceLanguages(voices);
      if (list.length === 0) return;
      ensureWorker();
      if (!worker) return;
      for (const v of list) own.add(v.lang);
      send({ type: 'voices', voices: list });
    },
    hasOwnVoice: (lang) => !failed && own.has(lang),
    hasVoice: () => !failed,
    speak: (text: string, lang: Language, volume: number, onEnd: () => void, opts?: SpeakOptions) => {
      ensureWorker();
      silence();
      end();
      const parts = splitForSpeech(text);
      if (!worker || parts.length === 0) return onEnd();
      // Created (or resumed) inside the tap that asked for speech, so the browser lets it play.
      ctx ??= new AudioContext();
      if (ctx.state === 'suspended') void ctx.resume();
      if (!gain) {
        gain = ctx.createGain();
        gain.connect(ctx.destination);
      }
      // Up to 1.5: the visitor's "Lauter" on top of a configured default of 1 (espeak-ng's peaks stay well below full scale).
      gain.gain.value = Math.min(1.5, Math.max(0, volume));
      id += 1;
      finished = false;
      onEndCurrent = onEnd;
      send({ type: 'speak', id, parts, lang, voice: ESPEAK_VOICES[lang], rate: espeakRate(lang, opts?.rate) });
    },
    stop: () => {
      id += 1;
      send({ type: 'stop', id });
      silence();
      end();
    },
  };
}
