import type receiptlineModule from 'receiptline';
import { lazyModule } from '../lazy-module';
import { toCp858Text } from './cp858-text';

/** Loaded at the first slip, not at start (most kiosk starts print nothing for a while; some kiosks have no printer). */
const receiptline = lazyModule<typeof receiptlineModule>('receiptline');

/**
 * A slip as a short list of blocks, rendered twice from the same source:
 * to ESC/POS commands with receiptline (for the printer) and to plain lines (for the on-screen preview).
 */
export type SlipBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'label'; text: string }
  | { kind: 'marker'; text: string }
  | { kind: 'rule' }
  | { kind: 'space' }
  | { kind: 'qr'; data: string }
  | { kind: 'small'; text: string };

export interface SlipRenderOptions {
  charsPerLine: 42 | 48;
}

/** Escapes the characters receiptline treats as markup in text. */
function escapeText(text: string): string {
  return text.replace(/[\\|{}\-=~_"`^]/g, (c) => `\\${c}`);
}

/** Escapes the characters receiptline treats as markup in property values. */
function escapeProperty(text: string): string {
  return text.replace(/[\\|{};]/g, (c) => `\\${c}`);
}

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > width) {
      // a word longer than the line (e.g. a long address or URL): break it hard
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Bytes a QR code of version 4 (33 x 33 modules) holds in byte mode at error correction M and L. */
export const QR_V4_BYTES = { m: 62, l: 78 } as const;

/**
 * Module size (printer dots) and error correction of a printed QR code. A short address (an offer's public page,
 * issue 17) fits version 4 or smaller: level M when it fits, L otherwise, and 8-dot modules (1 mm at 203 dpi, a
 * code of about 33 mm, read from about 30 cm). Longer texts keep today's 6-dot modules at level M.
 */
export function qrOptions(data: string): { cell: number; level: 'm' | 'l' } {
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes <= QR_V4_BYTES.m) return { cell: 8, level: 'm' };
  if (bytes <= QR_V4_BYTES.l) return { cell: 8, level: 'l' };
  return { cell: 6, level: 'm' };
}

/** The receiptline document (markdown-like receipt description) of a slip; all text folded to code page 858 and wrapped at word boundaries. */
export function slipToReceiptline(blocks: SlipBlock[], cpl: number): string {
  const out: string[] = [];
  const each = (text: string, width: number, prefix: string) => {
    for (const l of wrapText(toCp858Text(text), width)) out.push(`${prefix}${escapeText(l)}`);
  };
  const half = Math.floor(cpl / 2);
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        // 2x size (double width and height); the leading pipe attracts the column to the left
        each(b.text, half, '|^^^');
        break;
      case 'subheading':
        each(b.text, cpl, '|^^"');
        break;
      case 'text':
      case 'small':
        each(b.text, cpl, '|');
        break;
      case 'label':
        each(b.text, cpl, '|"');
        break;
      case 'marker':
        // inverted, double width
        for (const l of wrapText(toCp858Text(b.text), half - 2)) out.push(`|\`^~${escapeText(l)}~`);
        break;
      case 'rule':
        out.push(`|${'\\-'.repeat(cpl)}`);
        break;
      case 'space':
        out.push('|');
        break;
      case 'qr': {
        const { cell, level } = qrOptions(b.data);
        out.push(`{code:${escapeProperty(b.data)}; option:qrcode,${cell},${level}}`);
        break;
      }
    }
  }
  return out.join('\n') + '\n';
}

/** Plain lines of a slip for the on-screen preview (the printer's text, before wrapping). */
export function slipToLines(blocks: SlipBlock[]): string[] {
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'rule' || b.kind === 'qr') continue;
    if (b.kind === 'space') lines.push('');
    else lines.push(b.text);
  }
  return lines;
}

/** Build the native ESC/POS QR commands (GS ( k), which Epson TM-class printers render themselves. */
function nativeQr(data: string, cell: number, level: 'l' | 'm' | 'q' | 'h'): string {
  const bytes = Buffer.from(data, 'utf8');
  const storeLen = bytes.length + 3;
  const levelByte = { l: 48, m: 49, q: 50, h: 51 }[level];
  const gsk = (...b: number[]) => '\x1d(k' + String.fromCharCode(...b);
  return (
    gsk(4, 0, 49, 65, 50, 0) + // function 165: model 2
    gsk(3, 0, 49, 67, Math.max(3, Math.min(8, cell))) + // 167: module size
    gsk(3, 0, 49, 69, levelByte) + // 169: error correction level
    gsk(storeLen & 255, storeLen >> 8, 49, 80, 48) + bytes.toString('latin1') + // 180: store data
    gsk(3, 0, 49, 81, 48) // 181: print
  );
}

/** Epson ESC/POS with QR codes sent as data (printed by the printer) instead of as a raster image. */
const escposCommands = () => ({
  ...receiptline().commands.epson,
  qrcode(symbol: { data: string; cell: number; level: 'l' | 'm' | 'q' | 'h' }) {
    return symbol.data.length > 0 ? nativeQr(symbol.data, symbol.cell, symbol.level) : '';
  },
  // receiptline ends with "GS r 1" (transmit status); its answer byte would mix with the real-time
  // status replies we ask for after the job, so the slip ends with the cut only.
  close(this: { cutting: boolean; cut(): string }) {
    return this.cutting ? this.cut() : '';
  },
});

/** ESC/POS bytes for the printer: code page 858 selected explicitly (ESC t 19), cut at the end (GS V). */
export function slipToEscPos(blocks: SlipBlock[], opts: SlipRenderOptions): Uint8Array {
  const doc = slipToReceiptline(blocks, opts.charsPerLine);
  const commands = receiptline().transform(doc, {
    cpl: opts.charsPerLine,
    encoding: 'cp858',
    command: escposCommands() as unknown as receiptlineModule.BaseCommand,
    cutting: true,
    spacing: true,
    upsideDown: false,
  });
  return Buffer.from(commands, 'latin1');
}
