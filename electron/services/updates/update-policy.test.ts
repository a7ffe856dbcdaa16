import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { silentLog } from '../log';
import { mayInstall, nextUpdateState, DEFAULT_UPDATE_POLICY, type UpdateState, type UsageContext } from './update-policy';
import { createUpdateService } from './update-service';
import { FakeUpdater } from '../../../tests/fakes/fake-updater';

const cfg = DEFAULT_UPDATE_POLICY;
const window = { start: '02:00', end: '04:00', tz: 'Europe/Berlin' };
// 2026-11-25 is winter time: Berlin = UTC+1, so 02:30 Berlin = 01:30Z.
const IN_WINDOW = Date.parse('2026-11-25T01:30:00Z');
const BEFORE_WINDOW = Date.parse('2026-11-25T00:59:00Z'); // 01:59 Berlin
const AT_END = Date.parse('2026-11-25T03:00:00Z'); // 04:00 Berlin (end is exclusive)
const MIDDAY = Date.parse('2026-11-25T11:00:00Z');

const ctx = (over: Partial<UsageContext>): UsageContext => ({ now: IN_WINDOW, idleS: 3600, printing: false, formDirty: false, window, ...over });
const ready: UpdateState = { kind: 'ready', lastCheckAt: 0, version: '1.2.0' };

describe('update policy: installing', () => {
  it.each([
    ['inside window, idle 1 h, nothing going on', ctx({}), 'installing'],
    ['inside window, idle exactly 10 min', ctx({ idleS: 600 }), 'installing'],
    ['inside window but idle only 9 min 59 s', ctx({ idleS: 599 }), 'ready'],
    ['inside window but a slip is printing', ctx({ printing: true }), 'ready'],
    ['inside window but a form holds unsent input', ctx({ formDirty: true }), 'ready'],
    ['one minute before the window', ctx({ now: BEFORE_WINDOW }), 'ready'],
    ['at the end of the window', ctx({ now: AT_END }), 'ready'],
    ['midday while idle for hours', ctx({ now: MIDDAY, idleS: 20_000 }), 'ready'],
    ['window in another time zone (UTC 02:00–04:00), 01:30Z', ctx({ window: { ...window, tz: 'UTC' } }), 'ready'],
    ['window in UTC, 02:30Z', ctx({ now: Date.parse('2026-11-25T02:30:00Z'), window: { ...window, tz: 'UTC' } }), 'installing'],
    ['window across midnight 23:00–01:00 at 00:15 Berlin', ctx({ now: Date.parse('2026-11-24T23:15:00Z'), window: { start: '23:00', end: '01:00', tz: 'Europe/Berlin' } }), 'installing'],
    ['window across midnight 23:00–01:00 at 01:15 Berlin', ctx({ now: Date.parse('2026-11-25T00:15:00Z'), window: { start: '23:00', end: '01:00', tz: 'Europe/Berlin' } }), 'ready'],
    ['summer time: 02:30 Berlin = 00:30Z in July', ctx({ now: Date.parse('2026-07-01T00:30:00Z') }), 'installing'],
  ])('%s → %s', (_name, c, expected) => {
    const r = nextUpdateState(ready, { type: 'tick', ctx: c }, cfg);
    expect(r.state.kind).toBe(expected);
    expect(r.effects).toEqual(expected === 'installing' ? ['install'] : []);
    expect(mayInstall(c, cfg.minIdleS)).toBe(expected === 'installing');
  });

  it('never installs from any state other than ready, whatever the context', () => {
    const states: UpdateState[] = [
      { kind: 'idle', lastCheckAt: IN_WINDOW },
      { kind: 'checking', lastCheckAt: null, since: IN_WINDOW },
      { kind: 'downloading', lastCheckAt: IN_WINDOW, version: '2', since: IN_WINDOW },
      { kind: 'error', lastCheckAt: IN_WINDOW, message: 'x', at: IN_WINDOW },
      { kind: 'installing', version: '2', since: IN_WINDOW },
    ];
    for (const s of states) expect(nextUpdateState(s, { type: 'tick', ctx: ctx({}) }, cfg).effects).not.toContain('install');
  });

  it('a sweep over a whole day installs only inside the window and only when idle and unused', () => {
    const start = Date.parse('2026-11-24T23:00:00Z'); // midnight Berlin
    for (let m = 0; m < 24 * 60; m += 7) {
      for (const usage of [
        { idleS: 0, printing: false, formDirty: false },
        { idleS: 3600, printing: true, formDirty: false },
        { idleS: 3600, printing: false, formDirty: true },
        { idleS: 3600, printing: false, formDirty: false },
      ]) {
        const now = start + m * 60_000;
        const r = nextUpdateState(ready, { type: 'tick', ctx: { now, window, ...usage } }, cfg);
        const berlinMinutes = m; // start is local midnight
        const inWindow = berlinMinutes >= 120 && berlinMinutes < 240;
        const allowed = inWindow && usage.idleS >= 600 && !usage.printing && !usage.formDirty;
        expect(r.state.kind, `minute ${m} ${JSON.stringify(usage)}`).toBe(allowed ? 'installing' : 'ready');
      }
    }
  });
});

describe('update policy: checking and downloading', () => {
  it.each<[string, UpdateState, Parameters<typeof nextUpdateState>[1], string, string[]]>([
    ['first tick after start checks', { kind: 'idle', lastCheckAt: null }, { type: 'tick', ctx: ctx({ now: MIDDAY }) }, 'checking', ['check']],
    ['checked 23 h ago: no check', { kind: 'idle', lastCheckAt: MIDDAY - 23 * 3600_000 }, { type: 'tick', ctx: ctx({ now: MIDDAY }) }, 'idle', []],
    ['checked 24 h ago: daily check', { kind: 'idle', lastCheckAt: MIDDAY - 24 * 3600_000 }, { type: 'tick', ctx: ctx({ now: MIDDAY }) }, 'checking', ['check']],
    ['staff asks to check', { kind: 'idle', lastCheckAt: MIDDAY }, { type: 'check_requested', at: MIDDAY }, 'checking', ['check']],
    ['update found → download', { kind: 'checking', lastCheckAt: null, since: 0 }, { type: 'update_available', at: 1, version: '2' }, 'downloading', ['download']],
    ['update found, no staging = everyone', { kind: 'checking', lastCheckAt: null, since: 0 }, { type: 'update_available', at: 1, version: '2' }, 'downloading', ['download']],
    ['nothing new', { kind: 'checking', lastCheckAt: null, since: 0 }, { type: 'update_not_available', at: 1 }, 'idle', []],
    ['download verified and done', { kind: 'downloading', lastCheckAt: 0, version: '2', since: 0 }, { type: 'downloaded', at: 1, version: '2' }, 'ready', []],
    ['download fails (e.g. sha512 mismatch)', { kind: 'downloading', lastCheckAt: 0, version: '2', since: 0 }, { type: 'failed', at: 1, message: 'sha512 checksum mismatch' }, 'error', []],
    ['check hangs for 2 h', { kind: 'checking', lastCheckAt: null, since: MIDDAY - 2 * 3600_000 }, { type: 'tick', ctx: ctx({ now: MIDDAY }) }, 'error', []],
    ['error retried after 1 h', { kind: 'error', lastCheckAt: null, message: 'x', at: MIDDAY - 3600_000 }, { type: 'tick', ctx: ctx({ now: MIDDAY }) }, 'checking', ['check']],
    ['error not retried after 59 min', { kind: 'error', lastCheckAt: null, message: 'x', at: MIDDAY - 59 * 60_000 }, { type: 'tick', ctx: ctx({ now: MIDDAY }) }, 'error', []],
    ['ready ignores a check request', ready, { type: 'check_requested', at: MIDDAY }, 'ready', []],
    ['installing stays installing', { kind: 'installing', version: '2', since: 0 }, { type: 'check_requested', at: MIDDAY }, 'installing', []],
  ])('%s', (_name, state, event, expected, effects) => {
    const r = nextUpdateState(state, event, cfg);
    expect(r.state.kind).toBe(expected);
    expect(r.effects).toEqual(effects);
  });

});

describe('update service with a fake updater and a fake clock', () => {
  it('checks on start, downloads in the background, installs only in the window when idle', () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const updater = new FakeUpdater();
    updater.available = { version: '0.2.0' };
    let idleS = 0;
    const svc = createUpdateService({ updater, clock, log: silentLog, usage: () => ({ idleS, printing: false, formDirty: false, window }) });
    svc.tick();
    expect(updater.calls).toEqual(['check', 'download']);
    expect(svc.state().kind).toBe('ready');
    for (let h = 0; h < 14; h++) {
      clock.advance(3600_000);
      svc.tick();
    } // 00:00Z = 01:00 Berlin, still outside
    idleS = 30;
    clock.set('2026-11-26T01:30:00Z'); // 02:30 Berlin, but somebody is using it
    svc.tick();
    expect(updater.calls).not.toContain('install');
    idleS = 900;
    svc.tick();
    expect(updater.calls.at(-1)).toBe('install');
    expect(svc.state().kind).toBe('installing');
    svc.stop();
  });

  it('an updater that throws puts the policy into error', () => {
    const clock = new FakeClock();
    const updater = new FakeUpdater();
    updater.check = () => {
      throw new Error('feed unreachable');
    };
    const svc = createUpdateService({ updater, clock, log: silentLog, usage: () => ({ idleS: 0, printing: false, formDirty: false, window }) });
    svc.tick();
    expect(svc.state()).toMatchObject({ kind: 'error', message: 'feed unreachable' });
    svc.stop();
  });
});
