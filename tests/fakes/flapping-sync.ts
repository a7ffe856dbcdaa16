import { createRequestRetry, type RequestRetry } from '../../electron/services/net/request-retry';
import { backoffDelayMs } from '../../electron/services/sync/sync-backoff';
import type { SyncRunResult } from '../../electron/services/sync/sync-engine';
import type { FakeClock } from './fake-clock';
import { seededRandom } from '../../city-api/src/chaos';
import type { TestKiosk } from './fake-city-api-harness';

/**
 * Drives a kiosk's sync the way the sync feature does (per-request retries inside a run; after a failed run the
 * run-level backoff), but on a fake clock: every wait advances `clock` at once instead of sleeping.
 * "Simulated time" = the waits plus the real time the runs took.
 */
export interface FlappingSyncOptions {
  clock: FakeClock;
  /** jitter seed */
  seed?: number;
  maxRuns?: number;
  pageLimit?: number;
}

export interface FlappingSyncResult {
  ok: boolean;
  runs: number;
  failedRuns: number;
  /** waits (fake) + real run time, ms */
  simulatedMs: number;
  realMs: number;
  waitedMs: number;
  /** requests the kiosk sent (tries, retries included) */
  requests: number;
  retries: number;
  pages: number;
  last: SyncRunResult;
}

export function fakeClockRetry(clock: FakeClock, random: () => number): RequestRetry {
  return createRequestRetry({
    random,
    sleep: async (ms) => {
      clock.advance(ms);
      await new Promise((r) => setImmediate(r));
    },
  });
}

export async function syncThroughFlapping(kiosk: TestKiosk, opts: FlappingSyncOptions): Promise<FlappingSyncResult> {
  const random = seededRandom(opts.seed ?? 99);
  const retry = fakeClockRetry(opts.clock, random);
  const t0 = opts.clock.now().getTime();
  let realMs = 0;
  let failedRuns = 0;
  let pages = 0;
  let last: SyncRunResult | null = null;
  const maxRuns = opts.maxRuns ?? 20;
  let runs = 0;
  while (runs < maxRuns) {
    runs++;
    const r0 = performance.now();
    last = await kiosk.sync({ clock: opts.clock, retry, pageLimit: opts.pageLimit });
    const took = performance.now() - r0;
    realMs += took;
    opts.clock.advance(Math.round(took));
    pages += last.summary.pages;
    if (last.ok) break;
    failedRuns++;
    opts.clock.advance(backoffDelayMs(failedRuns, random(), last.retryAfterS));
  }
  const simulatedMs = opts.clock.now().getTime() - t0;
  return {
    ok: last!.ok,
    runs,
    failedRuns,
    simulatedMs,
    realMs,
    waitedMs: simulatedMs - Math.round(realMs),
    requests: retry.stats.tries,
    retries: retry.stats.retries,
    pages,
    last: last!,
  };
}
