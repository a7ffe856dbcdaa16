import type { KioskHandlers } from '../../../shared/contract';
import type { DataDirVoice } from '../../../shared/contract/speech';
import type { Feature, ServiceDeps } from '../feature';

type SpeechHandlers = Pick<KioskHandlers, 'getSpeechVoices'>;

export interface SpeechAdapters {
  /** Voices beyond the bundled engine (default: the data directory's voice pack, speech-adapters.ts). */
  voices: () => DataDirVoice[];
}

/** Speech (issue 16): tells the renderer which extra voices the kiosk has; the engines themselves run in the renderer. */
export function createSpeechFeature(_deps: ServiceDeps, adapters: SpeechAdapters): Feature<SpeechHandlers> {
  return {
    handlers: {
      async getSpeechVoices() {
        return { voices: adapters.voices() };
      },
    },
  };
}
