/**
 * Code page 858 (DOS Latin-1 with €), selected on the printer with ESC t 19.
 * It holds every German letter (ä ö ü Ä Ö Ü ß), € and most Western European accents;
 * text is folded to it before layout so nothing turns into "?" unexpectedly.
 */

/** Code page 858, bytes 0x80–0xFF. */
export const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
  'áíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
  '\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';

const PRINTABLE = new Set<string>([...CP858_HIGH]);
for (let c = 0x20; c < 0x7f; c++) PRINTABLE.add(String.fromCharCode(c));

/** Characters the code page lacks, mapped to readable stand-ins. */
const REPLACEMENTS: Record<string, string> = {
  '„': '"', '“': '"', '”': '"', '‟': '"', '«': '«', '»': '»',
  '‚': "'", '‘': "'", '’': "'", '‛': "'", '′': "'", '″': '"',
  '–': '-', '—': '-', '‑': '-', '‒': '-', '−': '-', '―': '-',
  '…': '...', '•': '·', '‣': '·', '→': '->', '←': '<-', '✓': 'x',
  '\u00A0': ' ', '\u202F': ' ', '\u2009': ' ', '\u2007': ' ', '\u200B': '', '\u00AD': '',
  // Turkish letters CP858 lacks (ç, ö, ü it has)
  'ş': 's', 'Ş': 'S', 'ğ': 'g', 'Ğ': 'G', 'ı': 'i', 'İ': 'I',
  // Polish, Czech and friends: fall back via NFD below; these have no decomposition
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'œ': 'oe', 'Œ': 'OE',
  '€': '€', '½': '½', '¼': '¼', '¾': '¾', '‰': '%o', '™': '(TM)',
};

/** True when every character of `text` can be printed with code page 858 as is. */
export function isCp858Printable(text: string): boolean {
  for (const ch of text) if (!PRINTABLE.has(ch)) return false;
  return true;
}

/**
 * Fold text to what code page 858 can print: typographic quotes and dashes to plain ones,
 * Turkish ş/ğ/ı to s/g/i, other accented letters to their base letter, anything else to "?".
 * Line breaks and tabs become spaces (a slip line is built by the layout, not by the data).
 */
export function toCp858Text(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    if (PRINTABLE.has(ch) && ch !== '\u00AD' && ch !== '\u00A0') {
      out += ch;
      continue;
    }
    const mapped = REPLACEMENTS[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    if (base && [...base].every((c) => PRINTABLE.has(c))) {
      out += base;
      continue;
    }
    // Emoji and pictographs add nothing on paper; other scripts cannot be printed with this code page.
    if (/\p{Extended_Pictographic}|[\uFE0F\u200D]/u.test(ch)) continue;
    out += '?';
  }
  return out;
}

/** Share of letters in `text` that code page 858 cannot print even after folding (0 = all printable). */
export function unprintableShare(text: string): number {
  const letters = [...text].filter((c) => /\p{L}/u.test(c));
  if (letters.length === 0) return 0;
  const bad = letters.filter((c) => toCp858Text(c) === '?').length;
  return bad / letters.length;
}
