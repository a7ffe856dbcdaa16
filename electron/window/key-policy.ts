/**
 * Key combinations that would let someone leave, reload, zoom or inspect the kiosk. Blocked in production
 * (`before-input-event` → preventDefault); in development everything passes so developers keep their tools.
 * Plain module, applied by lockdown-glue.ts. The kiosk's own on-screen keyboard does not send key events
 * through here for text; a hardware keyboard plugged into a kiosk must still not be an escape hatch.
 */

/** The fields of Electron's `Input` that matter here. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const ALWAYS_BLOCKED_KEYS = new Set([
  'F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12',
  'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'BrowserStop',
  'LaunchApplication1', 'LaunchApplication2', 'LaunchMail', 'ContextMenu', 'Print', 'Help',
  'ZoomIn', 'ZoomOut', 'ZoomToggle',
]);

/** With Ctrl (or Cmd on macOS): W close, Q quit, R reload, N/T new window/tab, O open, S save, P print, U view source,
 * F/G find, L/D address bar/bookmark, H/J history/downloads, E/K search, M minimise, Tab switch, zoom keys. */
const BLOCKED_WITH_MODIFIER = new Set([
  'w', 'q', 'r', 'n', 't', 'o', 's', 'p', 'u', 'f', 'g', 'l', 'd', 'h', 'j', 'e', 'k', 'm',
  'Tab', 'PageUp', 'PageDown', 'F4',
  '+', '=', '-', '_', '0', 'Add', 'Subtract',
]);

/** Code-based matches so layouts (QWERTZ, ЙЦУКЕН, Arabic) cannot sneak a shortcut past the key-name check. */
const BLOCKED_CODES_WITH_MODIFIER = new Set([
  'KeyW', 'KeyQ', 'KeyR', 'KeyN', 'KeyT', 'KeyO', 'KeyS', 'KeyP', 'KeyU', 'KeyF', 'KeyG', 'KeyL', 'KeyD', 'KeyH', 'KeyJ', 'KeyE', 'KeyK', 'KeyM',
  'KeyI', 'KeyC',
  'Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0', 'BracketRight', 'Slash',
]);

/** Ctrl+Shift / Cmd+Alt: developer tools (I, J, C), hard reload (R), reopen tab (T), restore window (N). */
const BLOCKED_WITH_MODIFIER_AND_SHIFT = new Set(['i', 'j', 'c', 'r', 't', 'n', 'delete', 'q', 'w']);

export function isBlockedKey(input: KeyInput, production: boolean): boolean {
  if (!production) return false;
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;
  const mod = input.control || input.meta;

  if (ALWAYS_BLOCKED_KEYS.has(key)) return true;
  // Alt+F4 (close), Alt+Left/Right/Home (history), Alt+Space (window menu), Alt alone opens menus on Windows.
  if (input.alt && ['F4', 'ArrowLeft', 'ArrowRight', 'Home', ' ', 'Escape', 'Tab', 'Alt'].includes(key)) return true;
  // AltGr arrives as Ctrl+Alt on Windows and types characters (@ € { } \ on a German keyboard): never a shortcut.
  if (input.control && input.alt && !input.meta && key.length === 1) return false;
  // Super/Windows key alone, Cmd+H/Cmd+Q on macOS handled below.
  if (key === 'Meta' || key === 'OS') return true;
  if (mod && input.shift && BLOCKED_WITH_MODIFIER_AND_SHIFT.has(lower.toLowerCase())) return true;
  if (input.meta && input.alt && ['i', 'j', 'c', 'Escape'].includes(lower)) return true;
  if (mod && BLOCKED_WITH_MODIFIER.has(lower)) return true;
  if (mod && input.code && BLOCKED_CODES_WITH_MODIFIER.has(input.code)) return true;
  // Ctrl+Alt+Delete / Ctrl+Shift+Escape are handled by the OS and cannot be caught here (see docs/deployment.md).
  return false;
}
