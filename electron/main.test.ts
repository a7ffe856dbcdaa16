import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const fx = vi.hoisted(() => ({
  userData: '',
  app: null as unknown as import('node:events').EventEmitter & Record<string, ReturnType<typeof import('vitest').vi.fn>>,
  showErrorBox: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
  ipcHandle: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
  protocolHandle: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  setApplicationMenu: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
  watchdogStop: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getPath: vi.fn(() => fx.userData),
    getVersion: vi.fn(() => '0.1.0-test'),
    whenReady: vi.fn(async () => {}),
    isReady: vi.fn(() => true),
    requestSingleInstanceLock: vi.fn(() => true),
    exit: vi.fn(),
    quit: vi.fn(),
    relaunch: vi.fn(),
  });
  fx.app = app as never;
  fx.showErrorBox = vi.fn();
  fx.ipcHandle = vi.fn();
  fx.protocolHandle = vi.fn();
  fx.setApplicationMenu = vi.fn();
  class BrowserWindow extends EventEmitter {
    webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    removeMenu = vi.fn();
    constructor(options: Record<string, unknown>) {
      super();
      fx.windows.push({ options });
    }
    loadURL = vi.fn(async (url: string) => {
      fx.windows[fx.windows.length - 1]!.url = url;
    });
  }
  const session = {
    defaultSession: Object.assign(new EventEmitter(), {
      protocol: { handle: fx.protocolHandle },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    }),
  };
  return {
    app,
    dialog: { showErrorBox: fx.showErrorBox },
    ipcMain: { handle: fx.ipcHandle, removeHandler: vi.fn() },
    session,
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    BrowserWindow,
    Menu: { setApplicationMenu: fx.setApplicationMenu },
  };
});
// The real glue of these two loads electron-updater / app metrics; main.ts only has to wire them.
vi.mock('./updates-glue', () => ({ createElectronUpdater: () => ({ check() {}, download() {}, install() {}, onEvent: () => () => {} }) }));
vi.mock('./watchdog-glue', () => ({
  createElectronAppControl: () => ({ reload() {}, relaunch() {}, async clearCache() {} }),
  installWatchdog: () => {
    fx.watchdogStop = vi.fn();
    return { tick() {}, stop: fx.watchdogStop };
  },
}));

import { METHOD_NAMES, ipcChannel } from '../shared/contract';

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10));
};

afterEach(() => {
  vi.resetModules();
  fx.windows.length = 0;
  if (fx.userData) rmSync(fx.userData, { recursive: true, force: true });
});

describe('electron main', () => {
  it('a broken kiosk.json: plain error box naming the field, exit code 2, no window, data dir untouched', async () => {
    fx.userData = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
    writeFileSync(join(fx.userData, 'kiosk.json'), JSON.stringify({ printer: { transport: 'tcp', host: '127.0.0.1', port: 'x' } }));
    await import('./main');
    await settle();
    expect(fx.showErrorBox).toHaveBeenCalledTimes(1);
    expect(String(fx.showErrorBox.mock.calls[0]?.[1])).toContain('printer.port');
    expect(fx.app.exit).toHaveBeenCalledWith(2);
    expect(fx.windows).toHaveLength(0);
    expect(fx.ipcHandle).not.toHaveBeenCalled();
    expect(readdirSync(fx.userData)).toEqual(['kiosk.json']);
  });

  it('wires app:// protocol, IPC for every call, lockdown and a secure window; stops the runtime on quit', async () => {
    fx.userData = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
    for (const f of [fx.ipcHandle, fx.app.exit!, fx.showErrorBox, fx.protocolHandle, fx.setApplicationMenu]) f.mockClear();
    await import('./main');
    await settle();
    expect(fx.showErrorBox.mock.calls).toEqual([]);
    expect(fx.app.exit).not.toHaveBeenCalled();
    expect(fx.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fx.protocolHandle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fx.ipcHandle.mock.calls.map((c) => c[0]).sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
    expect(fx.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(fx.windows).toHaveLength(1);
    expect(fx.windows[0]?.url).toBe('app://kiosk/index.html');
    expect(fx.windows[0]?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(readdirSync(fx.userData)).toContain('kiosk.sqlite');

    const quitEvent = { preventDefault: vi.fn() };
    fx.app.emit('before-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await settle();
    expect(fx.watchdogStop).toHaveBeenCalled();
    expect(fx.app.quit).toHaveBeenCalled();
  });
});
