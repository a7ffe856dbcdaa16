import { describe, expect, it } from 'vitest';
import { CityApiError } from '../sync/city-api-client';
import { createRequestRetry, defaultClassify, retryDelayMs } from './request-retry';

const fakeSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe('per-request retry policy', () => {
  it('waits about 1, 2, 4, 8, 8 s with jitter between tries', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 0, undefined))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0.999, undefined))).toEqual([1000, 1999, 3998, 7996]);
    // Retry-After is a floor, capped at 60 s
    expect(retryDelayMs(1, 0, 1000)).toBe(1000);
    expect(retryDelayMs(4, 0, 1000)).toBe(4000);
    expect(retryDelayMs(1, 0, 45_000)).toBe(45_000);
    expect(retryDelayMs(1, 0, 3_600_000)).toBe(60_000);
  });

  it('retries 5xx, 429, timeouts and cut connections until one succeeds', async () => {
    const { waits, sleep } = fakeSleep();
    const retry = createRequestRetry({ sleep, random: () => 0 });
    const errors = [
      new CityApiError('rate_limited', 'offers: 503', 503, 1),
      new CityApiError('network', 'offers: connection lost while reading the response'),
      new CityApiError('rate_limited', 'offers: 429', 429, 1),
      new CityApiError('server', 'offers: 500', 500),
      new CityApiError('network', 'offers: timeout'),
    ];
    const result = await retry.run('offers page', async (attempt) => {
      const e = errors[attempt - 1];
      if (e) throw e;
      return attempt;
    });
    expect(result).toBe(6);
    expect(waits).toEqual([1000, 1000, 2000, 4000, 4000]);
    expect(retry.stats).toEqual({ tries: 6, retries: 5, waitedMs: 12_000 });
  });

  it('gives up after maxTries with the last error; never retries 401, invalid data or too large', async () => {
    const { waits, sleep } = fakeSleep();
    const retry = createRequestRetry({ sleep, random: () => 0, maxTries: 3 });
    let n = 0;
    await expect(
      retry.run('x', async () => {
        n++;
        throw new CityApiError('server', `boom ${n}`, 502);
      }),
    ).rejects.toThrow('boom 3');
    expect(waits).toHaveLength(2);
    for (const code of ['unauthorized', 'invalid_response', 'too_large', 'internal'] as const) {
      n = 0;
      await expect(
        retry.run('x', async () => {
          n++;
          throw new CityApiError(code, code);
        }),
      ).rejects.toThrow(code);
      expect(n).toBe(1);
    }
    n = 0;
    await expect(
      retry.run('x', async () => {
        n++;
        throw new TypeError('a bug');
      }),
    ).rejects.toThrow('a bug');
    expect(n).toBe(1);
  });

  it('a Retry-After above the cap ends the tries at once (the run-level backoff honours it)', async () => {
    const { waits, sleep } = fakeSleep();
    const retry = createRequestRetry({ sleep });
    await expect(retry.run('x', async () => Promise.reject(new CityApiError('rate_limited', '429', 429, 600)))).rejects.toThrow('429');
    expect(waits).toEqual([]);
  });

  it('classifies errors by retryable, code and Retry-After', () => {
    expect(defaultClassify({ retryable: true, retryAfterMs: 2500 })).toEqual({ retry: true, retryAfterMs: 2500 });
    expect(defaultClassify({ retryable: false, code: 'network' })).toEqual({ retry: false });
    expect(defaultClassify(new CityApiError('rate_limited', '', 503, 1))).toEqual({ retry: true, retryAfterMs: 1000 });
    expect(defaultClassify('string')).toEqual({ retry: false });
  });
});
