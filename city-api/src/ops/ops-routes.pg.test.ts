/** /health, /ready and /metrics on SQLite and PostgreSQL (issue 19); the internal-address table is pure. */
import { describe, expect, it } from 'vitest';
import { isInternalAddress } from './ops-routes';
import { backendApp } from '../../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { seed: '', kiosks: [['rathaus', 'token-rathaus-0123456789']] });

  describe('operations endpoints', () => {
    it('/health and /ready answer while the database works', async () => {
      expect((await api.app.inject('/health')).json()).toEqual({ ok: true });
      const ready = await api.app.inject('/ready');
      expect(ready.statusCode).toBe(200);
    });

    it('/ready answers 503 with Retry-After when the database is gone, /health still 200', async () => {
      await api.storage.close(); // the database is gone
      const ready = await api.app.inject('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.json().error).toMatch(/database unreachable/);
      expect((await api.app.inject('/health')).statusCode).toBe(200);
    });

    it('/metrics counts requests by route pattern (not raw path) and shows the feed head and the silent kiosks', async () => {
      await api.app.inject({ url: '/v1/offers', headers: { authorization: 'Bearer token-rathaus-0123456789' } });
      for (let i = 0; i < 5; i++) await api.app.inject(`/no/such/path/${i}`);
      const res = await api.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.body;
      expect(text).toMatch(/city_api_http_requests_total\{method="GET",route="\/v1\/offers",status="200"\} 1/);
      expect(text).toMatch(/city_api_http_requests_total\{method="GET",route="unmatched",status="404"\} 5/);
      expect(text).not.toMatch(/no\/such\/path/);
      expect(text).toMatch(/city_api_change_feed_head \d+/);
      expect(text).toMatch(/city_api_kiosks_silent 1/);
      expect(text).toMatch(/city_api_moderation_queue 0/);
      expect(text).toMatch(/process_cpu_seconds_total/);
    });

    it('/metrics is not served to the internet', async () => {
      expect((await api.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7' })).statusCode).toBe(404);
      expect((await api.app.inject({ url: '/metrics', remoteAddress: '192.168.10.4' })).statusCode).toBe(200);
    });
  });
});

describe('internal addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['fd00::1', true],
    ['8.8.8.8', false],
    ['2001:db8::1', false],
  ])('internal address %s → %s', (ip, expected) => {
    expect(isInternalAddress(ip)).toBe(expected);
  });
});
