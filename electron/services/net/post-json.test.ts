import { describe, expect, it } from 'vitest';
import { postJson } from './post-json';

const REQ = { url: 'http://127.0.0.1:1/v1/x', token: 'tok', userAgent: 'gemeinsam-kiosk/1', body: { a: 'ü' }, timeoutMs: 5000 };

describe('postJson', () => {
  it('sends JSON with bearer token, user agent and the extra headers, follows no redirect, returns the bounded reply', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response('{"id":1}', { status: 201, headers: { 'retry-after': '7' } });
    }) as unknown as typeof fetch;
    const out = await postJson(fetchImpl, { ...REQ, headers: { 'idempotency-key': 'k-1' } }, 1024);
    expect(out).toMatchObject({ kind: 'reply', status: 201, retryAfter: '7' });
    expect(out.kind === 'reply' && out.body?.toString('utf8')).toBe('{"id":1}');
    expect(seen!.url).toBe(REQ.url);
    expect(seen!.init).toMatchObject({
      method: 'POST',
      redirect: 'error',
      body: '{"a":"ü"}',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        authorization: 'Bearer tok',
        'user-agent': 'gemeinsam-kiosk/1',
        'idempotency-key': 'k-1',
      },
    });
    expect(seen!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('a reply over the limit has no body; a refused request and a reply cut while reading are failures', async () => {
    const big = await postJson((async () => new Response('x'.repeat(2048), { status: 500 })) as unknown as typeof fetch, REQ, 1024);
    expect(big).toMatchObject({ kind: 'reply', status: 500, body: null });

    const refused = new TypeError('fetch failed');
    expect(await postJson((async () => { throw refused; }) as unknown as typeof fetch, REQ, 1024)).toEqual({ kind: 'failed', status: null, error: refused });

    const cut = new Error('other side closed');
    const body = new ReadableStream<Uint8Array>({ pull: (c) => c.error(cut) });
    expect(await postJson((async () => new Response(body, { status: 200 })) as unknown as typeof fetch, REQ, 1024)).toEqual({ kind: 'failed', status: 200, error: cut });
  });
});
