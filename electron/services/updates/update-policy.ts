import { isInsideWindow, type MaintenanceWindow } from '../health/maintenance-window';

/**
 * App updates as a state union with one pure transition function (VS Code's update service, table-tested):
 * idle → checking → downloading → ready → installing, and error from anywhere.
 * Checks on start and daily, downloads in the background, installs only inside the maintenance window when the
 * kiosk has been idle ≥ 10 min, never while a slip prints or a form holds unsent input. Staged rollouts are
 * electron-updater's job (it compares the release's stagingPercentage with the installation's staging id).
 */
export type UpdateState =
  | { kind: 'idle'; lastCheckAt: number | null }
  | { kind: 'checking'; lastCheckAt: number | null; since: number }
  | { kind: 'downloading'; lastCheckAt: number; version: string; since: number }
  | { kind: 'ready'; lastCheckAt: number; version: string }
  | { kind: 'installing'; version: string; since: number }
  | { kind: 'error'; lastCheckAt: number | null; message: string; at: number };

export type UpdateStateKind = UpdateState['kind'];

/** What the kiosk is doing right now, as far as installing is concerned. */
export interface UsageContext {
  now: number;
  /** Seconds since the last touch. */
  idleS: number;
  printing: boolean;
  formDirty: boolean;
  window: MaintenanceWindow;
}

export type UpdateEvent =
  | { type: 'tick'; ctx: UsageContext }
  | { type: 'check_requested'; at: number }
  | { type: 'update_available'; at: number; version: string }
  | { type: 'update_not_available'; at: number }
  | { type: 'downloaded'; at: number; version: string }
  | { type: 'failed'; at: number; message: string };

export type UpdateEffect = 'check' | 'download' | 'install';

export interface UpdatePolicyConfig {
  checkIntervalMs: number;
  /** After an error, try again this much later. */
  retryAfterErrorMs: number;
  /** A check or download that hangs this long counts as failed. */
  stuckAfterMs: number;
  minIdleS: number;
}

export const DEFAULT_UPDATE_POLICY: UpdatePolicyConfig = {
  checkIntervalMs: 24 * 3600_000,
  retryAfterErrorMs: 3600_000,
  stuckAfterMs: 2 * 3600_000,
  minIdleS: 10 * 60,
};

export const initialUpdateState: UpdateState = { kind: 'idle', lastCheckAt: null };

/** Whether installing now is allowed: in the window, idle long enough, nothing printing, no unsent input. */
export function mayInstall(ctx: UsageContext, minIdleS: number): boolean {
  return isInsideWindow(new Date(ctx.now), ctx.window) && ctx.idleS >= minIdleS && !ctx.printing && !ctx.formDirty;
}

export function nextUpdateState(
  state: UpdateState,
  event: UpdateEvent,
  cfg: UpdatePolicyConfig,
): { state: UpdateState; effects: UpdateEffect[] } {
  const stay = { state, effects: [] as UpdateEffect[] };
  const check = (at: number, lastCheckAt: number | null) => ({
    state: { kind: 'checking', lastCheckAt, since: at } as UpdateState,
    effects: ['check'] as UpdateEffect[],
  });

  if (event.type === 'failed') {
    if (state.kind === 'idle' || state.kind === 'ready') return stay; // stray error from an old operation
    const lastCheckAt = 'lastCheckAt' in state ? state.lastCheckAt : null;
    return { state: { kind: 'error', lastCheckAt, message: event.message.slice(0, 500), at: event.at }, effects: [] };
  }

  switch (state.kind) {
    case 'idle':
      if (event.type === 'check_requested') return check(event.at, state.lastCheckAt);
      if (event.type === 'tick') {
        const due = state.lastCheckAt === null || event.ctx.now - state.lastCheckAt >= cfg.checkIntervalMs;
        return due ? check(event.ctx.now, state.lastCheckAt) : stay;
      }
      return stay;
    case 'error':
      if (event.type === 'check_requested') return check(event.at, state.lastCheckAt);
      if (event.type === 'tick' && event.ctx.now - state.at >= cfg.retryAfterErrorMs) return check(event.ctx.now, state.lastCheckAt);
      return stay;
    case 'checking':
      if (event.type === 'update_not_available') return { state: { kind: 'idle', lastCheckAt: event.at }, effects: [] };
      if (event.type === 'update_available') {
        return { state: { kind: 'downloading', lastCheckAt: event.at, version: event.version, since: event.at }, effects: ['download'] };
      }
      if (event.type === 'tick' && event.ctx.now - state.since >= cfg.stuckAfterMs) {
        return { state: { kind: 'error', lastCheckAt: state.lastCheckAt, message: 'update check timed out', at: event.ctx.now }, effects: [] };
      }
      return stay;
    case 'downloading':
      if (event.type === 'downloaded') return { state: { kind: 'ready', lastCheckAt: state.lastCheckAt, version: event.version }, effects: [] };
      if (event.type === 'tick' && event.ctx.now - state.since >= cfg.stuckAfterMs) {
        return { state: { kind: 'error', lastCheckAt: state.lastCheckAt, message: 'update download timed out', at: event.ctx.now }, effects: [] };
      }
      return stay;
    case 'ready':
      if (event.type === 'tick' && mayInstall(event.ctx, cfg.minIdleS)) {
        return { state: { kind: 'installing', version: state.version, since: event.ctx.now }, effects: ['install'] };
      }
      return stay;
    case 'installing':
      return stay;
  }
}
