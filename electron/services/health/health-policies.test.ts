import { describe, expect, it } from 'vitest';
import { isInsideWindow, localDay } from './maintenance-window';
import { decideMemory } from './memory-watch';
import { shouldRelaunchNightly } from './nightly-relaunch';
import { decideWatchdog, initialWatchdogState, DEFAULT_WATCHDOG_CONFIG as CFG, type WatchdogEvent, type WatchdogState } from './watchdog-policy';

const S = 1000;

/** Runs a sequence of events from a fresh start at t=0 and returns the actions taken. */
function run(events: WatchdogEvent[]): string[] {
  let state: WatchdogState = initialWatchdogState(0);
  const actions: string[] = [];
  for (const e of events) {
    const r = decideWatchdog(state, e);
    state = r.state;
    if (r.action.kind !== 'none') actions.push(`${r.action.kind}@${e.at / S}`);
  }
  return actions;
}

const beats = (from: number, to: number, every = 2 * S): WatchdogEvent[] =>
  Array.from({ length: Math.floor((to - from) / every) + 1 }, (_, i) => ({ type: 'heartbeat', at: from + i * every }));
const ticks = (from: number, to: number, every = 2 * S): WatchdogEvent[] =>
  Array.from({ length: Math.floor((to - from) / every) + 1 }, (_, i) => ({ type: 'tick', at: from + i * every }));
const merge = (...lists: WatchdogEvent[][]) => lists.flat().sort((a, b) => a.at - b.at || (a.type === 'heartbeat' ? -1 : 1));

describe('watchdog: reload vs relaunch', () => {
  it.each<[string, WatchdogEvent[], string[]]>([
    ['steady heartbeats: nothing happens', merge(beats(5 * S, 120 * S), ticks(0, 120 * S)), []],
    ['no heartbeat during the startup grace is fine', ticks(0, 30 * S), []],
    ['page never sends a heartbeat: reload after the grace', ticks(0, 32 * S), ['reload@32']],
    ['heartbeats stop at 20 s: reload once 10 s have passed', merge(beats(5 * S, 20 * S), ticks(0, 40 * S)), ['reload@32']],
    ['heartbeats stop at 20 s, checked at 30 s: still alive', merge(beats(5 * S, 20 * S), ticks(0, 30 * S)), []],
    ['renderer crashed', [{ type: 'renderer_gone', at: 50 * S, reason: 'crashed' }], ['reload@50']],
    ['renderer killed by OOM', [{ type: 'renderer_gone', at: 50 * S, reason: 'oom' }], ['reload@50']],
    ['renderer exited cleanly (app quitting): nothing', [{ type: 'renderer_gone', at: 50 * S, reason: 'clean-exit' }], []],
    ['GPU process crashed', [{ type: 'gpu_gone', at: 40 * S, reason: 'crashed' }], ['reload@40']],
    ['window unresponsive', [{ type: 'unresponsive', at: 40 * S }], ['reload@40']],
    [
      'third failure within 10 min: relaunch instead of a fourth reload',
      [
        { type: 'renderer_gone', at: 60 * S, reason: 'crashed' },
        { type: 'renderer_gone', at: 120 * S, reason: 'crashed' },
        { type: 'renderer_gone', at: 180 * S, reason: 'crashed' },
        { type: 'renderer_gone', at: 240 * S, reason: 'crashed' },
      ],
      ['reload@60', 'reload@120', 'reload@180', 'relaunch@240'],
    ],
    [
      'failures spread over more than 10 min: reloads only',
      [
        { type: 'renderer_gone', at: 0, reason: 'crashed' },
        { type: 'renderer_gone', at: 300 * S, reason: 'crashed' },
        { type: 'renderer_gone', at: 610 * S, reason: 'crashed' },
        { type: 'renderer_gone', at: 900 * S, reason: 'crashed' },
      ],
      ['reload@0', 'reload@300', 'reload@610', 'reload@900'],
    ],
    [
      'unresponsive again while recovering is ignored',
      [
        { type: 'unresponsive', at: 40 * S },
        { type: 'unresponsive', at: 45 * S },
      ],
      ['reload@40'],
    ],
  ])('%s', (_name, events, expected) => {
    expect(run(events)).toEqual(expected);
  });

  it('heartbeats after a reload stop the timer; silence again reloads again', () => {
    const events = merge(beats(5 * S, 20 * S), ticks(0, 100 * S), beats(40 * S, 60 * S));
    // silent from 20 s: reload at 32 s (timeout 10 s, checked every 2 s); beats resume at 40 s; silent after 60 s → reload at 72 s
    expect(run(events)).toEqual(['reload@32', 'reload@72']);
  });

  it('the heartbeat timeout is 10 s', () => {
    expect(CFG.heartbeatTimeoutMs).toBe(10_000);
    let s = decideWatchdog(initialWatchdogState(0), { type: 'heartbeat', at: 100 * S }).state;
    expect(decideWatchdog(s, { type: 'tick', at: 110 * S }).action.kind).toBe('none');
    s = decideWatchdog(s, { type: 'tick', at: 110 * S }).state;
    expect(decideWatchdog(s, { type: 'tick', at: 110 * S + 1 }).action.kind).toBe('reload');
  });
});

describe('memory watch', () => {
  it.each<[string, { usedMb: number; idleS: number }[], boolean]>([
    ['low memory → no relaunch', [{ usedMb: 400, idleS: 9999 }], false],
    ['one spike above the soft limit → no relaunch', [{ usedMb: 1600, idleS: 9999 }], false],
    ['three samples above soft while idle', [1, 2, 3].map(() => ({ usedMb: 1600, idleS: 300 })), true],
    ['three samples above soft while in use', [1, 2, 3].map(() => ({ usedMb: 1600, idleS: 5 })), false],
    ['above soft, dips, above again', [{ usedMb: 1600, idleS: 300 }, { usedMb: 1600, idleS: 300 }, { usedMb: 900, idleS: 300 }, { usedMb: 1600, idleS: 300 }], false],
    ['above the hard limit even while in use', [{ usedMb: 2600, idleS: 0 }], true],
  ])('%s', (_name, samples, expected) => {
    let state = { overSoftCount: 0 };
    let relaunch = false;
    for (const s of samples) {
      const r = decideMemory(state, s);
      state = r.state;
      relaunch = r.relaunch;
    }
    expect(relaunch).toBe(expected);
  });
});

describe('nightly relaunch and the maintenance window', () => {
  const window = { start: '02:00', end: '04:00', tz: 'Europe/Berlin' };
  it.each<[string, string, number, string | null, boolean]>([
    ['03:00 Berlin, idle 15 min, not yet tonight', '2026-11-25T02:00:00Z', 900, null, true],
    ['03:00 Berlin but somebody used it 2 min ago', '2026-11-25T02:00:00Z', 120, null, false],
    ['03:00 Berlin, already relaunched tonight', '2026-11-25T02:00:00Z', 900, '2026-11-25', false],
    ['03:00 Berlin, last relaunch was yesterday', '2026-11-25T02:00:00Z', 900, '2026-11-24', true],
    ['midday, idle for hours', '2026-11-25T11:00:00Z', 99_999, null, false],
  ])('%s', (_name, at, idleS, lastDay, expected) => {
    expect(shouldRelaunchNightly({ now: new Date(at), window, idleS, lastDay }).relaunch).toBe(expected);
  });

  it('local day and window edges use the configured time zone', () => {
    expect(localDay(new Date('2026-11-24T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-25');
    expect(isInsideWindow(new Date('2026-11-25T01:00:00Z'), window)).toBe(true); // 02:00 Berlin
    expect(isInsideWindow(new Date('2026-11-25T00:59:59Z'), window)).toBe(false);
    expect(isInsideWindow(new Date('2026-11-25T03:00:00Z'), window)).toBe(false); // 04:00 Berlin
    expect(isInsideWindow(new Date('2026-11-25T01:00:00Z'), { start: '02:00', end: '02:00', tz: 'Europe/Berlin' })).toBe(false);
  });
});
