import { create } from 'zustand';
import type { Language } from '../../shared/schemas/kiosk-config';
import { api } from '../api/kiosk-api';
import { createEspeakSpeaker, type EspeakSpeaker } from '../speech/espeak-speaker';
import { registerReset } from './reset';
import { createPreferringSpeaker, createWebSpeechSpeaker, type Speaker, type SpeechRate } from './speech';

declare global {
  interface Window {
    /** Tests (and the Electron preload, if it brings a fallback voice) may provide their own speaker. */
    kioskSpeaker?: Speaker;
  }
}

let speaker: Speaker | null = null;
let readSeq = 0;
let bundled: EspeakSpeaker | null = null;
const getSpeaker = (): Speaker => {
  if (speaker) return speaker;
  if (window.kioskSpeaker) return (speaker = window.kioskSpeaker);
  const engine = createEspeakSpeaker();
  bundled = engine;
  // A voice the town put into the data directory speaks its language even where the system has a voice (ADR 0012).
  speaker = createPreferringSpeaker(createWebSpeechSpeaker(), engine, (lang) => engine.hasOwnVoice(lang));
  return speaker;
};

/**
 * Loads the bundled engine in the background shortly after start, so the first "Vorlesen" speaks at once, and hands
 * it the voice files from the kiosk's data directory (none: the bundled voices speak).
 */
export function preloadSpeech(): void {
  if (window.kioskSpeaker || typeof Worker === 'undefined') return;
  getSpeaker();
  bundled?.preload();
  api.getSpeechVoices({}).then(
    ({ voices }) => bundled?.useVoices(voices),
    () => undefined, // an older main side without the call: the bundled voices speak
  );
}

/** The visitor's volume choice (text-size dialog), a factor on the configured `speechVolume`; back to normal after each visitor. */
export type VolumeChoice = 'quiet' | 'normal' | 'loud';
export const VOLUME_FACTOR: Record<VolumeChoice, number> = { quiet: 0.6, normal: 1, loud: 1.5 };

interface ReadAloudState {
  speaking: boolean;
  /** Set when the last attempt found no voice for the language (the bar explains it). */
  noVoiceFor: Language | null;
  /** Speech rate chosen in the text-size dialog; back to normal after each visitor. */
  rate: SpeechRate;
  /** Volume chosen in the text-size dialog; back to normal (the configured default) after each visitor. */
  volume: VolumeChoice;
  /** "Sprachmodus" (explore by touch): the first tap on a control speaks it, a second tap activates it. */
  explore: boolean;
  /** The last text read, for "Noch einmal" (repeat). */
  lastText: string | null;
  /** Reads `text`; `volume` is the configured default, the visitor's choice is applied on top. */
  read(text: string, lang: Language, volume: number): void;
  /** Reads the last text again. */
  repeat(lang: Language, volume: number): void;
  stop(): void;
  setRate(rate: SpeechRate): void;
  setVolume(volume: VolumeChoice): void;
  setExplore(on: boolean): void;
  dismissNoVoice(): void;
}

export const useReadAloud = create<ReadAloudState>((set, get) => ({
  speaking: false,
  noVoiceFor: null,
  rate: 'normal',
  volume: 'normal',
  explore: false,
  lastText: null,
  read: (text, lang, volume) => {
    const s = getSpeaker();
    if (!s.hasVoice(lang)) {
      set({ noVoiceFor: lang, speaking: false });
      return;
    }
    set({ speaking: true, noVoiceFor: null, lastText: text });
    // Only the latest reading may clear `speaking`: a stopped one ends (and calls back) after the next has begun.
    const seq = ++readSeq;
    s.speak(text, lang, volume * VOLUME_FACTOR[get().volume], () => seq === readSeq && set({ speaking: false }), { rate: get().rate });
  },
  repeat: (lang, volume) => {
    const text = get().lastText;
    if (text) get().read(text, lang, volume);
  },
  stop: () => {
    getSpeaker().stop();
    set({ speaking: false });
  },
  setRate: (rate) => set({ rate }),
  setVolume: (volume) => set({ volume }),
  setExplore: (explore) => set({ explore }),
  dismissNoVoice: () => set({ noVoiceFor: null }),
}));

registerReset(() => {
  useReadAloud.getState().stop();
  useReadAloud.setState({ rate: 'normal', volume: 'normal', explore: false, lastText: null, noVoiceFor: null });
});
