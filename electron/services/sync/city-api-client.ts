import type { SyncErrorCode } from '../../../shared/contract/sync';
import type { Clock } from '../../../shared/logic/clock';
import { readBodyBounded } from '../net/read-body';

/** Failure of one city API request, classified for backoff and for the staff screen. */
export class CityApiError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status?: number,
    /** seconds from Retry-After (429/503) */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'CityApiError';
  }
}

export type TaxonomyResponse = { notModified: true } | { notModified: false; etag: string | null; body: unknown };

/** Adapter for the town's API (docs/city-api.md). Returns unvalidated data: the sync engine validates every record. */
export interface CityApiClient {
  getTaxonomy(etag: string | null): Promise<TaxonomyResponse>;
  getOffersPage(since: string | null, limit: number): Promise<unknown>;
  /** iCalendar text for the date window (YYYY-MM-DD). */
  getEvents(from: string, to: string): Promise<string>;
  /** Image bytes; never more than maxBytes are read. */
  getImage(url: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string | null }>;
}

/** An image the kiosk does not fetch because it is not on its city API's origin (issue 13). */
export class ImageOriginError extends CityApiError {
  constructor(message: string) {
    super('invalid_response', message);
    this.name = 'ImageOriginError';
  }
}

/**
 * Where the kiosk fetches an offer's image. A relative `/images/<sha256>` (how the city API stores club photos) is a
 * path under the configured base URL, like every other city API path; an absolute http(s) URL is fetched only when it
 * is on the base URL's origin. Anything else (another host, another port or scheme, `//host`, `data:` …) is refused
 * with an ImageOriginError saying so; the sync logs it and never fetches the image.
 */
export function imageFetchUrl(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(base).origin;
  let target: URL;
  try {
    target = url.startsWith('/') && !url.startsWith('//') && !url.includes('\\') ? new URL(`${base}${url}`) : new URL(url);
  } catch {
    throw new ImageOriginError(`image: ${JSON.stringify(url.slice(0, 80))} is not a URL; not fetched`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new ImageOriginError(`image: ${target.protocol} URLs are not fetched, only the city API's origin ${baseOrigin}`);
  if (target.origin !== baseOrigin) throw new ImageOriginError(`image: ${target.origin} is not the city API's origin ${baseOrigin}; not fetched`);
  return target.href;
}

/** Same-origin redirects an image request may follow. */
const MAX_IMAGE_REDIRECTS = 3;

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export interface FetchClientOptions {
  baseUrl: string;
  token: string;
  version: string;
  clock: Clock;
  timeoutMs?: number;
  maxResponseBytes?: number;
  fetchImpl?: typeof fetch;
  /** Neighbouring towns to ask for as well (`towns=` on taxonomy and offers; city API issue 19). */
  towns?: readonly string[];
}

/** Retry-After: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now.getTime()) / 1000));
}

/** Reads a body, aborting as soon as it grows past `max` bytes (also when no Content-Length was sent). */
export async function readBodyLimited(res: Response, max: number, what: string): Promise<Buffer> {
  let body: Buffer | null;
  try {
    body = await readBodyBounded(res, max);
  } catch (err) {
    throw new CityApiError('network', `${what}: connection lost while reading the response (${(err as Error).message})`);
  }
  if (!body) throw new CityApiError('too_large', `${what}: response exceeds the limit of ${max} bytes`);
  return body;
}

/** The real client: fetch with bearer token, User-Agent, timeouts, a streaming size limit and Retry-After. */
export function createFetchCityApiClient(opts: FetchClientOptions): CityApiClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(base).origin;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const max = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const doFetch = opts.fetchImpl ?? fetch;
  const towns = opts.towns?.length ? opts.towns.join(',') : null;

  async function request(url: string, what: string, headers: Record<string, string> = {}, limit = max, redirect: 'follow' | 'manual' = 'follow') {
    const sameOrigin = new URL(url).origin === baseOrigin;
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: {
          'user-agent': `gemeinsam-kiosk/${opts.version}`,
          ...(sameOrigin ? { authorization: `Bearer ${opts.token}` } : {}),
          ...headers,
        },
        redirect,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new CityApiError('network', `${what}: ${(err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message}`);
    }
    if (res.status === 304) return { res, body: Buffer.alloc(0) };
    if (redirect === 'manual' && res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel().catch(() => {});
      return { res, body: Buffer.alloc(0) };
    }
    if (res.status === 401) {
      await res.body?.cancel().catch(() => {});
      throw new CityApiError('unauthorized', `${what}: 401 — the kiosk token is not registered`, 401);
    }
    if (res.status === 429 || res.status === 503) {
      await res.body?.cancel().catch(() => {});
      throw new CityApiError('rate_limited', `${what}: ${res.status}`, res.status, parseRetryAfter(res.headers.get('retry-after'), opts.clock.now()));
    }
    if (res.status >= 500) {
      await res.body?.cancel().catch(() => {});
      throw new CityApiError('server', `${what}: ${res.status}`, res.status);
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      throw new CityApiError('invalid_response', `${what}: unexpected status ${res.status}`, res.status);
    }
    return { res, body: await readBodyLimited(res, limit, what) };
  }

  const parseJson = (buf: Buffer, what: string): unknown => {
    try {
      return JSON.parse(buf.toString('utf8'));
    } catch {
      throw new CityApiError('invalid_response', `${what}: body is not JSON`);
    }
  };

  return {
    async getTaxonomy(etag) {
      const { res, body } = await request(`${base}/v1/taxonomy${towns ? `?${new URLSearchParams({ towns })}` : ''}`, 'taxonomy', etag ? { 'if-none-match': etag } : {});
      if (res.status === 304) return { notModified: true };
      return { notModified: false, etag: res.headers.get('etag'), body: parseJson(body, 'taxonomy') };
    },
    async getOffersPage(since, limit) {
      const q = new URLSearchParams({ limit: String(limit) });
      if (since) q.set('since', since);
      if (towns) q.set('towns', towns);
      const { body } = await request(`${base}/v1/offers?${q}`, 'offers');
      return parseJson(body, 'offers');
    },
    async getEvents(from, to) {
      const { res, body } = await request(`${base}/v1/events?${new URLSearchParams({ from, to })}`, 'events');
      const type = res.headers.get('content-type') ?? '';
      if (!/^text\/calendar\b/i.test(type)) throw new CityApiError('invalid_response', `events: content type ${type.slice(0, 60)} is not text/calendar`);
      return body.toString('utf8');
    },
    async getImage(url, maxBytes) {
      // Only the city API's own origin, also after redirects (each hop is checked before it is requested).
      let target = imageFetchUrl(url, base);
      for (let hop = 0; ; hop++) {
        const { res, body } = await request(target, 'image', {}, maxBytes, 'manual');
        const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
        if (location === null) return { bytes: body, contentType: res.headers.get('content-type') };
        if (hop >= MAX_IMAGE_REDIRECTS) throw new CityApiError('invalid_response', `image: more than ${MAX_IMAGE_REDIRECTS} redirects`);
        let next: string;
        try {
          next = new URL(location, target).href;
        } catch {
          throw new CityApiError('invalid_response', 'image: redirect to an invalid URL');
        }
        target = imageFetchUrl(next, base);
      }
    },
  };
}
