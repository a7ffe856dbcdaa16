import { statfsSync } from 'node:fs';
import type { fleetContract, StaffAction, StaffActionResult, StaffStatus } from '../../../shared/contract/fleet';
import { KioskApiError, type KioskHandlers } from '../../../shared/contract';
import { SETUP_PIN } from '../../../shared/contract/fleet';
import { PRINTER_STATES } from '../../../shared/schemas/city-api';
import { cityApiConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import type { Feature, ServiceDeps } from '../feature';
import { createErrorJournal, type ErrorJournal } from '../log-files/error-journal';
import { createUpdateService, type UpdateService } from '../updates/update-service';
import { rolloutBucket } from '../updates/update-policy';
import { NoUpdatesUpdater, type Updater } from '../updates/updater';
import { createBrowserHostAppControl, type AppControl } from './app-control';
import { createCommandLedger, type CommandRunner } from './command-ledger';
import { createHttpFleetClient, FleetHttpError, type FleetClient, type FleetCommandType, type HeartbeatBody } from './fleet-client';
import { readLocalConfigRaw, writeKioskConfigPatch } from './kiosk-config-writer';
import { callPeer, readPeerSnapshot, type PeerHandlers } from './peer-status';
import { mergeEffectiveConfig, parseRemoteConfig, type RemoteConfig } from './remote-config';
import { makeStoredPin, createStaffAuth } from './staff-auth';
import { createSyncStateStore, type KeyValueStore } from './sync-state-store';

export type FleetHandlers = Pick<KioskHandlers, keyof typeof fleetContract>;

export const HEARTBEAT_INTERVAL_MS = 5 * 60_000;
export const REMOTE_CONFIG_KEY = 'fleet.remote_config';

export interface FleetOptions {
  /** The composed handler map of all features (sync, outbox, printer …), read lazily. */
  peers?: () => PeerHandlers;
  /** City API remote management; default: HTTP client using kiosk.json's cityApi. */
  client?: FleetClient;
  /** App updater; default: none (browser host). */
  updater?: Updater;
  /** Reload / relaunch / clear cache; default: the browser host's (reload through the heartbeat reply). */
  appControl?: AppControl;
  /** Error journal wrapping deps.log (compose makes it so every feature's errors reach the staff screen). */
  journal?: ErrorJournal;
  /** A slip is printing right now (no update install then). */
  isPrinting?: () => boolean;
  store?: KeyValueStore;
  heartbeatIntervalMs?: number;
  /** Timers off (tests drive heartbeatNow / fetchConfigNow themselves). */
  timers?: boolean;
  /** Override for the runner of remote commands (tests). */
  commandRunner?: CommandRunner;
}

/** Usage of the public UI as the renderer reports it with its heartbeat. */
export interface Usage {
  idleS: number;
  formDirty: boolean;
  printing: boolean;
  lastHeartbeatAt: number | null;
}

/**
 * Fleet feature: staff screen calls (PIN, status, actions, city API settings), remote config (ETag, applied live,
 * local wins), heartbeat with health every 5 min, remote commands run once and acknowledged once, app updates.
 */
export function createFleetFeature(deps: ServiceDeps, opts: FleetOptions = {}) {
  const { clock, config, log } = deps;
  const now = () => clock.now().getTime();
  const startedAt = now();
  const store = opts.store ?? createSyncStateStore(deps.db);
  const journal = opts.journal ?? createErrorJournal(log, clock);
  const peers = () => opts.peers?.() ?? {};
  const appControl = opts.appControl ?? createBrowserHostAppControl((m) => log.info(m));
  const takeReload = 'takeReloadRequest' in appControl ? (appControl.takeReloadRequest as () => boolean) : () => false;
  const updater: Updater = opts.updater ?? new NoUpdatesUpdater();
  const client =
    opts.client ??
    createHttpFleetClient({
      endpoint: () => {
        const c = config.get().cityApi;
        return c && c.kind === 'gemeinsam' ? { baseUrl: c.baseUrl, token: c.token } : null;
      },
      version: deps.version,
    });

  // ---- effective configuration: base ← remote (keys not in kiosk.json) ← staff changes ----
  const base = config.get();
  const localKeys = new Set(Object.keys(readLocalConfigRaw(deps.dataDir)));
  const staffPatch: Partial<KioskConfig> = {};
  let remote: RemoteConfig | null = null;
  let etag: string | null = null;
  const cached = store.get<{ etag: string | null; body: unknown }>(REMOTE_CONFIG_KEY);
  if (cached) {
    remote = parseRemoteConfig(cached.body);
    etag = cached.etag;
  }
  const applyEffective = () => {
    let next: KioskConfig;
    try {
      next = mergeEffectiveConfig(base, remote?.patch ?? null, localKeys, staffPatch);
    } catch (err) {
      log.warn('remote configuration not applied', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (JSON.stringify(next) !== JSON.stringify(config.get())) config.set(next);
  };
  const applyUpdateFeed = () => {
    if (remote?.update) updater.setFeed?.(remote.update.feedUrl, remote.update.channel);
  };
  if (remote) {
    applyEffective();
    applyUpdateFeed();
  }

  /** Bumped on every change of the effective configuration; the renderer reloads its boot info when it changes. */
  let configRev = 0;
  const unsubscribeConfig = config.subscribe(() => {
    configRev++;
  });

  // ---- staff PIN ----
  const auth = createStaffAuth({
    clock,
    store,
    storedPin: () => staffPatch.staffPin ?? config.get().staffPin ?? null,
    remotePinSha256: () => remote?.adminPinSha256 ?? null,
  });
  const requireSession = (token: string) => {
    if (!auth.verify(token)) throw new KioskApiError('forbidden', 'staff session missing or expired');
  };
  const writeLocal = (patch: Partial<KioskConfig>) => {
    writeKioskConfigPatch(deps.dataDir, patch);
    Object.assign(staffPatch, patch);
    for (const k of Object.keys(patch)) localKeys.add(k);
    applyEffective();
  };

  // ---- usage (renderer heartbeat) ----
  let lastBeat: { at: number; idleS: number; formDirty: boolean; screen: string | null } | null = null;
  const beatListeners = new Set<() => void>();
  const usage = (): Usage => {
    const t = now();
    const fresh = lastBeat !== null && t - lastBeat.at < 60_000;
    return {
      idleS: lastBeat ? lastBeat.idleS + Math.max(0, t - lastBeat.at) / 1000 : Math.max(0, t - startedAt) / 1000,
      formDirty: fresh ? lastBeat!.formDirty : false,
      printing: opts.isPrinting?.() ?? false,
      lastHeartbeatAt: lastBeat?.at ?? null,
    };
  };

  // ---- updates ----
  const updates: UpdateService = createUpdateService({
    updater,
    clock,
    log,
    rolloutBucket: rolloutBucket(config.get().kioskId),
    usage: () => {
      const u = usage();
      return { idleS: u.idleS, printing: u.printing, formDirty: u.formDirty, window: config.get().maintenanceWindow };
    },
  });

  // ---- remote management ----
  let registered: boolean | null = null;
  let lastConfigAt: number | null = null;
  let lastHeartbeatAt: number | null = null;
  let lastRemoteError: string | null = null;
  const remoteFailed = (what: string, err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof FleetHttpError && err.status === 401) registered = false;
    lastRemoteError = `${what}: ${message}`.slice(0, 300);
    log.warn(`fleet ${what} failed`, { code: `fleet_${what}`, error: message });
  };
  const remoteConfigured = () => {
    const c = config.get().cityApi;
    return !!c && c.kind === 'gemeinsam';
  };

  const fetchConfigNow = async (): Promise<void> => {
    if (!remoteConfigured()) return;
    try {
      const r = await client.fetchConfig(config.get().kioskId, etag);
      registered = true;
      lastConfigAt = now();
      lastRemoteError = null;
      if (r.kind === 'not_modified') return;
      remote = parseRemoteConfig(r.body);
      etag = r.etag;
      store.set(REMOTE_CONFIG_KEY, { etag, body: r.body });
      if (remote.rejected.length) log.warn('remote config: invalid fields skipped', { code: 'fleet_config_fields', fields: remote.rejected });
      applyEffective();
      applyUpdateFeed();
      log.info('remote config applied', { etag, keys: Object.keys(remote.patch) });
    } catch (err) {
      remoteFailed('config', err);
    }
  };

  const diskFreeMb = (): number | null => {
    try {
      const s = statfsSync(deps.dataDir);
      return Math.round((Number(s.bavail) * Number(s.bsize)) / (1024 * 1024));
    } catch {
      return null;
    }
  };

  const runCommand = async (type: FleetCommandType): Promise<void> => {
    switch (type) {
      case 'sync_now': {
        const r = await callPeer(peers(), 'syncNow');
        if (r === undefined) throw new Error('sync is not available on this kiosk');
        await fetchConfigNow();
        return;
      }
      case 'reload':
        appControl.reload('remote command');
        return;
      case 'relaunch':
        appControl.relaunch('remote command');
        return;
      case 'check_update':
        updates.checkNow();
        return;
      case 'clear_cache':
        await appControl.clearCache();
        return;
    }
  };
  const runner: CommandRunner = opts.commandRunner ?? { run: runCommand };
  const ledger = createCommandLedger(store);

  let heartbeatInFlight: Promise<void> | null = null;
  let seenSyncAt: string | null = null;
  const heartbeatOnce = async (): Promise<void> => {
    if (!remoteConfigured()) return;
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
      uptime_s: Math.floor((now() - startedAt) / 1000),
      last_sync_at: snap.lastSyncAt,
      offers_count: snap.offersCount,
      outbox_pending: snap.outbox?.pending ?? 0,
      printer: { state: printerState },
      disk_free_mb: diskFreeMb() ?? 0,
      errors_since_last: entries.map((e) => ({ at: e.at, code: e.code.slice(0, 64) || 'error', message: e.message.slice(0, 500) })),
      acked: acks.slice(0, 100),
    };
    let reply: Awaited<ReturnType<FleetClient['heartbeat']>>;
    try {
      reply = await client.heartbeat(config.get().kioskId, body);
    } catch (err) {
      remoteFailed('heartbeat', err);
      return;
    }
    registered = true;
    lastHeartbeatAt = now();
    lastRemoteError = null;
    ledger.confirmAcked(body.acked);
    journal.markReported(mark);
    const ran = await ledger.take(reply.commands, runner, (c, err) =>
      log.warn('remote command failed', { code: 'fleet_command', command: c.type, id: c.id, error: err instanceof Error ? err.message : String(err) }),
    );
    for (const c of ran) log.info('remote command run', { command: c.type, id: c.id });
    // The kiosk config is fetched again after every completed sync (cheap: ETag → 304 when unchanged).
    if (snap.lastSyncAt && snap.lastSyncAt !== seenSyncAt) {
      const first = seenSyncAt === null;
      seenSyncAt = snap.lastSyncAt;
      if (!first) await fetchConfigNow();
    }
  };
  const heartbeatNow = (): Promise<void> => {
    heartbeatInFlight ??= heartbeatOnce().finally(() => {
      heartbeatInFlight = null;
    });
    return heartbeatInFlight;
  };

  // ---- timers ----
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const every = (fn: () => Promise<void> | void, intervalMs: () => number) => {
    const loop = () => {
      const t = setTimeout(async () => {
        timers.delete(t);
        try {
          await fn();
        } finally {
          if (running) loop();
        }
      }, intervalMs());
      t.unref?.();
      timers.add(t);
    };
    loop();
  };
  let running = false;

  // ---- staff actions ----
  const later = (fn: () => void) => {
    const t = setTimeout(fn, 400); // let the reply reach the screen first
    t.unref?.();
  };
  const staffAction = async (action: StaffAction): Promise<StaffActionResult> => {
    log.info('staff action', { action });
    try {
      switch (action) {
        case 'sync_now': {
          const r = await callPeer(peers(), 'syncNow');
          if (r === undefined) return { ok: false, outcome: 'not_available', detail: 'sync is not available' };
          void fetchConfigNow().then(() => heartbeatNow());
          return { ok: true, outcome: 'started', detail: '' };
        }
        case 'test_print': {
          const r = await callPeer(peers(), 'testPrint');
          if (r === undefined) return { ok: false, outcome: 'not_available', detail: 'printing is not available' };
          return { ok: true, outcome: 'done', detail: '' };
        }
        case 'reload':
          later(() => appControl.reload('staff'));
          return { ok: true, outcome: 'started', detail: '' };
        case 'relaunch':
          later(() => appControl.relaunch('staff'));
          return { ok: true, outcome: 'started', detail: '' };
        case 'check_update':
          updates.checkNow();
          return { ok: true, outcome: 'started', detail: updates.state().kind };
        case 'clear_cache':
          await appControl.clearCache();
          return { ok: true, outcome: 'done', detail: '' };
      }
    } catch (err) {
      const message = err instanceof KioskApiError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      log.warn('staff action failed', { code: 'staff_action', action, error: message });
      return { ok: false, outcome: 'failed', detail: message.slice(0, 500) };
    }
  };

  const handlers: FleetHandlers = {
    async staffUnlock({ pin }) {
      const r = auth.unlock(pin);
      if (!r.ok) log.warn(r.lockedUntil ? 'staff PIN locked' : 'staff PIN wrong', { code: 'staff_pin', attemptsLeft: r.attemptsLeft });
      else log.info('staff screen unlocked', { setupPin: r.setupPin });
      return r;
    },
    async staffLock({ token }) {
      auth.lock(token);
      return { ok: true as const };
    },
    async getStaffStatus({ token }) {
      requireSession(token);
      const cfg = config.get();
      const snap = await readPeerSnapshot(peers());
      const u = updates.state();
      const status: StaffStatus = {
        version: deps.version,
        kioskId: cfg.kioskId,
        place: cfg.place,
        uptimeS: Math.floor((now() - startedAt) / 1000),
        setupPinActive: auth.setupPinActive() && !staffPatch.staffPin,
        cityApi: {
          configured: !!cfg.cityApi,
          baseUrl: cfg.cityApi?.baseUrl ?? null,
          registered: snap.unauthorized === true ? false : registered,
        },
        sync: snap.sync,
        outbox: snap.outbox,
        printer: snap.printer,
        diskFreeMb: diskFreeMb(),
        remote: {
          lastConfigAt: lastConfigAt ? new Date(lastConfigAt).toISOString() : null,
          lastHeartbeatAt: lastHeartbeatAt ? new Date(lastHeartbeatAt).toISOString() : null,
          lastError: lastRemoteError,
        },
        update: {
          state: u.kind,
          version: 'version' in u ? u.version : null,
          detail: u.kind === 'error' ? u.message : '',
        },
        lastErrors: journal.recent(10),
      };
      return status;
    },
    async staffAction({ token, action }) {
      requireSession(token);
      return staffAction(action);
    },
    async setCityApi({ token, baseUrl, apiToken }) {
      requireSession(token);
      const current = config.get().cityApi;
      const next = cityApiConfigSchema.safeParse({ ...(current ?? {}), baseUrl, token: apiToken });
      if (!next.success) throw new KioskApiError('invalid_input', 'city API settings are not valid');
      writeLocal({ cityApi: next.data });
      registered = null;
      etag = null;
      log.info('city API settings changed by staff', { baseUrl });
      void fetchConfigNow().then(() => heartbeatNow());
      return { ok: true as const };
    },
    async setStaffPin({ token, newPin }) {
      requireSession(token);
      if (newPin === SETUP_PIN) throw new KioskApiError('invalid_input', 'the setup PIN cannot be the staff PIN');
      writeLocal({ staffPin: makeStoredPin(newPin) });
      log.info('staff PIN changed');
      return { ok: true as const };
    },
    async rendererHeartbeat(input) {
      lastBeat = { at: now(), idleS: input.idleS ?? 0, formDirty: input.formDirty ?? false, screen: input.screen ?? null };
      for (const l of beatListeners) l();
      return { reload: takeReload(), configRev };
    },
  };

  const runtime = {
    usage,
    updates,
    store,
    journal,
    appControl,
    heartbeatNow,
    fetchConfigNow,
    /** Called on every renderer heartbeat (the watchdog listens). */
    onRendererHeartbeat(listener: () => void): () => void {
      beatListeners.add(listener);
      return () => beatListeners.delete(listener);
    },
    /** Current remote update feed (from the city API's kiosk config), if any. */
    updateFeed: () => remote?.update ?? null,
  };

  const feature: Feature<FleetHandlers> & { runtime: typeof runtime } = {
    handlers,
    runtime,
    start() {
      if (running) return;
      running = true;
      updates.start();
      if (opts.timers === false) return;
      void fetchConfigNow().then(() => heartbeatNow());
      every(fetchConfigNow, () => (config.get().cityApi?.syncIntervalS ?? 900) * 1000);
      every(heartbeatNow, () => opts.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
    },
    async stop() {
      running = false;
      unsubscribeConfig();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      updates.stop();
      await heartbeatInFlight;
    },
  };
  return feature;
}

export type FleetFeature = ReturnType<typeof createFleetFeature>;
export type FleetRuntime = FleetFeature['runtime'];

/** What the composition root may inject into the fleet feature (tests, Electron glue, browser host). */
export type FleetAdapters = Pick<FleetOptions, 'client' | 'updater' | 'appControl' | 'isPrinting' | 'heartbeatIntervalMs' | 'timers' | 'commandRunner'>;
