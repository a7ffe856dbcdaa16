/** Retry delays after failed syncs: exponential with full jitter, capped at 15 minutes (docs/city-api.md). */

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 15 * 60_000;

/**
 * Delay before the next attempt after `failures` consecutive failures (≥ 1).
 * `random` in [0, 1). A Retry-After from the server is honoured as a lower bound (still capped).
 */
export function backoffDelayMs(failures: number, random: number, retryAfterS?: number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(20, failures - 1)));
  // "equal jitter": half fixed, half random, so retries never bunch up yet never come immediately.
  const jittered = exp / 2 + random * (exp / 2);
  const floor = retryAfterS !== undefined ? retryAfterS * 1000 : 0;
  return Math.round(Math.min(BACKOFF_CAP_MS, Math.max(jittered, floor)));
}
