import type { OutboxWaitingReason } from '../../../shared/contract/wishes';
import type { Clock } from '../../../shared/logic/clock';
import type { KioskConfig } from '../../../shared/schemas/kiosk-config';
import type { ConfigStore } from '../config/config-store';
import type { Log } from '../log';
import type { WishOutbox } from './wish-outbox';
import { createRequestRetry, type RequestRetryOptions } from '../net/request-retry';
import type { WishSendResult, WishTransport } from './wish-transport';

export interface BackoffOptions {
  /** Delay ceiling of the first retry. */
  baseMs: number;
  /** Never wait longer than this between attempts (unless the server's Retry-After says so). */
  capMs: number;
  /** Never retry sooner than this (full jitter may draw 0). */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 15 * 60_000, minMs: 1_000 };

/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^(n−1))], at least `minMs`.
 * `failures` is the number of failed attempts so far including this one (≥ 1).
 */
export function backoffDelayMs(failures: number, random: () => number, o: BackoffOptions = DEFAULT_BACKOFF): number {
  const exp = Math.min(o.capMs, o.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.min(o.capMs, Math.max(o.minMs, Math.floor(random() * exp)));
}

/**
 * The wait before the next try after a passing fault: the server's Retry-After (never below `minMs`) when it sent one,
 * else the backoff for this many failures. Shared by the wish outbox and the usage stats sender.
 */
export function retryDelayMs(retryAfterMs: number | undefined, failures: number, random: () => number, o: BackoffOptions = DEFAULT_BACKOFF): number {
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, o.minMs) : backoffDelayMs(failures, random, o);
}

export type SendTarget = { url: string; token: string } | { waiting: OutboxWaitingReason };

/** Where wishes go under this configuration, or why they have to wait. Read on every attempt: config changes apply live. */
export function resolveWishTarget(config: KioskConfig): SendTarget {
  const api = config.cityApi;
  if (!api) return { waiting: 'no_city_api' };
  if (api.wishesUrl) return { url: api.wishesUrl, token: api.token };
  if (api.kind === 'hsds') return { waiting: 'no_wishes_url' };
  return { url: `${api.baseUrl.replace(/\/+$/, '')}/v1/wishes`, token: api.token };
}

/** What each background sender of the kiosk (wish outbox, usage stats) takes besides its store and transport. */
export interface SenderBaseOptions {
  config: ConfigStore;
  clock: Clock;
  log: Log;
  version: string;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/** A feature's service dependencies as a sender's base options (the rest come from its adapters). */
export function senderDeps(deps: Pick<SenderBaseOptions, 'config' | 'clock' | 'log' | 'version'>): Pick<SenderBaseOptions, 'config' | 'clock' | 'log' | 'version'> {
  return { config: deps.config, clock: deps.clock, log: deps.log, version: deps.version };
}

export interface OutboxSenderOptions extends SenderBaseOptions {
  outbox: WishOutbox;
  transport: WishTransport;
  /** How often to look again while waiting for a configuration (a config change wakes the loop anyway). */
  idlePollMs?: number;
  /** Wishes per round before the loop yields. */
  batchSize?: number;
  /**
   * Per-request retry (request-retry.ts) of one delivery before the wish gets its stored backoff: passing faults
   * (5xx, 429, timeout, cut connection) are tried again at once within the round. Default: 3 tries, waits from
   * min(1 s, backoff.baseMs) doubling to min(8 s, backoff.capMs), Retry-After honoured up to 60 s.
   */
  retry?: RequestRetryOptions;
}

class PassingSendFault extends Error {
  constructor(readonly result: Extract<WishSendResult, { kind: 'retry' }>) {
    super(result.error);
  }
}

export interface RoundResult {
  sent: number;
  /** Milliseconds until the loop should look again. */
  nextInMs: number;
}

/**
 * The single background loop that delivers the outbox. All state that matters is in the database
 * (`next_attempt_at`, `attempts`, `state`), so a restart simply continues; the only memory state is a pause
 * after a failed attempt so a dead server is not hammered with every due wish at once.
 */
export function createOutboxSender(opts: OutboxSenderOptions) {
  const { outbox, transport, config, clock, log } = opts;
  const random = opts.random ?? Math.random;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const idlePollMs = opts.idlePollMs ?? 60_000;
  const batchSize = opts.batchSize ?? 20;
  const userAgent = `gemeinsam-kiosk/${opts.version}`;

  let waitingReason: OutboxWaitingReason | null = null;
  /** No attempt before this time (epoch ms) after a failure that concerns the server, not one wish. */
  let pauseUntil = 0;
  let running = false;
  let loopDone: Promise<void> | null = null;
  let wakeSleep: (() => void) | null = null;
  let lastPrune = 0;
  /** One delivery's retry policy; each failed try is recorded on the wish at once (attempts, error, next try). */
  const requestRetry = (key: string) => createRequestRetry({
    maxTries: 3,
    baseMs: Math.min(1_000, backoff.baseMs),
    capMs: Math.min(8_000, backoff.capMs),
    random,
    // Waits end early when the sender stops (stop wakes the sleep; the fault is then not retried: `running` is false).
    sleep: (ms) => sleep(ms),
    classify: (err) =>
      err instanceof PassingSendFault ? (err.result.retryAfterMs !== undefined ? { retry: true, retryAfterMs: err.result.retryAfterMs } : { retry: true }) : { retry: false },
    onRetry: ({ delayMs, error }) => {
      recordRetry(key, error instanceof Error ? error.message : String(error), delayMs);
      log.warn('wish delivery failed; trying again', { key, error: error instanceof Error ? error.message : String(error), inMs: delayMs });
    },
    ...opts.retry,
  });

  /**
   * Records a failed try on the wish with one clock read: that instant is the recorded attempt and the next try is
   * `delayMs` after it (two reads could put the retry a millisecond short of a Retry-After). Returns the instant (epoch ms).
   */
  const recordRetry = (key: string, error: string, delayMs: number): number => {
    const now = clock.now();
    outbox.markRetry(key, error, new Date(now.getTime() + delayMs), now);
    return now.getTime();
  };

  const msUntil = (iso: string | null): number =>
    iso === null ? idlePollMs : Math.max(0, Math.min(idlePollMs, Date.parse(iso) - clock.now().getTime()));

  /** One round: send every due wish (up to the batch size) unless the server asked us to wait. */
  async function runRound(): Promise<RoundResult> {
    const target = resolveWishTarget(config.get());
    if ('waiting' in target) {
      waitingReason = target.waiting;
      return { sent: 0, nextInMs: idlePollMs };
    }
    if (waitingReason !== 'not_registered') waitingReason = null;
    const nowMs = clock.now().getTime();
    if (pauseUntil > nowMs) return { sent: 0, nextInMs: Math.min(pauseUntil - nowMs, idlePollMs) };

    if (nowMs - lastPrune > 60 * 60_000) {
      lastPrune = nowMs;
      const removed = outbox.prune();
      if (removed > 0) log.info('wish outbox: removed old delivered wishes', { count: removed });
    }

    let sent = 0;
    for (const wish of outbox.due(batchSize)) {
      if (!running && loopDone) break;
      if (wish.body === null) {
        outbox.markRejected(wish.key, 'local: stored wish cannot be read');
        log.error('wish outbox: stored wish cannot be read, marked rejected', { key: wish.key });
        continue;
      }
      const request = { url: target.url, token: target.token, userAgent, idempotencyKey: wish.key, body: wish.body, timeoutMs };
      let result: WishSendResult;
      try {
        result = await requestRetry(wish.key).run('wish delivery', async () => {
          const r = await transport.send(request);
          // A passing fault is thrown so the retry policy tries again; the last one is returned below.
          if (r.kind === 'retry' && running) throw new PassingSendFault(r);
          return r;
        });
      } catch (err) {
        if (!(err instanceof PassingSendFault)) throw err;
        result = err.result;
      }
      const failures = wish.attempts + 1;
      switch (result.kind) {
        case 'delivered':
          outbox.markDelivered(wish.key, result.remoteId);
          waitingReason = null;
          sent++;
          log.info('wish delivered', { key: wish.key, status: result.status, attempts: failures });
          break;
        case 'rejected':
          outbox.markRejected(wish.key, result.error);
          waitingReason = null;
          log.warn('wish rejected by the city API; kept for staff', { key: wish.key, error: result.error });
          break;
        case 'unauthorized': {
          const delay = backoffDelayMs(failures, random, backoff);
          pauseUntil = recordRetry(wish.key, `HTTP ${result.status}: kiosk not registered`, delay) + delay;
          waitingReason = 'not_registered';
          log.warn('wish outbox: token refused (kiosk not registered); wishes are kept', { status: result.status });
          return { sent, nextInMs: Math.min(delay, idlePollMs) };
        }
        case 'retry': {
          const delay = retryDelayMs(result.retryAfterMs, failures, random, backoff);
          pauseUntil = recordRetry(wish.key, result.error, delay) + delay;
          waitingReason = null;
          log.warn('wish delivery failed; will retry', { key: wish.key, error: result.error, inMs: delay });
          return { sent, nextInMs: Math.min(delay, idlePollMs) };
        }
      }
    }
    return { sent, nextInMs: msUntil(outbox.nextDueAt()) };
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wakeSleep = null;
        resolve();
      }, ms);
      wakeSleep = () => {
        clearTimeout(timer);
        wakeSleep = null;
        resolve();
      };
    });
  }

  async function loop(): Promise<void> {
    while (running) {
      let next = idlePollMs;
      try {
        next = (await runRound()).nextInMs;
      } catch (err) {
        if (!running) break;
        log.error('wish outbox round failed', { error: err instanceof Error ? err.message : String(err) });
        next = backoff.minMs;
      }
      if (!running) break;
      await sleep(next);
    }
  }

  const unsubscribe = config.subscribe((next, previous) => {
    if (JSON.stringify(next.cityApi ?? null) === JSON.stringify(previous.cityApi ?? null)) return;
    // New address or token: the old reasons to wait no longer hold.
    pauseUntil = 0;
    if (waitingReason === 'not_registered') waitingReason = null;
    try {
      outbox.makeAllDueNow();
    } catch (err) {
      log.error('wish outbox: could not reschedule after config change', { error: (err as Error).message });
    }
    wakeSleep?.();
  });

  return {
    runRound,
    /** Starts the background loop (idempotent). */
    start(): void {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    /** A new wish was saved: look now instead of at the next timer (does not skip a server-requested pause). */
    wake(): void {
      wakeSleep?.();
    },
    /** Stops the loop; an attempt in flight is given up to `graceMs` to finish. */
    async stop(graceMs = 2_000): Promise<void> {
      running = false;
      unsubscribe();
      wakeSleep?.();
      if (loopDone) await Promise.race([loopDone, new Promise((r) => setTimeout(r, graceMs).unref?.())]);
      loopDone = null;
    },
    waitingReason: (): OutboxWaitingReason | null => waitingReason,
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
