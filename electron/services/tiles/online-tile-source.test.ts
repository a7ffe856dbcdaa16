import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { silentLog } from '../log';
import { FAKE_TILE_PNG } from '../../../tests/fakes/fake-tile-source';
import { OnlineTileSource, type FetchLike } from './online-tile-source';
import { TileDiskCache } from './tile-disk-cache';

const DAY = 24 * 60 * 60 * 1000;

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fake tile server: answers with `reply(call)`; `offline` makes every request fail like a dead network. */
function fakeFetch(reply: (call: Call, n: number) => Response) {
  const calls: Call[] = [];
  let offline = false;
  const fetch: FetchLike = async (url, init) => {
    if (offline) throw new TypeError('fetch failed');
    const call = { url, headers: init.headers };
    calls.push(call);
    return reply(call, calls.length);
  };
  return { fetch, calls, setOffline: (v: boolean) => (offline = v) };
}

const png = (headers: Record<string, string> = {}, body: Buffer = FAKE_TILE_PNG) =>
  new Response(new Uint8Array(body), { status: 200, headers: { 'content-type': 'image/png', ...headers } });

describe('online tile source with disk cache', () => {
  let dir: string;
  let cache: TileDiskCache;
  let clock: FakeClock;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiles-online-'));
    cache = new TileDiskCache(join(dir, 'tile-cache.sqlite'));
    clock = new FakeClock('2026-11-25T10:00:00Z');
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const source = (fetch: FetchLike, extra: Partial<ConstructorParameters<typeof OnlineTileSource>[0]> = {}) =>
    new OnlineTileSource({
      urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
      userAgent: 'GEMEINSAM-Kiosk/1.2.3 (test)',
      cache,
      clock,
      log: silentLog,
      fetch,
      ...extra,
    });

  it('fetches a tile once with a proper User-Agent and serves it from cache for at least 7 days', async () => {
    const server = fakeFetch(() => png({ 'cache-control': 'max-age=3600' }));
    const src = source(server.fetch);
    const first = await src.getTile(14, 8529, 5480);
    expect(first?.contentType).toBe('image/png');
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.url).toBe('https://tiles.example.org/14/8529/5480.png');
    expect(server.calls[0]!.headers['user-agent']).toBe('GEMEINSAM-Kiosk/1.2.3 (test)');

    clock.advance(6 * DAY); // max-age said one hour, but the policy minimum is 7 days
    expect((await src.getTile(14, 8529, 5480))?.body.equals(FAKE_TILE_PNG)).toBe(true);
    expect(server.calls).toHaveLength(1);
  });

  it('honours a longer max-age from the provider', async () => {
    const server = fakeFetch(() => png({ 'cache-control': 'public, max-age=2592000' })); // 30 days
    const src = source(server.fetch);
    await src.getTile(1, 0, 0);
    clock.advance(20 * DAY);
    await src.getTile(1, 0, 0);
    expect(server.calls).toHaveLength(1);
    clock.advance(11 * DAY);
    await src.getTile(1, 0, 0);
    expect(server.calls).toHaveLength(2);
  });

  it('revalidates an expired tile with its ETag and keeps it on 304 Not Modified', async () => {
    const server = fakeFetch((call) =>
      call.headers['if-none-match'] === '"v1"' ? new Response(null, { status: 304 }) : png({ etag: '"v1"', 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT' }),
    );
    const src = source(server.fetch);
    await src.getTile(3, 1, 2);
    clock.advance(8 * DAY);
    const again = await src.getTile(3, 1, 2);
    expect(again?.body.equals(FAKE_TILE_PNG)).toBe(true);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.calls[1]!.headers['if-modified-since']).toBe('Tue, 24 Nov 2026 10:00:00 GMT');
    // the 304 made it fresh for another 7 days
    clock.advance(6 * DAY);
    await src.getTile(3, 1, 2);
    expect(server.calls).toHaveLength(2);
  });

  it('does not refresh a stored tile on a 304 that names another version', async () => {
    const server = fakeFetch((call) =>
      call.headers['if-none-match'] ? new Response(null, { status: 304, headers: { etag: '"v2"', 'cache-control': 'max-age=2592000' } }) : png({ etag: '"v1"' }),
    );
    const src = source(server.fetch);
    await src.getTile(3, 1, 2);
    clock.advance(8 * DAY);
    expect((await src.getTile(3, 1, 2))?.body.equals(FAKE_TILE_PNG)).toBe(true); // still shown (no body came)
    clock.advance(DAY);
    await src.getTile(3, 1, 2);
    expect(server.calls).toHaveLength(3); // asked again, the mismatched 304 did not make it fresh
  });

  it('serves expired tiles when the provider is unreachable, and does not hammer it', async () => {
    const server = fakeFetch(() => png());
    const src = source(server.fetch, { offlineBackoffMs: 30_000 });
    await src.getTile(5, 10, 11);
    clock.advance(10 * DAY);
    server.setOffline(true);
    const stale = await src.getTile(5, 10, 11);
    expect(stale?.body.equals(FAKE_TILE_PNG)).toBe(true);
    // an unknown tile while offline: nothing to show
    expect(await src.getTile(5, 12, 12)).toBeNull();

    // back online, but inside the back-off time the source does not ask
    server.setOffline(false);
    clock.advance(10_000);
    expect(await src.getTile(5, 13, 13)).toBeNull();
    expect(server.calls).toHaveLength(1);
    clock.advance(30_000);
    expect(await src.getTile(5, 13, 13)).not.toBeNull();
    expect(server.calls).toHaveLength(2);
  });

  it('serves the stale tile when the provider answers 429 or 5xx', async () => {
    let status = 200;
    const server = fakeFetch(() => (status === 200 ? png() : new Response('busy', { status })));
    const src = source(server.fetch);
    await src.getTile(6, 1, 1);
    clock.advance(8 * DAY);
    status = 429;
    expect((await src.getTile(6, 1, 1))?.body.equals(FAKE_TILE_PNG)).toBe(true);
  });

  it('does not cache what it must not or cannot show', async () => {
    const server = fakeFetch((call) => {
      if (call.url.includes('/1/0/0')) return png({ 'cache-control': 'no-store' });
      if (call.url.includes('/1/1/0')) return new Response('<html>error page</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      if (call.url.includes('/1/0/1')) return png({}, Buffer.concat([FAKE_TILE_PNG, Buffer.alloc(5000)]));
      return new Response('gone', { status: 404 });
    });
    const src = source(server.fetch, { maxTileBytes: 1000 });
    expect(await src.getTile(1, 0, 0)).not.toBeNull(); // shown …
    expect(cache.count()).toBe(0); // … but never stored
    expect(await src.getTile(1, 1, 0)).toBeNull(); // an HTML page is not a tile
    expect(await src.getTile(1, 0, 1)).toBeNull(); // too large
    expect(await src.getTile(1, 1, 1)).toBeNull(); // 404
    expect(cache.count()).toBe(0);
  });

  it('asks for one tile only once while a request is under way, and uses at most 2 connections', async () => {
    let open = 0;
    let maxOpen = 0;
    const release: (() => void)[] = [];
    const fetch: FetchLike = async () => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      await new Promise<void>((r) => release.push(r));
      open--;
      return png();
    };
    const src = source(fetch);
    const same = [src.getTile(9, 1, 1), src.getTile(9, 1, 1)];
    const others = [src.getTile(9, 1, 2), src.getTile(9, 1, 3), src.getTile(9, 1, 4)];
    let settled = false;
    const all = Promise.all([...same, ...others]).finally(() => (settled = true));
    let fetches = 0;
    while (!settled) {
      await new Promise((r) => setTimeout(r, 2));
      const next = release.shift();
      if (next) {
        fetches++;
        next();
      }
    }
    const results = await all;
    expect(results.every((r) => r !== null)).toBe(true);
    expect(maxOpen).toBe(2);
    expect(fetches).toBe(4); // 5 requests, 4 different tiles
    expect(cache.count()).toBe(4);
  });

  it('keeps tiles across restarts (the cache is on disk)', async () => {
    const server = fakeFetch(() => png());
    await source(server.fetch).getTile(2, 2, 2);
    cache.close();
    cache = new TileDiskCache(join(dir, 'tile-cache.sqlite'));
    server.setOffline(true);
    expect(await source(server.fetch).getTile(2, 2, 2)).not.toBeNull();
  });
});
