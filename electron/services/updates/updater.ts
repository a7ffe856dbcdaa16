/**
 * Adapter around the app updater (electron-updater in Electron, see electron/updates-glue.ts; a fake in tests and on the
 * browser host). Results come back as events so the policy stays the single decider.
 */
export type UpdaterEvent =
  | { type: 'update_available'; version: string; stagingPercentage?: number }
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

/** A scripted updater for tests and the browser host. */
export class FakeUpdater implements Updater {
  readonly calls: ('check' | 'download' | 'install')[] = [];
  feed: { feedUrl: string; channel: string } | null = null;
  private listeners = new Set<(e: UpdaterEvent) => void>();
  /** What the next check answers; null = nothing new. */
  available: { version: string; stagingPercentage?: number } | null = null;
  /** Answer automatically (synchronously); false = the test emits events itself. */
  auto = true;

  check(): void {
    this.calls.push('check');
    if (this.auto) this.emit(this.available ? { type: 'update_available', ...this.available } : { type: 'update_not_available' });
  }
  download(): void {
    this.calls.push('download');
    if (this.auto && this.available) this.emit({ type: 'downloaded', version: this.available.version });
  }
  install(): void {
    this.calls.push('install');
  }
  onEvent(listener: (e: UpdaterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  setFeed(feedUrl: string, channel: string): void {
    this.feed = { feedUrl, channel };
  }
  emit(e: UpdaterEvent): void {
    for (const l of this.listeners) l(e);
  }
}
