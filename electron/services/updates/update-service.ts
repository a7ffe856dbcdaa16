import type { Clock } from '../../../shared/logic/clock';
import type { Log } from '../log';
import type { MaintenanceWindow } from '../health/maintenance-window';
import {
  DEFAULT_UPDATE_POLICY,
  initialUpdateState,
  nextUpdateState,
  type UpdateEvent,
  type UpdatePolicyConfig,
  type UpdateState,
} from './update-policy';
import type { Updater } from './updater';

export interface UpdateServiceDeps {
  updater: Updater;
  clock: Clock;
  log: Log;
  /** Read on every tick so live config changes apply. */
  usage(): { idleS: number; printing: boolean; formDirty: boolean; window: MaintenanceWindow };
  policy?: Partial<UpdatePolicyConfig>;
}

/** Drives the update policy: feeds it ticks and updater events and performs the effects it decides. */
export function createUpdateService(deps: UpdateServiceDeps) {
  const cfg: UpdatePolicyConfig = { ...DEFAULT_UPDATE_POLICY, ...deps.policy };
  let state: UpdateState = initialUpdateState;
  let timer: ReturnType<typeof setInterval> | null = null;

  const apply = (event: UpdateEvent) => {
    const prev = state;
    const result = nextUpdateState(state, event, cfg);
    state = result.state;
    if (prev.kind !== state.kind) deps.log.info('update state', { from: prev.kind, to: state.kind, ...('version' in state ? { version: state.version } : {}) });
    if (state.kind === 'error' && prev.kind !== 'error') deps.log.warn('update failed', { message: state.message });
    for (const effect of result.effects) {
      try {
        if (effect === 'check') deps.updater.check();
        else if (effect === 'download') deps.updater.download();
        else deps.updater.install();
      } catch (err) {
        apply({ type: 'failed', at: deps.clock.now().getTime(), message: err instanceof Error ? err.message : String(err) });
      }
    }
  };

  const unsubscribe = deps.updater.onEvent((e) => {
    const at = deps.clock.now().getTime();
    apply({ ...e, at } as UpdateEvent);
  });

  const service = {
    state: () => state,
    tick() {
      apply({ type: 'tick', ctx: { now: deps.clock.now().getTime(), ...deps.usage() } });
    },
    /** From staff or a remote command. */
    checkNow() {
      apply({ type: 'check_requested', at: deps.clock.now().getTime() });
    },
    start(intervalMs = 60_000) {
      service.tick(); // check on start
      timer ??= setInterval(() => service.tick(), intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe();
    },
  };
  return service;
}

export type UpdateService = ReturnType<typeof createUpdateService>;
