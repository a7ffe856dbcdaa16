import { beforeEach, describe, expect, it } from 'vitest';
import { acceptTap, noteTap, resetTapGuard } from './tap-guard';

describe('tap guard', () => {
  beforeEach(() => resetTapGuard());

  it('drops a second tap at the same spot within 400 ms', () => {
    expect(acceptTap(100, 100, 1000)).toBe(true);
    expect(acceptTap(105, 98, 1300)).toBe(false);
  });

  it('accepts the same spot again after 400 ms', () => {
    expect(acceptTap(100, 100, 1000)).toBe(true);
    expect(acceptTap(100, 100, 1401)).toBe(true);
  });

  it('accepts a quick tap on another target', () => {
    expect(acceptTap(100, 100, 1000)).toBe(true);
    expect(acceptTap(300, 100, 1100)).toBe(true);
  });

  it('a tap on an unguarded button in between ends the repeat window (OK, digits, OK quickly)', () => {
    expect(acceptTap(500, 800, 1000)).toBe(true); // OK
    noteTap(100, 400, 1100); // digit keys elsewhere
    noteTap(100, 400, 1200);
    expect(acceptTap(500, 800, 1300)).toBe(true); // OK again: not a repeat
    noteTap(500, 800, 1400); // an unguarded key where a guarded button then appears
    expect(acceptTap(505, 805, 1500)).toBe(false);
  });

  it('never drops keyboard activations', () => {
    expect(acceptTap(100, 100, 1000)).toBe(true);
    expect(acceptTap(null, null, 1001)).toBe(true);
  });

  it('a dropped tap does not extend the window', () => {
    expect(acceptTap(100, 100, 1000)).toBe(true);
    expect(acceptTap(100, 100, 1300)).toBe(false);
    expect(acceptTap(100, 100, 1450)).toBe(true);
  });
});
