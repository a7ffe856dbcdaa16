/** Messages between the page and the speech worker (espeak.worker.ts). */
import type { Language } from '../../shared/schemas/kiosk-config';

/** The espeak-ng voices the kiosk uses, by our language codes (Leichte Sprache: German, spoken slower). */
export const ESPEAK_VOICES = { de: 'de', 'de-LS': 'de', en: 'en-gb', tr: 'tr', uk: 'uk', ar: 'ar' } as const;

/** A short sentence per language: a voice from the data directory must speak it before the kiosk uses that voice. */
export const VOICE_PROBES: Record<Language, string> = {
  de: 'Guten Tag.',
  'de-LS': 'Guten Tag.',
  en: 'Good morning.',
  tr: 'Günaydın.',
  uk: 'Доброго дня.',
  ar: 'صباح الخير.',
};

/** Where the worker puts voice files from the data directory inside the engine's file system (voices/kiosk/<file>). */
export const OWN_VOICE_PREFIX = 'kiosk/';

export type ToWorker =
  /** Speak these sentences one after the other; `rate` in words per minute. `voice` is the bundled voice for `lang`. */
  | { type: 'speak'; id: number; parts: string[]; lang: Language; voice: string; rate: number }
  | { type: 'stop'; id: number }
  /** Voice files from the data directory (espeak-ng voice definitions): each is tried, then used for its language. */
  | { type: 'voices'; voices: { lang: Language; file: string; text: string }[] };

export type FromWorker =
  | { type: 'ready'; sampleRate: number }
  | { type: 'error'; message: string }
  /** Whether a data-directory voice speaks; if not, the bundled voice speaks its language and `why` says why. */
  | { type: 'voice'; lang: Language; file: string; ok: boolean; why?: string }
  /** An utterance begins, in this engine voice. */
  | { type: 'start'; id: number; voice: string }
  /** 16-bit mono samples at `sampleRate`, in order; the first arrives as soon as the engine has it. */
  | { type: 'chunk'; id: number; samples: Int16Array }
  | { type: 'end'; id: number };
