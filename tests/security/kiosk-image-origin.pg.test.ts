/**
 * Issue 13, attack table: the kiosk fetches offer images only from its own city API. A relative `/images/<sha256>`
 * (how the city API stores club photos) is resolved against the configured base URL; an absolute URL on any other
 * origin — another host, another port, another scheme, `localhost` for 127.0.0.1, or a redirect from the city API
 * to elsewhere — is never requested, and the kiosk's log says why. The city API runs on both storage backends
 * (issue 19): on PostgreSQL its /images come from the database too.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenCityApi, type RunningCityApi } from '../../city-api/src/server';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import type { Log } from '../../electron/services/log';
import { createFetchCityApiClient, ImageOriginError, imageFetchUrl } from '../../electron/services/sync/city-api-client';
import { createImageCache, type ImageCache } from '../../electron/services/sync/image-cache';
import { runSync, type SyncRunResult } from '../../electron/services/sync/sync-engine';
import { FakeClock } from '../fakes/fake-clock';
import { TEST_TAXONOMY, testOffer } from '../fakes/fake-city-api-data';
import { STORAGE_BACKENDS } from '../support/storage-backends';

const BASE = 'https://angebote.siegburg.example/city';
const SHA = 'a'.repeat(64);

describe('imageFetchUrl: where an image may come from', () => {
  const allowed: [string, string][] = [
    [`/images/${SHA}`, `${BASE}/images/${SHA}`],
    [`https://angebote.siegburg.example/city/images/${SHA}`, `https://angebote.siegburg.example/city/images/${SHA}`],
    [`https://ANGEBOTE.siegburg.example:443/images/${SHA}`, `https://angebote.siegburg.example/images/${SHA}`],
    [`/images/../images/${SHA}`, `${BASE}/images/${SHA}`],
  ];
  for (const [url, expected] of allowed) it(`fetches ${url}`, () => expect(imageFetchUrl(url, `${BASE}/`)).toBe(expected));

  const refused: [string, RegExp][] = [
    [`https://cdn.example.org/images/${SHA}`, /https:\/\/cdn\.example\.org is not the city API's origin https:\/\/angebote\.siegburg\.example; not fetched/],
    [`http://angebote.siegburg.example/images/${SHA}`, /is not the city API's origin/],
    [`https://angebote.siegburg.example:8443/images/${SHA}`, /is not the city API's origin/],
    [`https://angebote.siegburg.example.evil.example/images/${SHA}`, /is not the city API's origin/],
    [`https://angebote.siegburg.example@evil.example/images/${SHA}`, /is not the city API's origin/],
    [`//evil.example/images/${SHA}`, /not a URL/],
    [`/\\evil.example/images/${SHA}`, /not a URL/],
    [`images/${SHA}`, /not a URL/],
    ['data:image/png;base64,iVBORw0KGgo=', /data: URLs are not fetched/],
    ['file:///etc/passwd', /file: URLs are not fetched/],
    ['javascript:alert(1)', /javascript: URLs are not fetched/],
    ['', /not a URL/],
  ];
  for (const [url, reason] of refused) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      expect(() => imageFetchUrl(url, BASE)).toThrow(ImageOriginError);
      expect(() => imageFetchUrl(url, BASE)).toThrow(reason);
    });
  }
});

/** Distinct real PNGs, one per offer. */
const pngs = (n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => sharp({ create: { width: 2, height: 2, channels: 3, background: { r: 10 * i, g: 200, b: 50 } } }).png().toBuffer()));

describe.each(STORAGE_BACKENDS)('a kiosk syncing from a real city API on $name', (backend) => {
  let api: Omit<RunningCityApi, 'db'>;
  let closeStorage: () => Promise<void>;
  let foreign: Server;
  let foreignUrl: string;
  const foreignRequests: string[] = [];
  const cityRequests: string[] = [];
  let dir: string;
  let db: Db;
  let images: ImageCache;
  let result: SyncRunResult;
  const warnings: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
  const shas: Record<string, string> = {};

  const CASES = ['relative', 'absolute same origin', 'redirect within the city API', 'other port', 'localhost for 127.0.0.1', 'https on the same port', 'redirect to another origin'] as const;
  const FETCHED = new Set<string>(['relative', 'absolute same origin', 'redirect within the city API']);

  beforeAll(async () => {
    foreign = createServer((req, res) => {
      foreignRequests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(0));
    });
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    const { storage, cleanup } = await backend.open();
    closeStorage = cleanup;
    api = await listenCityApi({
      storage,
      port: 0,
      kioskApiOnly: true,
      configure: (app) => {
        app.addHook('onRequest', async (req) => void cityRequests.push(req.url));
        app.get<{ Params: { sha: string } }>('/redirect-same/:sha', async (req, reply) => reply.redirect(`/images/${req.params.sha}`, 302));
        app.get<{ Params: { sha: string } }>('/redirect-away/:sha', async (req, reply) => reply.redirect(`${foreignUrl}/images/${req.params.sha}`, 302));
      },
    });
    await storage.setTaxonomy(TEST_TAXONOMY);
    await storage.registerKiosk('rathaus', 'token-rathaus-0123456789');
    const bytes = await pngs(CASES.length);
    for (const [i, name] of CASES.entries()) {
      const img = await storage.putImage(bytes[i]!, 'image/png');
      shas[name] = img.sha256;
      const url = {
        relative: `/images/${img.sha256}`,
        'absolute same origin': `${api.url}/images/${img.sha256}`,
        'redirect within the city API': `${api.url}/redirect-same/${img.sha256}`,
        'other port': `${foreignUrl}/images/${img.sha256}`,
        'localhost for 127.0.0.1': `http://localhost:${api.port}/images/${img.sha256}`,
        'https on the same port': `https://127.0.0.1:${api.port}/images/${img.sha256}`,
        'redirect to another origin': `${api.url}/redirect-away/${img.sha256}`,
      }[name];
      await storage.putOffers([testOffer(i, { image: { url, alt: name, sha256: img.sha256, bytes: img.bytes } })]);
    }

    dir = mkdtempSync(join(tmpdir(), 'gk-image-origin-'));
    db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    images = createImageCache(join(dir, 'images'));
    const log: Log = { info: () => {}, warn: (msg: string, fields?: Record<string, unknown>) => void warnings.push({ msg, fields }), error: () => {} };
    const clock = new FakeClock('2026-12-02T10:00:00Z');
    const client = createFetchCityApiClient({ baseUrl: api.url, token: 'token-rathaus-0123456789', version: '0.1.0-test', clock, timeoutMs: 10_000 });
    result = await runSync({ kind: 'gemeinsam', baseUrl: api.url, client }, { db, log, clock, images });
  });
  afterAll(async () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await api.close();
    await closeStorage();
    await new Promise((r) => foreign.close(r));
  });

  it('the sync succeeds and the feed carries the stored relative URL', async () => {
    expect(result.ok).toBe(true);
    const feed = (await (await fetch(`${api.url}/v1/offers`, { headers: { authorization: 'Bearer token-rathaus-0123456789' } })).json()) as { items: { image?: { url: string } }[] };
    expect(feed.items.map((o) => o.image?.url)).toContain(`/images/${shas.relative}`);
    expect(result.summary.imagesFetched).toBe(FETCHED.size);
    expect(result.summary.imagesRejected).toBe(CASES.length - FETCHED.size);
  });

  for (const name of CASES) {
    if (FETCHED.has(name)) {
      it(`${name}: fetched from the city API and cached`, () => {
        expect(images.get(shas[name]!)?.contentType).toBe('image/png');
        expect(cityRequests).toContain(`/images/${shas[name]}`);
      });
    } else {
      it(`${name}: never requested, not cached, and the log says so`, () => {
        expect(images.get(shas[name]!)).toBeNull();
        expect(foreignRequests).toEqual([]);
        expect(cityRequests).not.toContain(`/images/${shas[name]}`);
        const line = warnings.find((w) => w.fields?.sha256 === shas[name]);
        expect(line?.msg).toBe('sync: image rejected');
        expect(String(line?.fields?.reason)).toMatch(/is not the city API's origin http:\/\/127\.0\.0\.1:\d+; not fetched/);
      });
    }
  }
});
