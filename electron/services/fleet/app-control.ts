/**
 * What the kiosk shell can do to itself: reload the page, relaunch the app, clear the web cache.
 * Electron: electron/watchdog-glue.ts binds it to the window and app. Browser host: a reload is handed to the page
 * with the reply of its next heartbeat (it reloads itself); relaunch becomes a reload there.
 */
export interface AppControl {
  reload(reason: string): void;
  relaunch(reason: string): void;
  clearCache(): Promise<void>;
}

export function createBrowserHostAppControl(onLog: (message: string) => void = () => {}): AppControl & { takeReloadRequest(): boolean } {
  let pendingReload = false;
  const control: AppControl & { takeReloadRequest(): boolean } = {
    reload(reason) {
      onLog(`reload requested: ${reason}`);
      pendingReload = true;
    },
    relaunch(reason) {
      onLog(`relaunch requested (browser host: page reload): ${reason}`);
      pendingReload = true;
    },
    async clearCache() {
      pendingReload = true;
    },
    takeReloadRequest() {
      const r = pendingReload;
      pendingReload = false;
      return r;
    },
  };
  return control;
}
