import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './normalize-text';
import { stem, wordAlternatives } from './word-forms';

describe('word forms and everyday words', () => {
  it('light stemming for German, English and Turkish', () => {
    expect(stem('singen')).toBe('sing');
    expect(stem('tanzen')).toBe('tanz');
    expect(stem('dancing')).toBe('danc');
    expect(stem(normalizeForSearch('yürüyüşler'))).toBe('yuruyus');
    expect(stem('chor')).toBe('chor'); // too short to cut
  });

  it('everyday words map to offer words in every language', () => {
    expect(wordAlternatives(normalizeForSearch('Fußball'))).toEqual(expect.arrayContaining(['sport', 'bewegung']));
    expect(wordAlternatives('computer')).toEqual(expect.arrayContaining(['digital', 'pc', 'internet']));
    expect(wordAlternatives('kaffee')).toContain('cafe');
    expect(wordAlternatives('coffee')).toContain('cafe');
    expect(wordAlternatives('kahve')).toContain('cafe');
    expect(wordAlternatives(normalizeForSearch('кава'))).toContain('cafe');
    expect(wordAlternatives(normalizeForSearch('قهوة'))).toContain('cafe');
    expect(wordAlternatives('tanzen')).toEqual(expect.arrayContaining(['tanz']));
  });
});
