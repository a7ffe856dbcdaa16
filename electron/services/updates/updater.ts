/**
 * Adapter around the app updater (electron-updater in Electron, see electron/updates-glue.ts; a fake in tests and on the
 * browser host). Results come back as events so the policy stays the single decider.
 */
export type UpdaterEvent =
  | { type: 'update_available'; version: string }
  | { type: 'update_not_available' }
  | { type: 'downloaded'; version: string }
  | { type: 'failed'; message: string };

export interface Updater {
  /** Ask the feed whether there is a newer version; answers with update_available / update_not_available / failed. */
  check(): void;
  /** Download (and verify, sha512) the available version; answers with downloaded / failed. */
  download(): void;
  /** Quit and install the downloaded version, then start again. */
  install(): void;
  onEvent(listener: (e: UpdaterEvent) => void): () => void;
  /** Point the updater at the feed from the city API's kiosk config (generic provider URL, channel). */
  setFeed?(feedUrl: string, channel: string): void;
}

/** Where the app cannot update itself (browser host, development): every check finds nothing new. */
export class NoUpdatesUpdater implements Updater {
  private listeners = new Set<(e: UpdaterEvent) => void>();
  check(): void {
    queueMicrotask(() => this.listeners.forEach((l) => l({ type: 'update_not_available' })));
  }
  download(): void {}
  install(): void {}
  onEvent(listener: (e: UpdaterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
