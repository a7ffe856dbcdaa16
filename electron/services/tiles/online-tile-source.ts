import { createHash } from 'node:crypto';
import type { Clock } from '../../../shared/logic/clock';
import type { BinaryAsset, TileSource } from '../binary-assets';
import type { Log } from '../log';
import type { TileDiskCache } from './tile-disk-cache';
import { SEVEN_DAYS_MS, revalidatedFreshness, revalidationHeaders, tileFreshness } from './tile-cache-policy';
import { rasterTileType } from './tile-format';
import { readBodyBounded } from '../net/read-body';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal; redirect: 'follow' }) => Promise<Response>;

export interface OnlineTileSourceOptions {
  urlTemplate: string;
  /** Identifies this application to the tile provider, as tile usage policies require. */
  userAgent: string;
  cache: TileDiskCache;
  clock: Clock;
  log: Log;
  fetch?: FetchLike;
  /** A tile is not requested again before this much time has passed (policy minimum 7 days). */
  minFreshMs?: number;
  timeoutMs?: number;
  maxTileBytes?: number;
  /** Parallel requests to the provider (OSM asks for at most 2). */
  maxConcurrent?: number;
  /** Requests waiting for a free connection; beyond this a tile is answered from cache or not at all. */
  maxQueued?: number;
  /** After a network failure, the provider is not asked again for this long (tiles come from cache only). */
  offlineBackoffMs?: number;
}

/**
 * Online tile source behind a disk cache. Only tiles the map actually shows are requested,
 * one by one, never prefetched in bulk. Fresh cached tiles are served without a request;
 * expired ones are revalidated (If-None-Match / If-Modified-Since). When the provider cannot be
 * reached, expired tiles are served anyway ("stale") so that the map keeps working offline.
 */
export class OnlineTileSource implements TileSource {
  private readonly sourceKey: string;
  private readonly inFlight = new Map<string, Promise<BinaryAsset | null>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private offlineUntil = 0;
  private readonly opts: Required<Omit<OnlineTileSourceOptions, 'fetch'>> & { fetch: FetchLike };

  constructor(options: OnlineTileSourceOptions) {
    this.opts = {
      minFreshMs: SEVEN_DAYS_MS,
      timeoutMs: 8000,
      maxTileBytes: 1024 * 1024,
      maxConcurrent: 2,
      maxQueued: 64,
      offlineBackoffMs: 30_000,
      fetch: globalThis.fetch as unknown as FetchLike,
      ...options,
    };
    if (this.opts.minFreshMs < SEVEN_DAYS_MS) this.opts.minFreshMs = SEVEN_DAYS_MS;
    this.sourceKey = createHash('sha256').update(options.urlTemplate).digest('hex').slice(0, 16);
  }

  /** The URL for one tile; {s} (sub-domain) is always "a" so that the cache sees one URL per tile. */
  tileUrl(z: number, x: number, y: number): string {
    return this.opts.urlTemplate
      .replace('{z}', String(z))
      .replace('{x}', String(x))
      .replace('{y}', String(y))
      .replace('{s}', 'a')
      .replace('{r}', '');
  }

  getTile(z: number, x: number, y: number): Promise<BinaryAsset | null> {
    const key = `${z}/${x}/${y}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = this.load(z, x, y).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async load(z: number, x: number, y: number): Promise<BinaryAsset | null> {
    const now = this.opts.clock.now().getTime();
    const cached = this.opts.cache.get(this.sourceKey, z, x, y, now);
    if (cached && cached.freshUntil > now) return { contentType: cached.contentType, body: cached.body };
    const stale = cached ? { contentType: cached.contentType, body: cached.body } : null;
    if (now < this.offlineUntil) return stale;
    if (!(await this.acquire())) return stale;
    try {
      return await this.request(z, x, y, cached, stale);
    } finally {
      this.release();
    }
  }

  private async request(
    z: number,
    x: number,
    y: number,
    cached: ReturnType<TileDiskCache['get']>,
    stale: BinaryAsset | null,
  ): Promise<BinaryAsset | null> {
    const url = this.tileUrl(z, x, y);
    const request = { 'user-agent': this.opts.userAgent, accept: 'image/png,image/jpeg,image/webp;q=0.9,*/*;q=0.1' };
    const headers = revalidationHeaders(url, request, cached);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      const res = await this.opts.fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
      const now = this.opts.clock.now().getTime();
      const exchange = { url, request, status: res.status, headers: Object.fromEntries(res.headers) };
      if (res.status === 304 && cached) {
        await res.body?.cancel();
        const re = revalidatedFreshness(cached, exchange, now, this.opts.minFreshMs);
        if (re?.store) this.opts.cache.refresh(this.sourceKey, z, x, y, re.freshUntil, now);
        return stale;
      }
      const fresh = tileFreshness(exchange, now, this.opts.minFreshMs);
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) {
        await res.body?.cancel();
        this.opts.log.warn('tile server answered with an error', { status: res.status, z, x, y });
        // 429 / 5xx: the provider is overloaded or refusing us; give it a rest.
        if (res.status === 429 || res.status >= 500) this.offlineUntil = now + this.opts.offlineBackoffMs;
        return stale;
      }
      const body = await readBodyBounded(res, this.opts.maxTileBytes);
      const contentType = body ? await rasterTileType(body) : null;
      if (!body || !contentType) {
        this.opts.log.warn('tile server sent something that is not a tile image', { z, x, y });
        return stale;
      }
      if (fresh.store) {
        this.opts.cache.put(
          this.sourceKey,
          z,
          x,
          y,
          { body, contentType, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), fetchedAt: now, freshUntil: fresh.freshUntil },
          now,
        );
      }
      return { contentType, body };
    } catch (err) {
      const now = this.opts.clock.now().getTime();
      if (now >= this.offlineUntil) this.opts.log.info('tile server not reachable, using cached tiles', { error: (err as Error).message });
      this.offlineUntil = now + this.opts.offlineBackoffMs;
      return stale;
    } finally {
      clearTimeout(timer);
    }
  }

  private acquire(): Promise<boolean> {
    if (this.active < this.opts.maxConcurrent) {
      this.active++;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.opts.maxQueued) return Promise.resolve(false);
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.active++;
        resolve(true);
      }),
    );
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
