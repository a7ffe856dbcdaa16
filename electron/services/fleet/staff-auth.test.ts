import { describe, expect, it } from 'vitest';
import { SETUP_PIN } from '../../../shared/contract/fleet';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { createHash } from 'node:crypto';
import { createStaffAuth, LOCKOUT_KEY, makeStoredPin, SESSION_TTL_MS, verifyPin, type StoredPin } from './staff-auth';
import { createMemoryStore } from './sync-state-store';

function setup(pin: StoredPin | null = makeStoredPin('13579')) {
  const clock = new FakeClock('2026-11-25T10:00:00Z');
  const store = createMemoryStore();
  let stored = pin;
  const make = () => createStaffAuth({ clock, store, storedPin: () => stored });
  return { clock, store, auth: make(), make, setPin: (p: StoredPin | null) => (stored = p) };
}

describe('staff PIN', () => {
  it('stores only a salted scrypt hash; the same PIN gets different salts', () => {
    const a = makeStoredPin('13579');
    const b = makeStoredPin('13579');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(a).not.toBe(b);
    expect(verifyPin('13579', a)).toBe(true);
    expect(verifyPin('13578', a)).toBe(false);
    expect(a).not.toContain('13579');
    // never a plain SHA-256 of the PIN (with or without the salt)
    const salt = a.split('$')[4]!;
    for (const plain of ['13579', `${salt}:13579`]) expect(a).not.toContain(createHash('sha256').update(plain).digest('hex'));
  });

  it('refuses malformed or too costly hashes instead of throwing', () => {
    const good = makeStoredPin('13579');
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of [`scrypt$1048576$${r}$${p}$${salt}$${key}`, `scrypt$1000$${r}$${p}$${salt}$${key}`, `scrypt$16384$${r}$${p}$${salt}$zz`, 'scrypt$', '']) {
      expect(verifyPin('13579', bad)).toBe(false);
    }
  });

  it('an old SHA-256 staffPin still opens once and is rewritten as scrypt', () => {
    const legacy = { salt: 'abcdef0123456789', sha256: createHash('sha256').update('abcdef0123456789:13579').digest('hex') };
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    let stored: StoredPin = legacy;
    const auth = createStaffAuth({ clock, store: createMemoryStore(), storedPin: () => stored, rehash: (next) => (stored = next) });
    expect(auth.unlock('11111').ok).toBe(false);
    expect(stored).toBe(legacy);
    expect(auth.unlock('13579').ok).toBe(true);
    expect(stored).toMatch(/^scrypt\$/);
    expect(auth.unlock('13579').ok).toBe(true);
  });

  it('the fleet-wide remote PIN is a scrypt hash too', () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const remote = makeStoredPin('8642');
    const auth = createStaffAuth({ clock, store: createMemoryStore(), storedPin: () => null, remotePinHash: () => remote });
    expect(auth.setupPinActive()).toBe(false);
    expect(auth.unlock(SETUP_PIN).ok).toBe(false);
    expect(auth.unlock('8642').ok).toBe(true);
  });

  it('a correct PIN still unlocks when the disk is full; wrong tries still count (in memory) then', () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const store = createMemoryStore();
    let full = false;
    const diskFull = () => {
      if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const fullStore = {
      get: store.get,
      set: (k: string, v: unknown) => (diskFull(), store.set(k, v)),
      update: <T,>(k: string, fn: (c: T | null) => T) => (diskFull(), store.update(k, fn)),
    };
    const errors: unknown[] = [];
    const pin = makeStoredPin('13579');
    const auth = createStaffAuth({ clock, store: fullStore, storedPin: () => pin, onStoreError: (e) => errors.push(e) });
    auth.unlock('11111');
    full = true;
    const ok = auth.unlock('13579');
    expect(ok.ok).toBe(true);
    expect(auth.verify(ok.token!)).toBe(true);
    expect(errors).toHaveLength(1);
    // filling the disk does not lift the lockout: 5 wrong tries lock although nothing can be written
    for (let i = 0; i < 4; i++) expect(auth.unlock('11111').lockedUntil).toBeNull();
    expect(auth.unlock('11111').lockedUntil).toBe('2026-11-25T10:05:00.000Z');
    expect(auth.unlock('13579').ok).toBe(false);
    expect(store.get(LOCKOUT_KEY)).toMatchObject({ failures: 1 }); // the last write that got through
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
