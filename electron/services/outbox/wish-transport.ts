import { z } from 'zod';
import type { WishBody } from '../../../shared/schemas/wish';
import { postJson } from '../net/post-json';

/** One delivery attempt of one wish. */
export interface WishSendRequest {
  url: string;
  token: string;
  userAgent: string;
  idempotencyKey: string;
  body: WishBody;
  timeoutMs: number;
}

/** What the outbox makes of a reply. */
export type WishSendResult =
  /** 201 (new) or 200 (key seen before): the town has the wish. */
  | { kind: 'delivered'; status: number; remoteId: string }
  /** 422 and friends: the city API refused this wish; retrying the same body will not help. */
  | { kind: 'rejected'; status: number; error: string }
  /** 401/403: this kiosk is not registered (token refused); keep the wish and wait. */
  | { kind: 'unauthorized'; status: number }
  /** Network error, timeout, 5xx, 429, 503, bad reply: try again later; `retryAfterMs` when the server said when. */
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number };

/** Adapter between the outbox and the city API. Real: {@link createFetchWishTransport}; tests use a fake. */
export interface WishTransport {
  send(req: WishSendRequest): Promise<WishSendResult>;
}

/** Replies are tiny; anything bigger is not a city API reply. */
export const MAX_REPLY_BYTES = 64 * 1024;
/** A Retry-After further away than this is treated as this (a broken header must not park wishes for years). */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const createdSchema = z.object({ id: z.union([z.string().min(1).max(256), z.number()]) });
const errorSchema = z.object({ error: z.unknown() });

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date (relative to `now`).
 * Returns milliseconds (≥ 0, capped), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date has a weekday and a month name; bare numbers like "-5" are not dates.
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}

/** Keeps a server-supplied text safe for logs and the staff screen: single line, bounded. */
export function boundedErrorText(value: unknown, max = 200): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim().slice(0, max);
}

function parseJson(text: string | null): unknown {
  if (text == null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Classifies an HTTP reply of `POST /v1/wishes` (docs/city-api.md). Pure, exported for tests. */
export function classifyReply(status: number, bodyText: string | null, retryAfter: string | null, now: Date): WishSendResult {
  const json = parseJson(bodyText);
  if (status === 200 || status === 201) {
    const ok = createdSchema.safeParse(json);
    // A 2xx without an id is not the city API (a captive portal, a proxy page): do not count it as delivered.
    if (!ok.success) return { kind: 'retry', status, error: `HTTP ${status} without wish id` };
    return { kind: 'delivered', status, remoteId: String(ok.data.id) };
  }
  if (status === 401 || status === 403) return { kind: 'unauthorized', status };
  // 409: the Idempotency-Key was already used with another body (city API, issue 13). Sending it again cannot help:
  // kept and shown to staff like a 422.
  if (status === 422 || status === 409 || status === 400 || status === 413) {
    const err = errorSchema.safeParse(json);
    return { kind: 'rejected', status, error: `HTTP ${status}${err.success ? `: ${boundedErrorText(err.data.error)}` : ''}` };
  }
  return passingFaultReply(status, retryAfter, now);
}

/** Any other status of a city API reply is a passing fault: try again later, after the Retry-After of a 429/503. */
export function passingFaultReply(status: number, retryAfter: string | null, now: Date): { kind: 'retry'; status: number; error: string; retryAfterMs?: number } {
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(retryAfter, now) : undefined;
  return { kind: 'retry', status, error: `HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** The real transport: `fetch` with a timeout and a bounded reply. */
export function createFetchWishTransport(opts: { now?: () => Date; fetchImpl?: typeof fetch } = {}): WishTransport {
  const now = opts.now ?? (() => new Date());
  const doFetch = opts.fetchImpl ?? fetch;
  return {
    async send(req) {
      const out = await postJson(doFetch, { ...req, headers: { 'idempotency-key': req.idempotencyKey } }, MAX_REPLY_BYTES);
      if (out.kind === 'failed') return { kind: 'retry', status: out.status, error: networkErrorText(out.error) };
      const text = out.body === null ? null : new TextDecoder().decode(out.body);
      return classifyReply(out.status, text, out.retryAfter, now());
    },
  };
}

function networkErrorText(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'network: timeout';
  const code = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'unknown';
  return `network: ${boundedErrorText(code, 120)}`;
}
