import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { heartbeatBodySchema, type HeartbeatBody } from '../../shared/schemas/city-api';

/**
 * A small fake of the city API's remote-management endpoints (docs/city-api.md) on 127.0.0.1, port 0:
 * GET /v1/kiosks/{id}/config with ETag / If-None-Match, POST /v1/kiosks/{id}/heartbeat validated with the shared
 * wire schema, a command queue that hands out every command until the kiosk acknowledges it.
 */
export interface FakeCityApi {
  baseUrl: string;
  token: string;
  config: Record<string, unknown>;
  etag: string;
  heartbeats: HeartbeatBody[];
  /** Heartbeats the shared schema refused (should stay empty). */
  invalidHeartbeats: unknown[];
  configRequests: { ifNoneMatch: string | null; status: number }[];
  queue: { id: string; type: string }[];
  /** How often each command id was acknowledged. */
  ackCounts: Map<string, number>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeCityApi(token = 'kiosk-secret'): Promise<FakeCityApi> {
  const state = {
    config: {} as Record<string, unknown>,
    etag: '"v1"',
    heartbeats: [] as HeartbeatBody[],
    invalidHeartbeats: [] as unknown[],
    configRequests: [] as { ifNoneMatch: string | null; status: number }[],
    queue: [] as { id: string; type: string }[],
    ackCounts: new Map<string, number>(),
  };
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'bad token' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cfg = url.pathname.match(/^\/v1\/kiosks\/([^/]+)\/config$/);
    if (cfg && req.method === 'GET') {
      const inm = (req.headers['if-none-match'] as string | undefined) ?? null;
      if (inm === state.etag) {
        state.configRequests.push({ ifNoneMatch: inm, status: 304 });
        res.writeHead(304, { etag: state.etag });
        return res.end();
      }
      state.configRequests.push({ ifNoneMatch: inm, status: 200 });
      return send(200, state.config, { etag: state.etag });
    }
    const hb = url.pathname.match(/^\/v1\/kiosks\/([^/]+)\/heartbeat$/);
    if (hb && req.method === 'POST') {
      let raw: unknown;
      try {
        raw = JSON.parse(await readBody(req));
      } catch {
        return send(400, { error: 'not json' });
      }
      const parsed = heartbeatBodySchema.safeParse(raw);
      if (!parsed.success) {
        state.invalidHeartbeats.push(raw);
        return send(422, { error: 'invalid heartbeat' });
      }
      state.heartbeats.push(parsed.data);
      for (const id of parsed.data.acked ?? []) {
        state.ackCounts.set(id, (state.ackCounts.get(id) ?? 0) + 1);
        state.queue = state.queue.filter((c) => c.id !== id);
      }
      return send(200, { commands: state.queue });
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeCityApi;
}
