/**
 * BrowserWindow options for the kiosk window. Plain module (no electron import) so the security settings are
 * unit-tested; window-glue.ts passes them to `new BrowserWindow`.
 */

export interface KioskWindowOptionsInput {
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  preloadPath: string;
  /** Packaged app or KIOSK_PRODUCTION=1: kiosk mode, no devtools. */
  production: boolean;
}

/** Matches the renderer's background so the window never flashes white on start or reload. */
export const KIOSK_BACKGROUND = '#f7f4ec';

export function kioskWindowOptions({ preloadPath, production }: KioskWindowOptionsInput) {
  return {
    show: false,
    backgroundColor: KIOSK_BACKGROUND,
    width: 1920,
    height: 1080,
    minWidth: 1024,
    minHeight: 700,
    kiosk: production,
    fullscreen: production,
    frame: !production,
    autoHideMenuBar: true,
    resizable: !production,
    movable: !production,
    minimizable: !production,
    maximizable: !production,
    closable: !production,
    skipTaskbar: production,
    title: 'Angebotslandkarte Siegburg',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !production,
      safeDialogs: true,
      disableDialogs: production,
      autoplayPolicy: 'document-user-activation-required' as const,
      enableWebSQL: false,
      backgroundThrottling: false,
    },
  };
}

export type KioskWindowOptions = ReturnType<typeof kioskWindowOptions>;

/** Pinch and keyboard zoom stay at 100 %: the kiosk has its own text-size control. */
export const VISUAL_ZOOM_LIMITS = { min: 1, max: 1 } as const;

/**
 * In production: no text selection or image dragging outside input fields (touch users select by accident),
 * no long-press callouts. Inserted into every page by lockdown-glue.ts.
 */
export const LOCKDOWN_CSS = `
*, *::before, *::after { -webkit-user-select: none; user-select: none; -webkit-user-drag: none; -webkit-touch-callout: none; }
input, textarea, [contenteditable="true"] { -webkit-user-select: text; user-select: text; }
html { touch-action: pan-x pan-y; }
`;
