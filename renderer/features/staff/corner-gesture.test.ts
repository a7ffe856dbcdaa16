import { describe, expect, it } from 'vitest';
import { cornerAt, createCornerGesture } from './corner-gesture';

const W = 1920;
const H = 1080;
const at = { tl: [10, 10], tr: [W - 10, 10], br: [W - 10, H - 10], bl: [10, H - 10], mid: [900, 500] } as const;
type P = keyof typeof at;
const run = (taps: [P, number][]) => {
  const g = createCornerGesture(6000);
  return taps.map(([p, t]) => g.tap(cornerAt(at[p][0], at[p][1], W, H), t));
};

describe('staff corner gesture', () => {
  it('corner zones are 72 px', () => {
    expect(cornerAt(72, 72, W, H)).toBe('tl');
    expect(cornerAt(73, 10, W, H)).toBe(null);
    expect(cornerAt(W - 72, H - 72, W, H)).toBe('br');
    expect(cornerAt(10, 500, W, H)).toBe(null);
  });

  it.each<[string, [P, number][], boolean]>([
    ['four corners in order within the time', [['tl', 0], ['tr', 800], ['br', 1600], ['bl', 2400]], true],
    ['too slow', [['tl', 0], ['tr', 2000], ['br', 4000], ['bl', 6500]], false],
    ['wrong order', [['tl', 0], ['br', 500], ['tr', 1000], ['bl', 1500]], false],
    ['a tap elsewhere in between', [['tl', 0], ['tr', 500], ['mid', 700], ['br', 1000], ['bl', 1500]], false],
    ['restart with top left after a mistake', [['tl', 0], ['bl', 300], ['tl', 600], ['tr', 900], ['br', 1200], ['bl', 1500]], true],
    ['counter-clockwise', [['tl', 0], ['bl', 500], ['br', 1000], ['tr', 1500]], false],
  ])('%s', (_name, taps, opens) => {
    expect(run(taps).at(-1)).toBe(opens);
    expect(run(taps).slice(0, -1).every((r) => !r)).toBe(true);
  });

  it('expects() tells whether a tap continues a started sequence', () => {
    const g = createCornerGesture(6000);
    expect(g.expects('br', 0)).toBe(false); // nothing started: a bar button under the corner works normally
    g.tap('tl', 0);
    g.tap('tr', 100);
    expect(g.expects('br', 200)).toBe(true);
    expect(g.expects('br', 7000)).toBe(false);
  });
});
