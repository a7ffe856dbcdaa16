import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiEnvelope, ApiErrorCode } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import { SECURITY_HEADERS, cacheClassForPath, cacheControl } from '../protocol/security-headers';
import type { Dispatch } from '../services/api-dispatch';
import { parseImageHash, parseTileAddress, type BinaryAsset, type BinaryAssets } from '../services/binary-assets';
import { silentLog, type Log } from '../services/log';

/** The browser host binds here and nowhere else. */
export const HOST_ADDRESS = '127.0.0.1';
export const DEFAULT_PORT = 4780;
/** Largest accepted API request body. The biggest legitimate call (a wish with its texts) is far below. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** What the host needs from the composed kiosk (see electron/services/compose.ts). */
export type HostRuntime = { dispatch: Dispatch } & BinaryAssets;

export interface HostServerOptions {
  /**
   * The composed kiosk, or the promise of it: the host may listen (and serve the page) while the kiosk is still being
   * composed (electron/host/cli.ts); API and binary requests wait for it, none is refused meanwhile. A rejected
   * promise (the kiosk could not start) answers them with 503 'unavailable'.
   */
  runtime: HostRuntime | Promise<HostRuntime>;
  /** Built renderer (`out/renderer`). When index.html is missing the host still serves the API and says so on `/`. */
  rendererDir: string;
  log?: Log;
  bodyLimit?: number;
}

/** The contract's call names (zod-free list; shared/contract/index.ts checks it is exactly the contract's keys). */
const KNOWN_CALLS: ReadonlySet<string> = new Set(METHOD_NAMES);

type ErrorEnvelope = Extract<ApiEnvelope<never>, { ok: false }>;
const errorEnvelope = (code: ApiErrorCode, message: string): ErrorEnvelope => ({ ok: false, error: { code, message } });

/** Only requests addressed to this very host and port: defeats DNS rebinding (foreign Host) and cross-site requests (foreign Origin). */
export function isAllowedRequest(headers: { host?: string; origin?: string; 'sec-fetch-site'?: string }, port: number): boolean {
  const hosts = new Set([`${HOST_ADDRESS}:${port}`, `localhost:${port}`]);
  if (port === 80) hosts.add(HOST_ADDRESS).add('localhost');
  const host = headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return false;
  const origin = headers.origin;
  if (origin !== undefined) {
    const origins = new Set([...hosts].map((h) => `http://${h}`));
    if (!origins.has(origin.toLowerCase())) return false;
  }
  if (headers['sec-fetch-site'] === 'cross-site') return false;
  return true;
}

function boundPort(app: FastifyInstance): number {
  const addr = app.server.address();
  return addr && typeof addr === 'object' ? (addr as AddressInfo).port : 0;
}

function sendAsset(reply: FastifyReply, asset: BinaryAsset | null, cache: 'tile' | 'image') {
  if (!asset) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('not found');
  return reply.code(200).type(asset.contentType).header('cache-control', cacheControl(cache)).send(asset.body);
}

/** Compiler factory for route schemas, which the host does not use (see createHostServer). */
function noSchemaCompiler(): () => never {
  return () => {
    throw new Error('browser host routes take no JSON schemas (validate with the contract in shared/contract)');
  };
}

/**
 * The browser host's HTTP server: serves the built renderer and the kiosk API (`POST /api/<name>`)
 * plus the binary routes (`GET /tiles/:z/:x/:y`, `GET /images/:sha256`). Not listening yet; see `listenHost`.
 */
export async function createHostServer(opts: HostServerOptions): Promise<{ app: FastifyInstance; rendererBuilt: boolean }> {
  const log = opts.log ?? silentLog;
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    connectionTimeout: 60_000,
    requestTimeout: 60_000,
    return503OnClosing: true,
    // The host's routes declare no JSON schemas: without these, fastify loads and sets up Ajv and
    // fast-json-stringify on every start (~60 ms of the cold start, issue 20). A route with a schema fails at once.
    schemaController: { compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler } },
  });
  // Only JSON bodies: a plain HTML form (text/plain, urlencoded) cannot reach the API.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isAllowedRequest(req.headers as Record<string, string | undefined>, boundPort(app))) {
      log.warn('refused request from a foreign host or origin', { method: req.method });
      return reply.code(403).type('application/json').header('cache-control', 'no-store').send(errorEnvelope('forbidden', 'foreign host or origin'));
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  app.setErrorHandler((err: { code?: string; statusCode?: number; message?: string }, req, reply) => {
    const isApi = req.url.startsWith('/api/');
    let status = 500;
    let envelope = errorEnvelope('internal', 'internal error');
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      envelope = errorEnvelope('invalid_input', 'request body too large');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      envelope = errorEnvelope('invalid_input', 'request body must be application/json');
    } else if (err.statusCode === 400 || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      status = 400;
      envelope = errorEnvelope('invalid_input', 'request body is not valid JSON');
    } else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode === 403 || err.statusCode === 404 ? 404 : err.statusCode;
      envelope = errorEnvelope(status === 404 ? 'not_found' : 'invalid_input', status === 404 ? 'not found' : 'bad request');
    } else {
      log.error('host request failed', { url: req.url.slice(0, 200), error: err.message ?? String(err) });
    }
    reply.code(status).header('cache-control', 'no-store');
    return isApi ? reply.type('application/json').send(envelope) : reply.type('text/plain; charset=utf-8').send(envelope.error.message);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).header('cache-control', 'no-store');
    if (req.url.startsWith('/api/')) return reply.type('application/json').send(errorEnvelope('not_found', 'unknown call'));
    return reply.type('text/plain; charset=utf-8').send('not found');
  });

  const composed = Promise.resolve(opts.runtime);
  composed.catch(() => {}); // a failed start is answered per request below (and reported by the CLI)
  /** The runtime once composed; null (503 sent) when the kiosk could not start. */
  const runtimeFor = async (req: FastifyRequest, reply: FastifyReply): Promise<HostRuntime | null> => {
    try {
      return await composed;
    } catch {
      const isApi = req.url.startsWith('/api/');
      // connection: close - the CLI closes the host and exits now; a kept-alive connection (Chromium's) would hold
      // close() until fastify's keep-alive timeout (72 s), and the kiosk that cannot start would not exit
      reply.code(503).header('cache-control', 'no-store').header('connection', 'close');
      if (isApi) reply.type('application/json').send(errorEnvelope('unavailable', 'the kiosk could not start'));
      else reply.type('text/plain; charset=utf-8').send('the kiosk could not start');
      return null;
    }
  };

  app.post<{ Params: { name: string } }>('/api/:name', async (req, reply) => {
    const { name } = req.params;
    reply.header('cache-control', 'no-store').type('application/json');
    if (!KNOWN_CALLS.has(name)) {
      return reply.code(404).send(errorEnvelope('not_found', `unknown call ${JSON.stringify(name).slice(0, 80)}`));
    }
    const runtime = await runtimeFor(req, reply);
    if (!runtime) return reply;
    const envelope = await runtime.dispatch(name, req.body ?? {}, { transport: 'http' });
    return reply.code(200).send(envelope);
  });

  app.get<{ Params: { z: string; x: string; y: string } }>('/tiles/:z/:x/:y', async (req, reply) => {
    const addr = parseTileAddress(req.params.z, req.params.x, req.params.y);
    if (!addr) return sendAsset(reply, null, 'tile');
    const runtime = await runtimeFor(req, reply);
    if (!runtime) return reply;
    if (!runtime.tiles) return sendAsset(reply, null, 'tile');
    return sendAsset(reply, await runtime.tiles.getTile(addr.z, addr.x, addr.y), 'tile');
  });

  app.get<{ Params: { sha256: string } }>('/images/:sha256', async (req, reply) => {
    const sha = parseImageHash(req.params.sha256);
    if (!sha) return sendAsset(reply, null, 'image');
    const runtime = await runtimeFor(req, reply);
    if (!runtime) return reply;
    if (!runtime.images) return sendAsset(reply, null, 'image');
    return sendAsset(reply, await runtime.images.get(sha), 'image');
  });

  // Browsers ask for it on their own; the kiosk has none. 204 keeps the console clean.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', cacheControl('static')).send());

  const rendererBuilt = existsSync(join(opts.rendererDir, 'index.html'));
  if (rendererBuilt) {
    await app.register(fastifyStatic, {
      root: opts.rendererDir,
      prefix: '/',
      index: ['index.html'],
      dotfiles: 'deny',
      redirect: false,
      setHeaders(res, filePath) {
        const rel = filePath.slice(opts.rendererDir.length).replaceAll('\\', '/');
        res.header('cache-control', cacheControl(cacheClassForPath(rel)));
      },
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(`The kiosk screens are not built yet (${join(opts.rendererDir, 'index.html')} is missing). Run: npm run build`),
    );
  }
  return { app, rendererBuilt };
}

export interface RunningHost {
  app: FastifyInstance;
  port: number;
  url: string;
  rendererBuilt: boolean;
  close(): Promise<void>;
}

/** Creates the server and listens on 127.0.0.1:<port> (0 = any free port). */
export async function listenHost(opts: HostServerOptions & { port: number }): Promise<RunningHost> {
  const { app, rendererBuilt } = await createHostServer(opts);
  try {
    await app.listen({ host: HOST_ADDRESS, port: opts.port });
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  }
  const port = boundPort(app);
  return { app, port, url: `http://${HOST_ADDRESS}:${port}`, rendererBuilt, close: () => app.close() };
}
