import { describe, expect, it } from 'vitest';
import { idlePhase } from './idle-timer';

const idle = { warnAfterS: 90, countdownS: 30 };

describe('idle phases', () => {
  it('is active before the warning time', () => {
    expect(idlePhase(0, 89_999, idle)).toEqual({ phase: 'active' });
  });
  it('warns with a countdown from the warning time on', () => {
    expect(idlePhase(0, 90_000, idle)).toEqual({ phase: 'warning', remainingS: 30 });
    expect(idlePhase(0, 100_500, idle)).toEqual({ phase: 'warning', remainingS: 20 });
    expect(idlePhase(0, 119_001, idle)).toEqual({ phase: 'warning', remainingS: 1 });
  });
  it('resets when the countdown has run out', () => {
    expect(idlePhase(0, 120_000, idle)).toEqual({ phase: 'reset' });
  });
  it('a touch starts again from zero', () => {
    expect(idlePhase(100_000, 120_000, idle)).toEqual({ phase: 'active' });
  });
});
