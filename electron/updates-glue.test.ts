import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLog } from './services/log';
import type { UpdaterEvent } from './services/updates/updater';

const mock = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: EE } = require('node:events') as typeof import('node:events');
  const autoUpdater = Object.assign(new EE(), {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    allowPrerelease: true,
    logger: null as unknown,
    checkForUpdates: vi.fn(async () => ({}) as unknown),
    downloadUpdate: vi.fn(async () => []),
    quitAndInstall: vi.fn(),
    setFeedURL: vi.fn(),
  });
  return { autoUpdater };
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: mock.autoUpdater } }));

const { createElectronUpdater } = await import('./updates-glue');

describe('electron-updater adapter', () => {
  it('turns off automatic download and install; the policy decides', () => {
    createElectronUpdater(silentLog);
    expect(mock.autoUpdater.autoDownload).toBe(false);
    expect(mock.autoUpdater.autoInstallOnAppQuit).toBe(false);
    expect(mock.autoUpdater.allowDowngrade).toBe(false);
  });

  it('maps electron-updater events to policy events', () => {
    const u = createElectronUpdater(silentLog);
    const events: UpdaterEvent[] = [];
    u.onEvent((e) => events.push(e));
    (mock.autoUpdater as EventEmitter).emit('update-available', { version: '1.2.0', stagingPercentage: 20 });
    (mock.autoUpdater as EventEmitter).emit('update-downloaded', { version: '1.2.0' });
    (mock.autoUpdater as EventEmitter).emit('error', new Error('sha512 checksum mismatch'));
    (mock.autoUpdater as EventEmitter).emit('update-not-available', {});
    expect(events).toEqual([
      { type: 'update_available', version: '1.2.0' }, // staging already applied by electron-updater
      { type: 'downloaded', version: '1.2.0' },
      { type: 'failed', message: 'sha512 checksum mismatch' },
      { type: 'update_not_available' },
    ]);
  });

  it('check/download/install call electron-updater; install is silent and restarts the app', async () => {
    const u = createElectronUpdater(silentLog);
    const events: UpdaterEvent[] = [];
    u.onEvent((e) => events.push(e));
    u.check();
    u.download();
    u.install();
    expect(mock.autoUpdater.checkForUpdates).toHaveBeenCalled();
    expect(mock.autoUpdater.downloadUpdate).toHaveBeenCalled();
    expect(mock.autoUpdater.quitAndInstall).toHaveBeenCalledWith(true, true);
    // an inactive updater (development build) answers null: that means nothing to install
    mock.autoUpdater.checkForUpdates.mockResolvedValueOnce(null);
    u.check();
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toContainEqual({ type: 'update_not_available' });
    mock.autoUpdater.downloadUpdate.mockRejectedValueOnce(new Error('net::ERR_CONNECTION_REFUSED'));
    u.download();
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toContainEqual({ type: 'failed', message: 'net::ERR_CONNECTION_REFUSED' });
  });

  it('uses the generic provider with the feed from the kiosk config, set once per change', () => {
    const u = createElectronUpdater(silentLog);
    mock.autoUpdater.setFeedURL.mockClear();
    u.setFeed!('https://updates.example.org/kiosk/', 'stable');
    u.setFeed!('https://updates.example.org/kiosk/', 'stable');
    expect(mock.autoUpdater.setFeedURL).toHaveBeenCalledTimes(1);
    expect(mock.autoUpdater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.org/kiosk/', channel: 'stable' });
    u.setFeed!('https://updates.example.org/kiosk/', 'beta');
    expect(mock.autoUpdater.setFeedURL).toHaveBeenCalledTimes(2);
  });
});
