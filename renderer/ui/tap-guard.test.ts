import { beforeEach, describe, expect, it } from 'vitest';
import { acceptKeyTap, acceptTap, KEY_BOUNCE_MS, noteTap, resetTapGuard, setKeyBounceMs } from './tap-guard';

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

  it('keyboard keys: the same key at a typing pace (150–250 ms apart) always counts', () => {
    let t = 1000;
    for (const gap of [150, 180, 250, 160, 200]) {
      expect(acceptKeyTap('s', 100, 100, t)).toBe(true);
      t += gap;
    }
  });

  it('keyboard keys: only a bounce on the same key (under 80 ms) is dropped', () => {
    expect(acceptKeyTap('s', 100, 100, 1000)).toBe(true);
    expect(acceptKeyTap('s', 101, 100, 1000 + KEY_BOUNCE_MS - 1)).toBe(false);
    expect(acceptKeyTap('s', 100, 100, 1000 + KEY_BOUNCE_MS + 1)).toBe(true);
    expect(acceptKeyTap('a', 200, 100, 1000 + KEY_BOUNCE_MS + 20)).toBe(true); // another key at once: typing fast
  });

  it('keyboard keys: the bounce window is configurable', () => {
    setKeyBounceMs(0);
    expect(acceptKeyTap('s', 100, 100, 1000)).toBe(true);
    expect(acceptKeyTap('s', 100, 100, 1010)).toBe(true);
    setKeyBounceMs(200);
    expect(acceptKeyTap('s', 100, 100, 1150)).toBe(false);
  });

  it('keyboard keys still end the repeat window of guarded buttons where the finger lands', () => {
    expect(acceptTap(500, 800, 1000)).toBe(true);
    expect(acceptKeyTap('k', 100, 400, 1100)).toBe(true);
    expect(acceptTap(500, 800, 1200)).toBe(true);
    expect(acceptKeyTap('k', 500, 800, 1300)).toBe(true); // a key where a guarded button then appears
    expect(acceptTap(505, 805, 1400)).toBe(false);
  });
});
