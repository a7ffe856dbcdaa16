/** Creates the kiosk window with the secure options from window-options.ts and loads app://kiosk/. */
import { BrowserWindow } from 'electron';
import { APP_START_URL } from './navigation-policy';
import { kioskWindowOptions } from './window-options';

export function createKioskWindow(opts: { preloadPath: string; production: boolean }): BrowserWindow {
  const win = new BrowserWindow(kioskWindowOptions(opts));
  win.removeMenu();
  win.once('ready-to-show', () => {
    win.show();
    if (opts.production) win.setKiosk(true);
  });
  void win.loadURL(APP_START_URL);
  return win;
}
