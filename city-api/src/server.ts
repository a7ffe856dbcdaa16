import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { heartbeatBodySchema, OFFERS_PAGE_MAX, statsBodySchema } from '../../shared/schemas/city-api';
import { wishBodySchema } from '../../shared/schemas/wish';
import { createChaos, malformedRecords, type ChaosController, type ChaosFault, type ChaosOptions } from './chaos';
import { openCityDb, type CityDb } from './city-db';
import { eventsForWindow } from './event-store';
import { buildCalendar } from './ics-writer';
import { withImportedEvents } from './calendar-sources/serve-events';
import { getKioskConfig, kioskForToken, recordHeartbeat, storeStats } from './kiosk-store';
import { currentSeq, getTaxonomyRow, offersPage, parseCursor, serialiseFeedPage } from './offer-store';
import { registerStaffPages } from './staff-pages';
import { storeWish } from './wish-store';
import { registerModerationPages } from './submissions/moderation-pages';
import { registerPromotionFeeds } from './submissions/promotion-feeds';
import { registerSubmissionRoutes, type SpamLimits } from './submissions/submission-routes';

export interface CityApiOptions {
  db: CityDb;
  /** Chaos mode: a controller, or options to build one. Absent = well-behaved. */
  chaos?: ChaosController | ChaosOptions;
  /** Password of the staff web page; absent = staff page disabled. */
  adminPassword?: string;
  /** Fastify request logging. */
  logger?: boolean;
  /** Set the Secure flag on the staff session cookie (behind HTTPS). */
  secureCookies?: boolean;
  /** Public base URL of this server (links in feeds, private edit links, poster QR code); default: from the request. */
  publicUrl?: string;
  /** Spam protection of the public submission form (tests lower the minimum fill time). */
  submissionSpam?: Partial<SpamLimits>;
}

declare module 'fastify' {
  interface FastifyRequest {
    chaosFault: ChaosFault | null;
    kioskId: string | null;
  }
}

const offersQuerySchema = z.object({
  since: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(OFFERS_PAGE_MAX).default(100),
});
const eventsQuerySchema = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 400, { message: 'window longer than 400 days' });
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9-]{8,128}$/);
const sha256Param = z.string().regex(/^[0-9a-f]{64}$/);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function buildCityApi(opts: CityApiOptions): { app: FastifyInstance; chaos: ChaosController | null } {
  const { db } = opts;
  const chaos = opts.chaos ? ('decide' in opts.chaos ? opts.chaos : createChaos(opts.chaos)) : null;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 256 * 1024, trustProxy: false });
  app.decorateRequest('chaosFault', null);
  app.decorateRequest('kioskId', null);

  // ---------------------------------------------------------------- chaos and auth for /v1
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
    if (path.startsWith('/v1/')) {
      const auth = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const kiosk = m ? kioskForToken(db, m[1]!) : null;
      if (!kiosk) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
      req.kioskId = kiosk;
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

  const JSON_TYPE = 'application/json; charset=utf-8';

  app.get('/health', async () => ({ ok: true }));

  app.get('/v1/taxonomy', async (req, reply) => {
    const row = getTaxonomyRow(db);
    if (!row) return reply.code(503).header('retry-after', '60').send({ error: 'taxonomy not set up yet' });
    reply.header('etag', row.etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === row.etag) return reply.code(304).send();
    return send(req, reply, row.json, JSON_TYPE);
  });

  app.get('/v1/offers', async (req, reply) => {
    const q = offersQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: z.prettifyError(q.error) });
    const cursor = parseCursor(q.data.since);
    // A cursor from the future means this database was replaced: the kiosk must start over.
    if (!cursor || cursor.seq > currentSeq(db)) return reply.code(400).send({ error: 'unknown cursor' });
    const page = offersPage(db, cursor, q.data.limit);
    if (req.chaosFault === 'malformed') page.items.splice(Math.floor(page.items.length / 2), 0, ...malformedRecords(cursor.seq));
    return send(req, reply, serialiseFeedPage(page), JSON_TYPE);
  });

  app.get('/v1/events', async (req, reply) => {
    const q = eventsQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: z.prettifyError(q.error) });
    const calendar = withImportedEvents(db, buildCalendar(eventsForWindow(db, q.data.from, q.data.to)), q.data.from, q.data.to);
    return send(req, reply, calendar, 'text/calendar; charset=utf-8');
  });

  app.post('/v1/wishes', async (req, reply) => {
    const key = idempotencyKeySchema.safeParse(req.headers['idempotency-key']);
    if (!key.success) return reply.code(400).send({ error: 'Idempotency-Key header (8..128 characters A-Z a-z 0-9 -) required' });
    const body = wishBodySchema.safeParse(req.body);
    if (!body.success) return reply.code(422).send({ error: z.prettifyError(body.error) });
    if (body.data.kiosk_id !== req.kioskId) return reply.code(422).send({ error: 'kiosk_id does not match the token' });
    const r = storeWish(db, key.data, req.kioskId, body.data);
    return reply.code(r.created ? 201 : 200).send({ id: r.id });
  });

  const ownKiosk = (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): boolean => {
    if (req.params.id !== req.kioskId) {
      void reply.code(403).send({ error: 'token belongs to another kiosk' });
      return false;
    }
    return true;
  };

  app.get<{ Params: { id: string } }>('/v1/kiosks/:id/config', async (req, reply) => {
    if (!ownKiosk(req, reply)) return reply;
    const cfg = getKioskConfig(db, req.params.id);
    if (!cfg) return reply.code(404).send({ error: 'unknown kiosk' });
    reply.header('etag', cfg.etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === cfg.etag) return reply.code(304).send();
    return send(req, reply, cfg.json, JSON_TYPE);
  });

  app.post<{ Params: { id: string } }>('/v1/kiosks/:id/heartbeat', async (req, reply) => {
    if (!ownKiosk(req, reply)) return reply;
    const body = heartbeatBodySchema.safeParse(req.body);
    if (!body.success) return reply.code(422).send({ error: z.prettifyError(body.error) });
    return reply.send({ commands: recordHeartbeat(db, req.params.id, body.data) });
  });

  app.post<{ Params: { id: string } }>('/v1/kiosks/:id/stats', async (req, reply) => {
    if (!ownKiosk(req, reply)) return reply;
    const body = statsBodySchema.safeParse(req.body);
    if (!body.success) return reply.code(422).send({ error: z.prettifyError(body.error) });
    storeStats(db, req.params.id, body.data.day, body.data);
    return reply.code(204).send();
  });

  app.get<{ Params: { sha: string } }>('/images/:sha', async (req, reply) => {
    const sha = sha256Param.safeParse(req.params.sha);
    if (!sha.success) return reply.code(404).send({ error: 'not found' });
    const row = db.prepare(`SELECT content_type, bytes FROM images WHERE sha256 = ?`).get(sha.data) as
      | { content_type: string; bytes: Buffer }
      | undefined;
    if (!row) return reply.code(404).send({ error: 'not found' });
    return reply.type(row.content_type).header('cache-control', 'public, max-age=31536000, immutable').send(row.bytes);
  });

  if (opts.adminPassword) registerStaffPages(app, { db, password: opts.adminPassword, secureCookies: opts.secureCookies ?? false });
  // Clubs add their offers (public form, no account), staff moderate (only with the staff page), feeds for promotion.
  registerSubmissionRoutes(app, { db, publicUrl: opts.publicUrl, spam: opts.submissionSpam });
  if (opts.adminPassword) registerModerationPages(app, { db });
  registerPromotionFeeds(app, { db, publicUrl: opts.publicUrl });

  return { app, chaos };
}

export interface RunningCityApi {
  url: string;
  port: number;
  app: FastifyInstance;
  db: CityDb;
  chaos: ChaosController | null;
  close(): Promise<void>;
}

/** Opens the database and listens (host 127.0.0.1 unless told otherwise; port 0 = any free port). */
export async function startCityApi(
  opts: Omit<CityApiOptions, 'db'> & {
    db?: CityDb;
    dbFile?: string;
    port?: number;
    host?: string;
    /** Extra hooks or routes before listening (tests observe requests here). */
    configure?: (app: FastifyInstance) => void;
  },
): Promise<RunningCityApi> {
  const db = opts.db ?? openCityDb(opts.dbFile ?? ':memory:');
  const { app, chaos } = buildCityApi({ ...opts, db });
  opts.configure?.(app);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  return {
    url: `http://${host}:${port}`,
    port,
    app,
    db,
    chaos,
    async close() {
      await app.close();
      if (!opts.db) db.close();
    },
  };
}
