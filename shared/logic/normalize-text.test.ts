import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchTokens } from './normalize-text';

describe('normalizeForSearch', () => {
  it('folds case and accents', () => {
    expect(normalizeForSearch('Kulturcafé')).toBe('kulturcafe');
    expect(normalizeForSearch('KULTURCAFE')).toBe('kulturcafe');
    expect(normalizeForSearch('Crème Brûlée')).toBe('creme brulee');
  });

  it('folds ß and ss to the same spelling', () => {
    expect(normalizeForSearch('Cecilienstraße')).toBe(normalizeForSearch('Cecilienstrasse'));
    expect(normalizeForSearch('STRASSE')).toBe('strasse');
    expect(normalizeForSearch('Braschoß')).toBe('braschoss');
  });

  it('makes umlauts, their ae/oe/ue spellings and plain vowels meet', () => {
    const forms = ['Märchen', 'Maerchen', 'Marchen', 'MÄRCHEN'].map(normalizeForSearch);
    expect(new Set(forms).size).toBe(1);
    expect(normalizeForSearch('Bürgergemeinschaft')).toBe(normalizeForSearch('Buergergemeinschaft'));
    expect(normalizeForSearch('Öffnungszeiten')).toBe(normalizeForSearch('Oeffnungszeiten'));
    expect(normalizeForSearch('Brückberg')).toBe('bruckberg');
  });

  it('turns punctuation and runs of whitespace into single spaces', () => {
    expect(normalizeForSearch('  Spielmobil „Armin“ –  für alle!  ')).toBe('spielmobil armin fur alle');
    expect(normalizeForSearch('ZWAR-Gruppen')).toBe('zwar gruppen');
    expect(normalizeForSearch('')).toBe('');
    expect(normalizeForSearch('   ...  ')).toBe('');
  });

  it('keeps Turkish text searchable with and without special letters', () => {
    expect(normalizeForSearch('Buluşma')).toBe('bulusma');
    expect(normalizeForSearch('Kadınlar')).toBe(normalizeForSearch('Kadinlar'));
    expect(normalizeForSearch('İstanbul')).toBe('istanbul');
    expect(normalizeForSearch('Çay ve sohbet')).toBe('cay ve sohbet');
  });

  it('keeps Cyrillic letters (Ukrainian) instead of destroying them', () => {
    expect(normalizeForSearch('Зустріч для літніх людей')).toBe('зустріч для літніх людей'.normalize('NFKD').replace(/\p{Mn}/gu, ''));
    expect(normalizeForSearch('Зустріч')).toMatch(/^[\p{Script=Cyrillic}]+$/u);
    expect(normalizeForSearch('ЙОГА')).toBe(normalizeForSearch('йога'));
  });

  it('keeps Arabic letters and drops only short-vowel marks', () => {
    const plain = 'مقهى ثقافي';
    expect(normalizeForSearch(plain)).toBe(plain);
    expect(normalizeForSearch('مَقْهَى ثَقَافِي')).toBe(plain);
  });

  it('unfolds compatibility forms', () => {
    expect(normalizeForSearch('ﬁt im Alter')).toBe('fit im alter');
  });
});

describe('searchTokens', () => {
  it('splits into unique normalised words', () => {
    expect(searchTokens('Garten  garten Café')).toEqual(['garten', 'cafe']);
    expect(searchTokens(' - ')).toEqual([]);
  });
});
