import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './normalize-text';
import { setExtraSynonyms, stem, taxonomySynonyms, wordAlternatives, wordInterests } from './word-forms';

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

  it('everyday words stand for interests too, in every language', () => {
    expect(wordInterests(normalizeForSearch('Fußball'))).toContain('bewegung');
    expect(wordInterests('kahve')).toEqual(expect.arrayContaining(['essen', 'treffen']));
    expect(wordInterests(normalizeForSearch('шахи'))).toContain('spielen');
    expect(wordInterests(normalizeForSearch('حديقة'))).toContain('natur');
    expect(wordInterests('xylophon')).toEqual([]);
  });

  it('the taxonomy extends the list: interest labels and staff search words stand for their interest', () => {
    try {
      setExtraSynonyms(taxonomySynonyms([{ id: 'natur', label: { de: 'Natur & Garten', en: 'Nature & gardening' }, search_words: { de: ['Blumen'], tr: ['çiçek'] } }]));
      expect(wordInterests('blumen')).toEqual(['natur']);
      expect(wordInterests(normalizeForSearch('çiçek'))).toEqual(['natur']);
      expect(wordInterests('nature')).toEqual(['natur']);
      expect(wordInterests('fussball')).toContain('bewegung'); // the curated list stays
    } finally {
      setExtraSynonyms([]);
    }
    expect(wordInterests('blumen')).toEqual([]);
  });
});
