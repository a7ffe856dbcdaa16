/**
 * How long a downloaded map tile may be used without asking the tile server again.
 *
 * The provider's HTTP caching headers are read by `http-cache-semantics` (RFC 9111, as a private cache:
 * the kiosk is one client, so `s-maxage` is for proxies and ignored; max-age, Expires against the server's
 * Date, Age, no-store, no-cache and the Last-Modified heuristic are the library's). A tile is never
 * re-requested sooner than `minFreshMs` (7 days by default): the OpenStreetMap tile usage policy asks
 * clients to cache for at least 7 days, and a kiosk showing one small town gains nothing from fresher
 * tiles. `no-store` is honoured: such a tile is shown but never written to disk.
 */
import CachePolicy from 'http-cache-semantics';

export const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

export interface TileFreshness {
  /** false when the server forbids storing the response (Cache-Control: no-store). */
  store: boolean;
  /** Absolute time (ms since epoch) until which the tile is used without asking the server. */
  freshUntil: number;
}

/** What the disk cache keeps of a stored tile's response to revalidate it. */
export interface TileValidators {
  etag: string | null;
  lastModified: string | null;
}

export interface TileExchange {
  url: string;
  /** request headers, lower-case names */
  request: Record<string, string>;
  /** response status and headers (lower-case names, e.g. Object.fromEntries(res.headers)) */
  status: number;
  headers: Record<string, string>;
}

/** A policy whose clock is the kiosk's (fake clocks in tests), not Date.now(). */
function policyAt(nowMs: number, url: string, request: Record<string, string>, status: number, headers: Record<string, string>): CachePolicy {
  class At extends CachePolicy {
    now(): number {
      return nowMs;
    }
  }
  // directive names are case-insensitive (RFC 9111 5.2); the library compares them as written
  const cc = headers['cache-control'];
  const res = { status, headers: cc === undefined ? headers : { ...headers, 'cache-control': cc.toLowerCase() } };
  return new At({ url, method: 'GET', headers: request }, res, { shared: false });
}

const storedHeaders = (v: TileValidators): Record<string, string> => ({
  ...(v.etag ? { etag: v.etag } : {}),
  ...(v.lastModified ? { 'last-modified': v.lastModified } : {}),
});

/** The server's freshness lifetime in ms from now (0 when the headers give none or forbid reuse). */
export function headerLifetimeMs(x: TileExchange, nowMs: number): number {
  return policyAt(nowMs, x.url, x.request, x.status, x.headers).timeToLive();
}

function freshness(policy: CachePolicy, nowMs: number, minFreshMs: number): TileFreshness {
  return { store: policy.storable(), freshUntil: nowMs + Math.max(policy.timeToLive(), minFreshMs) };
}

export function tileFreshness(x: TileExchange, nowMs: number, minFreshMs = SEVEN_DAYS_MS): TileFreshness {
  return freshness(policyAt(nowMs, x.url, x.request, x.status, x.headers), nowMs, minFreshMs);
}

/** Request headers for asking again about a stored tile (If-None-Match / If-Modified-Since from its validators). */
export function revalidationHeaders(url: string, request: Record<string, string>, cached: TileValidators | null): Record<string, string> {
  if (!cached) return request;
  const headers = policyAt(0, url, request, 200, storedHeaders(cached)).revalidationHeaders({ url, method: 'GET', headers: request });
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * After a 304 Not Modified: the stored tile's new freshness, or null when the 304 names another version (a
 * different strong ETag / Last-Modified than the stored tile's: RFC 9111 4.3.4 forbids updating then). The
 * disk cache keeps only the validators of a tile's response, so the 304's headers over them are the
 * updated stored response (the library's merge keeps only header names the stored response had).
 */
export function revalidatedFreshness(cached: TileValidators, x: TileExchange, nowMs: number, minFreshMs = SEVEN_DAYS_MS): TileFreshness | null {
  const stored = storedHeaders(cached);
  if (x.headers.etag || x.headers['last-modified']) {
    const { matches } = policyAt(nowMs, x.url, x.request, 200, stored).revalidatedPolicy(
      { url: x.url, method: 'GET', headers: x.request },
      { status: x.status, headers: x.headers },
    );
    if (!matches) return null;
  }
  return freshness(policyAt(nowMs, x.url, x.request, 200, { ...stored, ...x.headers }), nowMs, minFreshMs);
}
