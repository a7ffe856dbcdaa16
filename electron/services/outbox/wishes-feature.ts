import { KioskApiError, type KioskHandlers } from '../../../shared/contract';
import type { wishesContract } from '../../../shared/contract/wishes';
import { join } from 'node:path';
import { backupOutbox, BACKUP_PREFIX, listBackups } from '../db/heal-database';
import { isInsideWindow, localDay } from '../health/maintenance-window';
import type { Feature, ServiceDeps } from '../feature';
import { createOutboxSender, resolveWishTarget, senderDeps, type OutboxSenderOptions } from './outbox-sender';
import { createWishOutbox, WishValidationError } from './wish-outbox';
import type { WishTransport } from './wish-transport';

export type WishesHandlers = Pick<KioskHandlers, keyof typeof wishesContract>;

/** Adapters the composition root chooses (compose.ts; `defaultWishesAdapters` in wishes-adapters.ts), and tuning. */
export interface WishesAdapters {
  /** Delivery to the city API (real fetch transport, or a fake in tests). */
  wishTransport: WishTransport;
  /** Tests: short backoff. */
  sender?: Pick<OutboxSenderOptions, 'backoff' | 'timeoutMs' | 'idlePollMs' | 'random' | 'retry'>;
  /** false: no nightly outbox backup timer (tests call `backupIfDue` themselves) */
  backupTimer?: boolean;
}

/** Check for the nightly outbox backup this often (it runs once per local day, inside the maintenance window). */
export const BACKUP_CHECK_MS = 10 * 60_000;

/**
 * Wishes: the person's wish is committed to the outbox table first, then delivered in the background
 * to the city API (`POST /v1/wishes`) by a single sender loop. See docs in outbox-sender.ts / wish-outbox.ts.
 */
export function createWishesFeature(deps: ServiceDeps, adapters: WishesAdapters): Feature<WishesHandlers> & {
  sender: ReturnType<typeof createOutboxSender>;
  /** Makes the nightly online backup of the outbox when inside the maintenance window and none was made today. */
  backupIfDue(): Promise<string | null>;
} {
  const outbox = createWishOutbox(deps.db, deps.clock);
  const sender = createOutboxSender({
    outbox,
    transport: adapters.wishTransport,
    ...senderDeps(deps),
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

  const backupDir = join(deps.dataDir, 'backups');
  let backingUp: Promise<string | null> | null = null;
  async function backupIfDue(): Promise<string | null> {
    const now = deps.clock.now();
    const window = deps.config.get().maintenanceWindow;
    if (!isInsideWindow(now, window) || backingUp) return null;
    const today = localDay(now, window.tz);
    const newest = listBackups(backupDir)[0];
    if (newest) {
      const made = newest.slice(newest.lastIndexOf(BACKUP_PREFIX) + BACKUP_PREFIX.length, -'.sqlite'.length);
      const iso = made.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
      if (localDay(new Date(iso), window.tz) === today) return null;
    }
    backingUp = backupOutbox(deps.db, backupDir, now).then(
      (file) => (deps.log.info('outbox backup written', { file }), file),
      (err: unknown) => (deps.log.warn('outbox backup failed', { code: 'outbox_backup', error: err instanceof Error ? err.message : String(err) }), null),
    );
    try {
      return await backingUp;
    } finally {
      backingUp = null;
    }
  }
  let timer: ReturnType<typeof setInterval> | null = null;

  return {
    handlers,
    sender,
    backupIfDue,
    start: () => {
      sender.start();
      if (adapters.backupTimer !== false && deps.dataDir) {
        timer = setInterval(() => void backupIfDue(), BACKUP_CHECK_MS);
        timer.unref?.();
      }
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await backingUp;
      await sender.stop();
    },
  };
}
