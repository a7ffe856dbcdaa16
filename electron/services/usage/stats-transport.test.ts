import { describe, expect, it } from 'vitest';
import { createFetchStatsTransport } from './stats-sender';

/** A reply of `total` bytes, made chunk by chunk as the reader pulls; `pulled()` says how much was asked for. */
function streamedReply(status: number, total: number) {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      sent += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { res: new Response(body, { status }), pulled: () => sent };
}

describe('stats transport reply body', () => {
  it('reads at most about 64 KB of a huge reply and still classifies it', async () => {
    const reply = streamedReply(422, 50 * 1024 * 1024);
    const transport = createFetchStatsTransport({ fetchImpl: async () => reply.res });
    const r = await transport.send({ url: 'http://127.0.0.1:1/v1/stats', token: 't', userAgent: 'test', body: {} as never, timeoutMs: 5000 });
    expect(r).toMatchObject({ kind: 'rejected', status: 422, error: 'HTTP 422' });
    expect(reply.pulled()).toBeLessThanOrEqual(256 * 1024);
  });

  it('keeps the error detail of a small JSON reply', async () => {
    const transport = createFetchStatsTransport({ fetchImpl: async () => new Response(JSON.stringify({ error: 'bad day' }), { status: 400 }) });
    const r = await transport.send({ url: 'http://127.0.0.1:1/v1/stats', token: 't', userAgent: 'test', body: {} as never, timeoutMs: 5000 });
    expect(r).toMatchObject({ kind: 'rejected', status: 400, error: 'HTTP 400: bad day' });
  });
});
