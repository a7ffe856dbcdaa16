/**
 * Memory watch: relaunch when the app's memory stays above a limit. Above the soft limit only when nobody uses
 * the kiosk (and only after several samples in a row, so a short spike does nothing); above the hard limit at once.
 */
export interface MemoryWatchConfig {
  softLimitMb: number;
  hardLimitMb: number;
  /** Consecutive samples above the soft limit before acting. */
  samplesOverSoft: number;
  /** Idle time the kiosk needs before a soft-limit relaunch. */
  minIdleS: number;
}

export const DEFAULT_MEMORY_CONFIG: MemoryWatchConfig = { softLimitMb: 1500, hardLimitMb: 2500, samplesOverSoft: 3, minIdleS: 120 };

export interface MemoryWatchState {
  overSoftCount: number;
}

export function decideMemory(
  state: MemoryWatchState,
  sample: { usedMb: number; idleS: number },
  cfg: MemoryWatchConfig = DEFAULT_MEMORY_CONFIG,
): { state: MemoryWatchState; relaunch: false } | { state: MemoryWatchState; relaunch: true; reason: string } {
  if (sample.usedMb >= cfg.hardLimitMb) {
    return { state: { overSoftCount: 0 }, relaunch: true, reason: `memory ${Math.round(sample.usedMb)} MB above hard limit ${cfg.hardLimitMb} MB` };
  }
  if (sample.usedMb < cfg.softLimitMb) return { state: { overSoftCount: 0 }, relaunch: false };
  const count = state.overSoftCount + 1;
  if (count >= cfg.samplesOverSoft && sample.idleS >= cfg.minIdleS) {
    return { state: { overSoftCount: 0 }, relaunch: true, reason: `memory ${Math.round(sample.usedMb)} MB above ${cfg.softLimitMb} MB while idle` };
  }
  return { state: { overSoftCount: count }, relaunch: false };
}
