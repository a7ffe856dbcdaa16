/**
 * Applies the lockdown policies (plain modules next to this file) to Electron objects:
 * session (permissions, remote requests, downloads), every web contents (navigation, window.open, webviews,
 * keys, zoom, context menu, devtools, text selection) and the app (no menu, every new web contents locked).
 */
import { Menu, type App, type Session, type WebContents } from 'electron';
import type { Log } from '../services/log';
import { isBlockedKey } from './key-policy';
import { isAllowedNavigation, isAllowedRequestUrl, windowOpenDecision } from './navigation-policy';
import { decideDevicePermission, decidePermissionCheck, decidePermissionRequest } from './permission-policy';
import { LOCKDOWN_CSS, VISUAL_ZOOM_LIMITS } from './window-options';

export interface LockdownOptions {
  production: boolean;
  log?: Log;
}

/** Permissions, requests, downloads for the kiosk's session. */
export function lockDownSession(session: Session, { log }: LockdownOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = decidePermissionRequest(permission, details.requestingUrl);
    if (!granted) log?.warn('denied a permission request', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => decidePermissionCheck(permission, requestingOrigin));
  session.setDevicePermissionHandler((details) => decideDevicePermission(details.deviceType));
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !isAllowedRequestUrl(details.url);
    if (cancel) log?.warn('blocked a request to remote content', { scheme: details.url.split(':')[0] });
    callback({ cancel });
  });
  session.on('will-download', (event) => {
    event.preventDefault();
    log?.warn('blocked a download');
  });
  session.setSpellCheckerEnabled(false);
}

/** Navigation, windows, webviews, keys, zoom, context menu and devtools for one web contents. */
export function lockDownWebContents(contents: WebContents, { production, log }: LockdownOptions): void {
  const guardNavigation = (event: { preventDefault(): void; url: string }) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      log?.warn('blocked navigation away from the kiosk', { scheme: event.url.split(':')[0] });
    }
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.action === 'deny') log?.warn('blocked window.open', { scheme: url.split(':')[0] });
    return decision;
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKey(input, production)) event.preventDefault();
  });
  // No context menu: none is built, and the default action is prevented as well.
  contents.on('context-menu', (event) => event.preventDefault());
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  const applyPageLockdown = () => {
    void contents.setVisualZoomLevelLimits(VISUAL_ZOOM_LIMITS.min, VISUAL_ZOOM_LIMITS.max).catch(() => {});
    contents.setZoomFactor(1);
    // Reviewed: insertCSS gets only the constant LOCKDOWN_CSS of window-options.ts, never page or remote input.
    if (production) void contents.insertCSS(LOCKDOWN_CSS, { cssOrigin: 'user' }).catch(() => {}); // eng-disable DANGEROUS_FUNCTIONS_JS_CHECK
  };
  contents.on('did-finish-load', applyPageLockdown);
  if (production) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

/** No application menu anywhere, and every web contents the app ever creates is locked down. */
export function lockDownApp(app: App, opts: LockdownOptions): void {
  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, opts));
}
