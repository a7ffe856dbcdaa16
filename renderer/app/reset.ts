/**
 * Idle reset: every store registers its reset() here at module load; `resetAll()` is the one call
 * the idle timer (and "Start" after a session) makes.
 */
const resets = new Set<() => void>();

export function registerReset(reset: () => void): void {
  resets.add(reset);
}

export function resetAll(): void {
  for (const reset of resets) reset();
}
