import { isInsideWindow, localDay, type MaintenanceWindow } from './maintenance-window';

/** Idle time the kiosk needs before a nightly relaunch (nobody is in the middle of something). */
export const NIGHTLY_MIN_IDLE_S = 10 * 60;

/**
 * A fresh start once a night: inside the maintenance window, when the kiosk has been idle long enough,
 * and not yet done on this local day (`lastDay` is persisted so the relaunch itself does not trigger another one).
 */
export function shouldRelaunchNightly(input: {
  now: Date;
  window: MaintenanceWindow;
  idleS: number;
  lastDay: string | null;
  minIdleS?: number;
}): { relaunch: boolean; day: string } {
  const day = localDay(input.now, input.window.tz);
  const relaunch =
    isInsideWindow(input.now, input.window) && input.idleS >= (input.minIdleS ?? NIGHTLY_MIN_IDLE_S) && input.lastDay !== day;
  return { relaunch, day };
}
