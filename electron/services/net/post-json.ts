import { readBodyBounded } from './read-body';

/** One JSON POST of a kiosk sender (wish outbox, usage stats) to the city API. */
export interface JsonPostRequest {
  url: string;
  token: string;
  userAgent: string;
  body: unknown;
  timeoutMs: number;
  /** Further request headers (e.g. the wish's Idempotency-Key). */
  headers?: Record<string, string>;
}

export type JsonPostOutcome =
  /** The server answered; `body` is null when the reply was larger than the limit (nothing more of it was read). */
  | { kind: 'reply'; status: number; body: Buffer | null; retryAfter: string | null }
  /** No answer (`status` null: refused, timed out, redirected) or the connection broke while the reply was read. */
  | { kind: 'failed'; status: number | null; error: unknown };

/**
 * POSTs `body` as JSON with the bearer token and user agent, a timeout, no redirects followed, and reads at most
 * `maxReplyBytes` of the reply. Never throws: each caller classifies the outcome itself.
 */
export async function postJson(doFetch: typeof fetch, req: JsonPostRequest, maxReplyBytes: number): Promise<JsonPostOutcome> {
  let res: Response;
  try {
    res = await doFetch(req.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        authorization: `Bearer ${req.token}`,
        'user-agent': req.userAgent,
        ...req.headers,
      },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    return { kind: 'failed', status: null, error };
  }
  try {
    const body = await readBodyBounded(res, maxReplyBytes);
    return { kind: 'reply', status: res.status, body, retryAfter: res.headers.get('retry-after') };
  } catch (error) {
    return { kind: 'failed', status: res.status, error };
  }
}
