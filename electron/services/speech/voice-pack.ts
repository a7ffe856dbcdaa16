/**
 * Better voices without code changes (ADR 0012): a town puts voice files into `voices/` in the kiosk's data
 * directory and lists them in `voices/voices.json`:
 *
 *   { "voices": [ { "language": "de", "engine": "espeak-ng", "file": "de-siegburg.voice" } ] }
 *
 * Each entry is checked here; anything wrong (no such file, too big, not text, an unknown keyword) is left out with
 * one log line that says what is wrong and which voice speaks instead, so a broken file never silences the kiosk.
 * The renderer's engine checks once more that the voice really speaks (renderer/speech/espeak.worker.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { dataDirVoiceSchema, MAX_VOICE_FILE_BYTES, type DataDirVoice } from '../../../shared/contract/speech';
import { languageSchema } from '../../../shared/schemas/kiosk-config';
import type { Log } from '../log';

export const VOICES_DIR = 'voices';
export const VOICES_MANIFEST = 'voices.json';

const manifestSchema = z.strictObject({
  voices: z
    .array(
      z.strictObject({
        language: languageSchema,
        engine: z.literal('espeak-ng'),
        file: dataDirVoiceSchema.shape.file,
      }),
    )
    .max(12),
});

/**
 * Keywords of an espeak-ng voice file (espeak-ng docs/voices.md) the bundled engine understands. `mbrola` is not
 * among them: the bundled build has no MBROLA synthesiser.
 */
const ESPEAK_KEYWORDS = new Set([
  'name', 'language', 'gender', 'maintainer', 'status', 'variants',
  'translator', 'phonemes', 'dictionary', 'dictrules', 'dictdialect', 'replace', 'alphabet2', 'apostrophe',
  'brackets', 'bracketsAnnounced', 'words', 'numbers', 'option', 'stressLength', 'stressAmp', 'stressAdd',
  'stressRule', 'stressopt', 'intonation', 'tunes', 'formant', 'pitch', 'echo', 'tone', 'flutter', 'roughness',
  'voicing', 'consonants', 'breath', 'breathw', 'speed', 'klatt',
]);

/** Why an espeak-ng voice file cannot be used, or null when it looks like one. */
export function espeakVoiceProblem(text: string): string | null {
  if (text.includes('\u0000') || text.includes('\uFFFD')) return 'it is not a text file';
  let language = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const keyword = line.split(/\s+/)[0] ?? '';
    if (keyword === 'mbrola') return `line ${i + 1}: MBROLA voices need the MBROLA synthesiser, which the bundled engine does not have`;
    if (!ESPEAK_KEYWORDS.has(keyword)) return `line ${i + 1}: "${keyword.slice(0, 30)}" is not an espeak-ng voice keyword`;
    if (keyword === 'language') language = true;
  }
  return language ? null : 'it has no "language" line';
}

/**
 * Reads `voices/voices.json` and the files it lists. No manifest: no voices (the bundled engine and the system speak),
 * nothing logged. Read on every call, so a voice added while the kiosk runs speaks after the next reload.
 */
export function loadVoicePack(dataDir: string, log: Log): DataDirVoice[] {
  const dir = join(dataDir, VOICES_DIR);
  const manifestPath = join(dir, VOICES_MANIFEST);
  const where = `${VOICES_DIR}/${VOICES_MANIFEST}`;
  let raw: string;
  try {
    raw = readFileSync(manifestPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    log.warn(`speech: ${where} cannot be read (${(err as Error).message}); the bundled voices speak`, { code: 'voice_pack' });
    return [];
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    log.warn(`speech: ${where} is not valid JSON (${(err as Error).message}); the bundled voices speak`, { code: 'voice_pack' });
    return [];
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.join('.') || '(top)';
    log.warn(`speech: ${where} is not a voice list (${at}: ${issue?.message ?? 'invalid'}); the bundled voices speak`, { code: 'voice_pack' });
    return [];
  }
  const voices: DataDirVoice[] = [];
  for (const entry of parsed.data.voices) {
    const rel = `${VOICES_DIR}/${entry.file}`;
    const instead = `the bundled espeak-ng voice speaks ${entry.language}`;
    if (voices.some((v) => v.language === entry.language)) {
      log.warn(`speech: ${rel} ignored: ${where} lists a voice for ${entry.language} already`, { code: 'voice_pack' });
      continue;
    }
    let text: string;
    try {
      const size = statSync(join(dir, entry.file)).size;
      if (size > MAX_VOICE_FILE_BYTES) {
        log.warn(`speech: ${rel} ignored: ${size} bytes, more than ${MAX_VOICE_FILE_BYTES}; ${instead}`, { code: 'voice_pack' });
        continue;
      }
      text = readFileSync(join(dir, entry.file), 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
      log.warn(`speech: ${rel} ignored: ${why}; ${instead}`, { code: 'voice_pack' });
      continue;
    }
    const problem = espeakVoiceProblem(text);
    if (problem) {
      log.warn(`speech: ${rel} ignored: ${problem}; ${instead}`, { code: 'voice_pack' });
      continue;
    }
    voices.push({ language: entry.language, engine: entry.engine, file: entry.file, text });
    log.info(`speech: ${rel} speaks ${entry.language}${entry.language === 'de' ? ' and de-LS' : ''} (instead of the bundled voice)`);
  }
  return voices;
}
