/**
 * The kiosk API (`/v1`, docs/city-api.md) as one encapsulated Fastify plugin, registered with `prefix: '/v1'`.
 *
 * The bearer check is the scope's onRequest hook, so it is bound to the routes: any spelling of a URL that the
 * router matches to one of these routes (`/%761/offers`, `/v1/%6Fffers`) runs the hook; any other spelling is 404.
 * Each handler additionally reads the kiosk id through `requireKiosk`, which refuses a request the hook did not vouch for.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { heartbeatBodySchema, OFFERS_PAGE_MAX, statsBodySchema } from '../../shared/schemas/city-api';
import { wishBodySchema } from '../../shared/schemas/wish';
import { malformedRecords } from './chaos';
import { feedPageFromRows, parseCursor, serialiseFeedPage, withWebUrl } from './offer-store';
import { heartbeatWriter } from './storage/heartbeat-batch';
import { isStorageUnavailable, type KioskStorage } from './storage/kiosk-storage';
import { feedScope, parseTownsParam, scopeTag, taxonomyForTowns } from './storage/town-storage';

export interface KioskApiOptions {
  /** SQLite (default) or PostgreSQL (issue 19); every route goes through this interface. */
  storage: KioskStorage;
  /** Sends a body, applying the body-level chaos faults (server.ts). */
  send: (req: FastifyRequest, reply: FastifyReply, body: string, contentType: string) => FastifyReply;
  /** --public-url, to make the relative image URLs of club photos absolute for kiosks (absent: sent relative). */
  publicUrl?: () => string;
  /** Retry-After (seconds) of the 503 while the database is unreachable (default 5). */
  retryAfterS?: number;
}

const offersQuerySchema = z.object({
  since: z.string().max(500).optional(),
  // neighbouring towns a kiosk near the border also wants (docs/city-api.md, "Towns")
  towns: z.string().max(1400).optional(),
  limit: z.coerce.number().int().min(1).max(OFFERS_PAGE_MAX).default(100),
});
const taxonomyQuerySchema = z.object({ towns: z.string().max(1400).optional() });
const eventsQuerySchema = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to' })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 400, { message: 'window longer than 400 days' });
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9-]{8,128}$/);
const JSON_TYPE = 'application/json; charset=utf-8';

class KioskAuthError extends Error {
  readonly statusCode = 401;
  constructor() {
    super('unauthorized');
  }
}

/** The kiosk the bearer token belongs to; throws (401) when the request did not pass the scope's token check. */
export function requireKiosk(req: FastifyRequest): string {
  if (!req.kioskId) throw new KioskAuthError();
  return req.kioskId;
}

/** The town of the request's kiosk, read with its token (storage.kioskForToken), so the kiosk is read once per request. */
const requestTown = new WeakMap<FastifyRequest, string | null>();
function kioskTownOf(req: FastifyRequest): string | null {
  requireKiosk(req);
  return requestTown.get(req) ?? null;
}

export async function kioskApiPlugin(v1: FastifyInstance, opts: KioskApiOptions): Promise<void> {
  const { storage, send } = opts;
  const retryAfterS = opts.retryAfterS ?? 5;
  // heartbeats of many kiosks in one write transaction, each answered after its commit (storage/heartbeat-batch.ts)
  const recordHeartbeat = heartbeatWriter(storage);

  v1.addHook('onRequest', async (req, reply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const kiosk = m ? await storage.kioskForToken(m[1]!) : null;
    if (!kiosk) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    req.kioskId = kiosk.id;
    requestTown.set(req, kiosk.town);
  });
  v1.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof KioskAuthError) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    // database restarting or unreachable: the kiosk keeps its data and retries after Retry-After (its outbox keeps wishes)
    if (isStorageUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return reply.code(503).header('retry-after', String(retryAfterS)).send({ error: 'database unavailable, try again later' });
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error(err);
    return reply.code(status).send({ error: status >= 500 ? 'internal server error' : err.message });
  });

  v1.get('/taxonomy', async (req, reply) => {
    requireKiosk(req);
    const q = taxonomyQuerySchema.safeParse(req.query);
    const asked = q.success ? parseTownsParam(q.data.towns) : null;
    if (!asked) return reply.code(400).send({ error: 'towns: comma-separated town ids (a-z, 0-9, -), at most 20' });
    const stored = await storage.getTaxonomy();
    if (!stored) return reply.code(503).header('retry-after', '60').send({ error: 'taxonomy not set up yet' });
    // towns (issue 19): the districts of the kiosk's scope and those without town, with an ETag of its own
    const scope = feedScope(kioskTownOf(req), asked);
    const row = scope ? taxonomyForTowns(stored, scope) : stored;
    reply.header('etag', row.etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === row.etag) return reply.code(304).send();
    return send(req, reply, row.json, JSON_TYPE);
  });

  v1.get('/offers', async (req, reply) => {
    requireKiosk(req);
    const q = offersQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: z.prettifyError(q.error) });
    const asked = parseTownsParam(q.data.towns);
    if (!asked) return reply.code(400).send({ error: 'towns: comma-separated town ids (a-z, 0-9, -), at most 20' });
    let cursor = parseCursor(q.data.since);
    const head = cursor ? await storage.feedHead() : 0;
    // A cursor from the future means this database was replaced: the kiosk must start over.
    if (!cursor || cursor.seq > head || (cursor.firstSyncHead ?? 0) > head) return reply.code(400).send({ error: 'unknown cursor' });
    // Towns (issue 19): the kiosk's own town and the ones it asks for; null = the whole district. A cursor of
    // another scope (the kiosk asks for other towns, or was moved to another town) continues from the beginning,
    // so the offers of a newly added town arrive too, and those of a dropped one as tombstones.
    const scope = feedScope(kioskTownOf(req), asked);
    const tag = scope ? scopeTag(scope) : undefined;
    if (cursor.scope !== tag) cursor = tag ? { seq: 0, scope: tag } : { seq: 0 };
    // A first sync (no cursor): no tombstones of what has not changed since it began (offer-store FeedCursor).
    // Not after a scope change: that kiosk holds offers of its old scope and needs their tombstones.
    if (!q.data.since) cursor.firstSyncHead = head;
    // Nothing changed since the cursor (most incremental syncs): answered from the feed head, no offer row read.
    // The head was read before: a change committed since then is in the kiosk's next sync.
    if (cursor.seq === head && req.chaosFault !== 'malformed') return send(req, reply, serialiseFeedPage(feedPageFromRows([], cursor, q.data.limit)), JSON_TYPE);
    const page = scope ? await storage.offersPageForTowns(cursor, q.data.limit, scope) : await storage.offersPage(cursor, q.data.limit);
    if (opts.publicUrl) {
      const base = JSON.stringify(opts.publicUrl()).slice(1, -1);
      page.items = page.items.map((j) => j.replace(/"url":"\/images\/([0-9a-f]{64})"/g, `"url":"${base}/images/$1"`));
      // issue 17: every offer carries the address of its public page (built from --public-url, never the Host)
      page.items = withWebUrl(page.items, opts.publicUrl());
    }
    if (req.chaosFault === 'malformed') page.items.splice(Math.floor(page.items.length / 2), 0, ...malformedRecords(cursor.seq));
    return send(req, reply, serialiseFeedPage(page), JSON_TYPE);
  });

  v1.get('/events', async (req, reply) => {
    requireKiosk(req);
    const q = eventsQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: z.prettifyError(q.error) });
    const calendar = await storage.calendarForWindow(q.data.from, q.data.to);
    return send(req, reply, calendar, 'text/calendar; charset=utf-8');
  });

  v1.post('/wishes', async (req, reply) => {
    const kioskId = requireKiosk(req);
    const key = idempotencyKeySchema.safeParse(req.headers['idempotency-key']);
    if (!key.success) return reply.code(400).send({ error: 'Idempotency-Key header (8..128 characters A-Z a-z 0-9 -) required' });
    const body = wishBodySchema.safeParse(req.body);
    if (!body.success) return reply.code(422).send({ error: z.prettifyError(body.error) });
    if (body.data.kiosk_id !== kioskId) return reply.code(422).send({ error: 'kiosk_id does not match the token' });
    const r = await storage.storeWish(key.data, kioskId, body.data);
    if (r.outcome === 'conflict') {
      return reply.code(409).send({
        error: 'Idempotency-Key already used by this kiosk for a different wish; the stored wish was not changed (send a new key for a new wish)',
        id: r.id,
      });
    }
    return reply.code(r.outcome === 'created' ? 201 : 200).send({ id: r.id });
  });

  const ownKiosk = (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): boolean => {
    if (req.params.id !== requireKiosk(req)) {
      void reply.code(403).send({ error: 'token belongs to another kiosk' });
      return false;
    }
    return true;
  };

  v1.get<{ Params: { id: string } }>('/kiosks/:id/config', async (req, reply) => {
    requireKiosk(req);
    if (!ownKiosk(req, reply)) return reply;
    const cfg = await storage.getKioskConfig(req.params.id);
    if (!cfg) return reply.code(404).send({ error: 'unknown kiosk' });
    reply.header('etag', cfg.etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === cfg.etag) return reply.code(304).send();
    return send(req, reply, cfg.json, JSON_TYPE);
  });

  v1.post<{ Params: { id: string } }>('/kiosks/:id/heartbeat', async (req, reply) => {
    requireKiosk(req);
    if (!ownKiosk(req, reply)) return reply;
    const body = heartbeatBodySchema.safeParse(req.body);
    if (!body.success) return reply.code(422).send({ error: z.prettifyError(body.error) });
    return reply.send({ commands: await recordHeartbeat(req.params.id, body.data) });
  });

  v1.post<{ Params: { id: string } }>('/kiosks/:id/stats', async (req, reply) => {
    requireKiosk(req);
    if (!ownKiosk(req, reply)) return reply;
    const body = statsBodySchema.safeParse(req.body);
    if (!body.success) return reply.code(422).send({ error: z.prettifyError(body.error) });
    await storage.storeStats(req.params.id, body.data.day, body.data);
    return reply.code(204).send();
  });
}
