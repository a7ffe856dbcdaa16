/** Messages between the page and the speech worker (espeak.worker.ts). */

/** The espeak-ng voices the kiosk uses, by our language codes (Leichte Sprache: German, spoken slower). */
export const ESPEAK_VOICES = { de: 'de', 'de-LS': 'de', en: 'en-gb', tr: 'tr', uk: 'uk', ar: 'ar' } as const;

export type ToWorker =
  /** Speak these sentences one after the other; `rate` in words per minute. */
  | { type: 'speak'; id: number; parts: string[]; voice: string; rate: number }
  | { type: 'stop'; id: number };

export type FromWorker =
  | { type: 'ready'; sampleRate: number }
  | { type: 'error'; message: string }
  /** 16-bit mono samples at `sampleRate`, in order; the first arrives as soon as the engine has it. */
  | { type: 'chunk'; id: number; samples: Int16Array }
  | { type: 'end'; id: number };
