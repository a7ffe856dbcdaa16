import type { KioskHandlers } from '../../../shared/contract';
import type { usageContract } from '../../../shared/contract/usage';
import type { Feature, ServiceDeps } from '../feature';
import { senderDeps } from '../outbox/outbox-sender';
import { getOfferById } from '../offers/offer-repository';
import { createStatsSender, type StatsSenderOptions, type StatsTransport } from './stats-sender';
import { createUsageCounters } from './usage-counters';

export type UsageHandlers = Pick<KioskHandlers, keyof typeof usageContract>;

/** Adapters the composition root chooses (compose.ts; `defaultUsageAdapters` in usage-adapters.ts), and tuning. */
export interface UsageAdapters {
  /** Sends the daily counters to the city API (real fetch transport, or a fake in tests). */
  statsTransport: StatsTransport;
  /** Tests: a short backoff, timers off. */
  sender?: Pick<StatsSenderOptions, 'backoff' | 'timeoutMs' | 'random' | 'checkEveryMs' | 'timers'>;
}

/**
 * Anonymous usage counters (issue 18): sessions reported by the renderer, and counting hooks around the handlers
 * of other features (search without result, slip printed, wish saved). Sent daily by {@link createStatsSender}.
 */
export function createUsageFeature(deps: ServiceDeps, adapters: UsageAdapters) {
  const counters = createUsageCounters(deps.db, deps.clock);
  const sender = createStatsSender({
    counters,
    transport: adapters.statsTransport,
    ...senderDeps(deps),
    ...adapters.sender,
  });

  // Counting must never break the call it watches.
  const safely = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      deps.log.warn('usage counter not recorded', { code: 'usage_counter', what, error: err instanceof Error ? err.message : String(err) });
    }
  };

  const handlers: UsageHandlers = {
    async recordSession(s) {
      safely('session', () => {
        const interestsViewed = [...new Set(s.viewedOfferIds)].map((id) => getOfferById(deps.db, id)?.interests ?? []);
        counters.recordSession({ languages: s.languages, largeText: s.largeText, highContrast: s.highContrast, speech: s.speech, interestsViewed });
      });
      return { ok: true as const };
    },
    async reportSearchMiss({ text }) {
      safely('search', () => counters.recordSearchMiss(text));
      return { ok: true as const };
    },
  };

  /**
   * Not in the contract (so neither the renderer nor the browser can reach it): the fleet feature's `send_stats`
   * heartbeat command calls it by name among the peers.
   */
  const peerHandlers = {
    sendStatsNow: async () => {
      const r = await sender.sendNow();
      return { sent: r.sent, failed: r.failed };
    },
  };

  /** Wraps the handlers whose outcome is counted; the handlers themselves stay unaware of the counters. */
  // Searches without result are not counted here: every keystroke is a search (typing "xylophon" would count
  // "xy", "xyl", …). The renderer reports the finished search once with reportSearchMiss.
  function countUsage<H extends Pick<KioskHandlers, 'printSlip' | 'submitWish'>>(h: H): H {
    return {
      ...h,
      async printSlip(req, ctx) {
        const result = await h.printSlip(req, ctx);
        safely('slip', () => counters.recordSlipPrinted());
        return result;
      },
      async submitWish(input, ctx) {
        const result = await h.submitWish(input, ctx);
        safely('wish', () => counters.recordWishSent());
        return result;
      },
    };
  }

  const feature: Feature<UsageHandlers & typeof peerHandlers> & { counters: typeof counters; sender: typeof sender; countUsage: typeof countUsage } = {
    handlers: { ...handlers, ...peerHandlers },
    counters,
    sender,
    countUsage,
    start: () => sender.start(),
    stop: () => sender.stop(),
  };
  return feature;
}

export type UsageFeature = ReturnType<typeof createUsageFeature>;
