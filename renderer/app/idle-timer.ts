/**
 * Idle decision, pure so it can be table-tested: given the time of the last touch, the idle settings
 * and "now", which phase is the kiosk in?
 */
export type IdlePhase = { phase: 'active' } | { phase: 'warning'; remainingS: number } | { phase: 'reset' };

export function idlePhase(lastActivityMs: number, nowMs: number, idle: { warnAfterS: number; countdownS: number }): IdlePhase {
  const idleMs = nowMs - lastActivityMs;
  const warnMs = idle.warnAfterS * 1000;
  if (idleMs < warnMs) return { phase: 'active' };
  const left = warnMs + idle.countdownS * 1000 - idleMs;
  if (left <= 0) return { phase: 'reset' };
  return { phase: 'warning', remainingS: Math.ceil(left / 1000) };
}
