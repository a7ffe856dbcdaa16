/**
 * Ignores accidental double taps: a second activation within DOUBLE_TAP_MS of the last accepted one,
 * at (almost) the same spot on the screen, is dropped — on whatever button is there now. This also
 * protects the next screen: a double tap on "Angebote" must not press the button that appears under
 * the finger. Keyboard activations (no pointer position) are never dropped.
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

/** For tests. */
export function resetTapGuard(): void {
  last = null;
}
