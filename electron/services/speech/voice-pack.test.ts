import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Log } from '../log';
import { espeakVoiceProblem, loadVoicePack } from './voice-pack';

const GOOD = '// Siegburg test voice\nname Siegburg\nlanguage de\ngender female\npitch 120 180\nformant 0 100 100 100\nspeed 95\n';

let dir: string;
let lines: string[];
const log: Log = {
  info: (m) => lines.push(`info ${m}`),
  warn: (m) => lines.push(`warn ${m}`),
  error: (m) => lines.push(`error ${m}`),
};
const put = (name: string, content: string | Buffer) => writeFileSync(join(dir, 'voices', name), content);
const manifest = (voices: unknown[]) => put('voices.json', JSON.stringify({ voices }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'voice-pack-'));
  mkdirSync(join(dir, 'voices'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadVoicePack (voices/voices.json in the data directory)', () => {
  it('no manifest: no voices and nothing logged', () => {
    rmSync(join(dir, 'voices'), { recursive: true });
    expect(loadVoicePack(dir, log)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('a listed espeak-ng voice file is offered with its text, and says so in the log', () => {
    put('de-siegburg.voice', GOOD);
    manifest([{ language: 'de', engine: 'espeak-ng', file: 'de-siegburg.voice' }]);
    expect(loadVoicePack(dir, log)).toEqual([{ language: 'de', engine: 'espeak-ng', file: 'de-siegburg.voice', text: GOOD }]);
    expect(lines).toEqual(['info speech: voices/de-siegburg.voice speaks de and de-LS (instead of the bundled voice)']);
  });

  it('a broken file is left out with one log line naming it and the voice that speaks instead; the good one stays', () => {
    put('de-broken.voice', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x41]));
    put('en-typo.voice', 'name Typo\nlanguage en\npitchh 100 200\n');
    put('tr-ok.voice', 'name Ok\nlanguage tr\n');
    manifest([
      { language: 'de', engine: 'espeak-ng', file: 'de-broken.voice' },
      { language: 'en', engine: 'espeak-ng', file: 'en-typo.voice' },
      { language: 'uk', engine: 'espeak-ng', file: 'missing.voice' },
      { language: 'tr', engine: 'espeak-ng', file: 'tr-ok.voice' },
    ]);
    expect(loadVoicePack(dir, log).map((v) => v.file)).toEqual(['tr-ok.voice']);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn speech: voices/de-broken.voice ignored: it is not a text file; the bundled espeak-ng voice speaks de',
      'warn speech: voices/en-typo.voice ignored: line 3: "pitchh" is not an espeak-ng voice keyword; the bundled espeak-ng voice speaks en',
      'warn speech: voices/missing.voice ignored: no such file; the bundled espeak-ng voice speaks uk',
    ]);
  });

  it('too big, MBROLA, a second voice for the same language: left out with a reason', () => {
    put('big.voice', `language de\n${'// x\n'.repeat(8000)}`);
    put('mb.voice', 'name mb\nlanguage de\nmbrola de6\n');
    put('a.voice', 'language ar\n');
    put('b.voice', 'language ar\n');
    manifest([
      { language: 'de', engine: 'espeak-ng', file: 'big.voice' },
      { language: 'de-LS', engine: 'espeak-ng', file: 'mb.voice' },
      { language: 'ar', engine: 'espeak-ng', file: 'a.voice' },
      { language: 'ar', engine: 'espeak-ng', file: 'b.voice' },
    ]);
    expect(loadVoicePack(dir, log).map((v) => v.file)).toEqual(['a.voice']);
    const warns = lines.filter((l) => l.startsWith('warn')).join('\n');
    expect(warns).toContain('voices/big.voice ignored: 40012 bytes, more than 32768');
    expect(warns).toContain('voices/mb.voice ignored: line 3: MBROLA voices need the MBROLA synthesiser');
    expect(warns).toContain('voices/b.voice ignored: voices/voices.json lists a voice for ar already');
  });

  it('a broken manifest (not JSON, unknown engine, a path instead of a file name) means no voices, with one log line', () => {
    put('voices.json', '{ "voices": [');
    expect(loadVoicePack(dir, log)).toEqual([]);
    manifest([{ language: 'de', engine: 'piper', file: 'de.onnx' }]);
    expect(loadVoicePack(dir, log)).toEqual([]);
    manifest([{ language: 'de', engine: 'espeak-ng', file: '../kiosk.json' }]);
    expect(loadVoicePack(dir, log)).toEqual([]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^warn speech: voices\/voices.json is not valid JSON .*; the bundled voices speak$/);
    expect(lines[1]).toMatch(/^warn speech: voices\/voices.json is not a voice list \(voices\.0\.engine: .*\); the bundled voices speak$/);
    expect(lines[2]).toMatch(/^warn speech: voices\/voices.json is not a voice list \(voices\.0\.file: .*\)/);
  });
});

describe('espeakVoiceProblem', () => {
  it('accepts comments and blank lines, needs a language line', () => {
    expect(espeakVoiceProblem(GOOD)).toBeNull();
    expect(espeakVoiceProblem('name x\r\n\r\n  // only a name\r\n')).toBe('it has no "language" line');
  });
});
