/**
 * Self-healing policy for the renderer: a pure state machine, fed with events by electron/watchdog-glue.ts.
 * - no renderer heartbeat for `heartbeatTimeoutMs` → reload
 * - renderer process gone (crash, OOM, killed), window unresponsive, GPU process gone → reload
 * - `maxReloads` reloads within `reloadWindowMs` → relaunch the whole app instead
 */
export interface WatchdogConfig {
  heartbeatTimeoutMs: number;
  /** Time a freshly (re)loaded page gets before its first heartbeat is expected. */
  startupGraceMs: number;
  maxReloads: number;
  reloadWindowMs: number;
}

export const DEFAULT_WATCHDOG_CONFIG: WatchdogConfig = {
  heartbeatTimeoutMs: 10_000,
  startupGraceMs: 30_000,
  maxReloads: 3,
  reloadWindowMs: 10 * 60_000,
};

export interface WatchdogState {
  /** Last sign of life: a heartbeat, or a (re)load started (then plus the startup grace). */
  aliveUntil: number;
  /** Times of recent reloads (ms), newest last. */
  reloads: number[];
  /** An action is in flight; ignore further triggers until the page loads or the grace ends. */
  recovering: boolean;
}

export type WatchdogEvent =
  | { type: 'started'; at: number }
  | { type: 'heartbeat'; at: number }
  | { type: 'tick'; at: number }
  | { type: 'renderer_gone'; at: number; reason: string }
  | { type: 'unresponsive'; at: number }
  | { type: 'gpu_gone'; at: number; reason: string }
  | { type: 'page_loaded'; at: number };

export type WatchdogAction = { kind: 'none' } | { kind: 'reload'; reason: string } | { kind: 'relaunch'; reason: string };

export function initialWatchdogState(at: number, cfg: WatchdogConfig = DEFAULT_WATCHDOG_CONFIG): WatchdogState {
  return { aliveUntil: at + cfg.startupGraceMs, reloads: [], recovering: false };
}

/** Normal exits are not failures. */
const BENIGN_GONE_REASONS = new Set(['clean-exit']);

export function decideWatchdog(
  state: WatchdogState,
  event: WatchdogEvent,
  cfg: WatchdogConfig = DEFAULT_WATCHDOG_CONFIG,
): { state: WatchdogState; action: WatchdogAction } {
  const none = (s: WatchdogState) => ({ state: s, action: { kind: 'none' } as WatchdogAction });
  const recent = state.reloads.filter((t) => event.at - t < cfg.reloadWindowMs);

  const recover = (reason: string) => {
    if (recent.length >= cfg.maxReloads) {
      return {
        state: { aliveUntil: event.at + cfg.startupGraceMs, reloads: [], recovering: true },
        action: { kind: 'relaunch', reason: `${reason}; ${recent.length} reloads within ${Math.round(cfg.reloadWindowMs / 60_000)} min` } as WatchdogAction,
      };
    }
    return {
      state: { aliveUntil: event.at + cfg.startupGraceMs, reloads: [...recent, event.at], recovering: true },
      action: { kind: 'reload', reason } as WatchdogAction,
    };
  };

  switch (event.type) {
    case 'started':
      return none(initialWatchdogState(event.at, cfg));
    case 'heartbeat':
      return none({ ...state, reloads: recent, aliveUntil: Math.max(state.aliveUntil, event.at + cfg.heartbeatTimeoutMs), recovering: false });
    case 'page_loaded':
      // The new page has its startup grace to send a first heartbeat.
      return none({ ...state, aliveUntil: Math.max(state.aliveUntil, event.at + cfg.startupGraceMs) });
    case 'tick':
      if (event.at <= state.aliveUntil) return none(state);
      return recover(`no renderer heartbeat for ${Math.round(cfg.heartbeatTimeoutMs / 1000)} s`);
    case 'renderer_gone':
      if (BENIGN_GONE_REASONS.has(event.reason)) return none(state);
      return recover(`renderer process gone (${event.reason})`);
    case 'unresponsive':
      if (state.recovering) return none(state);
      return recover('window unresponsive');
    case 'gpu_gone':
      if (BENIGN_GONE_REASONS.has(event.reason)) return none(state);
      return recover(`GPU process gone (${event.reason})`);
  }
}
