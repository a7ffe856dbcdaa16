import type { StatsBody } from '../../../shared/schemas/city-api';
import type { KioskConfig } from '../../../shared/schemas/kiosk-config';
import { postJson } from '../net/post-json';
import { DEFAULT_BACKOFF, retryDelayMs, type SenderBaseOptions } from '../outbox/outbox-sender';
import { boundedErrorText, passingFaultReply } from '../outbox/wish-transport';
import type { UsageCounters } from './usage-counters';

/** One attempt to deliver one day's counters. */
export type StatsSendResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'rejected'; status: number; error: string }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number };

export interface StatsTransport {
  send(req: { url: string; token: string; userAgent: string; body: StatsBody; timeoutMs: number }): Promise<StatsSendResult>;
}

/** `POST /v1/kiosks/{id}/stats` under this configuration, or null (no city API of our own kind). */
export function resolveStatsTarget(config: KioskConfig): { url: string; token: string } | null {
  const api = config.cityApi;
  if (!api || api.kind !== 'gemeinsam') return null;
  return { url: `${api.baseUrl.replace(/\/+$/, '')}/v1/kiosks/${encodeURIComponent(config.kioskId)}/stats`, token: api.token };
}

const MAX_REPLY_BYTES = 64 * 1024;

/** Classifies a reply of the stats endpoint. Pure. */
export function classifyStatsReply(status: number, bodyText: string, retryAfter: string | null, now: Date): StatsSendResult {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 400 || status === 413 || status === 422) {
    let detail = '';
    try {
      detail = boundedErrorText((JSON.parse(bodyText) as { error?: unknown }).error ?? '');
    } catch {
      /* not JSON */
    }
    return { kind: 'rejected', status, error: `HTTP ${status}${detail ? `: ${detail}` : ''}` };
  }
  return passingFaultReply(status, retryAfter, now);
}

export function createFetchStatsTransport(opts: { now?: () => Date; fetchImpl?: typeof fetch } = {}): StatsTransport {
  const now = opts.now ?? (() => new Date());
  const doFetch = opts.fetchImpl ?? fetch;
  return {
    async send(req) {
      // Only the error detail of a 4xx is read from the body: at most 64 KB (a larger reply has no detail).
      const out = await postJson(doFetch, req, MAX_REPLY_BYTES);
      if (out.kind === 'failed') {
        const e = out.error as { name?: string; cause?: { code?: string }; message?: string };
        const what = e?.name === 'TimeoutError' || e?.name === 'AbortError' ? 'timeout' : (e?.cause?.code ?? e?.message ?? 'unknown');
        return { kind: 'retry', status: null, error: `network: ${boundedErrorText(what, 120)}` };
      }
      const text = out.body ? out.body.toString('utf8') : '';
      return classifyStatsReply(out.status, text, out.retryAfter, now());
    },
  };
}

export interface StatsSenderOptions extends SenderBaseOptions {
  counters: UsageCounters;
  transport: StatsTransport;
  /** How often the background loop looks for finished days to send (default 30 min). */
  checkEveryMs?: number;
  /** Timers off (tests call runRound themselves). */
  timers?: boolean;
}

/**
 * Sends the usage counters: every finished day once (the loop looks every 30 minutes, so shortly after midnight),
 * today as well on the `send_stats` command. The city API stores one body per kiosk and day and replaces it on a
 * resend, so sending a day again (after a failure, or today again later) never counts anything twice.
 * Failures back off exponentially like the wish outbox; the state is in the database, a restart just continues.
 */
export function createStatsSender(opts: StatsSenderOptions) {
  const { counters, transport, config, clock, log } = opts;
  const random = opts.random ?? Math.random;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const checkEveryMs = opts.checkEveryMs ?? 30 * 60_000;
  const userAgent = `gemeinsam-kiosk/${opts.version}`;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  async function round(includeToday: boolean, ignoreBackoff: boolean): Promise<{ sent: string[]; failed: boolean }> {
    const target = resolveStatsTarget(config.get());
    const sent: string[] = [];
    if (!target) return { sent, failed: false };
    counters.prune();
    for (const due of counters.dueDays({ includeToday, ignoreBackoff })) {
      const { rev, body } = counters.snapshot(due.day);
      const result = await transport.send({ url: target.url, token: target.token, userAgent, body, timeoutMs });
      if (result.kind === 'delivered') {
        counters.markSent(due.day, rev);
        sent.push(due.day);
        log.info('usage stats sent', { day: due.day, status: result.status });
      } else if (result.kind === 'rejected') {
        counters.markRejected(due.day, rev, result.error);
        log.error('usage stats refused by the city API; not retried', { code: 'stats_rejected', day: due.day, error: result.error });
      } else {
        const delay = retryDelayMs(result.retryAfterMs, due.attempts + 1, random, backoff);
        counters.markRetry(due.day, result.error, new Date(clock.now().getTime() + delay));
        log.warn('usage stats not sent; will retry', { code: 'stats_retry', day: due.day, error: result.error, inMs: delay });
        return { sent, failed: true };
      }
    }
    return { sent, failed: false };
  }

  // One round at a time; a send_stats during a background round waits for it and then sends today too.
  const run = (includeToday: boolean, ignoreBackoff: boolean) => {
    const next = chain.then(() => round(includeToday, ignoreBackoff));
    chain = next.catch(() => {});
    return next;
  };

  const schedule = () => {
    if (!running || opts.timers === false) return;
    const retryAt = counters.nextRetryAt();
    const untilRetry = retryAt ? Math.max(0, Date.parse(retryAt) - clock.now().getTime()) : checkEveryMs;
    timer = setTimeout(() => {
      timer = null;
      run(false, false)
        .catch((err: unknown) => log.error('usage stats round failed', { error: err instanceof Error ? err.message : String(err) }))
        .finally(schedule);
    }, Math.min(checkEveryMs, untilRetry) + 1);
    timer.unref?.();
  };

  return {
    /** Background round: finished days only, respecting the backoff. */
    runRound: () => run(false, false),
    /** The `send_stats` command: every unsent day including today, now. */
    sendNow: () => run(true, true),
    start(): void {
      if (running) return;
      running = true;
      schedule();
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await chain;
    },
  };
}

export type StatsSender = ReturnType<typeof createStatsSender>;
