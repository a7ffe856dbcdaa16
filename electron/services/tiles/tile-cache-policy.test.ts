import { describe, expect, it } from 'vitest';
import { SEVEN_DAYS_MS, headerLifetimeMs, revalidatedFreshness, revalidationHeaders, tileFreshness } from './tile-cache-policy';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const DAY = 86_400_000;
const URL = 'https://tile.example.org/3/1/2.png';
const REQ = { 'user-agent': 'GEMEINSAM-Kiosk/test', accept: 'image/png' };
const x = (headers: Record<string, string>, status = 200) => ({ url: URL, request: REQ, status, headers });

describe('tile cache policy (http-cache-semantics)', () => {
  it('reads max-age; s-maxage is for shared caches and ignored by the kiosk', () => {
    expect(headerLifetimeMs(x({ 'cache-control': 'public, max-age=86400' }), NOW)).toBe(86_400_000);
    expect(headerLifetimeMs(x({ 'cache-control': 'max-age=60, s-maxage=120' }), NOW)).toBe(60_000);
    expect(headerLifetimeMs(x({ 'cache-control': 'MAX-AGE=60' }), NOW)).toBe(60_000);
    // an Age header counts against max-age (a proxy held the tile for an hour)
    expect(headerLifetimeMs(x({ 'cache-control': 'max-age=7200', age: '3600' }), NOW)).toBe(3_600_000);
  });

  it('reads Expires against the server Date, so a wrong kiosk clock does not matter', () => {
    const expires = { expires: 'Wed, 02 Dec 2026 10:00:00 GMT', date: 'Wed, 25 Nov 2026 10:00:00 GMT' };
    expect(headerLifetimeMs(x(expires), NOW + 999_999)).toBe(SEVEN_DAYS_MS);
    expect(headerLifetimeMs(x({ expires: 'not a date' }), NOW)).toBe(0); // invalid Expires: already expired (RFC 9111 5.3)
    expect(headerLifetimeMs(x({ expires: 'Wed, 02 Dec 2026 10:00:00 GMT', 'cache-control': 'max-age=10' }), NOW)).toBe(10_000); // max-age wins
    expect(headerLifetimeMs(x({}), NOW)).toBe(0);
  });

  it('never re-requests sooner than 7 days, but follows longer lifetimes', () => {
    expect(tileFreshness(x({ 'cache-control': 'max-age=60' }), NOW).freshUntil).toBe(NOW + SEVEN_DAYS_MS);
    expect(tileFreshness(x({}), NOW).freshUntil).toBe(NOW + SEVEN_DAYS_MS);
    expect(tileFreshness(x({ 'cache-control': 'max-age=2592000' }), NOW).freshUntil).toBe(NOW + 2_592_000_000);
    expect(tileFreshness(x({ expires: 'Fri, 25 Dec 2026 10:00:00 GMT', date: 'Wed, 25 Nov 2026 10:00:00 GMT' }), NOW).freshUntil).toBe(NOW + 30 * DAY);
  });

  it('honours no-store', () => {
    expect(tileFreshness(x({ 'cache-control': 'no-store' }), NOW).store).toBe(false);
    expect(tileFreshness(x({ 'cache-control': 'private, no-store, max-age=0' }), NOW).store).toBe(false);
    expect(tileFreshness(x({ 'cache-control': 'no-cache, max-age=0' }), NOW).store).toBe(true);
    // private is fine for the kiosk's own (not shared) cache
    expect(tileFreshness(x({ 'cache-control': 'private, max-age=60' }), NOW).store).toBe(true);
  });

  it('asks again about a stale tile with its ETag and Last-Modified', () => {
    const h = revalidationHeaders(URL, REQ, { etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' });
    expect(h).toMatchObject({ ...REQ, 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 24 Nov 2026 10:00:00 GMT' });
    expect(revalidationHeaders(URL, REQ, { etag: null, lastModified: null })).toEqual(REQ);
    expect(revalidationHeaders(URL, REQ, null)).toEqual(REQ);
  });

  it('a 304 makes the stored tile fresh again, with the lifetime the 304 gives', () => {
    const cached = { etag: '"v1"', lastModified: null };
    const later = NOW + 8 * DAY;
    expect(revalidatedFreshness(cached, x({ etag: '"v1"', 'cache-control': 'max-age=2592000' }, 304), later)).toEqual({
      store: true,
      freshUntil: later + 30 * DAY,
    });
    expect(revalidatedFreshness(cached, x({ 'cache-control': 'no-store' }, 304), later)?.store).toBe(false);
    expect(revalidatedFreshness(cached, x({}, 304), later)?.freshUntil).toBe(later + SEVEN_DAYS_MS);
  });

  it('a 304 naming another version does not refresh the stored tile', () => {
    const later = NOW + 8 * DAY;
    expect(revalidatedFreshness({ etag: '"v1"', lastModified: null }, x({ etag: '"v2"', 'cache-control': 'max-age=2592000' }, 304), later)).toBeNull();
    expect(revalidatedFreshness({ etag: '"v1"', lastModified: null }, x({ etag: 'W/"v1"' }, 304), later)).not.toBeNull();
    const lm = { etag: null, lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' };
    expect(revalidatedFreshness(lm, x({ 'last-modified': 'Wed, 25 Nov 2026 10:00:00 GMT' }, 304), later)).toBeNull();
    expect(revalidatedFreshness(lm, x({ 'last-modified': lm.lastModified }, 304), later)).not.toBeNull();
  });
});
