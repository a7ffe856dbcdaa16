import { outboxStatusSchema } from '../../../shared/contract/wishes';
import { printerStatusSchema } from '../../../shared/contract/printing';
import { syncStatusSchema } from '../../../shared/contract/sync';
import type { CallContext } from '../../../shared/contract';
import type { StaffStatus } from '../../../shared/contract/fleet';

/** Handlers of the other features, looked up by name so the fleet feature works with whichever of them exist. */
export type PeerHandlers = Record<string, ((input: unknown, ctx: CallContext) => Promise<unknown>) | undefined>;

const CTX: CallContext = { transport: 'ipc' };

export async function callPeer(peers: PeerHandlers, name: string, input: unknown = {}): Promise<unknown> {
  const h = peers[name];
  if (typeof h !== 'function') return undefined;
  return h(input, CTX);
}

async function safely<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch {
    return null;
  }
}

export interface PeerSnapshot {
  sync: StaffStatus['sync'];
  outbox: StaffStatus['outbox'];
  printer: StaffStatus['printer'];
  offersCount: number;
  lastSyncAt: string | null;
  unauthorized: boolean | null;
}

/** Reads sync, outbox, printer and offer counts from the other features; a feature that is missing or fails gives null. */
export async function readPeerSnapshot(peers: PeerHandlers): Promise<PeerSnapshot> {
  const [syncRaw, outboxRaw, printerRaw, bootRaw] = await Promise.all([
    safely(() => callPeer(peers, 'getSyncStatus')),
    safely(() => callPeer(peers, 'getOutboxStatus')),
    safely(() => callPeer(peers, 'getPrinterStatus')),
    safely(() => callPeer(peers, 'getBootInfo')),
  ]);
  const sync = syncStatusSchema.safeParse(syncRaw);
  const outbox = outboxStatusSchema.safeParse(outboxRaw);
  const printer = printerStatusSchema.safeParse(printerRaw);
  const boot = bootRaw && typeof bootRaw === 'object' ? (bootRaw as { offersCount?: unknown }) : null;

  const syncState = sync.success
    ? {
        state: !sync.data.configured ? 'sample' : sync.data.running ? 'running' : sync.data.unauthorized ? 'unauthorized' : sync.data.lastError ? 'error' : 'ok',
        detail: sync.data.lastError ? `${sync.data.lastError.code}: ${sync.data.lastError.message}`.slice(0, 500) : '',
        lastSyncAt: sync.data.lastSuccessAt,
        progress: sync.data.progress ?? null,
      }
    : null;
  const offersCount = sync.success ? sync.data.counts.activeOffers : typeof boot?.offersCount === 'number' ? boot.offersCount : 0;
  return {
    sync: syncState,
    outbox: outbox.success
      ? {
          state: outbox.data.waitingReason ?? (outbox.data.rejected > 0 ? 'rejected' : outbox.data.lastError ? 'error' : 'ok'),
          detail: [outbox.data.lastError, outbox.data.rejected > 0 ? `${outbox.data.rejected} rejected` : null].filter(Boolean).join('; ').slice(0, 500),
          pending: outbox.data.pending,
        }
      : null,
    printer: printer.success ? { state: printer.data.state, detail: '' } : null,
    offersCount,
    lastSyncAt: syncState?.lastSyncAt ?? null,
    unauthorized: sync.success ? sync.data.unauthorized : null,
  };
}
