import { describe, expect, it } from 'vitest';
import { readBodyBounded } from './read-body';

const streamOf = (chunks: number[], fail = false) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const n of chunks) c.enqueue(new Uint8Array(n).fill(65));
      if (fail) c.error(new Error('socket hang up'));
      else c.close();
    },
  });

describe('readBodyBounded', () => {
  it('returns the whole body up to the limit', async () => {
    const body = await readBodyBounded(new Response(streamOf([400, 600])), 1000);
    expect(body?.length).toBe(1000);
  });
  it('gives up (null) as soon as a body without Content-Length grows past the limit', async () => {
    expect(await readBodyBounded(new Response(streamOf([600, 600])), 1000)).toBeNull();
  });
  it('gives up at once on a declared Content-Length over the limit', async () => {
    expect(await readBodyBounded(new Response('x'.repeat(10), { headers: { 'content-length': '5000' } }), 1000)).toBeNull();
  });
  it('rejects when the connection breaks mid-body', async () => {
    await expect(readBodyBounded(new Response(streamOf([100], true)), 1000)).rejects.toThrow(/socket hang up/);
  });
});
