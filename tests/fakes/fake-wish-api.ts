import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wishBodySchema, type WishBody } from '../../shared/schemas/wish';

/**
 * A fake city API for `POST /v1/wishes` (docs/city-api.md) on 127.0.0.1, scriptable to misbehave.
 * Stores each wish once per Idempotency-Key (201 new, 200 repeated key), like the real one must.
 */
export type WishApiBehaviour =
  /** Normal handling (validate, dedup by key, 201/200). */
  | { kind: 'ok' }
  /** Normal handling, but only after a delay (the kiosk may time out in between; the wish is stored anyway). */
  | { kind: 'slow'; delayMs: number }
  /** Answer with this status without storing (5xx, 429/503 with Retry-After, 401 …). */
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** Store the wish, then cut the connection before any reply. */
  | { kind: 'accept-then-destroy' }
  /** Cut the connection without storing. */
  | { kind: 'destroy' }
  /** 2xx reply that is not the city API (no id): must not count as delivered. */
  | { kind: 'bogus-2xx' };

export interface StoredWish {
  id: string;
  key: string;
  body: WishBody;
  /** Raw request body as received (to check verbatim transport). */
  raw: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestRecord {
  key: string | null;
  behaviour: WishApiBehaviour['kind'];
  status: number | 'destroyed';
}

export interface FakeWishApi {
  /** Base URL (without /v1/wishes). */
  baseUrl: string;
  port: number;
  token: string;
  /** By idempotency key. */
  stored: Map<string, StoredWish>;
  /** How many times each key was stored as a new wish (must always be 1). */
  storeCount: Map<string, number>;
  requests: RequestRecord[];
  /** Queue behaviours for the next requests, in order. */
  script(...behaviours: WishApiBehaviour[]): void;
  /** Behaviour when the queue is empty (default `ok`); a function is asked per request. */
  setDefault(b: WishApiBehaviour | (() => WishApiBehaviour)): void;
  /** Stop listening (connection refused) / listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 256 * 1024;

export async function startFakeWishApi(opts: { port?: number; token?: string } = {}): Promise<FakeWishApi> {
  const token = opts.token ?? 'test-token';
  const stored = new Map<string, StoredWish>();
  const storeCount = new Map<string, number>();
  const requests: RequestRecord[] = [];
  const queue: WishApiBehaviour[] = [];
  let fallback: WishApiBehaviour | (() => WishApiBehaviour) = { kind: 'ok' };
  let seq = 0;

  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  function readBody(req: IncomingMessage): Promise<string | null> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          req.destroy();
          resolve(null);
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', () => resolve(null));
    });
  }

  /** Validates and stores; returns the status and body a real city API would send. */
  function accept(key: string | null, raw: string, req: IncomingMessage): { status: number; body: unknown } {
    if (req.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { error: 'unauthorized' } };
    if (!key || !/^[0-9a-f-]{36}$/i.test(key)) return { status: 400, body: { error: 'Idempotency-Key missing' } };
    const known = stored.get(key);
    if (known) return { status: 200, body: { id: known.id } };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { status: 422, body: { error: 'body is not JSON' } };
    }
    const parsed = wishBodySchema.strict().safeParse(json);
    if (!parsed.success) return { status: 422, body: { error: parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ') } };
    if (!parsed.data.contact_consent && parsed.data.contact) return { status: 422, body: { error: 'contact without consent' } };
    const id = `w-${++seq}`;
    stored.set(key, { id, key, body: parsed.data, raw, headers: { ...req.headers } });
    storeCount.set(key, (storeCount.get(key) ?? 0) + 1);
    return { status: 201, body: { id } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST' || req.url !== '/v1/wishes') return reply(res, 404, { error: 'not found' });
    const raw = await readBody(req);
    if (raw === null) return;
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const next = queue.shift() ?? (typeof fallback === 'function' ? fallback() : fallback);
    const record: RequestRecord = { key, behaviour: next.kind, status: 'destroyed' };
    requests.push(record);
    switch (next.kind) {
      case 'status':
        record.status = next.status;
        return reply(res, next.status, next.body ?? { error: `status ${next.status}` }, next.retryAfter ? { 'retry-after': next.retryAfter } : {});
      case 'destroy':
        req.socket.destroy();
        return;
      case 'accept-then-destroy':
        accept(key, raw, req);
        req.socket.destroy();
        return;
      case 'bogus-2xx':
        record.status = 200;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>Welcome to the hotel wifi</html>');
        return;
      case 'slow': {
        const result = accept(key, raw, req);
        await new Promise((r) => setTimeout(r, next.delayMs));
        record.status = result.status;
        if (!res.destroyed) reply(res, result.status, result.body);
        return;
      }
      case 'ok': {
        const result = accept(key, raw, req);
        record.status = result.status;
        return reply(res, result.status, result.body);
      }
    }
  }

  let server: Server = createServer((req, res) => void handle(req, res));
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(opts.port ?? 0);
  let isUp = true;

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!isUp) return resolve();
      isUp = false;
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    token,
    stored,
    storeCount,
    requests,
    script: (...b) => void queue.push(...b),
    setDefault: (b) => void (fallback = b),
    down: stop,
    async up() {
      if (isUp) return;
      server = createServer((req, res) => void handle(req, res));
      await listen(port);
      isUp = true;
    },
    close: stop,
  };
}

/** A wish body for tests. */
export function sampleWishBody(text = `Wunsch ${randomUUID()}`): WishBody {
  return {
    text,
    language: 'de',
    contact_consent: false,
    created_at: new Date().toISOString(),
    kiosk_id: 'test',
  };
}
