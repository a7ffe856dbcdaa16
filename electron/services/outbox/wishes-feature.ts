import { KioskApiError, type KioskHandlers } from '../../../shared/contract';
import type { wishesContract } from '../../../shared/contract/wishes';
import type { Feature, ServiceDeps } from '../feature';
import { createOutboxSender, resolveWishTarget, type OutboxSenderOptions } from './outbox-sender';
import { createWishOutbox, WishValidationError } from './wish-outbox';
import { createFetchWishTransport, type WishTransport } from './wish-transport';

export type WishesHandlers = Pick<KioskHandlers, keyof typeof wishesContract>;

/** Adapters and tuning the composition root may pass (tests: a fake transport, short backoff). */
export interface WishesAdapters {
  wishTransport?: WishTransport;
  sender?: Pick<OutboxSenderOptions, 'backoff' | 'timeoutMs' | 'idlePollMs' | 'random'>;
}

/**
 * Wishes: the person's wish is committed to the outbox table first, then delivered in the background
 * to the city API (`POST /v1/wishes`) by a single sender loop. See docs in outbox-sender.ts / wish-outbox.ts.
 */
export function createWishesFeature(deps: ServiceDeps, adapters: WishesAdapters = {}): Feature<WishesHandlers> & {
  sender: ReturnType<typeof createOutboxSender>;
} {
  const outbox = createWishOutbox(deps.db, deps.clock);
  const sender = createOutboxSender({
    outbox,
    transport: adapters.wishTransport ?? createFetchWishTransport({ now: () => deps.clock.now() }),
    config: deps.config,
    clock: deps.clock,
    log: deps.log,
    version: deps.version,
    ...adapters.sender,
  });

  const handlers: WishesHandlers = {
    async submitWish(input) {
      try {
        const saved = outbox.save(input, deps.config.get().kioskId);
        deps.log.info('wish saved to outbox', { key: saved.key, consent: input.contact_consent });
        sender.wake();
        return saved;
      } catch (err) {
        if (err instanceof WishValidationError) throw new KioskApiError('invalid_input', err.message);
        throw err;
      }
    },
    async getOutboxStatus() {
      const target = resolveWishTarget(deps.config.get());
      return outbox.status('waiting' in target ? target.waiting : sender.waitingReason());
    },
  };

  return {
    handlers,
    sender,
    start: () => sender.start(),
    stop: () => sender.stop(),
  };
}
