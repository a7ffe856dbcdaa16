import { z } from 'zod';
import { method } from './define';
import { languageSchema } from '../schemas/kiosk-config';

/** Largest voice file the kiosk reads from its data directory (espeak-ng voice files are a few hundred bytes). */
export const MAX_VOICE_FILE_BYTES = 32 * 1024;

/**
 * A voice a town put into the kiosk's data directory (`voices/voices.json`, see docs/kiosk-config.md and ADR 0012),
 * already checked by the main side. It is preferred over the bundled espeak-ng voice and over a system voice for its
 * language (German also speaks Leichte Sprache). `engine` names what plays it; only espeak-ng voice files so far.
 */
export const dataDirVoiceSchema = z.object({
  language: languageSchema,
  engine: z.literal('espeak-ng'),
  /** The file name in `voices/` (also the voice's name in the engine). */
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  /** The espeak-ng voice definition (text). */
  text: z.string().max(MAX_VOICE_FILE_BYTES),
});
export type DataDirVoice = z.infer<typeof dataDirVoiceSchema>;

/** Calls of this feature; see shared/contract/index.ts. Owned by the speech feature (electron/services/speech). */
export const speechContract = {
  getSpeechVoices: method(z.object({}).default({}), z.object({ voices: z.array(dataDirVoiceSchema) })),
};
