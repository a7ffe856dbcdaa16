import { describe, expect, it } from 'vitest';
import { classifyReply, MAX_RETRY_AFTER_MS, parseRetryAfter } from './wish-transport';

const NOW = new Date('2026-11-25T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', NOW)).toBe(0);
  });
  it('ignores absent or unreadable values and caps absurd ones', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('99999999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('classifyReply', () => {
  it('201 and 200 with an id are delivered', () => {
    expect(classifyReply(201, '{"id":"w-1"}', null, NOW)).toEqual({ kind: 'delivered', status: 201, remoteId: 'w-1' });
    expect(classifyReply(200, '{"id":7}', null, NOW)).toEqual({ kind: 'delivered', status: 200, remoteId: '7' });
  });
  it('a 2xx that is not the city API (no id, HTML) is retried, not counted as delivered', () => {
    expect(classifyReply(200, '<html>portal</html>', null, NOW)).toMatchObject({ kind: 'retry' });
    expect(classifyReply(201, '{}', null, NOW)).toMatchObject({ kind: 'retry' });
  });
  it('422 is rejected with a bounded, single-line server reason', () => {
    const r = classifyReply(422, JSON.stringify({ error: `bad\nfield ${'x'.repeat(500)}` }), null, NOW);
    expect(r.kind).toBe('rejected');
    if (r.kind !== 'rejected') return;
    expect(r.error.startsWith('HTTP 422: bad field')).toBe(true);
    expect(r.error).not.toContain('\n');
    expect(r.error.length).toBeLessThanOrEqual(210);
  });
  it('401/403 mean not registered', () => {
    expect(classifyReply(401, '', null, NOW)).toEqual({ kind: 'unauthorized', status: 401 });
    expect(classifyReply(403, '', null, NOW)).toEqual({ kind: 'unauthorized', status: 403 });
  });
  it('429/503 carry Retry-After; other 5xx retry with own backoff', () => {
    expect(classifyReply(429, '', '30', NOW)).toEqual({ kind: 'retry', status: 429, error: 'HTTP 429', retryAfterMs: 30_000 });
    expect(classifyReply(503, '', 'Wed, 25 Nov 2026 10:00:10 GMT', NOW)).toMatchObject({ retryAfterMs: 10_000 });
    expect(classifyReply(500, '', '30', NOW)).toEqual({ kind: 'retry', status: 500, error: 'HTTP 500' });
    expect(classifyReply(404, '', null, NOW)).toMatchObject({ kind: 'retry' });
  });
});
