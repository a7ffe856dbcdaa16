import { create } from 'zustand';
import type { Language } from '../../shared/schemas/kiosk-config';
import { createEspeakSpeaker } from '../speech/espeak-speaker';
import { registerReset } from './reset';
import { createPreferringSpeaker, createWebSpeechSpeaker, type Speaker, type SpeechRate } from './speech';

declare global {
  interface Window {
    /** Tests (and the Electron preload, if it brings a fallback voice) may provide their own speaker. */
    kioskSpeaker?: Speaker;
  }
}

let speaker: Speaker | null = null;
let bundledPreload: (() => void) | null = null;
const getSpeaker = (): Speaker => {
  if (speaker) return speaker;
  if (window.kioskSpeaker) return (speaker = window.kioskSpeaker);
  const bundled = createEspeakSpeaker();
  bundledPreload = bundled.preload;
  speaker = createPreferringSpeaker(createWebSpeechSpeaker(), bundled);
  return speaker;
};

/** Loads the bundled engine in the background shortly after start, so the first "Vorlesen" speaks at once. */
export function preloadSpeech(): void {
  if (window.kioskSpeaker || typeof Worker === 'undefined') return;
  getSpeaker();
  bundledPreload?.();
}

interface ReadAloudState {
  speaking: boolean;
  /** Set when the last attempt found no voice for the language (the bar explains it). */
  noVoiceFor: Language | null;
  /** Speech rate chosen in the text-size dialog; back to normal after each visitor. */
  rate: SpeechRate;
  /** The last text read, for "Noch einmal" (repeat). */
  lastText: string | null;
  read(text: string, lang: Language, volume: number): void;
  stop(): void;
  setRate(rate: SpeechRate): void;
  dismissNoVoice(): void;
}

export const useReadAloud = create<ReadAloudState>((set, get) => ({
  speaking: false,
  noVoiceFor: null,
  rate: 'normal',
  lastText: null,
  read: (text, lang, volume) => {
    const s = getSpeaker();
    if (!s.hasVoice(lang)) {
      set({ noVoiceFor: lang, speaking: false });
      return;
    }
    set({ speaking: true, noVoiceFor: null, lastText: text });
    s.speak(text, lang, volume, () => set({ speaking: false }), { rate: get().rate });
  },
  stop: () => {
    getSpeaker().stop();
    set({ speaking: false });
  },
  setRate: (rate) => set({ rate }),
  dismissNoVoice: () => set({ noVoiceFor: null }),
}));

registerReset(() => {
  useReadAloud.getState().stop();
  useReadAloud.setState({ rate: 'normal', lastText: null, noVoiceFor: null });
});
