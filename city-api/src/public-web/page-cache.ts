/**
 * Rendered public pages kept in memory per catalog version (issue 19, load goal): `/angebote` (list, search,
 * filters, later pages), the map, an offer page and its print view, `/feeds/offers.atom` and `sitemap.xml`.
 * At 20,000 offers a text search costs ~50-70 ms and the Atom feed sorts every offer; the same page asked again
 * is answered from here.
 *
 * Key: the route, its parameters and its query in canonical form (the list's filters through parseWebQuery and
 * webQueryString, so `?q=Schach&seite=1` and `?seite=1&q=Schach` are one page; other parameters than the page
 * reads are not part of the key), the storage's catalogVersion() (feed head = every offer change, events,
 * taxonomy — the same text that rebuilds the catalog) and the local date. So an offer change is on the next
 * request; nothing has to be told to invalidate. An entry lives at most `ttlMs` (default 60 s, the pages'
 * max-age): an offer page's next dates and the list's "today" move on with the clock, not with the version.
 *
 * Every cached answer carries an ETag (hash of the body); a request with the same If-None-Match gets 304 without a
 * body. Only 200 answers with a string or Buffer body are kept; bounded by entries and by bytes (LRU, lru-cache).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { KIOSK_TZ, localDate } from '../../../shared/logic/next-dates';
import type { PublicWebReads } from '../storage/web-reads';
import { parseWebQuery, webQueryString } from './web-catalog';
import { parseLang } from './web-texts';

interface CachedPage {
  body: string | Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** The routes kept, and which part of the query each one reads. */
const LIST_ROUTES = new Set(['/angebote', '/angebote/karte']);
const LANG_ROUTES = new Set(['/angebote/:id', '/angebote/:id/druck']);
const PLAIN_ROUTES = new Set(['/feeds/offers.atom', '/sitemap.xml']);

/** The canonical key of a request's page without the version, or null when the route is not kept. */
export function pageKey(route: string | undefined, params: Record<string, string>, query: Record<string, unknown>): string | null {
  if (!route) return null;
  if (LIST_ROUTES.has(route)) return `${route}${webQueryString(parseWebQuery(query), parseLang(query.lang))}`;
  if (LANG_ROUTES.has(route)) return `${route}|${params.id ?? ''}|${parseLang(query.lang)}`;
  if (PLAIN_ROUTES.has(route)) return route;
  return null;
}

/** Headers that belong to one answer, not to the page. */
const NOT_REPLAYED = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'etag']);

export interface PageCacheOptions {
  storage: Pick<PublicWebReads, 'catalogVersion'>;
  /** default 500 pages */
  maxEntries?: number;
  /** default 64 MB of bodies */
  maxBytes?: number;
  /** default 60 s */
  ttlMs?: number;
  now?: () => Date;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  notModified: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the page cache: the key under which this answer is to be kept */
    pageCacheKey: string | null;
  }
}

/**
 * Adds the cache to `app` as onRequest/onSend hooks (register before the public routes, on the root instance, so
 * the hooks run for the routes of every plugin). Returns counters (tests, metrics).
 */
export function registerPageCache(app: FastifyInstance, opts: PageCacheOptions): PageCacheStats {
  const now = opts.now ?? (() => new Date());
  const cache = new LRUCache<string, CachedPage>({
    max: opts.maxEntries ?? 500,
    maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (p) => Math.max(1, typeof p.body === 'string' ? Buffer.byteLength(p.body) : p.body.length),
    ttl: opts.ttlMs ?? 60_000,
  });
  const stats: PageCacheStats = { hits: 0, misses: 0, notModified: 0 };
  app.decorateRequest('pageCacheKey', null);

  const answer = (req: FastifyRequest, reply: FastifyReply, page: CachedPage) => {
    reply.headers(page.headers).header('etag', page.etag);
    if (ifNoneMatch(req, page.etag)) {
      stats.notModified++;
      return reply.code(304).send();
    }
    return reply.code(200).send(page.body);
  };

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const route = pageKey(req.routeOptions.url, req.params as Record<string, string>, req.query as Record<string, unknown>);
    if (!route) return;
    // per town (public-web/web-town.ts: the Host allow-list), so no town's page is served on another town's address
    const key = `${localDate(now(), KIOSK_TZ)}|${await opts.storage.catalogVersion()}|${req.webTown?.town ?? ''}|${route}`;
    const page = cache.get(key);
    if (page) {
      stats.hits++;
      return answer(req, reply, page);
    }
    stats.misses++;
    req.pageCacheKey = key;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.pageCacheKey;
    if (!key || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    req.pageCacheKey = null;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !NOT_REPLAYED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    cache.set(key, { body: payload, etag, headers });
    reply.header('etag', etag);
    if (ifNoneMatch(req, etag)) {
      stats.notModified++;
      reply.code(304);
      return '';
    }
    return payload;
  });
  return stats;
}

/** If-None-Match: a list of entity tags (weak ones compare equal too) or `*`. */
function ifNoneMatch(req: FastifyRequest, etag: string): boolean {
  const h = req.headers['if-none-match'];
  if (!h) return false;
  return h
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
