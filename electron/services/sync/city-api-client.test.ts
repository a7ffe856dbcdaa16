import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { CityApiError, createFetchCityApiClient, parseRetryAfter, readBodyLimited } from './city-api-client';
import { sniffImageType } from './image-cache';

describe('city API fetch client', () => {
  it('parses Retry-After as seconds or HTTP date', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('refuses a body whose Content-Length is over the limit before reading it, and one that grows past it', async () => {
    const declared = new Response('x'.repeat(10), { headers: { 'content-length': '5000000' } });
    await expect(readBodyLimited(declared, 1000, 'offers')).rejects.toMatchObject({ code: 'too_large' });
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(400));
      },
    });
    await expect(readBodyLimited(new Response(stream), 1000, 'offers')).rejects.toMatchObject({ code: 'too_large' });
    expect((await readBodyLimited(new Response('hallo'), 1000, 'offers')).toString()).toBe('hallo');
  });

  it('sends bearer token and User-Agent, classifies statuses', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    let status = 200;
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: new Headers(init.headers) });
      if (status !== 200) return new Response('{}', { status, headers: { 'retry-after': '30' } });
      return new Response(JSON.stringify({ items: [], deleted: [], next_cursor: 'v1.0', has_more: false }), { status: 200 });
    }) as unknown as typeof fetch;
    const client = createFetchCityApiClient({ baseUrl: 'http://127.0.0.1:5100/', token: 'secret-token', version: '1.2.3', clock: new FakeClock(), fetchImpl });
    await client.getOffersPage('v1.5', 100);
    expect(seen[0]!.url).toBe('http://127.0.0.1:5100/v1/offers?limit=100&since=v1.5');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer secret-token');
    expect(seen[0]!.headers.get('user-agent')).toBe('gemeinsam-kiosk/1.2.3');
    // images on another host are never requested (issue 13; tests/security/kiosk-image-origin.test.ts)
    status = 404;
    await expect(client.getImage('https://cdn.example.org/a.png', 1000)).rejects.toBeInstanceOf(CityApiError);
    expect(seen).toHaveLength(1);
    for (const [s, code] of [
      [401, 'unauthorized'],
      [429, 'rate_limited'],
      [503, 'rate_limited'],
      [500, 'server'],
      [418, 'invalid_response'],
    ] as const) {
      status = s;
      await expect(client.getOffersPage(null, 10)).rejects.toMatchObject({ code });
    }
    status = 429;
    await expect(client.getOffersPage(null, 10)).rejects.toMatchObject({ retryAfterS: 30 });
  });

  it('recognises PNG, JPEG and WebP by their bytes only (file-type), and nothing else', async () => {
    const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    const ihdr = Buffer.from([0, 0, 0, 13, ...Buffer.from('IHDR'), 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    expect(await sniffImageType(Buffer.concat([Buffer.from(PNG_SIG), ihdr]))).toBe('image/png');
    expect(await sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(await sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    // a Uint8Array view into a larger buffer (tiles from a pack) is read from its own offset
    const framed = Buffer.concat([Buffer.from('xxxx'), Buffer.from([0xff, 0xd8, 0xff, 0xe0])]);
    expect(await sniffImageType(new Uint8Array(framed.buffer, framed.byteOffset + 4, 4))).toBe('image/jpeg');
    // hostile or unsupported: SVG with script, HTML, GIF, truncated signatures, empty
    expect(await sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(await sniffImageType(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(await sniffImageType(Buffer.from('<!doctype html><img src=x onerror=alert(1)>'))).toBeNull();
    expect(await sniffImageType(Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00'))).toBeNull();
    expect(await sniffImageType(Buffer.from(PNG_SIG.slice(0, 5)))).toBeNull();
    expect(await sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(await sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(await sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});
