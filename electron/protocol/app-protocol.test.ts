import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, type AppRequestHandler } from './app-protocol';

const SHA = 'c'.repeat(64);

describe('app://kiosk/ request handler', () => {
  let dir: string;
  let handle: AppRequestHandler;
  const get = (url: string) => handle({ url, method: 'GET' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-proto-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Kiosk</title>');
    writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'export {}');
    writeFileSync(join(renderer, 'assets', 'font.woff2'), Buffer.from([1, 2, 3]));
    writeFileSync(join(renderer, '.secret'), 'hidden');
    writeFileSync(join(dir, 'outside.txt'), 'outside');
    symlinkSync(join(dir, 'outside.txt'), join(renderer, 'assets', 'link.txt'));
    handle = createAppRequestHandler({
      rendererDir: renderer,
      assets: {
        tiles: { getTile: (z, x, y) => (z === 1 && x === 0 && y === 1 ? { contentType: 'image/png', body: Buffer.from('png') } : null) },
        images: { get: async (sha) => (sha === SHA ? { contentType: 'image/webp', body: Buffer.from('webp') } : null) },
      },
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html for / and /index.html with CSP and no caching', async () => {
    for (const url of ['app://kiosk/', 'app://kiosk/index.html']) {
      const r = await get(url);
      expect(r.status).toBe(200);
      expect(r.body?.toString()).toContain('<title>Kiosk</title>');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves build assets with their MIME type and long caching', async () => {
    const js = await get('app://kiosk/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await get('app://kiosk/assets/font.woff2')).headers['content-type']).toBe('font/woff2');
  });

  it('HEAD has headers but no body; other methods are refused', async () => {
    const head = await handle({ url: 'app://kiosk/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect((await handle({ url: 'app://kiosk/index.html', method: 'POST' })).status).toBe(405);
  });

  it.each([
    'app://kiosk/../outside.txt',
    'app://kiosk/%2e%2e/outside.txt',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2foutside.txt',
    'app://kiosk/..%5c..%5coutside.txt',
    'app://kiosk/assets/link.txt',
    'app://kiosk/.secret',
    'app://kiosk/assets',
    'app://kiosk/missing.js',
    'app://kiosk/%00index.html',
    'app://kiosk/%E0%A4%A',
    'app://other/index.html',
    'app://kiosk:99/index.html',
    'https://kiosk/index.html',
  ])('refuses %s', async (url) => {
    const r = await get(url);
    expect(r.status).toBe(404);
    expect(r.body?.toString()).not.toContain('outside');
    expect(r.body?.toString()).not.toContain('hidden');
  });

  it('serves tiles and images from the binary sources and validates their addresses', async () => {
    const t = await get('app://kiosk/tiles/1/0/1');
    expect(t.status).toBe(200);
    expect(t.headers['content-type']).toBe('image/png');
    expect(t.body?.toString()).toBe('png');
    expect((await get('app://kiosk/tiles/1/0/0')).status).toBe(404);
    expect((await get('app://kiosk/tiles/1/2/0')).status).toBe(404);
    expect((await get('app://kiosk/tiles/x/0/0')).status).toBe(404);
    const i = await get(`app://kiosk/images/${SHA}`);
    expect(i.status).toBe(200);
    expect(i.headers['cache-control']).toContain('immutable');
    expect((await get('app://kiosk/images/abc')).status).toBe(404);
  });

  it('404s binary routes when no source is configured', async () => {
    const bare = createAppRequestHandler({ rendererDir: join(dir, 'renderer'), assets: {} });
    expect((await bare({ url: 'app://kiosk/tiles/0/0/0', method: 'GET' })).status).toBe(404);
    expect((await bare({ url: `app://kiosk/images/${SHA}`, method: 'GET' })).status).toBe(404);
  });
});
