import { describe, expect, it } from 'vitest';
import { pickVoice, splitForSpeech, SPEECH_TAGS } from './speech';

describe('read aloud voices', () => {
  const voices = [{ lang: 'en-US' }, { lang: 'de_DE' }, { lang: 'tr-TR' }, { lang: 'ar-EG' }];

  it('finds a voice for the language (exact tag, underscores, or the same primary language)', () => {
    expect(pickVoice(voices, 'de')).toEqual({ lang: 'de_DE' });
    expect(pickVoice(voices, 'de-LS')).toEqual({ lang: 'de_DE' });
    expect(pickVoice(voices, 'en')).toEqual({ lang: 'en-US' });
    expect(pickVoice(voices, 'ar')).toEqual({ lang: 'ar-EG' });
  });

  it('says when there is no voice (the button then explains it)', () => {
    expect(pickVoice(voices, 'uk')).toBeNull();
    expect(pickVoice([], 'de')).toBeNull();
  });

  it('speaks Leichte Sprache with a German voice', () => {
    expect(SPEECH_TAGS['de-LS']).toBe('de-DE');
  });

  it('splits long texts into sentence groups of at most ~200 characters', () => {
    const text = Array.from({ length: 12 }, (_, i) => `Das ist Satz Nummer ${i + 1} mit etwas Inhalt.`).join(' ');
    const parts = splitForSpeech(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThan(260);
    expect(parts.join(' ')).toBe(text);
    expect(splitForSpeech('   ')).toEqual([]);
    expect(splitForSpeech('مرحبا؟ كيف حالك.')).toEqual(['مرحبا؟ كيف حالك.']);
  });
});
