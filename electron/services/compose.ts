import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskHandlers } from '../../shared/contract';
import { systemClock, type Clock } from '../../shared/logic/clock';
import type { KioskConfig } from '../../shared/schemas/kiosk-config';
import { createDispatcher } from './api-dispatch';
import { lockDataDir } from './data-dir-lock';
import { createConfigStore } from './config/config-store';
import { openKioskDatabase, type HealReport } from './db/heal-database';
import type { ImageStore, TileSource } from './binary-assets';
import type { Feature, ServiceDeps } from './feature';
import { defaultFleetAdapters } from './fleet/fleet-adapters';
import { createFleetFeature, type FleetAdapters } from './fleet/fleet-feature';
import type { PeerHandlers } from './fleet/peer-status';
import { createErrorJournal } from './log-files/error-journal';
import { consoleLog, type Log } from './log';
import { createOffersFeature } from './offers/offers-feature';
import { importSampleDataIfEmpty } from './seed/sample-import';
import { defaultWishesAdapters } from './outbox/wishes-adapters';
import { createWishesFeature, type WishesAdapters } from './outbox/wishes-feature';
import { defaultPrintingAdapters } from './printer/printing-adapters';
import { createPrintingFeature, type PrintingAdapters } from './printer/printing-feature';
import { defaultSpeechAdapters } from './speech/speech-adapters';
import { createSpeechFeature, type SpeechAdapters } from './speech/speech-feature';
import { createTileService } from './tiles/tile-service';
import { defaultSyncAdapters } from './sync/sync-adapters';
import { createSyncFeature, type SyncAdapters } from './sync/sync-feature';
import { defaultUsageAdapters } from './usage/usage-adapters';
import { createUsageFeature, type UsageAdapters } from './usage/usage-feature';
import { createVisitFeature } from './visit/visit-feature';
import { DB_FILE_NAME } from './db/db-file-name';

export { DB_FILE_NAME };

export interface ComposeOptions {
  dataDir: string;
  config: KioskConfig;
  version: string;
  clock?: Clock;
  log?: Log;
  /** better_sqlite3.node built for Electron's ABI (development launches only; see docs/adr/0003). */
  nativeBinding?: string;
  /** Wish outbox: a fake city API transport or short backoff for tests (default: real fetch transport). */
  wishes?: Partial<WishesAdapters>;
  /** Fleet: city API remote-management client, updater, app control (reload/relaunch/clear cache), print-in-progress probe. */
  fleet?: Partial<FleetAdapters>;
  /** Printing: printer transport factory (fake printer in tests), timeouts, brochure maker (PDF renderer per host). */
  printing?: Partial<PrintingAdapters>;
  /** City API sync: client factories (fake or real with small limits), jitter, page size, timers off for tests. */
  sync?: Partial<SyncAdapters>;
  /** Map tiles: a fake tile source for tests (default: offline pack + online source with disk cache, from config). */
  tiles?: TileSource;
  /** Usage counters: a fake stats transport, timers off (tests). */
  usage?: Partial<UsageAdapters>;
  /** Speech: extra voices (default: voice files listed in the data directory's voices/voices.json). */
  speech?: Partial<SpeechAdapters>;
  /**
   * The browser host locked the data directory and prepared the database before (electron/host/prepare-data.ts, while
   * it already served the page): its lock (released by stop()) and its heal report, logged here like a heal at open.
   */
  prepared?: { dirLock: { release(): void }; healed: HealReport | null };
}

/**
 * The composition root shared by the Electron main process and the browser host:
 * opens the database, builds every feature with its adapters and returns one handler map for the contract.
 */
export function composeKiosk(opts: ComposeOptions) {
  mkdirSync(opts.dataDir, { recursive: true });
  // One kiosk per data directory: a second Electron kiosk or browser host on it refuses (DataDirLockedError), before
  // it touches the database (healing a file another process has open would move that one's data aside).
  const dirLock = opts.prepared?.dirLock ?? lockDataDir(opts.dataDir);
  let opened: ReturnType<typeof openKioskDatabase>;
  try {
    // A damaged file is moved aside (kept) and replaced by a fresh database with every wish that could be rescued.
    opened = openKioskDatabase({ file: join(opts.dataDir, DB_FILE_NAME), nativeBinding: opts.nativeBinding, now: () => (opts.clock ?? systemClock).now() });
  } catch (err) {
    dirLock.release();
    throw err;
  }
  const { db } = opened;
  const healed = opened.healed ?? opts.prepared?.healed ?? null;
  const deps: ServiceDeps = {
    db,
    config: createConfigStore(opts.config),
    dataDir: opts.dataDir,
    clock: opts.clock ?? systemClock,
    log: opts.log ?? consoleLog,
    version: opts.version,
  };
  // Every feature logs through the error journal, so recent errors reach the staff screen and the heartbeat.
  const journal = createErrorJournal(deps.log, deps.clock);
  deps.log = journal.log;
  if (healed) {
    // Reported like any error: staff screen (recent errors) and the heartbeat's errors_since_last.
    deps.log.error(healed.message, { code: 'db_damaged' });
    // Visitors see the sample offers, not an empty screen, until the next sync replaces them.
    importSampleDataIfEmpty(db, { cityApi: undefined });
  }
  const offers = createOffersFeature(deps);
  // Adapters are chosen here and only here (tests/unit/composition-root.test.ts checks it): the host's, else the
  // defaults from each feature's *-adapters.ts (real transports, HTTP clients, no updates).
  const wishes = createWishesFeature(deps, { ...defaultWishesAdapters(deps), ...opts.wishes });
  const printing = createPrintingFeature(deps, { ...defaultPrintingAdapters(), ...opts.printing });
  const sync = createSyncFeature(deps, { ...defaultSyncAdapters(deps), ...opts.sync });
  // Rebuild the search index right after new data arrived, not in the first visitor's search (about 0.4 s for
  // 10,000 offers); deferred a tick so answers already waiting go out first.
  sync.onSynced(() => setImmediate(() => offers.warmSearchIndex()));
  const fleet = createFleetFeature(deps, { ...defaultFleetAdapters(deps), isPrinting: printing.isPrinting, ...opts.fleet, journal, peers: () => inner as unknown as PeerHandlers });
  const usage = createUsageFeature(deps, { ...defaultUsageAdapters(deps), ...opts.usage });
  const speech = createSpeechFeature(deps, { ...defaultSpeechAdapters(deps), ...opts.speech });
  // Per-visitor-session limits on wishes and slips (issue 13); ended by the renderer's idle reset (endVisit).
  const visit = createVisitFeature(deps);
  const features: Feature<unknown>[] = [offers, wishes, printing, sync, fleet, usage, speech, visit];
  const tileService = opts.tiles ? null : createTileService({ dataDir: opts.dataDir, config: deps.config, clock: deps.clock, log: deps.log, version: opts.version });

  // `inner` is what features call among themselves (fleet → syncNow, testPrint); callers from outside (renderer over
  // IPC, browser over HTTP) get the map whose staff-only calls need the staff session token.
  const inner = {
    ...offers.handlers,
    ...wishes.handlers,
    ...printing.handlers,
    ...fleet.handlers,
    ...sync.handlers,
    ...usage.handlers,
    ...speech.handlers,
    ...visit.handlers,
  } satisfies KioskHandlers;
  const handlers = visit.limitVisit(usage.countUsage(fleet.guardStaffOnly(inner)));

  return {
    deps,
    handlers,
    /** Fleet runtime: renderer usage, update service, app control, heartbeat (for the Electron watchdog and update glue). */
    fleet: fleet.runtime,
    /** Anonymous daily usage counters and their sender (issue 18). */
    usage,
    /**
     * The sync and wish features themselves (their runs, outbox rounds and nightly backup), for hosts and tests that
     * drive them without timers (the 7-day soak, issue 14). Visitors and staff reach them only through `handlers`.
     */
    features: { sync, wishes, visit },
    /** Binary routes (GET /tiles/:z/:x/:y, GET /images/:sha256): the map feature provides `tiles`, the sync feature `images`. */
    tiles: (opts.tiles ?? tileService ?? undefined) as TileSource | undefined,
    images: sync.images as ImageStore | undefined,
    dispatch: createDispatcher(handlers, deps.log),
    start() {
      for (const f of features) f.start?.();
    },
    async stop() {
      for (const f of [...features].reverse()) await f.stop?.();
      tileService?.close();
      db.close();
      dirLock.release();
    },
  };
}

export type KioskRuntime = ReturnType<typeof composeKiosk>;
