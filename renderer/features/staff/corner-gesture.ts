/**
 * The hidden gesture that opens the staff screen: tap the four screen corners in order — top left, top right,
 * bottom right, bottom left — within a few seconds. Pure so it can be tested; StaffAccess feeds it pointer positions.
 */
export type Corner = 'tl' | 'tr' | 'br' | 'bl';
export const CORNER_ORDER: readonly Corner[] = ['tl', 'tr', 'br', 'bl'];
/** Size of the invisible corner zones (px). */
export const CORNER_ZONE_PX = 72;
/** The whole sequence must be done within this time. */
export const GESTURE_TIMEOUT_MS = 6000;

export function cornerAt(x: number, y: number, width: number, height: number, zone = CORNER_ZONE_PX): Corner | null {
  const left = x <= zone;
  const right = x >= width - zone;
  const top = y <= zone;
  const bottom = y >= height - zone;
  if (top && left) return 'tl';
  if (top && right) return 'tr';
  if (bottom && right) return 'br';
  if (bottom && left) return 'bl';
  return null;
}

export function createCornerGesture(timeoutMs = GESTURE_TIMEOUT_MS) {
  let step = 0;
  let startedAt = 0;
  const expired = (t: number) => step > 0 && t - startedAt > timeoutMs;
  return {
    /** The next corner would continue a sequence already begun (then that tap belongs to the gesture). */
    expects(corner: Corner | null, t: number): boolean {
      return step > 0 && !expired(t) && corner === CORNER_ORDER[step];
    },
    /** Feeds a tap; true when it completed the sequence. */
    tap(corner: Corner | null, t: number): boolean {
      if (expired(t)) step = 0;
      if (corner !== null && corner === CORNER_ORDER[step]) {
        if (step === 0) startedAt = t;
        step++;
        if (step === CORNER_ORDER.length) {
          step = 0;
          return true;
        }
        return false;
      }
      // A wrong tap ends the sequence; a top-left tap starts a new one.
      step = 0;
      if (corner === 'tl') {
        step = 1;
        startedAt = t;
      }
      return false;
    },
    reset() {
      step = 0;
    },
  };
}
