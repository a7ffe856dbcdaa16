import { describe, expect, it } from 'vitest';
import { SIEGBURG_SAMPLE_OFFERS } from '../sample-data';
import { normalizeForSearch, normalizeForSearchReference, searchTokens } from './normalize-text';

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

describe('normalizeForSearch (one-pass) equals the reference definition', () => {
  const same = (text: string) => expect(normalizeForSearch(text), JSON.stringify(text)).toBe(normalizeForSearchReference(text));

  it('for every character of Latin, Greek, Cyrillic, combining marks and punctuation, alone and next to a/e/marks', () => {
    const ranges: [number, number][] = [
      [0x00, 0x52f],
      [0x2000, 0x214f],
      [0xfb00, 0xfb06],
      [0x3380, 0x33ff],
    ];
    for (const [lo, hi] of ranges) {
      for (let c = lo; c <= hi; c++) {
        const ch = String.fromCharCode(c);
        for (const left of ['', 'a', 'O', 'x ', 'ä', '\u0301']) for (const right of ['', 'e', 'E', '\u0323', 'a']) same(left + ch + right);
      }
    }
  });

  it('for mixed texts: umlauts, digraphs across marks, non-Latin scripts, emoji, lone surrogates, long texts', () => {
    for (const t of [
      'Aeoeue AEOEUE aee oee uee',
      'a\u0301e o\u0308e u\u0327e',
      'Straße STRASSE Gießen ẞ',
      'Café – „Treff“ … 10 € ½ ² ㎒',
      'İstanbul Kadın Buluşma',
      'Зустріч مَقْهَى ثَقَافِي Ωμέγα ΣΟΦΟΣ',
      'Garten 🌻 Treff',
      'lone \ud83d surrogate',
      'ﬁt im Alter ﬂ ŉ ĳ ǆ',
      '  ...  ',
      '㎒'.repeat(3000),
      'Märchen erzählen. '.repeat(800),
    ]) {
      same(t);
    }
    for (const o of SIEGBURG_SAMPLE_OFFERS) {
      for (const t of [o.title, o.summary, o.description ?? '', o.easy_read ?? '', o.organisation.name, o.location?.street ?? '']) same(t);
      for (const tr of Object.values(o.translations ?? {})) if (tr) for (const t of [tr.title, tr.summary]) same(t);
    }
  });

  it('for random strings over a mixed alphabet', () => {
    const alphabet = [...'aeouAEOUßẞıİäöüÄÖÜéçş -.,„“–…€½²ﬁ0129', '\u0301', '\u0308', '\u0345', 'й', 'Σ', 'ς', 'ع', '\u064e', '😀'];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let k = 0; k < 20_000; k++) {
      let t = '';
      const len = 1 + Math.floor(next() * 10);
      for (let i = 0; i < len; i++) t += alphabet[Math.floor(next() * alphabet.length)];
      same(t);
    }
  });
});

describe('searchTokens', () => {
  it('splits into unique normalised words', () => {
    expect(searchTokens('Garten  garten Café')).toEqual(['garten', 'cafe']);
    expect(searchTokens(' - ')).toEqual([]);
  });
});
