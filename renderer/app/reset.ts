/**
 * Idle reset: every store registers its reset() here at module load; `resetAll()` is the one call
 * the idle timer (and "Start" after a session) makes.
 */
const resets = new Set<() => void>();
const beforeResets = new Set<() => void>();

export function registerReset(reset: () => void): void {
  resets.add(reset);
}

/** Runs before any store resets (the session usage report reads the ending session's state). */
export function registerBeforeReset(fn: () => void): void {
  beforeResets.add(fn);
}

export function resetAll(): void {
  for (const fn of beforeResets) fn();
  for (const reset of resets) reset();
}
