/**
 * A small multi-page A4 PDF writer for the Bedarf report (issue 18), built the same way as the club poster
 * (submissions/poster-pdf.ts, whose string encoding it reuses): the standard Helvetica fonts with WinAnsi encoding
 * (German text, copyable and searchable), vector rectangles and lines, no browser and no PDF library on the server.
 * Text widths come from Helvetica's font metrics, so numbers can be right-aligned and labels shortened exactly.
 */
import { pdfString } from '../submissions/poster-pdf';

export const A4 = { w: 595.28, h: 841.89 };

/** Helvetica advance widths (1/1000 em) for ' '..'~' (AFM of the standard 14 fonts). */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
const SPECIAL: Record<string, number> = { ß: 611, '–': 556, '—': 1000, '…': 1000, '„': 333, '“': 333, '”': 333, '‚': 222, '‘': 222, '’': 222, '€': 556, '·': 278, '×': 584 };

function charWidth(ch: string, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  const cp = ch.codePointAt(0)!;
  if (cp >= 32 && cp <= 126) return table[cp - 32]!;
  if (SPECIAL[ch] !== undefined) return SPECIAL[ch];
  // Accented Latin letters are as wide as their base letter (ä as a, Ö as O).
  const base = ch.normalize('NFD')[0]!;
  const bcp = base.codePointAt(0)!;
  return bcp >= 32 && bcp <= 126 ? table[bcp - 32]! : 556;
}

export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch, bold);
  return (w * size) / 1000;
}

/** The text shortened with "…" so it fits into `max` points. */
export function fit(s: string, size: number, max: number, bold = false): string {
  if (textWidth(s, size, bold) <= max) return s;
  const chars = [...s];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size, bold) > max) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Words wrapped into lines of at most `max` points. */
export function wrap(s: string, size: number, max: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export type Rgb = readonly [number, number, number];
/** '#0b4f6c' or '#fff' as PDF colour components 0…1. */
export function hex(h: string): Rgb {
  const d = h.length === 4 ? [...h.slice(1)].map((c) => c + c).join('') : h.slice(1, 7);
  return [parseInt(d.slice(0, 2), 16) / 255, parseInt(d.slice(2, 4), 16) / 255, parseInt(d.slice(4, 6), 16) / 255];
}
const rgb = (c: Rgb) => c.map((v) => v.toFixed(3)).join(' ');
const n = (v: number) => v.toFixed(2);

export interface TextOpts {
  size?: number;
  bold?: boolean;
  color?: Rgb;
  align?: 'left' | 'right' | 'center';
}

/**
 * One page's drawing operations. Coordinates are from the TOP left corner (y grows downwards, like the layout);
 * the page turns them into PDF's bottom-left system.
 */
export class PdfPage {
  readonly ops: string[] = [];

  /** Text whose baseline is at y. */
  text(x: number, y: number, s: string, o: TextOpts = {}): void {
    const size = o.size ?? 10;
    const w = o.align && o.align !== 'left' ? textWidth(s, size, o.bold) : 0;
    const x0 = o.align === 'right' ? x - w : o.align === 'center' ? x - w / 2 : x;
    this.ops.push(`BT ${rgb(o.color ?? [0.1, 0.1, 0.1])} rg /${o.bold ? 'F2' : 'F1'} ${size} Tf ${n(x0)} ${n(A4.h - y)} Td ${pdfString(s)} Tj ET`);
  }

  rect(x: number, y: number, w: number, h: number, fill: Rgb, stroke?: Rgb): void {
    const path = `${n(x)} ${n(A4.h - y - h)} ${n(w)} ${n(h)} re`;
    this.ops.push(stroke ? `${rgb(fill)} rg ${rgb(stroke)} RG 0.5 w ${path} B` : `${rgb(fill)} rg ${path} f`);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Rgb = [0.1, 0.1, 0.1], width = 0.5): void {
    this.ops.push(`${rgb(color)} RG ${width} w ${n(x1)} ${n(A4.h - y1)} m ${n(x2)} ${n(A4.h - y2)} l S`);
  }

  /** A filled circle (four Bézier arcs). */
  circle(cx: number, cy: number, r: number, fill: Rgb): void {
    const k = 0.5523 * r;
    const y = A4.h - cy;
    this.ops.push(
      `${rgb(fill)} rg ${n(cx + r)} ${n(y)} m ${n(cx + r)} ${n(y + k)} ${n(cx + k)} ${n(y + r)} ${n(cx)} ${n(y + r)} c ` +
        `${n(cx - k)} ${n(y + r)} ${n(cx - r)} ${n(y + k)} ${n(cx - r)} ${n(y)} c ${n(cx - r)} ${n(y - k)} ${n(cx - k)} ${n(y - r)} ${n(cx)} ${n(y - r)} c ` +
        `${n(cx + k)} ${n(y - r)} ${n(cx + r)} ${n(y - k)} ${n(cx + r)} ${n(y)} c f`,
    );
  }
}

/** Assembles pages into one PDF file (Helvetica and Helvetica-Bold, WinAnsi). */
export function pdfDocument(pages: readonly PdfPage[], title: string): Buffer {
  // Objects: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then per page: page object, content stream.
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R /Lang (de-DE) >>',
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfString(title)} /Producer (GEMEINSAM city API) >>`,
  ];
  pages.forEach((p, i) => {
    const content = p.ops.join('\n');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.w} ${A4.h}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });
  const parts: string[] = ['%PDF-1.4\n'];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const s = `${i + 1} 0 obj\n${o}\nendobj\n`;
    parts.push(s);
    length += Buffer.byteLength(s, 'latin1');
  });
  parts.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  parts.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}
