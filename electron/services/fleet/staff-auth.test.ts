import { describe, expect, it } from 'vitest';
import { SETUP_PIN } from '../../../shared/contract/fleet';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { createStaffAuth, hashPin, makeStoredPin, SESSION_TTL_MS, type StoredPin } from './staff-auth';
import { createMemoryStore } from './sync-state-store';

function setup(pin: StoredPin | null = makeStoredPin('13579')) {
  const clock = new FakeClock('2026-11-25T10:00:00Z');
  const store = createMemoryStore();
  let stored = pin;
  const make = () => createStaffAuth({ clock, store, storedPin: () => stored });
  return { clock, store, auth: make(), make, setPin: (p: StoredPin | null) => (stored = p) };
}

describe('staff PIN', () => {
  it('stores only a salted hash; the same PIN gets different salts', () => {
    const a = makeStoredPin('13579');
    const b = makeStoredPin('13579');
    expect(a.salt).not.toBe(b.salt);
    expect(a.sha256).not.toBe(b.sha256);
    expect(a.sha256).toBe(hashPin('13579', a.salt));
    expect(JSON.stringify(a)).not.toContain('13579');
  });

  it('the right PIN gives a session token; a wrong one does not', () => {
    const { auth } = setup();
    const bad = auth.unlock('00000');
    expect(bad).toMatchObject({ ok: false, token: null, attemptsLeft: 4, lockedUntil: null });
    const good = auth.unlock('13579');
    expect(good.ok).toBe(true);
    expect(good.token).toMatch(/^[0-9a-f]{64}$/);
    expect(good.attemptsLeft).toBe(5);
    expect(auth.verify(good.token!)).toBe(true);
    expect(auth.verify('f'.repeat(64))).toBe(false);
  });

  it('5 wrong tries lock for 5 minutes, even the right PIN; then it opens again', () => {
    const { auth, clock } = setup();
    const left = [1, 2, 3, 4].map(() => auth.unlock('11111').attemptsLeft);
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = auth.unlock('11111');
    expect(fifth).toMatchObject({ ok: false, attemptsLeft: 0, lockedUntil: '2026-11-25T10:05:00.000Z' });
    expect(auth.unlock('13579')).toMatchObject({ ok: false, token: null, lockedUntil: '2026-11-25T10:05:00.000Z' });
    clock.advance(4 * 60_000 + 59_000);
    expect(auth.unlock('13579').ok).toBe(false);
    clock.advance(1000);
    const after = auth.unlock('13579');
    expect(after.ok).toBe(true);
    expect(auth.unlock('22222').attemptsLeft).toBe(4); // counter starts again
  });

  it('the lockout survives a restart (state in sync_state, not memory)', () => {
    const { auth, make } = setup();
    for (let i = 0; i < 5; i++) auth.unlock('11111');
    const fresh = make();
    expect(fresh.unlock('13579')).toMatchObject({ ok: false, attemptsLeft: 0 });
  });

  it('wrong tries are counted across restarts too', () => {
    const { auth, make } = setup();
    auth.unlock('11111');
    auth.unlock('11111');
    expect(make().unlock('11111').attemptsLeft).toBe(2);
  });

  it('a correct PIN resets the counter', () => {
    const { auth } = setup();
    auth.unlock('11111');
    auth.unlock('11111');
    auth.unlock('13579');
    expect(auth.unlock('11111').attemptsLeft).toBe(4);
  });

  it('without a stored PIN only the setup PIN opens, and says so', () => {
    const { auth } = setup(null);
    expect(auth.setupPinActive()).toBe(true);
    expect(auth.unlock('13579').ok).toBe(false);
    expect(auth.unlock(SETUP_PIN)).toMatchObject({ ok: true, setupPin: true });
  });

  it('once a PIN is stored the setup PIN no longer opens', () => {
    const { auth } = setup();
    expect(auth.setupPinActive()).toBe(false);
    expect(auth.unlock(SETUP_PIN).ok).toBe(false);
  });

  it('sessions expire after 10 min without use and can be ended', () => {
    const { auth, clock } = setup();
    const t = auth.unlock('13579').token!;
    clock.advance(SESSION_TTL_MS - 1000);
    expect(auth.verify(t)).toBe(true); // use extends it
    clock.advance(SESSION_TTL_MS - 1000);
    expect(auth.verify(t)).toBe(true);
    clock.advance(SESSION_TTL_MS);
    expect(auth.verify(t)).toBe(false);
    const t2 = auth.unlock('13579').token!;
    auth.lock(t2);
    expect(auth.verify(t2)).toBe(false);
  });
});
