import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { SIEGBURG_SAMPLE_OFFERS, SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { brochureHtml, qrSvg } from './brochure-html';

/** Draws an SVG made by qrSvg (unit squares "Mx yh1v1h-1z" on white) into pixels and reads it with jsQR. */
function readSvg(svg: string): { text: string | null; modules: number } {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const scale = 4;
  const w = side * scale;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const m of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const x0 = Number(m[1]) * scale;
    const y0 = Number(m[2]) * scale;
    for (let y = y0; y < y0 + scale; y++) for (let x = x0; x < x0 + scale; x++) rgba.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
  }
  return { text: jsQR(rgba, w, w)?.data ?? null, modules: side - 8 };
}

describe('brochure QR codes (issue 17)', () => {
  it('each offer with a public page gets a QR code of it (version <= 4) with the address printed beside it', () => {
    const base = 'https://siegburg.de/angebote/';
    const offers = SIEGBURG_SAMPLE_OFFERS.map((o, i) => (i < 3 ? { ...o, web_url: `${base}${encodeURIComponent(o.id)}` } : o));
    const html = brochureHtml({ offers, taxonomy: SIEGBURG_TAXONOMY }, { now: new Date('2026-11-25T10:00:00Z'), place: 'Rathaus' });
    const blocks = [...html.matchAll(/<div class="offer-qr">(<svg[\s\S]*?<\/svg>)<span class="url">([^<]*)<\/span><\/div>/g)];
    expect(blocks).toHaveLength(3);
    for (const [, svg, shown] of blocks) {
      const read = readSvg(svg!);
      expect(read.text).toBe(shown);
      expect(shown!.startsWith(base)).toBe(true);
      expect(read.modules).toBeLessThanOrEqual(33); // version 4 is 33 x 33 modules
    }
    expect(new Set(blocks.map((b) => b[2]))).toEqual(new Set(offers.slice(0, 3).map((o) => o.web_url)));
  });

  it('draws any text the same way (escaped in its label)', () => {
    const svg = qrSvg('https://example.org/a?b=1&c="2"');
    expect(readSvg(svg).text).toBe('https://example.org/a?b=1&c="2"');
    expect(svg).toContain('aria-label="QR-Code: https://example.org/a?b=1&amp;c=&quot;2&quot;"');
  });
});
