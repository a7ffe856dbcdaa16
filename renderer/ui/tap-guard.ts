/**
 * Ignores accidental double taps: a second activation within DOUBLE_TAP_MS of the last accepted one,
 * at (almost) the same spot on the screen, is dropped — on whatever button is there now. This also
 * protects the next screen: a double tap on "Angebote" must not press the button that appears under
 * the finger. Keyboard activations (no pointer position) are never dropped, and neither are keys of the on-screen
 * keyboard (`acceptKeyTap` below: only bounces on the same key).
 */
export const DOUBLE_TAP_MS = 400;
/** Two taps closer than this (px) count as the same spot; targets are ≥ 72 px with 16 px gaps. */
export const SAME_SPOT_PX = 48;

interface Tap {
  at: number;
  x: number;
  y: number;
}

let last: Tap | null = null;

/** Returns true when the tap should run, false when it is an accidental repeat. */
export function acceptTap(x: number | null, y: number | null, now: number = performance.now()): boolean {
  if (x === null || y === null) return true;
  if (last && now - last.at < DOUBLE_TAP_MS && Math.hypot(x - last.x, y - last.y) < SAME_SPOT_PX) return false;
  last = { at: now, x, y };
  return true;
}

/**
 * Records a tap on a button that is never guarded (PIN digits, keyboard keys): the next tap elsewhere is then no
 * repeat of an earlier one. Without this, pressing OK, four digits and OK again within 400 ms would drop the
 * second OK, though the finger was somewhere else in between.
 */
export function noteTap(x: number | null, y: number | null, now: number = performance.now()): void {
  if (x === null || y === null) return;
  last = { at: now, x, y };
}

/**
 * Keys of the on-screen keyboard are never dropped by the double-tap guard: a person types about five taps a
 * second, often the same key twice ("strasse"). Only a bounce — the same key again within `keyBounceMs`, faster than
 * anyone types on purpose (a tremor, a finger that slips) — is dropped. Configurable with `setKeyBounceMs`.
 */
export const KEY_BOUNCE_MS = 80;
let keyBounceMs = KEY_BOUNCE_MS;
let lastKey: { key: string; at: number } | null = null;

/** Sets the bounce window for keyboard keys (0 = accept every press). */
export function setKeyBounceMs(ms: number): void {
  keyBounceMs = Math.max(0, ms);
}

/**
 * Returns true when a press on keyboard key `key` should type, false when it is a bounce of the previous press of
 * the same key. An accepted press also counts as a tap at (x, y) for the double-tap guard (see `noteTap`).
 */
export function acceptKeyTap(key: string, x: number | null, y: number | null, now: number = performance.now()): boolean {
  if (x === null || y === null) return true; // hardware keyboard activation: never a bounce
  if (lastKey && lastKey.key === key && now - lastKey.at < keyBounceMs) return false;
  lastKey = { key, at: now };
  noteTap(x, y, now);
  return true;
}

/** For tests. */
export function resetTapGuard(): void {
  last = null;
  lastKey = null;
  keyBounceMs = KEY_BOUNCE_MS;
}
