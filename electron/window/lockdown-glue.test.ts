import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  Menu: { setApplicationMenu: vi.fn() },
  windows: [] as { options: unknown; win: unknown }[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeBrowserWindow extends Emitter {
    webContents = new Emitter();
    removeMenu = vi.fn();
    show = vi.fn();
    setKiosk = vi.fn();
    loadURL = vi.fn(async () => {});
    constructor(options: unknown) {
      super();
      electron.windows.push({ options, win: this });
    }
  }
  return { Menu: electron.Menu, BrowserWindow: FakeBrowserWindow };
});

import { lockDownApp, lockDownSession, lockDownWebContents } from './lockdown-glue';
import { createKioskWindow } from './window-glue';

type WebContents = Parameters<typeof lockDownWebContents>[0];
type Session = Parameters<typeof lockDownSession>[0];
type App = Parameters<typeof lockDownApp>[0];

function fakeContents() {
  const ee = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(ee, {
    setWindowOpenHandler: vi.fn((h: (d: { url: string }) => { action: string }) => (openHandler = h)),
    setZoomFactor: vi.fn(),
    setVisualZoomLevelLimits: vi.fn(async () => {}),
    insertCSS: vi.fn(async () => 'key'),
    closeDevTools: vi.fn(),
  });
  return { contents, open: (url: string) => openHandler?.({ url }) };
}
const evt = (url = '') => ({ preventDefault: vi.fn(), url });

describe('lockDownWebContents', () => {
  let c: ReturnType<typeof fakeContents>;
  beforeEach(() => {
    c = fakeContents();
    lockDownWebContents(c.contents as unknown as WebContents, { production: true });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks foreign URLs, allows app://kiosk/', (name) => {
    const bad = evt('https://evil.example/');
    c.contents.emit(name, bad);
    expect(bad.preventDefault).toHaveBeenCalled();
    const file = evt('file:///etc/passwd');
    c.contents.emit(name, file);
    expect(file.preventDefault).toHaveBeenCalled();
    const good = evt('app://kiosk/index.html');
    c.contents.emit(name, good);
    expect(good.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open for every URL', () => {
    expect(c.contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(c.open('https://www.siegburg.de/')).toEqual({ action: 'deny' });
    expect(c.open('app://kiosk/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses webviews and the context menu', () => {
    const w = evt();
    c.contents.emit('will-attach-webview', w, {}, {});
    expect(w.preventDefault).toHaveBeenCalled();
    const m = evt();
    c.contents.emit('context-menu', m, {});
    expect(m.preventDefault).toHaveBeenCalled();
  });

  it('swallows escape keys in production and lets typing through', () => {
    const altF4 = evt();
    c.contents.emit('before-input-event', altF4, { type: 'keyDown', key: 'F4', alt: true, control: false, meta: false, shift: false });
    expect(altF4.preventDefault).toHaveBeenCalled();
    const ctrlShiftI = evt();
    c.contents.emit('before-input-event', ctrlShiftI, { type: 'keyDown', key: 'I', code: 'KeyI', alt: false, control: true, meta: false, shift: true });
    expect(ctrlShiftI.preventDefault).toHaveBeenCalled();
    const letter = evt();
    c.contents.emit('before-input-event', letter, { type: 'keyDown', key: 'a', alt: false, control: false, meta: false, shift: false });
    expect(letter.preventDefault).not.toHaveBeenCalled();
  });

  it('pins zoom at 100 %, inserts the no-selection CSS and closes devtools', () => {
    c.contents.emit('did-finish-load');
    expect(c.contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    expect(c.contents.setZoomFactor).toHaveBeenCalledWith(1);
    expect(c.contents.insertCSS).toHaveBeenCalledWith(expect.stringContaining('user-select: none'), { cssOrigin: 'user' });
    c.contents.setZoomFactor.mockClear();
    c.contents.emit('zoom-changed', evt(), 'in');
    expect(c.contents.setZoomFactor).toHaveBeenCalledWith(1);
    c.contents.emit('devtools-opened');
    expect(c.contents.closeDevTools).toHaveBeenCalled();
  });

  it('in development: keys pass and devtools stay, navigation is still locked', () => {
    const d = fakeContents();
    lockDownWebContents(d.contents as unknown as WebContents, { production: false });
    const f12 = evt();
    d.contents.emit('before-input-event', f12, { type: 'keyDown', key: 'F12', alt: false, control: false, meta: false, shift: false });
    expect(f12.preventDefault).not.toHaveBeenCalled();
    d.contents.emit('devtools-opened');
    expect(d.contents.closeDevTools).not.toHaveBeenCalled();
    const nav = evt('https://evil.example/');
    d.contents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
  });
});

describe('lockDownSession', () => {
  function fakeSession() {
    const ee = new EventEmitter();
    const s = Object.assign(ee, {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    });
    lockDownSession(s as unknown as Session, { production: true });
    return s;
  }

  it('denies every permission request and check', () => {
    const s = fakeSession();
    const request = s.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void;
    for (const p of ['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read', 'hid']) {
      const cb = vi.fn();
      request(null, p, cb, { requestingUrl: 'app://kiosk/index.html' });
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = s.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, o: string) => boolean;
    expect(check(null, 'media', 'app://kiosk')).toBe(false);
    const device = s.setDevicePermissionHandler.mock.calls[0]?.[0] as (d: { deviceType: string }) => boolean;
    expect(device({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels remote requests and downloads, lets app:// through', () => {
    const s = fakeSession();
    const before = s.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    const cb = vi.fn();
    before({ url: 'https://tracker.example/pixel.gif' }, cb);
    expect(cb).toHaveBeenLastCalledWith({ cancel: true });
    before({ url: 'app://kiosk/assets/index.js' }, cb);
    expect(cb).toHaveBeenLastCalledWith({ cancel: false });
    const dl = evt();
    s.emit('will-download', dl, {}, {});
    expect(dl.preventDefault).toHaveBeenCalled();
  });
});

describe('lockDownApp', () => {
  it('removes the application menu and locks every web contents the app creates', () => {
    const app = new EventEmitter();
    lockDownApp(app as unknown as App, { production: true });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    const c = fakeContents();
    app.emit('web-contents-created', evt(), c.contents);
    expect(c.contents.setWindowOpenHandler).toHaveBeenCalled();
    const nav = evt('https://evil.example/');
    c.contents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
  });
});

describe('createKioskWindow', () => {
  it('creates the BrowserWindow with the secure options and loads app://kiosk/, never file://', () => {
    electron.windows.length = 0;
    createKioskWindow({ preloadPath: '/app/out/preload/index.cjs', production: true });
    expect(electron.windows).toHaveLength(1);
    const { options, win } = electron.windows[0] as { options: { webPreferences: Record<string, unknown>; kiosk: boolean }; win: { loadURL: ReturnType<typeof vi.fn>; removeMenu: ReturnType<typeof vi.fn>; emit(e: string): void; show: ReturnType<typeof vi.fn> } };
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, preload: '/app/out/preload/index.cjs' });
    expect(options.kiosk).toBe(true);
    expect(win.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
    expect(win.removeMenu).toHaveBeenCalled();
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });
});
