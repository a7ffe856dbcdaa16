import { describe, expect, it } from 'vitest';
import { applyKey, KEYBOARD_LAYOUTS, LANDSCAPE_ROW_KEYS, landscapeRows, layoutForLanguage, NARROW_LANDSCAPE_MAX_WIDTH, NARROW_ROW_KEYS } from './keyboard-layouts';

describe('on-screen keyboard layouts', () => {
  it('German has QWERTZ and ä ö ü ß', () => {
    const keys = KEYBOARD_LAYOUTS.de.rows.flat();
    expect(KEYBOARD_LAYOUTS.de.rows[0]?.slice(0, 6).join('')).toBe('qwertz');
    for (const ch of ['ä', 'ö', 'ü', 'ß']) expect(keys).toContain(ch);
  });

  it('every row fits a 1080 px portrait screen with 72 px keys and 16 px gaps', () => {
    for (const layout of Object.values(KEYBOARD_LAYOUTS)) {
      for (const row of layout.rows) expect(row.length, `${layout.id}: ${row.join(' ')}`).toBeLessThanOrEqual(11);
    }
  });

  it('on a landscape screen every layout has three letter rows with the same keys, none too long', () => {
    for (const layout of Object.values(KEYBOARD_LAYOUTS)) {
      const rows = landscapeRows(layout.rows);
      expect(rows.length, layout.id).toBe(3);
      expect(rows.flat().sort(), layout.id).toEqual(layout.rows.flat().sort());
      for (const row of rows) expect(row.length, `${layout.id}: ${row.join(' ')}`).toBeLessThanOrEqual(LANDSCAPE_ROW_KEYS);
    }
    // the Ukrainian punctuation joins the last row; the Arabic fourth row is spread over the last two
    expect(landscapeRows(KEYBOARD_LAYOUTS.uk.rows)[2]?.slice(-4)).toEqual(["'", ',', '.', '-']);
    expect(landscapeRows(KEYBOARD_LAYOUTS.ar.rows).map((r) => r.length)).toEqual([11, 14, 15]);
    expect(landscapeRows([['a'], ['b'], ['c'], ['d', 'e']], 2)).toEqual([['a'], ['b', 'e'], ['c', 'd']]);
  });

  it('on a narrow landscape screen (1280×800) every row of 72 px keys and 16 px gaps fits the dock, same keys, three rows', () => {
    // the dock is the window minus 2 × 16 px padding; the widest narrow window is NARROW_LANDSCAPE_MAX_WIDTH
    const fits = (keys: number) => keys * 72 + (keys - 1) * 16 <= 1280 - 32;
    expect(fits(NARROW_ROW_KEYS)).toBe(true);
    expect(fits(LANDSCAPE_ROW_KEYS)).toBe(false); // why the narrow screen needs its own count (uk ran 56 px past 1280)
    expect(LANDSCAPE_ROW_KEYS * 72 + (LANDSCAPE_ROW_KEYS - 1) * 16).toBeLessThanOrEqual(NARROW_LANDSCAPE_MAX_WIDTH + 1 - 32);
    for (const layout of Object.values(KEYBOARD_LAYOUTS)) {
      const rows = landscapeRows(layout.rows, NARROW_ROW_KEYS);
      expect(rows.length, layout.id).toBe(3);
      expect(rows.flat().sort(), layout.id).toEqual(layout.rows.flat().sort());
      for (const row of rows) expect(row.length, `${layout.id}: ${row.join(' ')}`).toBeLessThanOrEqual(NARROW_ROW_KEYS);
    }
    expect(landscapeRows(KEYBOARD_LAYOUTS.uk.rows, NARROW_ROW_KEYS).map((r) => r.length)).toEqual([11, 12, 14]);
    expect(landscapeRows(KEYBOARD_LAYOUTS.ar.rows, NARROW_ROW_KEYS).map((r) => r.length)).toEqual([12, 14, 14]);
  });

  it('Turkish, Ukrainian and Arabic have their own letters', () => {
    expect(KEYBOARD_LAYOUTS.tr.rows.flat()).toEqual(expect.arrayContaining(['ı', 'ğ', 'ş', 'ç', 'ö', 'ü', 'i']));
    expect(KEYBOARD_LAYOUTS.uk.rows.flat()).toEqual(expect.arrayContaining(['і', 'ї', 'є', 'ґ']));
    expect(KEYBOARD_LAYOUTS.ar.dir).toBe('rtl');
    expect(KEYBOARD_LAYOUTS.ar.rows.flat()).toEqual(expect.arrayContaining(['ا', 'ب', 'ت', 'ة']));
  });

  it('no key appears twice in a layout', () => {
    for (const layout of Object.values(KEYBOARD_LAYOUTS)) {
      const keys = layout.rows.flat();
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('Leichte Sprache uses the German keyboard', () => {
    expect(layoutForLanguage('de-LS').id).toBe('de');
    expect(layoutForLanguage('ar').id).toBe('ar');
  });

  it('applies keys: characters, space, backspace, clear, max length', () => {
    let v = '';
    for (const c of 'garten') v = applyKey(v, { type: 'char', char: c });
    expect(v).toBe('garten');
    expect(applyKey('', { type: 'space' })).toBe('');
    expect(applyKey('a ', { type: 'space' })).toBe('a ');
    expect(applyKey('ab', { type: 'space' })).toBe('ab ');
    expect(applyKey('ab🙂', { type: 'backspace' })).toBe('ab');
    expect(applyKey('abc', { type: 'clear' })).toBe('');
    expect(applyKey('abc', { type: 'char', char: 'd' }, 3)).toBe('abc');
  });
});
