import type { ServiceDeps } from '../feature';
import type { SpeechAdapters } from './speech-feature';
import { loadVoicePack } from './voice-pack';

/** The real adapters: voice files from the data directory's `voices/voices.json`. */
export function defaultSpeechAdapters(deps: Pick<ServiceDeps, 'dataDir' | 'log'>): SpeechAdapters {
  return { voices: () => loadVoicePack(deps.dataDir, deps.log) };
}
