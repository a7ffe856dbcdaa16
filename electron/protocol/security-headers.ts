/**
 * Response headers shared by both hosts of the renderer: the browser host (HTTP on 127.0.0.1)
 * and Electron's `app://kiosk/` protocol. Plain module, no electron import.
 */

/** Same policy as the meta tag in renderer/index.html; the header is authoritative, the meta tag a fallback. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Powerful features the kiosk never needs. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'payment=()',
  'display-capture=()',
  'clipboard-read=()',
].join(', ');

/** Headers every response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};

export type CacheClass = 'document' | 'hashed-asset' | 'static' | 'api' | 'tile' | 'image';

/**
 * Cache-Control per kind of response: the HTML shell is never cached (a new build must show at once),
 * fingerprinted build assets and content-addressed images forever, tiles for a day, API replies never.
 */
export function cacheControl(kind: CacheClass): string {
  switch (kind) {
    case 'document':
    case 'api':
      return 'no-store';
    case 'hashed-asset':
    case 'image':
      return 'public, max-age=31536000, immutable';
    case 'tile':
      return 'public, max-age=86400';
    case 'static':
      return 'no-cache';
  }
}

/** Vite puts fingerprinted files under /assets/. */
export function cacheClassForPath(urlPath: string): CacheClass {
  if (urlPath === '/' || urlPath.endsWith('.html')) return 'document';
  if (urlPath.startsWith('/assets/')) return 'hashed-asset';
  return 'static';
}
