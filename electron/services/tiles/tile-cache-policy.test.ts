import { describe, expect, it } from 'vitest';
import { SEVEN_DAYS_MS, headerLifetimeMs, tileFreshness } from './tile-cache-policy';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const h = (cacheControl: string | null, expires: string | null = null, date: string | null = null) => ({ cacheControl, expires, date });

describe('tile cache policy', () => {
  it('reads max-age and s-maxage', () => {
    expect(headerLifetimeMs(h('public, max-age=86400'), NOW)).toBe(86_400_000);
    expect(headerLifetimeMs(h('max-age=60, s-maxage=120'), NOW)).toBe(120_000);
  });

  it('reads Expires against the server Date', () => {
    expect(headerLifetimeMs(h(null, 'Wed, 02 Dec 2026 10:00:00 GMT', 'Wed, 25 Nov 2026 10:00:00 GMT'), NOW + 999_999)).toBe(SEVEN_DAYS_MS);
    expect(headerLifetimeMs(h(null, 'not a date'), NOW)).toBe(0);
    expect(headerLifetimeMs(h(null), NOW)).toBeNull();
  });

  it('never re-requests sooner than 7 days, but follows longer lifetimes', () => {
    expect(tileFreshness(h('max-age=60'), NOW).freshUntil).toBe(NOW + SEVEN_DAYS_MS);
    expect(tileFreshness(h(null), NOW).freshUntil).toBe(NOW + SEVEN_DAYS_MS);
    expect(tileFreshness(h('max-age=2592000'), NOW).freshUntil).toBe(NOW + 2_592_000_000);
  });

  it('honours no-store', () => {
    expect(tileFreshness(h('no-store'), NOW).store).toBe(false);
    expect(tileFreshness(h('private, no-store, max-age=0'), NOW).store).toBe(false);
    expect(tileFreshness(h('no-cache, max-age=0'), NOW).store).toBe(true);
  });
});
