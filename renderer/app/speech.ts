import type { Language } from '../../shared/schemas/kiosk-config';

/** Speech output adapter: the real one uses the Web Speech API; tests may install a fake on window. */
export interface Speaker {
  /** Whether a voice for this language exists on this device. */
  hasVoice(lang: Language): boolean;
  /** Speak; `onEnd` runs when done or stopped. */
  speak(text: string, lang: Language, volume: number, onEnd: () => void): void;
  stop(): void;
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
    speak: (text, lang, volume, onEnd) => {
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
        u.rate = 0.9;
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
