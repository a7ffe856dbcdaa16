/**
 * Where the kiosk window may go: only pages of the app itself, served by the `app://kiosk/` protocol.
 * Plain module (no electron import), applied by lockdown-glue.ts and ipc-glue.ts.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one URL the kiosk window loads. Never file://. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True only for `app://kiosk/…` URLs (no user info, no port). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname.startsWith('/')
  );
}

/** In-window navigation (will-navigate, will-redirect, will-frame-navigate): only within the app. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** URLs that may open a new window. Deliberately empty: a kiosk never opens windows or external browsers. */
export const WINDOW_OPEN_ALLOWLIST: readonly string[] = [];

/** Decision for `webContents.setWindowOpenHandler`. */
export function windowOpenDecision(url: string): { action: 'deny' } | { action: 'allow' } {
  return WINDOW_OPEN_ALLOWLIST.includes(url) ? { action: 'allow' } : { action: 'deny' };
}

/**
 * Which requests the kiosk's session lets through (`session.webRequest.onBeforeRequest`): the app itself and
 * in-memory data. No remote content ever loads in the privileged window — remote data (offers, tiles, images)
 * is fetched by the main side and served through app://kiosk/.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith('blob:app://kiosk/') || url.startsWith('devtools://');
}
