import QRCode from 'qrcode';

/**
 * A one-page A4 poster for action days: big headline, a few plain sentences and a QR code to the
 * submission form. Written as a minimal PDF by hand (Helvetica with WinAnsi encoding covers German text;
 * the QR code is drawn as vector squares), so the server needs no browser or PDF library.
 */
export interface PosterText {
  headline: string;
  lines: string[];
  urlLabel: string;
  url: string;
  footer: string;
}

const A4 = { w: 595.28, h: 841.89 };

/** WinAnsi (cp1252) bytes for PDF string literals; characters outside it become '?'. */
function winAnsi(s: string): Buffer {
  const extra: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (extra[ch] !== undefined) out.push(extra[ch]);
    else if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

export function pdfString(s: string): string {
  // Escape for a literal string; bytes ≥ 0x80 as octal escapes keeps the file ASCII.
  let out = '';
  for (const b of winAnsi(s)) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `(${out})`;
}

/** Rough Helvetica width (average glyph 0.52 em) to wrap lines; good enough for plain sentences. */
function wrap(text: string, size: number, maxWidth: number): string[] {
  const maxChars = Math.max(10, Math.floor(maxWidth / (size * 0.52)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > maxChars && line) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  return lines;
}

export function posterPdf(text: PosterText): Buffer {
  const margin = 56;
  const ops: string[] = [];
  let y = A4.h - margin - 40;
  const put = (s: string, size: number, bold = false) => {
    for (const l of wrap(s, size, A4.w - 2 * margin)) {
      ops.push(`BT /${bold ? 'F2' : 'F1'} ${size} Tf ${margin} ${y.toFixed(1)} Td ${pdfString(l)} Tj ET`);
      y -= size * 1.3;
    }
  };
  put(text.headline, 34, true);
  y -= 10;
  for (const l of text.lines) {
    put(l, 18);
    y -= 6;
  }
  // QR code, centred, about 9 cm wide.
  const qr = QRCode.create(text.url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = 255;
  const cell = size / (n + 8);
  const x0 = (A4.w - size) / 2;
  const y0 = Math.max(150, y - size - 10);
  ops.push('0 g');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) ops.push(`${(x0 + (c + 4) * cell).toFixed(2)} ${(y0 + size - (r + 5) * cell).toFixed(2)} ${cell.toFixed(2)} ${cell.toFixed(2)} re f`);
    }
  }
  y = y0 - 24;
  put(text.urlLabel, 16, true);
  put(text.url, 16);
  y = margin + 10;
  put(text.footer, 12);

  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.w} ${A4.h}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(text.headline)} /Producer (GEMEINSAM city API) >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
