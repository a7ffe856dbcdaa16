/**
 * Electron main process: the composition for the kiosk shell. Everything with behaviour lives in plain modules
 * (electron/services/**, electron/window/*-policy.ts, electron/protocol/app-protocol.ts); this file only wires them:
 * config → composeKiosk → app:// protocol, IPC, lockdown, window, watchdog, updater.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { systemClock } from '../shared/logic/clock';
import type { KioskConfig } from '../shared/schemas/kiosk-config';
import { registerKioskIpc } from './ipc-glue';
import { createAppRequestHandler } from './protocol/app-protocol';
import { handleAppScheme, registerAppScheme } from './protocol/protocol-glue';
import { createElectronPdfRenderer } from './pdf-renderer-glue';
import { DataDirLockedError } from './services/data-dir-lock';
import { composeKiosk, type KioskRuntime } from './services/compose';
import { KioskConfigError, loadKioskConfig } from './services/config/kiosk-config-file';
import { DatabaseTooNewError } from './services/db/open-database';
import { createRotatingLog } from './services/log-files/rotating-log';
import { consoleLog } from './services/log';
import { createElectronUpdater } from './updates-glue';
import { createElectronAppControl, installWatchdog } from './watchdog-glue';
import { lockDownApp, lockDownSession } from './window/lockdown-glue';
import { createKioskWindow } from './window/window-glue';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(here, '../renderer');
const PRELOAD_PATH = join(here, '../preload/index.cjs');
/** Packaged builds are always locked down; KIOSK_PRODUCTION=1 tries the lockdown in a development build. */
const production = app.isPackaged || process.env.KIOSK_PRODUCTION === '1';
let kioskWindow: BrowserWindow | null = null;

// Before `ready`: app:// must be a standard, secure scheme so the page has a real origin, CSP and fetch.
registerAppScheme();

/** A plain error box (no web content) for start-up failures; the data directory is left as it is. */
function failStartup(title: string, message: string, exitCode: number): void {
  consoleLog.error(`${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(exitCode);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');

  let config: KioskConfig;
  try {
    config = loadKioskConfig(dataDir);
  } catch (err) {
    const message = err instanceof KioskConfigError ? err.message : `Could not read kiosk.json in ${dataDir}: ${(err as Error).message}`;
    failStartup('GEMEINSAM Kiosk – Konfiguration / configuration', `${message}\n\n(${join(dataDir, 'kiosk.json')})`, 2);
    return;
  }

  const log = createRotatingLog({ dir: join(dataDir, 'logs'), clock: systemClock, echo: production ? undefined : consoleLog });
  const appControl = createElectronAppControl(() => kioskWindow, log);

  let runtime: KioskRuntime;
  try {
    runtime = composeKiosk({
      dataDir,
      config,
      version: app.getVersion(),
      log,
      // Development launches use a better-sqlite3 build for Electron's ABI made by scripts/start.mjs (docs/adr/0003).
      nativeBinding: app.isPackaged ? undefined : process.env.KIOSK_SQLITE_BINDING,
      fleet: { updater: createElectronUpdater(log), appControl },
      // The brochure (printed Angebotslandkarte) is rendered by Electron's own printToPDF, not by a separate Chromium.
      printing: { pdfRenderer: createElectronPdfRenderer() },
    });
  } catch (err) {
    const message = err instanceof DatabaseTooNewError || err instanceof DataDirLockedError ? err.message : `The kiosk could not open its data: ${(err as Error).message}`;
    failStartup('GEMEINSAM Kiosk', message, 1);
    return;
  }

  lockDownApp(app, { production, log });
  lockDownSession(session.defaultSession, { production, log });
  handleAppScheme(session.defaultSession, createAppRequestHandler({ rendererDir: RENDERER_DIR, assets: runtime }));
  registerKioskIpc(ipcMain, runtime.dispatch, log);
  runtime.start();

  const window = createKioskWindow({ preloadPath: PRELOAD_PATH, production });
  kioskWindow = window;
  const watchdog = installWatchdog({
    window,
    fleet: runtime.fleet,
    control: appControl,
    config: runtime.deps.config,
    store: runtime.fleet.store,
    clock: runtime.deps.clock,
    log,
  });

  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    watchdog.stop();
    runtime
      .stop()
      .catch((err: unknown) => log.error('error while stopping', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
}

if (!app.requestSingleInstanceLock()) {
  // Another kiosk process is running: hand over to it and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (kioskWindow && !kioskWindow.isDestroyed()) kioskWindow.focus();
  });
  app.whenReady().then(start).catch((err: unknown) => {
    consoleLog.error('start-up failed', { error: err instanceof Error ? err.message : String(err) });
    app.exit(1);
  });
}
