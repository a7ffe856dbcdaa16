import type { Language } from '../../shared/schemas/kiosk-config';

/**
 * Letter rows of the on-screen keyboard per script. At most 11 keys per row, so every key stays
 * ≥ 72 px wide with 16 px gaps even on a 1080 px wide portrait screen.
 */
export interface KeyboardLayout {
  id: 'de' | 'en' | 'tr' | 'uk' | 'ar';
  /** Name of the layout in its own language (shown on the switch key). */
  name: string;
  dir: 'ltr' | 'rtl';
  /** BCP 47 tag for case mapping (Turkish i/İ). */
  locale: string;
  hasCase: boolean;
  rows: string[][];
}

const split = (s: string) => s.split(' ');

export const KEYBOARD_LAYOUTS: Record<KeyboardLayout['id'], KeyboardLayout> = {
  de: {
    id: 'de',
    name: 'Deutsch',
    dir: 'ltr',
    locale: 'de',
    hasCase: true,
    rows: [split('q w e r t z u i o p ü'), split('a s d f g h j k l ö ä'), split('y x c v b n m ß , . -')],
  },
  en: {
    id: 'en',
    name: 'English',
    dir: 'ltr',
    locale: 'en',
    hasCase: true,
    rows: [split('q w e r t y u i o p'), split('a s d f g h j k l'), split("z x c v b n m , . - '")],
  },
  tr: {
    id: 'tr',
    name: 'Türkçe',
    dir: 'ltr',
    locale: 'tr',
    hasCase: true,
    rows: [split('q w e r t y u ı o p ğ'), split('a s d f g h j k l ş i'), split('z x c v b n m ö ç ü .')],
  },
  uk: {
    id: 'uk',
    name: 'Українська',
    dir: 'ltr',
    locale: 'uk',
    hasCase: true,
    rows: [split('й ц у к е н г ш щ з х'), split('ф і в а п р о л д ж є'), split('я ч с м и т ь б ю ї ґ'), split("' , . -")],
  },
  ar: {
    id: 'ar',
    name: 'العربية',
    dir: 'rtl',
    locale: 'ar',
    hasCase: false,
    rows: [split('ض ص ث ق ف غ ع ه خ ح ج'), split('ش س ي ب ل ا ت ن م ك ط'), split('ئ ء ؤ ر ى ة و ز ظ د ذ'), split('أ إ آ لا ، . ؟')],
  },
};

export const DIGIT_ROW = split('1 2 3 4 5 6 7 8 9 0');

/** Keys per row on a landscape screen: 15 × 72 px keys + 14 × 16 px gaps = 1304 px, inside the dock's 1500. */
export const LANDSCAPE_ROW_KEYS = 15;

/**
 * Keys per row on a narrow landscape screen (the 1280×800 panel, dock 1248 px wide inside its padding): 14 × 72 px +
 * 13 × 16 px = 1216 px. Fifteen ran the Ukrainian keyboard 56 px past the window's right edge (issue 15).
 */
export const NARROW_ROW_KEYS = 14;
/** Below this window width a landscape keyboard has rows of `NARROW_ROW_KEYS`. */
export const NARROW_LANDSCAPE_MAX_WIDTH = 1399;

/**
 * The letter rows for a landscape screen: a fourth letter row (Ukrainian punctuation, Arabic alef forms) is spread over
 * the ends of the rows above, in order from the bottom row up, so the keyboard is one row (96 px) lower where height is
 * short (issue 15: at extra large text the text box and counter did not fit above the five-row keyboard).
 */
export function landscapeRows(rows: readonly string[][], maxKeys = LANDSCAPE_ROW_KEYS): string[][] {
  const out = rows.map((r) => [...r]);
  if (out.length <= 3) return out;
  const rest = out.pop()!;
  for (let i = out.length - 1; i >= 0 && rest.length > 0; i--) {
    const row = out[i]!;
    row.push(...rest.splice(0, Math.max(0, maxKeys - row.length)));
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

/** The keyboard that fits a UI language (Leichte Sprache uses German). */
export function layoutForLanguage(lang: Language): KeyboardLayout {
  switch (lang) {
    case 'en':
      return KEYBOARD_LAYOUTS.en;
    case 'tr':
      return KEYBOARD_LAYOUTS.tr;
    case 'uk':
      return KEYBOARD_LAYOUTS.uk;
    case 'ar':
      return KEYBOARD_LAYOUTS.ar;
    default:
      return KEYBOARD_LAYOUTS.de;
  }
}

/** Apply one key to a text (pure, for tests and the component). */
export function applyKey(value: string, key: { type: 'char'; char: string } | { type: 'backspace' } | { type: 'space' } | { type: 'clear' }, maxLength = 200): string {
  switch (key.type) {
    case 'char':
      return [...value].length + [...key.char].length > maxLength ? value : value + key.char;
    case 'space':
      return value.length === 0 || value.endsWith(' ') || [...value].length >= maxLength ? value : value + ' ';
    case 'backspace': {
      const chars = [...value];
      chars.pop();
      return chars.join('');
    }
    case 'clear':
      return '';
  }
}
