import electronUpdater, { type UpdateInfo } from 'electron-updater';
import type { Log } from './services/log';
import type { Updater, UpdaterEvent } from './services/updates/updater';

/**
 * The Updater adapter on electron-updater: generic provider (latest.yml + sha512, verified by electron-updater before
 * `update-downloaded`), no automatic download or install — the update policy (services/updates/update-policy.ts)
 * decides when. Staged rollout: electron-updater compares the release's `stagingPercentage` with this installation's
 * staging id itself and reports "not available" to kiosks outside the stage, so the percentage is not passed on
 * (the policy would otherwise filter a second time).
 * Feed: the packaged app-update.yml (electron-builder `publish`), replaced by `update.feed_url` / `update.channel`
 * from the city API's kiosk config when present.
 */
export function createElectronUpdater(log: Log): Updater {
  const { autoUpdater } = electronUpdater;
  const listeners = new Set<(e: UpdaterEvent) => void>();
  const emit = (e: UpdaterEvent) => {
    for (const l of listeners) l(e);
  };
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.logger = {
    info: (m?: unknown) => log.info(`updater: ${String(m)}`),
    warn: (m?: unknown) => log.warn(`updater: ${String(m)}`),
    error: (m?: unknown) => log.error(`updater: ${String(m)}`),
    debug: () => {},
  };

  autoUpdater.on('update-available', (info: UpdateInfo) => emit({ type: 'update_available', version: info.version }));
  autoUpdater.on('update-not-available', () => emit({ type: 'update_not_available' }));
  autoUpdater.on('update-downloaded', (info: UpdateInfo) => emit({ type: 'downloaded', version: info.version }));
  autoUpdater.on('error', (err: Error) => emit({ type: 'failed', message: err?.message ?? String(err) }));

  let feed: string | null = null;
  return {
    check() {
      autoUpdater
        .checkForUpdates()
        .then((result) => {
          // null: the updater is not active (development build, no app-update.yml) — nothing to install.
          if (result === null) emit({ type: 'update_not_available' });
        })
        .catch((err: unknown) => emit({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
    },
    download() {
      autoUpdater.downloadUpdate().catch((err: unknown) => emit({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
    },
    install() {
      log.info('installing update and restarting');
      autoUpdater.quitAndInstall(true, true);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setFeed(feedUrl, channel) {
      const key = `${feedUrl}#${channel}`;
      if (key === feed) return;
      feed = key;
      autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl, channel });
      log.info('update feed set', { feedUrl, channel });
    },
  };
}
