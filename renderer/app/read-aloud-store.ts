import { create } from 'zustand';
import type { Language } from '../../shared/schemas/kiosk-config';
import { registerReset } from './reset';
import { createWebSpeechSpeaker, type Speaker } from './speech';

declare global {
  interface Window {
    /** Tests (and the Electron preload, if it brings a fallback voice) may provide their own speaker. */
    kioskSpeaker?: Speaker;
  }
}

let speaker: Speaker | null = null;
const getSpeaker = (): Speaker => (speaker ??= window.kioskSpeaker ?? createWebSpeechSpeaker());

interface ReadAloudState {
  speaking: boolean;
  /** Set when the last attempt found no voice for the language (the bar explains it). */
  noVoiceFor: Language | null;
  read(text: string, lang: Language, volume: number): void;
  stop(): void;
  dismissNoVoice(): void;
}

export const useReadAloud = create<ReadAloudState>((set) => ({
  speaking: false,
  noVoiceFor: null,
  read: (text, lang, volume) => {
    const s = getSpeaker();
    if (!s.hasVoice(lang)) {
      set({ noVoiceFor: lang, speaking: false });
      return;
    }
    set({ speaking: true, noVoiceFor: null });
    s.speak(text, lang, volume, () => set({ speaking: false }));
  },
  stop: () => {
    getSpeaker().stop();
    set({ speaking: false });
  },
  dismissNoVoice: () => set({ noVoiceFor: null }),
}));

registerReset(() => {
  useReadAloud.getState().stop();
  useReadAloud.getState().dismissNoVoice();
});
