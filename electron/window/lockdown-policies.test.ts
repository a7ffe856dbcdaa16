import { describe, expect, it } from 'vitest';
import { isBlockedKey, type KeyInput } from './key-policy';
import { APP_START_URL, isAllowedNavigation, isAllowedRequestUrl, isAppUrl, windowOpenDecision, WINDOW_OPEN_ALLOWLIST } from './navigation-policy';
import { decideDevicePermission, decidePermissionCheck, decidePermissionRequest } from './permission-policy';
import { kioskWindowOptions, VISUAL_ZOOM_LIMITS } from './window-options';

describe('navigation policy', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/', true],
    ['app://kiosk/assets/index-abc.js', true],
    ['app://kiosk/index.html#/detail', true],
    ['app://kiosk/../../etc/passwd', true], // URL normalises to app://kiosk/etc/passwd — still inside the app
    ['app://evil/index.html', false],
    ['app://kiosk.evil.example/', false],
    ['app://user@kiosk/', false],
    ['app://kiosk:8080/', false],
    ['https://kiosk/', false],
    ['https://www.siegburg.de/', false],
    ['http://127.0.0.1:4780/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['chrome://settings', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it('the start URL is inside the app and not file://', () => {
    expect(APP_START_URL).toBe('app://kiosk/index.html');
    expect(isAppUrl(APP_START_URL)).toBe(true);
  });

  it('refuses non-strings and absurdly long URLs', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(`app://kiosk/${'a'.repeat(3000)}`)).toBe(false);
  });
});

describe('window.open policy', () => {
  it('allowlist is empty and every URL is denied', () => {
    expect(WINDOW_OPEN_ALLOWLIST).toEqual([]);
    for (const url of ['https://www.siegburg.de/', 'app://kiosk/index.html', 'about:blank', 'mailto:a@example.org', '']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
    }
  });
});

describe('request policy (no remote content in the kiosk window)', () => {
  it.each([
    ['app://kiosk/tiles/13/4270/2760', true],
    ['data:image/png;base64,AAAA', true],
    ['blob:app://kiosk/1234-5678', true],
    ['https://tile.openstreetmap.org/1/0/0.png', false],
    ['http://127.0.0.1:4780/api/getBootInfo', false],
    ['ws://127.0.0.1:9229/', false],
    ['file:///etc/passwd', false],
    ['blob:https://evil.example/1234', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url)).toBe(allowed);
  });
});

describe('permission policy', () => {
  it.each(['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'speaker-selection', 'unknown'])(
    'denies %s requests and checks',
    (permission) => {
      expect(decidePermissionRequest(permission, 'app://kiosk/index.html')).toBe(false);
      expect(decidePermissionCheck(permission, 'app://kiosk')).toBe(false);
    },
  );
  it('denies every device', () => {
    for (const d of ['hid', 'serial', 'usb', 'bluetooth']) expect(decideDevicePermission(d)).toBe(false);
  });
});

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, meta: false, alt: false, shift: false, ...mods });

describe('key policy', () => {
  const blocked: [string, KeyInput][] = [
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+W', key('w', { control: true, code: 'KeyW' })],
    ['Cmd+W', key('w', { meta: true, code: 'KeyW' })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true, code: 'KeyI' })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl++', key('+', { control: true })],
    ['Ctrl+=', key('=', { control: true })],
    ['Ctrl+-', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['Ctrl+NumpadAdd', key('+', { control: true, code: 'NumpadAdd' })],
    ['Ctrl+P (print dialog)', key('p', { control: true })],
    ['Ctrl+U (view source)', key('u', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+T', key('t', { control: true })],
    ['Ctrl+O', key('o', { control: true })],
    ['Ctrl+S', key('s', { control: true })],
    ['Ctrl+F', key('f', { control: true })],
    ['Ctrl+L', key('l', { control: true })],
    ['Ctrl+Tab', key('Tab', { control: true })],
    ['Alt+Left (history back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right', key('ArrowRight', { alt: true })],
    ['Alt+Home', key('Home', { alt: true })],
    ['Alt+Tab', key('Tab', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
    ['Super key', key('Meta')],
    ['Ctrl+W on a Cyrillic layout', key('ц', { control: true, code: 'KeyW' })],
    ['Ctrl+R on a Cyrillic layout', key('к', { control: true, code: 'KeyR' })],
    ['rawKeyDown F12', { ...key('F12'), type: 'rawKeyDown' }],
  ];
  it.each(blocked)('blocks %s in production', (_name, input) => {
    expect(isBlockedKey(input, true)).toBe(true);
  });
  it.each(blocked)('lets %s through in development', (_name, input) => {
    expect(isBlockedKey(input, false)).toBe(false);
  });

  const allowed: [string, KeyInput][] = [
    ['letters', key('a')],
    ['umlaut', key('ü')],
    ['capital with Shift', key('Ä', { shift: true })],
    ['digits', key('5')],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Space', key(' ')],
    ['Tab (focus)', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['arrows', key('ArrowDown')],
    ['Escape (close dialog)', key('Escape')],
    ['Ctrl+A (select in field)', key('a', { control: true })],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['AltGr+Q for @ (German layout)', key('@', { control: true, alt: true, code: 'KeyQ' })],
    ['AltGr+E for €', key('€', { control: true, alt: true, code: 'KeyE' })],
  ];
  // AltGr arrives as Ctrl+Alt on Windows; @ must stay typeable even though its physical key is Q.
  it.each(allowed)('allows %s', (_name, input) => {
    expect(isBlockedKey(input, true)).toBe(false);
  });

  it('ignores key-up events', () => {
    expect(isBlockedKey({ ...key('F5'), type: 'keyUp' }, true)).toBe(false);
  });
});

describe('kiosk window options', () => {
  const prod = kioskWindowOptions({ preloadPath: '/app/out/preload/index.cjs', production: true });
  const dev = kioskWindowOptions({ preloadPath: '/app/out/preload/index.cjs', production: false });

  it('isolates the page from Node and Electron in every build', () => {
    for (const o of [prod, dev]) {
      expect(o.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
      });
      expect(o.webPreferences.preload).toBe('/app/out/preload/index.cjs');
      expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
      expect(o.show).toBe(false);
    }
  });

  it('is a full-screen kiosk without devtools in production', () => {
    expect(prod.kiosk).toBe(true);
    expect(prod.fullscreen).toBe(true);
    expect(prod.frame).toBe(false);
    expect(prod.closable).toBe(false);
    expect(prod.webPreferences.devTools).toBe(false);
    expect(prod.webPreferences.disableDialogs).toBe(true);
  });

  it('keeps devtools and a normal window in development', () => {
    expect(dev.kiosk).toBe(false);
    expect(dev.webPreferences.devTools).toBe(true);
  });

  it('pins visual zoom to 100 %', () => {
    expect(VISUAL_ZOOM_LIMITS).toEqual({ min: 1, max: 1 });
  });
});
