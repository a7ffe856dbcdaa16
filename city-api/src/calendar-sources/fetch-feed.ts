import type { FetchFailure } from './plain-words';

/**
 * One HTTP fetch of a calendar source: conditional (If-None-Match / If-Modified-Since), bounded in size and time.
 * The timeout runs on an injected timer, so tests never wait for real.
 */

export type StartTimer = (ms: number, onTimeout: () => void) => () => void;
export const realTimer: StartTimer = (ms, fn) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export interface FetchFeedOptions {
  etag?: string | null;
  lastModified?: string | null;
  maxBytes: number;
  timeoutMs: number;
  timer: StartTimer;
  fetchImpl?: typeof fetch;
}

export type FetchFeedResult =
  | { ok: true; notModified: true }
  | { ok: true; notModified: false; text: string; contentType: string; etag: string | null; lastModified: string | null }
  | { ok: false; failure: FetchFailure };

/** webcal:// is http:// by convention (servers redirect to https when they want it). */
export function normaliseFeedUrl(raw: string): URL | null {
  const s = raw.trim().replace(/^webcals?:\/\//i, (m) => (m.toLowerCase() === 'webcals://' ? 'https://' : 'http://'));
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password) return null;
    return u;
  } catch {
    return null;
  }
}

class TooLarge extends Error {}

export async function fetchFeed(rawUrl: string, o: FetchFeedOptions): Promise<FetchFeedResult> {
  const url = normaliseFeedUrl(rawUrl);
  if (!url) return { ok: false, failure: { kind: 'bad_url' } };
  const ac = new AbortController();
  let timedOut = false;
  const cancel = o.timer(o.timeoutMs, () => {
    timedOut = true;
    ac.abort();
  });
  try {
    const headers: Record<string, string> = {
      accept: 'text/calendar, application/ld+json;q=0.9, text/html;q=0.8, */*;q=0.5',
      'user-agent': 'GEMEINSAM-Kiosk-City-API/1 (calendar import)',
    };
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    const res = await (o.fetchImpl ?? fetch)(url, { headers, signal: ac.signal, redirect: 'follow' });
    if (res.status === 304) {
      await res.body?.cancel();
      return { ok: true, notModified: true };
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, failure: { kind: 'http', status: res.status } };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > o.maxBytes) {
      await res.body?.cancel();
      return { ok: false, failure: { kind: 'too_large', maxBytes: o.maxBytes } };
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > o.maxBytes) {
          await reader.cancel();
          throw new TooLarge();
        }
        chunks.push(value);
      }
    }
    const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks));
    return {
      ok: true,
      notModified: false,
      text,
      contentType: res.headers.get('content-type') ?? '',
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
    };
  } catch (err) {
    if (err instanceof TooLarge) return { ok: false, failure: { kind: 'too_large', maxBytes: o.maxBytes } };
    if (timedOut) return { ok: false, failure: { kind: 'timeout', seconds: Math.round(o.timeoutMs / 1000) } };
    const code = (err as { cause?: { code?: string } }).cause?.code ?? '';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, failure: { kind: 'not_found_host', host: url.hostname } };
    return { ok: false, failure: { kind: 'unreachable' } };
  } finally {
    cancel();
  }
}
