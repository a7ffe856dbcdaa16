import { app, session, type BrowserWindow, type Details, type RenderProcessGoneDetails } from 'electron';
import type { Clock } from '../shared/logic/clock';
import type { ConfigStore } from './services/config/config-store';
import type { AppControl } from './services/fleet/app-control';
import type { FleetRuntime } from './services/fleet/fleet-feature';
import type { KeyValueStore } from './services/fleet/sync-state-store';
import { decideMemory, DEFAULT_MEMORY_CONFIG, type MemoryWatchConfig } from './services/health/memory-watch';
import { shouldRelaunchNightly } from './services/health/nightly-relaunch';
import { decideWatchdog, DEFAULT_WATCHDOG_CONFIG, initialWatchdogState, type WatchdogAction, type WatchdogEvent } from './services/health/watchdog-policy';
import type { Log } from './services/log';

export const NIGHTLY_DAY_KEY = 'health.nightly_relaunch_day';

/**
 * AppControl for Electron: reload the kiosk window, relaunch the whole app, clear the web cache.
 * `getWindow` is read on use (the window is created after the composition root).
 */
export function createElectronAppControl(getWindow: () => BrowserWindow | null, log: Log): AppControl {
  return {
    reload(reason) {
      log.warn('reloading the kiosk window', { code: 'watchdog_reload', reason });
      const win = getWindow();
      if (win && !win.isDestroyed()) win.webContents.reload();
      else this.relaunch('no window to reload');
    },
    relaunch(reason) {
      log.warn('relaunching the app', { code: 'watchdog_relaunch', reason });
      app.relaunch();
      app.exit(0);
    },
    async clearCache() {
      await session.defaultSession.clearCache();
      await session.defaultSession.clearStorageData({ storages: ['cachestorage', 'serviceworkers', 'shadercache'] });
      log.info('web cache cleared');
    },
  };
}

export interface WatchdogGlueDeps {
  window: BrowserWindow;
  fleet: Pick<FleetRuntime, 'onRendererHeartbeat' | 'usage'>;
  control: AppControl;
  config: ConfigStore;
  store: KeyValueStore;
  clock: Clock;
  log: Log;
  /** Check period; 0 = no timer (tests call tick()). */
  intervalMs?: number;
  /** Memory is sampled every n-th tick. */
  memoryEveryTicks?: number;
  memory?: MemoryWatchConfig;
}

/** Sum of the working sets of all of the app's processes, in MB. */
export function appMemoryMb(): number {
  return app.getAppMetrics().reduce((sum, m) => sum + (m.memory?.workingSetSize ?? 0), 0) / 1024;
}

/**
 * Wires the self-healing policies to Electron: renderer heartbeats, `render-process-gone`, `unresponsive`,
 * `did-finish-load` and `child-process-gone` (GPU) feed the watchdog policy; a timer feeds it ticks, samples memory and
 * checks the nightly relaunch in the maintenance window. Returns tick() and stop().
 */
export function installWatchdog(deps: WatchdogGlueDeps) {
  const now = () => deps.clock.now().getTime();
  let state = initialWatchdogState(now(), DEFAULT_WATCHDOG_CONFIG);
  let memState = { overSoftCount: 0 };
  let ticks = 0;
  let acting = false;

  const act = (action: WatchdogAction) => {
    if (action.kind === 'none' || acting) return;
    if (action.kind === 'reload') deps.control.reload(action.reason);
    else {
      acting = true;
      deps.control.relaunch(action.reason);
    }
  };
  const feed = (event: WatchdogEvent) => {
    const r = decideWatchdog(state, event, DEFAULT_WATCHDOG_CONFIG);
    state = r.state;
    act(r.action);
  };

  const wc = deps.window.webContents;
  const onGone = (_e: unknown, details: RenderProcessGoneDetails) => feed({ type: 'renderer_gone', at: now(), reason: details.reason });
  const onUnresponsive = () => feed({ type: 'unresponsive', at: now() });
  const onLoaded = () => feed({ type: 'page_loaded', at: now() });
  const onChildGone = (_e: unknown, details: Details) => {
    if (details.type === 'GPU') feed({ type: 'gpu_gone', at: now(), reason: details.reason });
    else if (details.reason !== 'clean-exit') deps.log.warn('child process gone', { code: 'child_process_gone', type: details.type, reason: details.reason });
  };
  wc.on('render-process-gone', onGone);
  wc.on('did-finish-load', onLoaded);
  deps.window.on('unresponsive', onUnresponsive);
  app.on('child-process-gone', onChildGone);
  const offBeat = deps.fleet.onRendererHeartbeat(() => feed({ type: 'heartbeat', at: now() }));

  const tick = () => {
    if (acting) return;
    feed({ type: 'tick', at: now() });
    const usage = deps.fleet.usage();
    ticks++;
    if (ticks % (deps.memoryEveryTicks ?? 15) === 0) {
      const r = decideMemory(memState, { usedMb: appMemoryMb(), idleS: usage.idleS }, deps.memory ?? DEFAULT_MEMORY_CONFIG);
      memState = r.state;
      if (r.relaunch) {
        acting = true;
        deps.control.relaunch(r.reason);
        return;
      }
    }
    const nightly = shouldRelaunchNightly({
      now: deps.clock.now(),
      window: deps.config.get().maintenanceWindow,
      idleS: usage.formDirty ? 0 : usage.idleS,
      lastDay: deps.store.get<string>(NIGHTLY_DAY_KEY),
    });
    if (nightly.relaunch) {
      deps.store.set(NIGHTLY_DAY_KEY, nightly.day); // before relaunching, so the new process does not do it again
      acting = true;
      deps.control.relaunch('nightly relaunch in the maintenance window');
    }
  };

  const timer = (deps.intervalMs ?? 2000) > 0 ? setInterval(tick, deps.intervalMs ?? 2000) : null;
  return {
    tick,
    stop() {
      if (timer) clearInterval(timer);
      offBeat();
      wc.off('render-process-gone', onGone);
      wc.off('did-finish-load', onLoaded);
      deps.window.off('unresponsive', onUnresponsive);
      app.off('child-process-gone', onChildGone);
    },
  };
}
