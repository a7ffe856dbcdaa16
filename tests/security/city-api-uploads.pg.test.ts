/**
 * Issue 13, attack table part 4: hostile uploads on the club form (wrong magic, SVG, polyglots, trailing payloads,
 * 20 MB, 20000 x 20000 px headers, other formats) and what /images answers; on SQLite and PostgreSQL (issue 19).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../shared/schemas/offer';
import { STORAGE_BACKENDS } from '../support/storage-backends';
import { cityFixture, clubFormFields, KIOSKS, multipart, PUBLIC_URL, timeToken, type Fixture } from './city-api-fixture';



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

describe.each(STORAGE_BACKENDS)('hostile uploads and /images on $name', (backend) => {
  let f: Fixture;
  let ip = 0;
  beforeAll(async () => {
    f = await cityFixture(backend, { submissionSpam: { minFillMs: 0 } });
  });
  afterAll(async () => {
    await f.close();
  });

  async function upload(file: { name: string; type: string; bytes: Buffer }) {
    const { payload, headers } = multipart(clubFormFields(await timeToken(f.app), { image_alt: 'Menschen am Spieltisch' }), file);
    ip += 1;
    return f.app.inject({ method: 'POST', url: '/submit', payload, headers, remoteAddress: `10.20.${ip >> 8}.${ip & 255}` });
  }
  /** The stored photo of the submission a 201 answer's private edit link belongs to. */
  const submissionImage = async (body: string) => {
    const token = /\/submit\/edit\/([A-Za-z0-9_-]+)/.exec(body)?.[1];
    expect(token, 'private edit link in the answer').toBeTruthy();
    const [row] = await f.query<{ data_json: string }>(`SELECT data_json FROM submissions WHERE id = ?`, [(await f.storage.submissionByToken(token!))!.id]);
    return (JSON.parse(row!.data_json) as Offer).image;
  };
  const storedBytes = async (sha: string) => (await f.query<{ content_type: string; bytes: Buffer }>(`SELECT content_type, bytes FROM images WHERE sha256 = ?`, [sha]))[0]!.bytes;
  const countImages = async () => Number((await f.query<{ n: number }>(`SELECT COUNT(*) AS n FROM images`))[0]!.n);

  describe('hostile uploads are refused with a friendly message, and nothing is stored', () => {
    for (const [name, make, message] of REFUSED_UPLOADS) {
      it(name, async () => {
        const images = await countImages();
        const r = await upload(await make());
        expect(r.statusCode).toBe(422);
        expect(r.body).toMatch(message);
        expect(r.body).not.toContain('<script>alert');
        expect(await countImages()).toBe(images);
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
        const image = (await submissionImage(r.body))!;
        expect(image.url).toBe(`/images/${image.sha256}`);
        const bytes = await storedBytes(image.sha256);
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
      const sha = (await f.storage.putImage(await photo(20, 20, 'png'), 'image/png')).sha256;
      const r = await f.app.inject({ url: `/images/${sha}` });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-security-policy']).toContain('sandbox');
    });
    it('never serves a stored row whose type is not an image type', async () => {
      const bytes = Buffer.from(HTML_PAYLOAD);
      const sha = createHash('sha256').update(bytes).digest('hex');
      await f.query(`INSERT INTO images (sha256, content_type, bytes) VALUES (?, 'text/html', ?)`, [sha, bytes]);
      const r = await f.app.inject({ url: `/images/${sha}` });
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('<script>');
    });
    it('refuses a path that is not a sha256 (traversal, upper case)', async () => {
      for (const url of ['/images/..%2F..%2Fetc%2Fpasswd', `/images/${'A'.repeat(64)}`, '/images/%2e%2e']) expect((await f.app.inject({ url })).statusCode).toBe(404);
    });
    it('kiosks get the relative image URL made absolute with --public-url, never with the Host header', async () => {
      const sha = (await f.storage.putImage(await photo(20, 20, 'png'), 'image/png')).sha256;
      const base = (await f.query<{ data_json: string }>(`SELECT data_json FROM offers LIMIT 1`)).map((r) => JSON.parse(r.data_json) as Offer)[0]!;
      await f.storage.putOffers([{ ...base, id: 'mit-foto', image: { url: `/images/${sha}`, alt: 'Foto', sha256: sha, bytes: 100 } }]);
      const r = await f.app.inject({ url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSKS.rathaus}`, host: 'evil.example' } });
      const offer = (r.json() as { items: Offer[] }).items.find((o) => o.id === 'mit-foto')!;
      expect(offer.image!.url).toBe(`${PUBLIC_URL}/images/${sha}`);
    });
  });
});
