/**
 * Structured logs of the city API (issue 19, operations): pino (Fastify's own logger), one JSON object per line on
 * stdout, ISO time, a request id on every line a request writes (`reqId`: the proxy's X-Request-Id when it looks
 * like one, else a random UUID), so a district's log collector can follow one request across two instances.
 *
 * What never reaches a log line: bearer tokens, cookies, Set-Cookie, request and response bodies (wishes, contact
 * details, passwords, PINs), the private link token of the club form (/submit/edit/<token>) and query values other
 * than the harmless paging/filter ones. Requests are serialised by hand (method, path, route, address), so headers
 * and bodies are not logged at all; the redact list is the second line of defence for anything a handler logs itself
 * (`req.log.info({ headers })`, an error carrying its request).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Paths pino replaces with "[redacted]" wherever they occur in a logged object. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.body',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'body',
  'payload',
  'password',
  'pin',
  'token',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.pin',
  '*.token',
  '*.contact',
];

/** Query parameters whose values are logged (paging, windows, filters); any other value is "[redacted]". */
const LOGGED_QUERY = new Set(['since', 'limit', 'from', 'to', 'lang', 'towns', 'page', 'format']);
/** Route parameters that carry a secret (the club form's private edit link). */
const SECRET_PARAM = /token|secret|key|pin|password/i;

const EDIT_LINK = /(\/submit\/edit\/)[^/?#\s"]+/g;

/** Message text without the club form's private link token (a message may quote a URL). */
export function scrubText(s: string): string {
  return s.replace(EDIT_LINK, '$1[redacted]');
}

/** The request's address without secrets: secret route parameters and the edit-link token replaced, query values filtered. */
export function loggableUrl(url: string, params?: Record<string, unknown>): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!SECRET_PARAM.test(name) || typeof value !== 'string' || !value) continue;
    path = path.split(encodeURIComponent(value)).join('[redacted]').split(value).join('[redacted]');
  }
  // also when no route matched (a mistyped private link answers 404 but is still logged)
  path = path.replace(EDIT_LINK, '$1[redacted]');
  if (q < 0) return path;
  const kept: string[] = [];
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    kept.push(`${encodeURIComponent(k)}=${LOGGED_QUERY.has(k) ? encodeURIComponent(v) : '[redacted]'}`);
  }
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  params?: unknown;
  routeOptions?: { url?: string };
  socket?: { remoteAddress?: string };
}

/** pino serializer of a Fastify request (also of a raw IncomingMessage): no headers, no body. */
export function serializeRequest(req: RequestLike): Record<string, unknown> {
  const params = req.params && typeof req.params === 'object' ? (req.params as Record<string, unknown>) : undefined;
  return {
    method: req.method,
    url: loggableUrl(req.url ?? '', params),
    route: req.routeOptions?.url,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  };
}

/** pino serializer of a reply: the status code only (no headers: Set-Cookie). */
export function serializeReply(res: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: res.statusCode };
}

export interface CityApiLoggerOptions {
  /** pino level (default 'info'); 'silent' for none. */
  level?: string;
  /** Where the lines go (default: stdout, written synchronously so nothing is lost at exit). */
  destination?: DestinationStream;
}

export function createCityApiLogger(opts: CityApiLoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'city-api', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      serializers: { req: serializeRequest, res: serializeReply, err: pino.stdSerializers.err },
      hooks: {
        // the message text too (serializers see only objects)
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Fastify genReqId: the proxy's X-Request-Id when it looks like one (no spaces, no newlines, ≤ 64), else a UUID. */
export function requestId(req: IncomingMessage): string {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && REQUEST_ID.test(h) ? h : randomUUID();
}

/**
 * Fastify options for the server's `logger` option: false = no logs (tests, library use), true = Fastify's default
 * pino, or { logger, requests } = this module's logger; `requests` turns on one line per request and response
 * (`--log`), otherwise only what the server reports itself (warnings, 5xx errors, start and shutdown).
 */
export type CityApiLogging = boolean | { logger: Logger; requests: boolean };

/**
 * Request logging without secrets: one line per request and per response only with `requests` (`--log`); 5xx errors
 * always (with the request, serialised as above); an unknown route as "route not found" with the filtered URL (Fastify's
 * own line quotes the raw URL, which for a mistyped private link holds its token).
 */
class CityApiLogController extends LogController {
  constructor(requests: boolean) {
    super({ disableRequestLogging: !requests });
  }
  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (reply.statusCode >= 500) reply.log.error({ req: request, res: reply, err: error }, error?.message);
    else super.defaultErrorLog(error, request, reply, metadata);
  }
  override routeNotFound(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.info({ req: request }, 'route not found');
  }
}

export function fastifyLogging(l: CityApiLogging | undefined): Record<string, unknown> {
  if (!l || l === true) return { logger: l ?? false };
  return { loggerInstance: l.logger, logController: new CityApiLogController(l.requests), genReqId: requestId };
}
