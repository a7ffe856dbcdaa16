import { PRINTER_STATES } from '../../../shared/schemas/city-api';
import type { ConfigStore } from '../config/config-store';
import type { ErrorJournal } from '../log-files/error-journal';
import type { Log } from '../log';
import type { CommandLedger, CommandRunner } from './command-ledger';
import { remoteConfigured } from './config-fetch';
import { diskFreeMb } from './disk-free';
import { createRequestRetry, type RequestRetryOptions } from '../net/request-retry';
import { classifyFleetError, type FleetClient, type HeartbeatBody } from './fleet-client';
import { readPeerSnapshot, type PeerHandlers } from './peer-status';
import type { RemoteStatus } from './remote-status';

export const HEARTBEAT_INTERVAL_MS = 5 * 60_000;

/** Seconds since the last successful sync, null when there was none (issue 14: freshness in the heartbeat). */
export function dataAgeS(lastSyncAt: string | null, now: Date): number | null {
  const t = lastSyncAt ? Date.parse(lastSyncAt) : NaN;
  return Number.isFinite(t) ? Math.max(0, Math.floor((now.getTime() - t) / 1000)) : null;
}

export interface HeartbeatDeps {
  client: FleetClient;
  config: ConfigStore;
  log: Log;
  journal: ErrorJournal;
  ledger: CommandLedger;
  runner: CommandRunner;
  status: RemoteStatus;
  peers: () => PeerHandlers;
  fetchConfigNow: () => Promise<void>;
  version: string;
  dataDir: string;
  /** Seconds since the kiosk started. */
  uptimeS: () => number;
  /** per-request retry (request-retry.ts; default: 6 tries, about 1, 2, 4, 8 s, Retry-After up to 60 s) */
  retry?: RequestRetryOptions;
  /** The kiosk's clock (data age). */
  now: () => Date;
}

/**
 * POST /v1/kiosks/{id}/heartbeat with the kiosk's health; the reply's commands are run once (command ledger) and
 * acknowledged in the next heartbeat. At most one heartbeat is in flight: a second call waits for the first.
 */
export function createHeartbeat(deps: HeartbeatDeps) {
  const { client, config, log, journal, ledger, status, peers } = deps;
  let inFlight: Promise<void> | null = null;
  let seenSyncAt: string | null = null;

  const once = async (): Promise<void> => {
    if (!remoteConfigured(config)) return;
    const acks = ledger.pendingAcks();
    const { entries, mark } = journal.unreported(100);
    const snap = await readPeerSnapshot(peers());
    const printerState = (PRINTER_STATES as readonly string[]).includes(snap.printer?.state ?? '')
      ? (snap.printer!.state as HeartbeatBody['printer']['state'])
      : config.get().printer.transport === 'none'
        ? 'none'
        : 'offline';
    const body: HeartbeatBody = {
      version: deps.version.slice(0, 40),
      uptime_s: deps.uptimeS(),
      last_sync_at: snap.lastSyncAt,
      data_age_s: dataAgeS(snap.lastSyncAt, deps.now()),
      offers_count: snap.offersCount,
      outbox_pending: snap.outbox?.pending ?? 0,
      printer: { state: printerState },
      disk_free_mb: diskFreeMb(deps.dataDir) ?? 0,
      errors_since_last: entries.map((e) => ({ at: e.at, code: e.code.slice(0, 64) || 'error', message: e.message.slice(0, 500) })),
      acked: acks.slice(0, 100),
    };
    let reply: Awaited<ReturnType<FleetClient['heartbeat']>>;
    try {
      // The same body on every try: acks and errors are idempotent on the server.
      reply = await createRequestRetry({ classify: classifyFleetError, ...deps.retry }).run('heartbeat', () => client.heartbeat(config.get().kioskId, body));
    } catch (err) {
      status.failed('heartbeat', err);
      return;
    }
    status.heartbeatSent();
    ledger.confirmAcked(body.acked);
    journal.markReported(mark);
    const ran = await ledger.take(reply.commands, deps.runner, (c, err) =>
      log.warn('remote command failed', { code: 'fleet_command', command: c.type, id: c.id, error: err instanceof Error ? err.message : String(err) }),
    );
    for (const c of ran) log.info('remote command run', { command: c.type, id: c.id });
    // The kiosk config is fetched again after every completed sync (cheap: ETag → 304 when unchanged).
    if (snap.lastSyncAt && snap.lastSyncAt !== seenSyncAt) {
      const first = seenSyncAt === null;
      seenSyncAt = snap.lastSyncAt;
      if (!first) await deps.fetchConfigNow();
    }
  };

  return {
    heartbeatNow(): Promise<void> {
      inFlight ??= once().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    /** Resolves when the heartbeat in flight (if any) is done. */
    settled: async () => {
      await inFlight;
    },
  };
}

export type Heartbeat = ReturnType<typeof createHeartbeat>;
