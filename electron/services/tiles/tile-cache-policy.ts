/**
 * How long a downloaded map tile may be used without asking the tile server again.
 *
 * The provider's HTTP caching headers are honoured (Cache-Control max-age / s-maxage, Expires),
 * but a tile is never re-requested sooner than `minFreshMs` (7 days by default): the
 * OpenStreetMap tile usage policy asks clients to cache for at least 7 days, and a kiosk
 * showing one small town gains nothing from fresher tiles. `no-store` is honoured: such a
 * tile is shown but never written to disk.
 */

export const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

export interface TileFreshness {
  /** false when the server forbids storing the response (Cache-Control: no-store). */
  store: boolean;
  /** Absolute time (ms since epoch) until which the tile is used without asking the server. */
  freshUntil: number;
}

/** Parses the freshness lifetime the server gave, in ms; null when the headers say nothing usable. */
export function headerLifetimeMs(headers: { cacheControl: string | null; expires: string | null; date: string | null }, nowMs: number): number | null {
  const cc = (headers.cacheControl ?? '').toLowerCase();
  const directives = new Map<string, string | true>();
  for (const part of cc.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k) directives.set(k, v === undefined ? true : v.replace(/^"|"$/g, ''));
  }
  for (const name of ['s-maxage', 'max-age']) {
    const v = directives.get(name);
    if (typeof v === 'string' && /^\d{1,10}$/.test(v)) return Number(v) * 1000;
  }
  if (headers.expires) {
    const expires = Date.parse(headers.expires);
    if (Number.isNaN(expires)) return 0; // invalid Expires means "already expired" (RFC 9111 5.3)
    // Measure against the server's own Date header when present, so clock skew does not matter.
    const serverNow = headers.date ? Date.parse(headers.date) : NaN;
    const base = Number.isNaN(serverNow) ? nowMs : serverNow;
    return Math.max(0, expires - base);
  }
  return null;
}

export function tileFreshness(
  headers: { cacheControl: string | null; expires: string | null; date: string | null },
  nowMs: number,
  minFreshMs = SEVEN_DAYS_MS,
): TileFreshness {
  const cc = (headers.cacheControl ?? '').toLowerCase();
  const store = !/(^|,)\s*no-store\s*(,|$)/.test(cc);
  const lifetime = headerLifetimeMs(headers, nowMs);
  return { store, freshUntil: nowMs + Math.max(lifetime ?? 0, minFreshMs) };
}
