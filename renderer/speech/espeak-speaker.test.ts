import { describe, expect, it } from 'vitest';
import type { DataDirVoice } from '../../shared/contract/speech';
import { createPreferringSpeaker, type Speaker } from '../app/speech';
import { createEspeakSpeaker, ownVoiceLanguages } from './espeak-speaker';
import type { FromWorker, ToWorker } from './espeak-protocol';

/** A worker stand-in: records what the speaker sends, and lets the test answer. */
function fakeWorker() {
  const sent: ToWorker[] = [];
  const w = {
    onmessage: null as ((ev: MessageEvent<FromWorker>) => void) | null,
    onerror: null,
    postMessage: (m: ToWorker) => sent.push(m),
  };
  return { sent, worker: w as unknown as Worker, answer: (m: FromWorker) => w.onmessage?.({ data: m } as MessageEvent<FromWorker>) };
}

const voice = (language: DataDirVoice['language'], file: string): DataDirVoice => ({ language, engine: 'espeak-ng', file, text: `language ${language}\n` });

describe('voices from the data directory in the bundled engine', () => {
  it('German speaks Leichte Sprache too, unless Leichte Sprache has its own', () => {
    expect(ownVoiceLanguages([voice('de', 'de.voice')]).map((v) => `${v.lang}:${v.file}`)).toEqual(['de:de.voice', 'de-LS:de.voice']);
    expect(ownVoiceLanguages([voice('de', 'de.voice'), voice('de-LS', 'ls.voice')]).map((v) => `${v.lang}:${v.file}`)).toEqual([
      'de:de.voice',
      'de-LS:ls.voice',
    ]);
  });

  it('hands the files to the worker; one that does not speak is dropped with a warning', () => {
    const f = fakeWorker();
    const warnings: string[] = [];
    const s = createEspeakSpeaker(() => f.worker, (m) => warnings.push(m));
    s.useVoices([voice('de', 'de-siegburg.voice'), voice('uk', 'uk-bad.voice')]);
    expect(f.sent).toEqual([
      {
        type: 'voices',
        voices: [
          { lang: 'de', file: 'de-siegburg.voice', text: 'language de\n' },
          { lang: 'uk', file: 'uk-bad.voice', text: 'language uk\n' },
          { lang: 'de-LS', file: 'de-siegburg.voice', text: 'language de\n' },
        ],
      },
    ]);
    expect(['de', 'de-LS', 'uk', 'en'].map((l) => s.hasOwnVoice(l as 'de'))).toEqual([true, true, true, false]);
    f.answer({ type: 'voice', lang: 'de', file: 'de-siegburg.voice', ok: true });
    f.answer({ type: 'voice', lang: 'uk', file: 'uk-bad.voice', ok: false, why: 'it says nothing (0.01 s of sound)' });
    expect(s.hasOwnVoice('de')).toBe(true);
    expect(s.hasOwnVoice('uk')).toBe(false);
    expect(warnings).toEqual(['speech: voices/uk-bad.voice does not speak uk (it says nothing (0.01 s of sound)); the bundled espeak-ng voice speaks it']);
  });

  it('no voices: nothing is sent, nothing is preferred', () => {
    const f = fakeWorker();
    const s = createEspeakSpeaker(() => f.worker);
    s.useVoices([]);
    expect(f.sent).toEqual([]);
    expect(s.hasOwnVoice('de')).toBe(false);
  });
});

describe('createPreferringSpeaker', () => {
  const recording = (name: string, has: boolean, log: string[]): Speaker => ({
    hasVoice: () => has,
    speak: (_t, lang) => log.push(`${name}:${lang}`),
    stop: () => undefined,
  });

  it('the system voice wins over the bundled one, a town-installed voice wins over the system', () => {
    const log: string[] = [];
    const s = createPreferringSpeaker(recording('system', true, log), recording('bundled', true, log), (lang) => lang === 'de');
    s.speak('x', 'en', 1, () => undefined);
    s.speak('x', 'de', 1, () => undefined);
    expect(log).toEqual(['system:en', 'bundled:de']);
  });
});
