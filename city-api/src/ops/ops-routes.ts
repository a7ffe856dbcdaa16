import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isStorageUnavailable, type KioskStorage, type OpsCounts } from '../storage/kiosk-storage';

export interface OpsOptions {
  /** SQLite or PostgreSQL (issue 19). */
  storage: KioskStorage;
  /** Seconds a client should wait before asking again while the database is unreachable. */
  retryAfterS?: number;
}

/**
 * Operations endpoints for whoever runs the server (issue 19, first part):
 * - `GET /health`: the process answers (liveness) — never touches the database.
 * - `GET /ready`: the database answers a query (readiness); 503 with Retry-After otherwise, so a proxy or an
 *   orchestrator takes this instance out of rotation until it recovers.
 * - `GET /metrics`: Prometheus text format (prom-client, own registry per server): requests by method, route
 *   pattern and status, latency histogram, the change-feed head (newest offer seq), kiosks by heartbeat age,
 *   the moderation queue, plus Node's process metrics.
 * Route labels are Fastify's route patterns (`/v1/offers`, `/angebote/:id`), never raw paths, so a scan of
 * random URLs cannot blow up the number of series.
 */
export function registerOpsRoutes(app: FastifyInstance, opts: OpsOptions): Registry {
  const { storage } = opts;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'city_api_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'city_api_http_request_duration_seconds',
    help: 'Time to answer, by route pattern',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // each gauge asks the storage at scrape time (a few cheap counts every 15–60 s)
  const counts = (): Promise<OpsCounts> =>
    storage
      .opsCounts(new Date(Date.now() - 15 * 60_000))
      .catch(() => ({ feedHead: Number.NaN, moderationQueue: Number.NaN, silentKiosks: Number.NaN })); // database unreachable: NaN, /ready says why
  new Gauge({
    name: 'city_api_change_feed_head',
    help: 'Newest change sequence number of the offers feed (kiosks sync up to this cursor)',
    registers: [registry],
    async collect() {
      this.set((await counts()).feedHead);
    },
  });
  new Gauge({
    name: 'city_api_moderation_queue',
    help: 'Club submissions waiting for staff (pending)',
    registers: [registry],
    async collect() {
      this.set((await counts()).moderationQueue);
    },
  });
  new Gauge({
    name: 'city_api_kiosks_silent',
    help: 'Registered kiosks without a heartbeat in the last 15 minutes',
    registers: [registry],
    async collect() {
      this.set((await counts()).silentKiosks);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ route }, reply.elapsedTime / 1000);
  });

  app.get('/health', async () => ({ ok: true }));
  app.get('/ready', async (req, reply) => {
    try {
      await storage.ping();
      return { ok: true };
    } catch (err) {
      if (!isStorageUnavailable(err) && !/not open|closed/i.test((err as Error).message)) req.log.error(err);
      return reply
        .code(503)
        .header('retry-after', String(opts.retryAfterS ?? 5))
        .send({ ok: false, error: `database unreachable: ${(err as Error).message}`.slice(0, 300) });
    }
  });
  // Only for the town's own monitoring: loopback and private networks (with --trust-proxy, req.ip is the visitor
  // behind the proxy, so visitors from the internet get 404 like any unknown path).
  app.get('/metrics', async (req, reply) => {
    if (!isInternalAddress(req.ip)) return reply.code(404).send({ error: 'not found' });
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}

/** Loopback, RFC 1918 and unique-local IPv6 addresses (also IPv4-mapped). */
export function isInternalAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(v4);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const low = ip.toLowerCase();
  return low === '::1' || low.startsWith('fc') || low.startsWith('fd');
}
