import { z } from 'zod';
import { KIOSK_COMMAND_TYPES, type HeartbeatBody as WireHeartbeatBody } from '../../../shared/schemas/city-api';
import { idSchema } from '../../../shared/schemas/text';
import { readBodyBounded } from '../net/read-body';
import type { RetryDecision } from '../net/request-retry';

export const FLEET_COMMAND_TYPES = KIOSK_COMMAND_TYPES;
export type FleetCommandType = (typeof FLEET_COMMAND_TYPES)[number];

/** A command as the city API sends it; `type` is checked later so an unknown one can still be acknowledged. */
export const fleetCommandSchema = z.object({ id: idSchema, type: z.string().max(40) });
export type FleetCommand = z.infer<typeof fleetCommandSchema>;

export const heartbeatReplySchema = z.object({ commands: z.array(fleetCommandSchema).max(100).default([]) });

/** POST /v1/kiosks/{id}/heartbeat body (shared/schemas/city-api.ts), `acked` always sent. */
export type HeartbeatBody = WireHeartbeatBody & { acked: string[] };

export type ConfigFetchResult = { kind: 'not_modified' } | { kind: 'config'; body: unknown; etag: string | null };

/** Remote management calls of the city API. */
export interface FleetClient {
  fetchConfig(kioskId: string, etag: string | null): Promise<ConfigFetchResult>;
  heartbeat(kioskId: string, body: HeartbeatBody): Promise<{ commands: FleetCommand[] }>;
}

/** A non-2xx answer (401 = kiosk not registered / bad token). */
export class FleetHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Retry-After of a 429/503, in seconds */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'FleetHttpError';
  }
}

/**
 * Per-request retry classification for heartbeat and remote config (issue 14): 5xx, 429, timeouts and cut or
 * refused connections are passing; 4xx (401 not registered, 404 no config) and invalid replies are not.
 */
export function classifyFleetError(err: unknown): RetryDecision {
  if (err instanceof FleetHttpError) {
    const retry = err.status >= 500 || err.status === 429;
    return err.retryAfterS !== undefined ? { retry, retryAfterMs: err.retryAfterS * 1000 } : { retry };
  }
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError' || err instanceof TypeError)) return { retry: true };
  const code = (err as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (err as { code?: unknown } | null)?.code;
  return { retry: typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_SOCKET|UND_ERR_)/.test(code) };
}

function retryAfterOf(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, (at - Date.now()) / 1000) : undefined;
}

export interface HttpFleetClientOptions {
  /** Read on every call, so a new base URL or token set by staff applies at once; null = not configured. */
  endpoint(): { baseUrl: string; token: string } | null;
  version: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof fetch;
}

async function readLimited(res: Response, maxBytes: number): Promise<string> {
  const body = await readBodyBounded(res, maxBytes);
  if (!body) throw new Error(`response larger than ${maxBytes} bytes`);
  return body.toString('utf8');
}

/** The real client: fetch with bearer token, timeout, response size limit, ETag for the config. */
export function createHttpFleetClient(opts: HttpFleetClientOptions): FleetClient {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 1024 * 1024;

  const request = async (path: string, init: { method: string; body?: unknown; headers?: Record<string, string> }) => {
    const ep = opts.endpoint();
    if (!ep) throw new FleetHttpError(0, 'city API not configured');
    const url = `${ep.baseUrl.replace(/\/+$/, '')}${path}`;
    const res = await doFetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${ep.token}`,
        'user-agent': `gemeinsam-kiosk/${opts.version}`,
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    return res;
  };

  const parseJson = async (res: Response) => {
    const text = await readLimited(res, maxBytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error('response is not valid JSON');
    }
  };

  return {
    async fetchConfig(kioskId, etag) {
      const res = await request(`/v1/kiosks/${encodeURIComponent(kioskId)}/config`, {
        method: 'GET',
        headers: etag ? { 'if-none-match': etag } : {},
      });
      if (res.status === 304) return { kind: 'not_modified' };
      if (!res.ok) {
        await res.body?.cancel();
        throw new FleetHttpError(res.status, `config: HTTP ${res.status}`, retryAfterOf(res));
      }
      const body = await parseJson(res);
      const tag = res.headers.get('etag');
      return { kind: 'config', body, etag: tag && tag.length <= 200 ? tag : null };
    },
    async heartbeat(kioskId, body) {
      const res = await request(`/v1/kiosks/${encodeURIComponent(kioskId)}/heartbeat`, { method: 'POST', body });
      if (!res.ok) {
        await res.body?.cancel();
        throw new FleetHttpError(res.status, `heartbeat: HTTP ${res.status}`, retryAfterOf(res));
      }
      const parsed = heartbeatReplySchema.safeParse(await parseJson(res));
      if (!parsed.success) throw new Error('heartbeat reply does not match the contract');
      return parsed.data;
    },
  };
}

/** In-memory city API for tests and the browser host without a city API. */
export class FakeFleetClient implements FleetClient {
  config: unknown = null;
  etag = '"1"';
  readonly heartbeats: HeartbeatBody[] = [];
  /** Commands handed out on every heartbeat until acknowledged. */
  queued: FleetCommand[] = [];
  failWith: Error | null = null;

  async fetchConfig(_kioskId: string, etag: string | null): Promise<ConfigFetchResult> {
    if (this.failWith) throw this.failWith;
    if (this.config === null) throw new FleetHttpError(404, 'no config');
    if (etag === this.etag) return { kind: 'not_modified' };
    return { kind: 'config', body: this.config, etag: this.etag };
  }
  async heartbeat(_kioskId: string, body: HeartbeatBody) {
    if (this.failWith) throw this.failWith;
    this.heartbeats.push(body);
    this.queued = this.queued.filter((c) => !body.acked.includes(c.id));
    return { commands: [...this.queued] };
  }
}
