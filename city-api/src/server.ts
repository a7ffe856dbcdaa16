import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { randomBytes } from 'node:crypto';
import { createChaos, type ChaosController, type ChaosFault, type ChaosOptions } from './chaos';
import { openCityDb, type CityDb } from './city-db';
import { kioskApiPlugin } from './kiosk-api';
import type { KioskStorage } from './storage/kiosk-storage';
import { sqliteStorage } from './storage/sqlite-storage';
import { fastifyLogging, type CityApiLogging } from './ops/logging';
import { registerOpsRoutes } from './ops/ops-routes';
import { staffPlugin } from './staff/staff-plugin';
import { registerPromotionFeeds } from './submissions/promotion-feeds';
import { publicWebPlugin } from './public-web/public-web-plugin';
import { registerPageCache } from './public-web/page-cache';
import { registerWebTown, type PlaceNames, type TownSite } from './public-web/web-town';
import { registerSubmissionRoutes, type SpamLimits } from './submissions/submission-routes';
import { registerClubCalendarRoutes } from './calendar-sources/club-routes';

export interface CityApiOptions {
  /** The SQLite database: every part of the server (kiosk API, staff page, club form, public pages). */
  db?: CityDb;
  /**
   * The storage of the kiosk API, the public pages and the public feeds (issue 19). Absent: the SQLite `db`
   * through sqliteStorage. A PostgreSQL storage without `db` serves the kiosk API, /angebote (list, offer pages,
   * map, sitemap), the web wish form /wuensche/neu, the club form /submit with its poster, /feeds/offers.atom +
   * /feeds/events.ics and the staff login with the offer, submission (moderation, audit, 12-month review), wish and
   * kiosk pages, the calendar sources (staff page, club calendar routes, imported occurrences in /v1/events) and the
   * Bedarf page: every part, on both backends.
   */
  storage?: KioskStorage;
  /** Chaos mode: a controller, or options to build one. Absent = well-behaved. */
  chaos?: ChaosController | ChaosOptions;
  /** Password of the staff web page; absent = staff page disabled. */
  adminPassword?: string;
  /** Logging: false (default) none, true Fastify's default, or the JSON logger of ops/logging.ts (cli.ts). */
  logger?: CityApiLogging;
  /** Set the Secure flag on the staff session cookie (behind HTTPS). */
  secureCookies?: boolean;
  /**
   * Public base URL of this server, e.g. https://angebote.siegburg.de: every absolute URL (poster QR code, feeds,
   * private links of the club form, public pages) is built from it, never from the request's Host header.
   * Required unless `kioskApiOnly` (buildCityApi throws PublicUrlRequiredError). A function: resolved per request
   * (startCityApi uses its own listen address on loopback).
   */
  publicUrl?: string | (() => string);
  /** Serve only /health, /v1 and /images (no club form, feeds or public pages): the only mode without publicUrl. */
  kioskApiOnly?: boolean;
  /**
   * Addresses (IPs or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed (Fastify trustProxy);
   * default none: req.ip is the socket's peer, and per-address limits key on it.
   */
  trustProxy?: string[];
  /** Spam protection of the public submission form (tests lower the minimum fill time). */
  submissionSpam?: Partial<SpamLimits>;
  /**
   * A town's own address on a district server (--town-site, public-web/web-town.ts): a request whose Host header is
   * exactly one of these gets that town's public pages and feeds, with links built from that address.
   */
  townSites?: TownSite[];
  /** The name on the public pages of every other Host (--site-name; default Siegburg; web-town.ts). */
  siteNames?: PlaceNames;
  /** Who answers questions about privacy on the public pages without town (--privacy-contact; web-town.ts). */
  privacyContact?: string;
  /**
   * The clock of the staff pages and the club calendar routes (calendar previews and imports count the occurrences
   * from now on). Default the system clock; tests fix it so fixture feeds with dated events do not expire.
   */
  now?: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    chaosFault: ChaosFault | null;
    kioskId: string | null;
  }
}

const sha256Param = z.string().regex(/^[0-9a-f]{64}$/);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export const PUBLIC_URL_REQUIRED =
  'the staff page and the club form write absolute links (poster QR code, feeds, private links), so the server needs its public address: ' +
  'start it with --public-url https://<your host> (the address visitors use, e.g. https://angebote.siegburg.de), ' +
  'or with --kiosk-api-only to serve only the kiosk API';
export class PublicUrlRequiredError extends Error {
  constructor() {
    super(PUBLIC_URL_REQUIRED);
  }
}

/** Checks a --public-url value: http(s), a host (and port), no path, query, user info or trailing slash. */
export function checkPublicUrl(u: string): string {
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(u)) {
    throw new Error(`--public-url: expected e.g. https://angebote.siegburg.de (scheme and host, no path), got "${u.slice(0, 80)}"`);
  }
  return u;
}

/** Checks --trust-proxy addresses (IPv4/IPv6, optionally /prefix). */
export function checkTrustProxy(list: string[]): string[] {
  for (const a of list) {
    if (!/^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(\/\d{1,3})?$/.test(a)) {
      throw new Error(`--trust-proxy: expected IP addresses or CIDR ranges of your reverse proxy, e.g. 10.0.0.5 or 10.0.0.0/24, got "${a.slice(0, 60)}"`);
    }
  }
  return list;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function buildCityApi(opts: CityApiOptions): { app: FastifyInstance; chaos: ChaosController | null; storage: KioskStorage } {
  const web = !opts.kioskApiOnly;
  if (!opts.db && !opts.storage) throw new Error('buildCityApi: needs db (SQLite) or storage');
  const storage = opts.storage ?? sqliteStorage(opts.db!);
  const chaos = opts.chaos ? ('decide' in opts.chaos ? opts.chaos : createChaos(opts.chaos)) : null;
  const now = opts.now ?? (() => new Date());
  if ((web || opts.adminPassword) && opts.publicUrl === undefined) throw new PublicUrlRequiredError();
  const fixedUrl = typeof opts.publicUrl === 'string' ? checkPublicUrl(opts.publicUrl) : null;
  const lazyUrl = typeof opts.publicUrl === 'function' ? opts.publicUrl : null;
  const publicUrl = (): string => fixedUrl ?? lazyUrl!();
  const trustProxy = opts.trustProxy?.length ? checkTrustProxy(opts.trustProxy) : false;
  const app = Fastify({ ...fastifyLogging(opts.logger), bodyLimit: 256 * 1024, trustProxy });
  app.decorateRequest('chaosFault', null);
  app.decorateRequest('kioskId', null);
  // Maintained plugins instead of hand-written parts: cookies (signed), urlencoded forms, security headers, rate limits.
  void app.register(cookie, { secret: randomBytes(32) });
  void app.register(formbody, { bodyLimit: 64 * 1024 });
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  // Limits only where routes ask for them (config.rateLimit); keyed on req.ip (the proxy's X-Forwarded-For only
  // from --trust-proxy addresses), in a bounded LRU of addresses whose entries expire with their window.
  void app.register(rateLimit, { global: false, cache: 10_000 });

  // ---------------------------------------------------------------- chaos (auth lives in the /v1 and /staff plugins)
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (chaos) {
      const fault = chaos.decide(path);
      req.chaosFault = fault;
      if (fault === 'latency') {
        const [a, b] = chaos.options.latencyMs;
        await sleep(a + Math.floor(chaos.random() * Math.max(0, b - a)));
      } else if (fault === 'error500') {
        return reply.code(500).send({ error: 'chaos: internal server error' });
      } else if (fault === 'reset') {
        // connection dropped before a single byte of the answer (proxy restart, Wi-Fi gone)
        reply.hijack();
        req.raw.socket.destroy();
        return reply;
      } else if (fault === 'tooMany' || fault === 'unavailable') {
        return reply
          .code(fault === 'tooMany' ? 429 : 503)
          .header('retry-after', String(chaos.options.retryAfterS))
          .send({ error: `chaos: ${fault === 'tooMany' ? 'too many requests' : 'unavailable'}` });
      }
    }
  });

  /** Sends a body, applying the body-level chaos faults (oversize, cut mid-response). */
  function send(req: FastifyRequest, reply: FastifyReply, body: string, contentType: string) {
    if (req.chaosFault === 'cut') {
      reply.hijack();
      const raw = reply.raw;
      const bytes = Buffer.from(body);
      raw.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes.length + 1024) });
      raw.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => raw.socket?.destroy());
      return reply;
    }
    if (req.chaosFault === 'oversize') {
      const total = chaos!.options.oversizeBytes;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      async function* pad() {
        for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
        yield Buffer.from(body);
      }
      return reply.type(contentType).send(Readable.from(pad()));
    }
    return reply.type(contentType).send(body);
  }

  // /health, /ready (database answers) and /metrics (Prometheus) for the town's monitoring.
  registerOpsRoutes(app, { storage });

  void app.register(kioskApiPlugin, { prefix: '/v1', storage, send, publicUrl: opts.publicUrl === undefined ? undefined : publicUrl });

  app.get<{ Params: { sha: string } }>('/images/:sha', async (req, reply) => {
    const sha = sha256Param.safeParse(req.params.sha);
    if (!sha.success) return reply.code(404).send({ error: 'not found' });
    const row = await storage.getImage(sha.data);
    // only the three re-encoded image types, never sniffed by a browser, never a document
    const type = IMAGE_TYPES.has(row?.contentType ?? '') ? row!.contentType : null;
    if (!row || !type) return reply.code(404).send({ error: 'not found' });
    return reply
      .type(type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', 'inline')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(row.bytes);
  });

  // Staff web page (offers, wishes, kiosks, moderation, …): one plugin, session + CSRF checked in its hooks.
  // New staff pages: add a registrar to STAFF_PAGES in staff/staff-pages.ts (see staff/staff-kit.ts).
  // Every page runs on the storage (both backends).
  if (opts.adminPassword) {
    void app.register(staffPlugin, {
      prefix: '/staff',
      storage,
      ...(opts.db ? { db: opts.db } : {}),
      now,
      publicUrl,
      password: opts.adminPassword,
      secureCookies: opts.secureCookies ?? false,
    });
  }
  // Clubs add their offers (public form, no account) and their calendars, feeds for promotion, the public pages:
  // through the storage (both backends).
  if (web) {
    // rendered list/search/offer pages, Atom feed and sitemap per catalog version, with ETag + 304 (issue 19 load)
    // the request's town from the Host allow-list, before the page cache (it keys on the town) and the routes
    registerWebTown(app, opts.townSites ?? []);
    registerPageCache(app, { storage });
    registerSubmissionRoutes(app, { storage, publicUrl, spam: opts.submissionSpam, ...(opts.siteNames ? { siteNames: opts.siteNames } : {}) });
    registerClubCalendarRoutes(app, { storage, now });
    registerPromotionFeeds(app, { storage, publicUrl, ...(opts.siteNames ? { siteNames: opts.siteNames } : {}) });
    void app.register(publicWebPlugin, { storage, publicUrl, spam: opts.submissionSpam, ...(opts.siteNames ? { siteNames: opts.siteNames } : {}), ...(opts.privacyContact ? { privacyContact: opts.privacyContact } : {}) });
  }

  return { app, chaos, storage };
}

export interface RunningCityApi {
  url: string;
  port: number;
  app: FastifyInstance;
  db: CityDb;
  /** The kiosk-facing storage the /v1 routes use (here: sqliteStorage(db)). */
  storage: KioskStorage;
  chaos: ChaosController | null;
  close(): Promise<void>;
}

type ListenOptions = {
  port?: number;
  host?: string;
  /** Extra hooks or routes before listening (tests observe requests here). */
  configure?: (app: FastifyInstance) => void;
};

/**
 * Opens the database and listens (host 127.0.0.1 unless told otherwise; port 0 = any free port).
 * On a loopback host without publicUrl, the public URL is the listen address (tests, local trials).
 */
export async function startCityApi(
  opts: Omit<CityApiOptions, 'db' | 'storage'> & ListenOptions & { db?: CityDb; dbFile?: string },
): Promise<RunningCityApi> {
  const db = opts.db ?? openCityDb(opts.dbFile ?? ':memory:');
  try {
    const running = await listenCityApi({ ...opts, db });
    return {
      ...running,
      db,
      async close() {
        await running.close();
        if (!opts.db) db.close();
      },
    };
  } catch (err) {
    if (!opts.db) db.close();
    throw err;
  }
}

/**
 * Listens with any storage (SQLite or PostgreSQL, issue 19). close() stops the server; the storage stays open
 * (its owner closes it).
 */
export async function listenCityApi(opts: CityApiOptions & ListenOptions): Promise<Omit<RunningCityApi, 'db'>> {
  const host = opts.host ?? '127.0.0.1';
  let listenUrl = '';
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  const publicUrl = opts.publicUrl ?? (loopback && !opts.kioskApiOnly ? () => listenUrl : undefined);
  const { app, chaos, storage } = buildCityApi({ ...opts, publicUrl });
  opts.configure?.(app);
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  listenUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    storage,
    chaos,
    async close() {
      await app.close();
    },
  };
}
