/**
 * Per-request retry policy, shared by every request the kiosk makes to the city API (sync: taxonomy, each
 * offers page, events, images; fleet: heartbeat, remote config; the wish outbox).
 *
 * A request that fails with something passing (5xx, 429, timeout, cut connection) is tried again after a short
 * exponential backoff with jitter (about 1, 2, 4, 8 s), never sooner than the server's Retry-After (capped at
 * 60 s), up to `maxTries` tries. Only then does the error reach the caller (a sync run then fails, and the
 * run-level backoff of 30 s doubling to 15 min in sync-backoff.ts takes over).
 *
 * Plain module: sleep and random are injected, so tests run it with a fake clock and never really wait.
 */

export interface RetryDecision {
  /** true: try again (passing fault); false: give up at once (401, 4xx, invalid data, too large…). */
  retry: boolean;
  /** Retry-After from the server, in ms. */
  retryAfterMs?: number;
}

export interface RetryAttemptInfo {
  /** what the request is, for logs ("offers page", "heartbeat") */
  what: string;
  /** 1-based number of the try that just failed */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RequestRetryOptions {
  /** Tries in all, first one included (default 6: waits of about 1, 2, 4, 8, 8 s). */
  maxTries?: number;
  /** Delay ceiling of the first retry (default 1 s); doubles per retry. */
  baseMs?: number;
  /** Largest backoff between two tries (default 8 s); Retry-After may ask for more, up to retryAfterCapMs. */
  capMs?: number;
  /** Retry-After is honoured up to this (default 60 s); a server asking for longer gets its answer in the next run. */
  retryAfterCapMs?: number;
  /** Decides whether an error is passing; default: errors carrying `retryable` / `retryAfterS` (see defaultClassify). */
  classify?: (err: unknown) => RetryDecision;
  /** Waits; tests pass a fake that advances a fake clock. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Called before each wait (logging, counting). */
  onRetry?: (info: RetryAttemptInfo) => void;
}

export interface RequestRetry {
  /** Runs `fn` (one try per call) until it succeeds, fails for good, or the tries are used up (then rethrows the last error). */
  run<T>(what: string, fn: (attempt: number) => Promise<T>): Promise<T>;
  /** Tries and retries so far (for bounds in tests and the run summary). */
  readonly stats: { tries: number; retries: number; waitedMs: number };
}

export const DEFAULT_MAX_TRIES = 6;
export const DEFAULT_BASE_MS = 1_000;
export const DEFAULT_CAP_MS = 8_000;
export const RETRY_AFTER_CAP_MS = 60_000;

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref?.();
  });

/**
 * Default classification: an error with `retryable: true` (or a `code` of network / server / rate_limited, as the
 * city API client's CityApiError has) is passing; its `retryAfterS` (seconds) or `retryAfterMs` is honoured.
 * Everything else (programming errors, 401, invalid responses) is not retried.
 */
export function defaultClassify(err: unknown): RetryDecision {
  if (typeof err !== 'object' || err === null) return { retry: false };
  const e = err as { retryable?: unknown; code?: unknown; retryAfterS?: unknown; retryAfterMs?: unknown };
  const retry = e.retryable === true || (e.retryable === undefined && (e.code === 'network' || e.code === 'server' || e.code === 'rate_limited'));
  const retryAfterMs =
    typeof e.retryAfterMs === 'number' ? e.retryAfterMs : typeof e.retryAfterS === 'number' ? e.retryAfterS * 1000 : undefined;
  return retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? { retry, retryAfterMs } : { retry };
}

/**
 * Wait before try `attempt + 1` after `attempt` failed tries (≥ 1): "equal jitter" over base·2^(attempt−1) capped
 * at capMs — half fixed, half random, so retries never bunch up yet never come at once — and at least the server's
 * Retry-After (capped at retryAfterCapMs).
 */
export function retryDelayMs(
  attempt: number,
  random: number,
  retryAfterMs: number | undefined,
  o: { baseMs?: number; capMs?: number; retryAfterCapMs?: number } = {},
): number {
  const base = o.baseMs ?? DEFAULT_BASE_MS;
  const cap = o.capMs ?? DEFAULT_CAP_MS;
  const exp = Math.min(cap, base * 2 ** Math.max(0, Math.min(20, attempt - 1)));
  const jittered = exp / 2 + random * (exp / 2);
  const floor = retryAfterMs !== undefined ? Math.min(Math.max(0, retryAfterMs), o.retryAfterCapMs ?? RETRY_AFTER_CAP_MS) : 0;
  return Math.round(Math.max(jittered, floor));
}

export function createRequestRetry(opts: RequestRetryOptions = {}): RequestRetry {
  const maxTries = Math.max(1, opts.maxTries ?? DEFAULT_MAX_TRIES);
  const classify = opts.classify ?? defaultClassify;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const stats = { tries: 0, retries: 0, waitedMs: 0 };
  return {
    stats,
    async run(what, fn) {
      for (let attempt = 1; ; attempt++) {
        stats.tries++;
        try {
          return await fn(attempt);
        } catch (err) {
          const d = classify(err);
          // A Retry-After beyond the cap: this run gives up; the run-level backoff honours it.
          const tooLong = d.retryAfterMs !== undefined && d.retryAfterMs > (opts.retryAfterCapMs ?? RETRY_AFTER_CAP_MS);
          if (!d.retry || tooLong || attempt >= maxTries) throw err;
          const delayMs = retryDelayMs(attempt, random(), d.retryAfterMs, opts);
          opts.onRetry?.({ what, attempt, delayMs, error: err });
          stats.retries++;
          stats.waitedMs += delayMs;
          await sleep(delayMs);
        }
      }
    },
  };
}
