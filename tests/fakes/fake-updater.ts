import type { Updater, UpdaterEvent } from '../../electron/services/updates/updater';

/** A scripted updater for tests. */
export class FakeUpdater implements Updater {
  readonly calls: ('check' | 'download' | 'install')[] = [];
  feed: { feedUrl: string; channel: string } | null = null;
  private listeners = new Set<(e: UpdaterEvent) => void>();
  /** What the next check answers; null = nothing new. */
  available: { version: string } | null = null;
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
