import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../tests/fakes/fake-clock';
import { kioskConfigSchema } from '../shared/schemas/kiosk-config';
import { createConfigStore } from './services/config/config-store';
import { createMemoryStore } from './services/fleet/sync-state-store';
import { silentLog } from './services/log';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: EE } = require('node:events') as typeof import('node:events');
  const app = Object.assign(new EE(), {
    relaunch: vi.fn(),
    exit: vi.fn(),
    getAppMetrics: vi.fn(() => [{ memory: { workingSetSize: 300 * 1024 } }, { memory: { workingSetSize: 100 * 1024 } }]),
  });
  const session = { defaultSession: { clearCache: vi.fn(async () => {}), clearStorageData: vi.fn(async () => {}) } };
  return { app, session };
});
vi.mock('electron', () => ({ app: electron.app, session: electron.session }));

const { installWatchdog, createElectronAppControl, appMemoryMb, NIGHTLY_DAY_KEY } = await import('./watchdog-glue');

class FakeWindow extends EventEmitter {
  webContents = Object.assign(new EventEmitter(), { reload: vi.fn() });
  isDestroyed = () => false;
}

function setup(start = '2026-11-25T10:00:00Z') {
  const clock = new FakeClock(start);
  const window = new FakeWindow();
  const control = { reload: vi.fn(), relaunch: vi.fn(), clearCache: vi.fn(async () => {}) };
  const beats = new Set<() => void>();
  let idleS = 0;
  const fleet = {
    onRendererHeartbeat: (l: () => void) => (beats.add(l), () => beats.delete(l)),
    usage: () => ({ idleS, formDirty: false, printing: false, lastHeartbeatAt: null }),
  };
  const store = createMemoryStore();
  const config = createConfigStore(kioskConfigSchema.parse({}));
  const wd = installWatchdog({ window: window as never, fleet, control, config, store, clock, log: silentLog, intervalMs: 0, memoryEveryTicks: 1 });
  const beat = () => beats.forEach((l) => l());
  return { clock, window, control, wd, beat, store, setIdle: (s: number) => (idleS = s) };
}

beforeEach(() => {
  electron.app.removeAllListeners();
  vi.clearAllMocks();
});

describe('watchdog glue (Electron events → policy → action)', () => {
  it('reloads when the renderer stops sending heartbeats for 10 s', () => {
    const { clock, control, wd, beat } = setup();
    clock.advance(30_000); // after the startup grace
    beat();
    clock.advance(10_000);
    wd.tick();
    expect(control.reload).not.toHaveBeenCalled();
    clock.advance(2000);
    wd.tick();
    expect(control.reload).toHaveBeenCalledTimes(1);
    expect(control.reload.mock.calls[0]![0]).toMatch(/no renderer heartbeat/);
  });

  it('reloads on render-process-gone and on unresponsive; relaunches on the 4th failure in 10 min', () => {
    const { clock, window, control, beat } = setup();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    clock.advance(60_000);
    window.webContents.emit('did-finish-load');
    beat();
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    clock.advance(60_000);
    beat();
    window.emit('unresponsive');
    expect(control.reload).toHaveBeenCalledTimes(3);
    clock.advance(60_000);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(control.relaunch).toHaveBeenCalledTimes(1);
    expect(control.reload).toHaveBeenCalledTimes(3);
  });

  it('a GPU process crash reloads; other child processes only log', () => {
    const { control } = setup();
    electron.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 1 });
    expect(control.reload).not.toHaveBeenCalled();
    electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(control.reload).toHaveBeenCalledTimes(1);
  });

  it('a clean renderer exit does nothing', () => {
    const { window, control } = setup();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(control.reload).not.toHaveBeenCalled();
  });

  it('nightly relaunch inside the maintenance window when idle, once per night', () => {
    const { clock, control, wd, beat, store, setIdle } = setup('2026-11-25T01:30:00Z'); // 02:30 Berlin
    beat();
    setIdle(30);
    wd.tick();
    expect(control.relaunch).not.toHaveBeenCalled(); // in use
    setIdle(900);
    wd.tick();
    expect(control.relaunch).toHaveBeenCalledTimes(1);
    expect(store.get(NIGHTLY_DAY_KEY)).toBe('2026-11-25');
    // the new process the same night does not relaunch again
    const again = setup('2026-11-25T01:40:00Z');
    again.store.set(NIGHTLY_DAY_KEY, '2026-11-25');
    again.setIdle(900);
    again.beat();
    again.wd.tick();
    expect(again.control.relaunch).not.toHaveBeenCalled();
    void clock;
  });

  it('memory above the hard limit relaunches', () => {
    const { control, wd, beat } = setup();
    beat();
    electron.app.getAppMetrics.mockReturnValueOnce([{ memory: { workingSetSize: 3000 * 1024 } }]);
    wd.tick();
    expect(control.relaunch).toHaveBeenCalledWith(expect.stringMatching(/hard limit/));
  });

  it('stop() removes every listener', () => {
    const { window, control, wd } = setup();
    wd.stop();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(control.reload).not.toHaveBeenCalled();
  });
});

describe('Electron app control', () => {
  it('reload reloads the window, relaunch relaunches and exits, clear cache clears the session caches', async () => {
    const win = new FakeWindow();
    const c = createElectronAppControl(() => win as never, silentLog);
    c.reload('test');
    expect(win.webContents.reload).toHaveBeenCalled();
    c.relaunch('test');
    expect(electron.app.relaunch).toHaveBeenCalled();
    expect(electron.app.exit).toHaveBeenCalledWith(0);
    await c.clearCache();
    expect(electron.session.defaultSession.clearCache).toHaveBeenCalled();
    expect(electron.session.defaultSession.clearStorageData).toHaveBeenCalled();
  });

  it('memory is the sum of all processes in MB', () => {
    expect(appMemoryMb()).toBe(400);
  });
});
