import type { Language } from '../../shared/schemas/kiosk-config';

export type SpeechRate = 'normal' | 'slow';
export interface SpeakOptions {
  /** The visitor's choice in the text-size dialog; Leichte Sprache is slower on top of it. */
  rate?: SpeechRate;
}

/**
 * Speech output adapter: the system's voices (Web Speech API) first, the bundled espeak-ng engine
 * (renderer/speech/) for languages the system has no voice for; tests may install a fake on window.
 */
export interface Speaker {
  /** Whether a voice for this language exists on this device. */
  hasVoice(lang: Language): boolean;
  /** Speak; `onEnd` runs when done or stopped. */
  speak(text: string, lang: Language, volume: number, onEnd: () => void, opts?: SpeakOptions): void;
  stop(): void;
}

/** Web Speech rate factors: a little slower than the engine's default; Leichte Sprache slower still. */
export function webSpeechRate(lang: Language, rate: SpeechRate = 'normal'): number {
  const r = rate === 'slow' ? 0.75 : 0.9;
  return lang === 'de-LS' ? Math.round(r * 0.8 * 100) / 100 : r;
}

/**
 * The system voice where there is one, the fallback otherwise; `stop` stops both. `fallbackFirst(lang)` says the
 * fallback has a voice the town installed on purpose for that language (a voice file in the data directory,
 * ADR 0012): it then speaks even where the system has a voice.
 */
export function createPreferringSpeaker(system: Speaker, fallback: Speaker, fallbackFirst: (lang: Language) => boolean = () => false): Speaker {
  let active: Speaker | null = null;
  return {
    hasVoice: (lang) => system.hasVoice(lang) || fallback.hasVoice(lang),
    speak: (text, lang, volume, onEnd, opts) => {
      active?.stop();
      active = fallbackFirst(lang) && fallback.hasVoice(lang) ? fallback : system.hasVoice(lang) ? system : fallback;
      active.speak(text, lang, volume, onEnd, opts);
    },
    stop: () => {
      system.stop();
      fallback.stop();
    },
  };
}

/** BCP 47 tags for the speech engine. */
export const SPEECH_TAGS: Record<Language, string> = {
  de: 'de-DE',
  'de-LS': 'de-DE',
  en: 'en-GB',
  tr: 'tr-TR',
  uk: 'uk-UA',
  ar: 'ar',
};

/** Picks a voice whose language matches ours (exact tag first, then the same primary language). */
export function pickVoice<V extends { lang: string }>(voices: readonly V[], lang: Language): V | null {
  const tag = SPEECH_TAGS[lang].toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  const norm = (l: string) => l.toLowerCase().replace('_', '-');
  return voices.find((v) => norm(v.lang) === tag) ?? voices.find((v) => norm(v.lang).split('-')[0] === primary) ?? null;
}

export function createWebSpeechSpeaker(synth: SpeechSynthesis | undefined = window.speechSynthesis): Speaker {
  return {
    hasVoice: (lang) => !!synth && pickVoice(synth.getVoices(), lang) !== null,
    speak: (text, lang, volume, onEnd, opts) => {
      if (!synth) return onEnd();
      synth.cancel();
      const voice = pickVoice(synth.getVoices(), lang);
      // Long texts are split into sentences: some engines stop after ~15 s of one utterance.
      const parts = splitForSpeech(text);
      parts.forEach((part, i) => {
        const u = new SpeechSynthesisUtterance(part);
        u.lang = SPEECH_TAGS[lang];
        if (voice) u.voice = voice;
        u.volume = Math.min(1, Math.max(0, volume));
        u.rate = webSpeechRate(lang, opts?.rate);
        if (i === parts.length - 1) {
          u.onend = onEnd;
          u.onerror = onEnd;
        }
        synth.speak(u);
      });
      if (parts.length === 0) onEnd();
    },
    stop: () => synth?.cancel(),
  };
}

/** Sentences of at most ~200 characters. */
export function splitForSpeech(text: string): string[] {
  const sentences = text.replace(/\s+/g, ' ').trim().match(/[^.!?؟।]+[.!?؟।]*/g) ?? [];
  const out: string[] = [];
  for (const s of sentences) {
    const t = s.trim();
    if (!t) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.length + t.length < 200) out[out.length - 1] = `${last} ${t}`;
    else out.push(t);
  }
  return out;
}

/**
 * The readable text of a screen: the heading first, then the main content in reading order.
 * Skips what is hidden from assistive technology and parts marked `data-read-skip` (the keyboard).
 */
export function readableText(root: HTMLElement): string {
  const parts: string[] = [];
  const heading = root.querySelector('h1')?.textContent?.trim();
  if (heading) parts.push(heading);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      const el = node.parentElement;
      if (!el || el.closest('[aria-hidden="true"], [data-read-skip], h1, script, style')) return NodeFilter.FILTER_REJECT;
      return node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  let lastBlock: Element | null = null;
  let node = walker.nextNode();
  while (node) {
    const block = node.parentElement?.closest('p, li, h2, h3, dt, dd, button, label, div') ?? null;
    const text = node.textContent?.trim() ?? '';
    if (block !== lastBlock && parts.length > 0 && !/[.!?:;,،؟]$/.test(parts[parts.length - 1] ?? '')) parts.push('.');
    parts.push(text);
    lastBlock = block;
    node = walker.nextNode();
  }
  return parts.join(' ').replace(/\s+\./g, '.').slice(0, 6000);
}
