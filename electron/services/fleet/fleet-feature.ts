import type { fleetContract } from '../../../shared/contract/fleet';
import type { KioskHandlers } from '../../../shared/contract';
import type { Feature, ServiceDeps } from '../feature';
import { createErrorJournal, type ErrorJournal } from '../log-files/error-journal';
import type { RequestRetryOptions } from '../net/request-retry';
import type { Updater } from '../updates/updater';
import type { AppControl } from './app-control';
import { createCommandLedger, type CommandRunner } from './command-ledger';
import { createConfigFetch } from './config-fetch';
import { createEffectiveConfig } from './effective-config';
import { createRemoteCommandRunner, createStaffActions } from './fleet-commands';
import type { FleetClient } from './fleet-client';
import { createFleetTimers } from './fleet-timers';
import { createFleetUpdates } from './fleet-updates';
import { createHeartbeat, HEARTBEAT_INTERVAL_MS } from './heartbeat';
import type { PeerHandlers } from './peer-status';
import { createRemoteStatus } from './remote-status';
import { createRendererUsage } from './renderer-usage';
import { createStaffAuth } from './staff-auth';
import { createStaffHandlers, guardStaffOnlyCalls } from './staff-handlers';
import { createSyncStateStore, type KeyValueStore } from './sync-state-store';

export { HEARTBEAT_INTERVAL_MS } from './heartbeat';
export { REMOTE_CONFIG_KEY } from './effective-config';
export type { Usage } from './renderer-usage';

export type FleetHandlers = Pick<KioskHandlers, keyof typeof fleetContract>;

/** Adapters the composition root chooses (compose.ts; `defaultFleetAdapters` in fleet-adapters.ts). */
export interface FleetAdapters {
  /** City API remote management (HTTP client using kiosk.json's cityApi, or a fake). */
  client: FleetClient;
  /** App updater (electron-updater in Electron, none on the browser host, a fake in tests). */
  updater: Updater;
  /** Reload / relaunch / clear cache (Electron window and app, or the browser host's page reload). */
  appControl: AppControl;
  /** A slip is printing right now (no update install then). */
  isPrinting?: () => boolean;
  heartbeatIntervalMs?: number;
  /** Timers off (tests drive heartbeatNow / fetchConfigNow themselves). */
  timers?: boolean;
  /** Override for the runner of remote commands (tests). */
  commandRunner?: CommandRunner;
  /** Per-request retry of heartbeat and remote config (tests: a fake sleep on a fake clock; default request-retry.ts). */
  retry?: RequestRetryOptions;
}

export interface FleetOptions extends FleetAdapters {
  /** The composed handler map of all features (sync, outbox, printer …), read lazily. */
  peers?: () => PeerHandlers;
  /** Error journal wrapping deps.log (compose makes it so every feature's errors reach the staff screen). */
  journal?: ErrorJournal;
  store?: KeyValueStore;
}

/**
 * Fleet feature: staff screen calls (PIN, status, actions, city API settings), remote config (ETag, applied live,
 * local wins), heartbeat with health every 5 min, remote commands run once and acknowledged once, app updates.
 * Each concern lives in its own module of this folder; this function only wires them together.
 */
export function createFleetFeature(deps: ServiceDeps, opts: FleetOptions) {
  const { clock, config, log } = deps;
  const now = () => clock.now().getTime();
  const startedAt = now();
  const uptimeS = () => Math.floor((now() - startedAt) / 1000);
  const store = opts.store ?? createSyncStateStore(deps.db);
  const journal = opts.journal ?? createErrorJournal(log, clock);
  const peers = () => opts.peers?.() ?? {};
  const { appControl, updater, client } = opts;
  const takeReload = 'takeReloadRequest' in appControl ? (appControl.takeReloadRequest as () => boolean) : () => false;

  const effective = createEffectiveConfig({ config, dataDir: deps.dataDir, store, log, updater });
  const auth = createStaffAuth({
    clock,
    store,
    storedPin: () => effective.staffPatch().staffPin ?? config.get().staffPin ?? null,
    remotePinHash: () => effective.remote()?.adminPinHash ?? null,
    rehash: (next) => {
      effective.writeLocal({ staffPin: next });
      log.info('staff PIN hash upgraded from SHA-256 to scrypt');
    },
    onStoreError: (err) => log.warn('staff PIN lockout counter not stored (counted in memory)', { error: err instanceof Error ? err.message : String(err) }),
  });
  const usage = createRendererUsage({ now, isPrinting: opts.isPrinting });
  const updates = createFleetUpdates({ updater, clock, log, config, usage: usage.usage });
  const status = createRemoteStatus(log, now);
  const fetchConfigNow = createConfigFetch({ client, config, effective, status, log, retry: opts.retry });
  const timers = createFleetTimers();

  // Commands need heartbeatNow and the heartbeat needs the command runner: bound lazily.
  const commandDeps = {
    peers,
    appControl,
    updates,
    log,
    fetchConfigNow,
    heartbeatNow: () => heartbeat.heartbeatNow(),
    later: (fn: () => void) => timers.later(fn, 400), // let the reply reach the screen first
  };
  const heartbeat = createHeartbeat({
    client,
    config,
    log,
    journal,
    ledger: createCommandLedger(store),
    runner: opts.commandRunner ?? createRemoteCommandRunner(commandDeps),
    status,
    peers,
    fetchConfigNow,
    version: deps.version,
    dataDir: deps.dataDir,
    uptimeS,
    now: () => clock.now(),
    retry: opts.retry,
  });
  const { heartbeatNow } = heartbeat;

  const handlers: FleetHandlers = {
    ...createStaffHandlers({
      auth,
      config,
      effective,
      status,
      updates,
      journal,
      log,
      peers,
      staffAction: createStaffActions(commandDeps),
      reconnect: () => void fetchConfigNow().then(() => heartbeatNow()),
      version: deps.version,
      dataDir: deps.dataDir,
      uptimeS,
      now: () => clock.now(),
    }),
    async rendererHeartbeat(input) {
      usage.beat(input);
      return { reload: takeReload(), configRev: effective.rev() };
    },
  };

  const runtime = {
    usage: usage.usage,
    updates,
    store,
    journal,
    appControl,
    heartbeatNow,
    fetchConfigNow,
    /** Called on every renderer heartbeat (the watchdog listens). */
    onRendererHeartbeat: usage.onBeat,
    /** Current remote update feed (from the city API's kiosk config), if any. */
    updateFeed: () => effective.remote()?.update ?? null,
  };

  let running = false;
  const feature: Feature<FleetHandlers> & { runtime: typeof runtime; guardStaffOnly: <H extends Record<string, unknown>>(h: H) => H } = {
    handlers,
    runtime,
    /** The composed map with testPrint / makeBrochure / syncNow behind the staff session (see guardStaffOnlyCalls). */
    guardStaffOnly: (h) => guardStaffOnlyCalls(h, auth),
    start() {
      if (running) return;
      running = true;
      updates.start();
      if (opts.timers === false) return;
      void fetchConfigNow().then(() => heartbeatNow());
      timers.every(fetchConfigNow, () => (config.get().cityApi?.syncIntervalS ?? 900) * 1000);
      timers.every(heartbeatNow, () => opts.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
    },
    async stop() {
      running = false;
      effective.stop();
      timers.stop();
      updates.stop();
      await heartbeat.settled();
    },
  };
  return feature;
}

export type FleetFeature = ReturnType<typeof createFleetFeature>;
export type FleetRuntime = FleetFeature['runtime'];
