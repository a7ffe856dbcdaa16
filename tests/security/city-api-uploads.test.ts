/**
 * Issue 13, attack table part 4: hostile uploads on the club form (wrong magic, SVG, polyglots, trailing payloads,
 * 20 MB, 20000 x 20000 px headers, other formats) and what /images answers.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putImage } from '../../city-api/src/image-store';
import { putOffer } from '../../city-api/src/offer-store';
import type { Offer } from '../../shared/schemas/offer';
import { cityFixture, clubFormFields, KIOSKS, multipart, PUBLIC_URL, timeToken, type Fixture } from './city-api-fixture';

let f: Fixture;
let ip = 0;
beforeAll(() => {
  f = cityFixture({ submissionSpam: { minFillMs: 0 } });
});
afterAll(async () => {
  await f.app.close();
  f.db.close();
});

async function upload(file: { name: string; type: string; bytes: Buffer }) {
  const { payload, headers } = multipart(clubFormFields(await timeToken(f.app), { image_alt: 'Menschen am Spieltisch' }), file);
  ip += 1;
  return f.app.inject({ method: 'POST', url: '/submit', payload, headers, remoteAddress: `10.20.${ip >> 8}.${ip & 255}` });
}
const lastSubmissionImage = () => {
  const row = f.db.prepare(`SELECT data_json FROM submissions ORDER BY created_at DESC, rowid DESC LIMIT 1`).get() as { data_json: string };
  return (JSON.parse(row.data_json) as Offer).image;
};
const storedBytes = (sha: string) => (f.db.prepare(`SELECT content_type, bytes FROM images WHERE sha256 = ?`).get(sha) as { content_type: string; bytes: Buffer }).bytes;
const countImages = () => (f.db.prepare(`SELECT COUNT(*) AS n FROM images`).get() as { n: number }).n;

const photo = (w: number, h: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg') =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withMetadata({ exif: { IFD0: { Copyright: 'GEHEIM-EXIF', Artist: 'Erika Muster' } } })
    .toFormat(format)
    .toBuffer();

/** A PNG whose header claims w x h (the image data is a few bytes: a lying header / decompression bomb). */
function pngClaiming(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}
function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
const HTML_PAYLOAD = '<html><script>alert(document.cookie)</script></html>';

const REFUSED_UPLOADS: [string, () => Promise<{ name: string; type: string; bytes: Buffer }>, RegExp][] = [
  ['SVG with script', async () => ({ name: 'logo.svg', type: 'image/svg+xml', bytes: SVG }), /kein Foto im Format JPEG, PNG oder WebP/],
  ['SVG claiming to be a JPEG', async () => ({ name: 'logo.jpg', type: 'image/jpeg', bytes: SVG }), /kein Foto im Format/],
  ['HTML claiming to be a PNG', async () => ({ name: 'x.png', type: 'image/png', bytes: Buffer.from(HTML_PAYLOAD) }), /kein Foto im Format/],
  ['wrong magic: text with a .jpg name', async () => ({ name: 'foto.jpg', type: 'image/jpeg', bytes: Buffer.from('Dies ist kein Bild, nur Text. '.repeat(20)) }), /kein Foto im Format/],
  ['wrong magic: PDF', async () => ({ name: 'flyer.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF') }), /kein Foto im Format/],
  ['polyglot: PNG magic followed by HTML', async () => ({ name: 'x.png', type: 'image/png', bytes: Buffer.concat([pngClaiming(10, 10).subarray(0, 16), Buffer.from(HTML_PAYLOAD)]) }), /ließ sich nicht öffnen|kein Foto/],
  ['polyglot: JPEG magic, PNG inside', async () => ({ name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), await photo(20, 20, 'png')]) }), /ließ sich nicht öffnen|kein Foto/],
  ['truncated JPEG', async () => ({ name: 'x.jpg', type: 'image/jpeg', bytes: (await photo(400, 300)).subarray(0, 600) }), /ließ sich nicht öffnen/],
  ['GIF', async () => ({ name: 'x.gif', type: 'image/gif', bytes: await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).gif().toBuffer() }), /kein Foto im Format/],
  ['TIFF', async () => ({ name: 'x.tif', type: 'image/tiff', bytes: await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).tiff().toBuffer() }), /kein Foto im Format/],
  ['20 MB', async () => ({ name: 'big.jpg', type: 'image/jpeg', bytes: Buffer.concat([await photo(10, 10), Buffer.alloc(20 * 1024 * 1024)]) }), /zu groß.*2 MB/],
  ['20000 x 20000 px header (PNG bomb)', async () => ({ name: 'bomb.png', type: 'image/png', bytes: pngClaiming(20000, 20000) }), /zu viele Bildpunkte/],
  ['100000 x 1 px header', async () => ({ name: 'strip.png', type: 'image/png', bytes: pngClaiming(100_000, 1000) }), /zu viele Bildpunkte/],
];

describe('hostile uploads are refused with a friendly message, and nothing is stored', () => {
  for (const [name, make, message] of REFUSED_UPLOADS) {
    it(name, async () => {
      const images = countImages();
      const r = await upload(await make());
      expect(r.statusCode).toBe(422);
      expect(r.body).toMatch(message);
      expect(r.body).not.toContain('<script>alert');
      expect(countImages()).toBe(images);
    });
  }
});

describe('accepted photos are re-encoded: trailing payloads, metadata and size are gone', () => {
  for (const [name, format, trailer] of [
    ['JPEG with HTML appended', 'jpeg', HTML_PAYLOAD],
    ['PNG with a ZIP appended', 'png', 'PK\u0003\u0004zip-payload-inside.html'],
    ['WebP with a script appended', 'webp', HTML_PAYLOAD],
  ] as const) {
    it(name, async () => {
      const input = Buffer.concat([await photo(3000, 2000, format), Buffer.from(trailer)]);
      const r = await upload({ name: `foto.${format}`, type: `image/${format}`, bytes: input });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(201);
      const image = lastSubmissionImage()!;
      expect(image.url).toBe(`/images/${image.sha256}`);
      const bytes = storedBytes(image.sha256);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(image.sha256);
      expect(bytes.toString('latin1')).not.toContain(trailer.slice(0, 10));
      expect(bytes.toString('latin1')).not.toContain('GEHEIM-EXIF');
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual([format, 1600, 1067, undefined]);
    });
  }
});

describe('/images', () => {
  it('answers with nosniff and the image content type only', async () => {
    const sha = putImage(f.db, await photo(20, 20, 'png'), 'image/png').sha256;
    const r = await f.app.inject({ url: `/images/${sha}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain('sandbox');
  });
  it('never serves a stored row whose type is not an image type', async () => {
    const bytes = Buffer.from(HTML_PAYLOAD);
    const sha = createHash('sha256').update(bytes).digest('hex');
    f.db.prepare(`INSERT INTO images (sha256, content_type, bytes) VALUES (?, 'text/html', ?)`).run(sha, bytes);
    const r = await f.app.inject({ url: `/images/${sha}` });
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('<script>');
  });
  it('refuses a path that is not a sha256 (traversal, upper case)', async () => {
    for (const url of ['/images/..%2F..%2Fetc%2Fpasswd', `/images/${'A'.repeat(64)}`, '/images/%2e%2e']) expect((await f.app.inject({ url })).statusCode).toBe(404);
  });
  it('kiosks get the relative image URL made absolute with --public-url, never with the Host header', async () => {
    const sha = putImage(f.db, await photo(20, 20, 'png'), 'image/png').sha256;
    const base = [...(f.db.prepare(`SELECT data_json FROM offers LIMIT 1`).all() as { data_json: string }[])].map((r) => JSON.parse(r.data_json) as Offer)[0]!;
    putOffer(f.db, { ...base, id: 'mit-foto', image: { url: `/images/${sha}`, alt: 'Foto', sha256: sha, bytes: 100 } });
    const r = await f.app.inject({ url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSKS.rathaus}`, host: 'evil.example' } });
    const offer = (r.json() as { items: Offer[] }).items.find((o) => o.id === 'mit-foto')!;
    expect(offer.image!.url).toBe(`${PUBLIC_URL}/images/${sha}`);
  });
});
