/** Registers the privileged `app://` scheme and serves app://kiosk/ through app-protocol.ts (never file://). */
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../window/navigation-policy';
import type { AppRequestHandler } from './app-protocol';

/** Must run before the app is ready. standard + secure: a real origin with CSP and fetch; no CORS bypass, no service workers. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false },
    },
  ]);
}

/** Serves the scheme on the given session (the kiosk window's). */
export function handleAppScheme(session: Session, handler: AppRequestHandler): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const res = await handler({ url: request.url, method: request.method });
    return new Response(res.body === null ? null : new Uint8Array(res.body), { status: res.status, headers: res.headers });
  });
}
