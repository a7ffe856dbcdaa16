import { describe, expect, it } from 'vitest';
import { buildVocabulary, fuzzyContains, fuzzyWords, fuzzyWordsReference, germanFold, maxEdits, nearestWord, substringDistance, wordDistance } from './fuzzy-match';
import { normalizeForSearch } from './normalize-text';

const n = normalizeForSearch;

describe('fuzzy matching', () => {
  it('edit budget by word length', () => {
    expect([maxEdits('abc'), maxEdits('chor'), maxEdits('schachgr'), maxEdits('кафе')]).toEqual([0, 1, 2, 1]);
  });

  it('German folds: ph/f, c/k/z, y/i, doubled letters', () => {
    expect(germanFold('kaffee')).toBe(germanFold(n('Café')));
    expect(germanFold('fotografie')).toBe(germanFold('photographie'));
    expect(germanFold('zirkel')).toBe(germanFold('cirkel'));
    expect(germanFold('gymnastik')).toBe(germanFold('gimnastik'));
  });

  it('one edit of every kind inside a compound, two for long words', () => {
    const text = n('Die Schachgruppe trifft sich in der Sankt-Anno-Straße');
    for (const typo of ['schachgrupe', 'schachgrupppe', 'schachgruppr', 'schachgurppe', 'strase', 'starsse', 'schachgrpe']) {
      expect(fuzzyContains(text, typo), typo).toBe(true);
    }
    expect(fuzzyContains(text, 'schxchgrxpe')).toBe(true); // 11 letters: two edits
    expect(fuzzyContains(text, 'schxxhgrxpe')).toBe(false); // three
    expect(fuzzyContains(text, 'sant')).toBe(true);
    expect(fuzzyContains(text, 'xyz')).toBe(false);
    expect(fuzzyContains(text, 'tanz')).toBe(false);
  });

  it('works in Cyrillic and Arabic', () => {
    expect(fuzzyContains(n('Розмовне кафе'), n('кафк'))).toBe(true);
    expect(fuzzyContains(n('مقهى الحديث'), n('مقهي'))).toBe(true);
  });

  it('substringDistance agrees with a plain dynamic programme', () => {
    const plain = (p: string, t: string) => {
      let best = p.length;
      for (let a = 0; a <= t.length; a++) for (let b = a; b <= t.length; b++) best = Math.min(best, osa(p, t.slice(a, b)));
      return best;
    };
    let seed = 3;
    const rnd = (k: number) => ((seed = (seed * 16807) % 2147483647) % k);
    for (let r = 0; r < 300; r++) {
      const w = (len: number) => Array.from({ length: len }, () => 'abcd'[rnd(4)]).join('');
      const p = w(1 + rnd(6));
      const t = w(rnd(9));
      const d = plain(p, t);
      expect(substringDistance(p, t, 9), `${p} in ${t}`).toBe(d);
      expect(substringDistance(p, t, 1)).toBe(d <= 1 ? d : 2);
    }
  });

  it('fuzzyWords: words containing the typo within budget, not the exact ones', () => {
    const vocab = buildVocabulary([n('Schachgruppe Schach Strassenfest Kulturcafe'), n('Gartenfreunde Karten')]);
    expect(fuzzyWords(vocab, 'schachgrupe')).toEqual(['schachgruppe']);
    expect(fuzzyWords(vocab, 'kaffee')).toEqual(['kulturcafe']);
    expect(fuzzyWords(vocab, 'garten')).toEqual(['karten']);
  });

  it('fuzzyWords (bit-parallel scan, incremental while typing) gives what the plain scan gives, keystroke by keystroke', () => {
    let seed = 11;
    const rnd = (k: number) => ((seed = (seed * 16807) % 2147483647) % k);
    // few letters (many near words), German fold triggers (c/k/ph/y/doubles), Cyrillic; words up to 40 letters
    const alphabets = ['abcehkpy', 'aeinrst', 'абвгдеж'];
    for (let round = 0; round < 12; round++) {
      const letters = alphabets[round % alphabets.length]!;
      const word = (len: number) => Array.from({ length: len }, () => letters[rnd(letters.length)]).join('');
      const texts = Array.from({ length: 60 }, () => Array.from({ length: 1 + rnd(6) }, () => word(3 + rnd(round === 11 ? 40 : 12))).join(' '));
      const vocab = buildVocabulary(texts);
      for (let t = 0; t < 8; t++) {
        const typed = word(4 + rnd(round === 11 ? 36 : 9));
        for (let i = 1; i <= typed.length; i++) {
          const prefix = typed.slice(0, i);
          expect(fuzzyWords(vocab, prefix, 1000), prefix).toEqual(fuzzyWordsReference(vocab, prefix, 1000));
        }
        // and out of typing order (no earlier lookup is a prefix)
        expect(fuzzyWords(vocab, typed.slice(1))).toEqual(fuzzyWordsReference(vocab, typed.slice(1)));
      }
    }
  });

  it('fuzzyWords in Arabic and with a budget that grows while typing', () => {
    const vocab = buildVocabulary([n('مقهى الحديث للجميع'), n('Schachgruppe Schachtreff Schachturnier Gartenfreunde')]);
    expect(fuzzyWords(vocab, n('مقهي'))).toEqual(['مقهى']);
    const seen = [...'schachtrxff'].map((_, i, a) => fuzzyWords(vocab, a.slice(0, i + 1).join('')));
    expect(seen[7]).toEqual(['schachgruppe', 'schachturnier']); // "schachtr": 8 letters, two edits; schachtreff has it exactly
    expect(seen[10]).toEqual(['schachtreff']);
  });

  it('a word of one repeated letter is one letter after folding: no edits, so it finds nothing', () => {
    const vocab = buildVocabulary([n('Schachgruppe Quiz Kulturcafe')]);
    expect(fuzzyWords(vocab, 'qqqqqqqq')).toEqual([]);
    expect(fuzzyContains(n('Quiz am Abend'), 'qqqqqqqq')).toBe(false);
  });

  it('wordDistance agrees with a plain dynamic programme within its limit', () => {
    const words = ['schach', 'schachtreff', 'garten', 'karten', 'kafe', 'kulturkafe', 'tanz', 'tnaz', 'кава', 'قهوة'];
    for (const a of words) for (const b of words) expect(wordDistance(a, b, 3)).toBe(Math.min(4, osa(a, b)));
  });

  it('nearestWord ("Meinten Sie …?"): the nearest whole word with a wider budget, none for real or far words', () => {
    const vocab = buildVocabulary([n('Schachtreff Schach Gartenfreunde Kulturcafe Seniorentanz'), n('Кава і розмова')]);
    expect(nearestWord(vocab, 'schachtrbcd')).toBe('schachtreff'); // three edits
    expect(nearestWord(vocab, 'gartenfrxxnde')).toBe('gartenfreunde');
    expect(nearestWord(vocab, 'кавв')).toBe('кава');
    expect(nearestWord(vocab, 'schach')).toBeNull(); // a real word
    expect(nearestWord(vocab, 'xylophon')).toBeNull();
    expect(nearestWord(vocab, 'ab')).toBeNull();
  });
});

function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
