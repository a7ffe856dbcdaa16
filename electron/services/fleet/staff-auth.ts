import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { MAX_PIN_ATTEMPTS, PIN_LOCKOUT_MS, SETUP_PIN, type StaffUnlockResult } from '../../../shared/contract/fleet';
import type { Clock } from '../../../shared/logic/clock';
import { parsePinHash, type LegacyStoredPin, type PinHash } from '../../../shared/schemas/pin-hash';
import type { KeyValueStore } from './sync-state-store';

/** What kiosk.json's `staffPin` may hold: a `scrypt$…` string, or the old `{salt, sha256}` (migrated on first use). */
export type StoredPin = PinHash | LegacyStoredPin;

/** scrypt cost for new hashes: N = 2^14, r = 8, p = 1 (about 16 MB and 50 ms per check; 5 tries per 5 min). */
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

/** A new salted scrypt hash of the PIN: `scrypt$N$r$p$<salt hex>$<key hex>` (docs/kiosk-config.md). */
export function makeStoredPin(pin: string): PinHash {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, KEY_LEN, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** Constant-time check of a PIN against a stored hash; false for anything malformed. */
export function verifyPin(pin: string, stored: StoredPin): boolean {
  if (typeof stored !== 'string') {
    // Old kiosk.json (before issue 13): salted SHA-256, accepted only until the first correct unlock rewrites it.
    const digest = createHash('sha256').update(`${stored.salt}:${pin}`, 'utf8').digest();
    return sameBytes(digest, Buffer.from(stored.sha256, 'hex'));
  }
  const h = parsePinHash(stored);
  if (!h) return false;
  const expected = Buffer.from(h.key, 'hex');
  const key = scryptSync(pin, Buffer.from(h.salt, 'hex'), expected.length, { N: h.N, r: h.r, p: h.p, maxmem: 256 * 1024 * 1024 });
  return sameBytes(key, expected);
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export const LOCKOUT_KEY = 'fleet.staff_pin_lockout';
export const SESSION_TTL_MS = 10 * 60_000;
const MAX_SESSIONS = 4;

interface LockoutState {
  failures: number;
  lockedUntil: number | null;
}

export interface StaffAuthDeps {
  clock: Clock;
  store: KeyValueStore;
  /** Read on every attempt so a PIN change applies at once. */
  storedPin(): StoredPin | null;
  /** Optional fleet-wide PIN from the city API (`admin_pin_hash`, scrypt), used only when kiosk.json has no staffPin. */
  remotePinHash?(): PinHash | null;
  /** A correct PIN matched an old SHA-256 `staffPin`: store this scrypt hash instead (kiosk.json). */
  rehash?(next: PinHash): void;
  /** Logged when the lockout counter could not be written (disk full); the check then counts in memory. */
  onStoreError?(err: unknown): void;
}

/**
 * Staff PIN check on the main side: salted hash, MAX_PIN_ATTEMPTS wrong tries → lockout for PIN_LOCKOUT_MS.
 * The counter and the lockout are persisted (sync_state), so reloading the UI or restarting does not reset them.
 * A correct PIN yields a random session token valid for SESSION_TTL_MS after its last use.
 */
export function createStaffAuth(deps: StaffAuthDeps) {
  const sessions = new Map<string, number>();
  const now = () => deps.clock.now().getTime();
  // Mirror of the persisted counter: when the disk is full and the write fails, wrong tries still count (in memory),
  // so filling the disk never lifts the lockout; a correct PIN still opens.
  let memory: LockoutState = { failures: 0, lockedUntil: null };

  const current = (s: LockoutState | null): LockoutState => {
    const state = s && typeof s.failures === 'number' ? s : { failures: 0, lockedUntil: null };
    if (state.lockedUntil !== null && now() >= state.lockedUntil) return { failures: 0, lockedUntil: null };
    return state;
  };
  const stricter = (a: LockoutState, b: LockoutState): LockoutState => {
    const m = current(b);
    if (m.lockedUntil !== null && (a.lockedUntil === null || m.lockedUntil > a.lockedUntil)) return m;
    if (a.lockedUntil !== null) return a;
    return m.failures > a.failures ? m : a;
  };
  const readLockout = (): LockoutState => {
    try {
      return stricter(current(deps.store.get<LockoutState>(LOCKOUT_KEY)), memory);
    } catch (err) {
      deps.onStoreError?.(err);
      return current(memory);
    }
  };
  /** One read-modify-write of the counter in one BEGIN IMMEDIATE transaction; in memory when the disk refuses. */
  const updateLockout = (fn: (s: LockoutState) => LockoutState): LockoutState => {
    const apply = (s: LockoutState | null) => fn(stricter(current(s), memory));
    try {
      memory = deps.store.update<LockoutState>(LOCKOUT_KEY, apply);
    } catch (err) {
      deps.onStoreError?.(err);
      memory = apply(null);
    }
    return memory;
  };

  const check = (pin: string): { ok: boolean; setupPin: boolean; legacy: boolean } => {
    const stored = deps.storedPin();
    if (stored) return { ok: verifyPin(pin, stored), setupPin: false, legacy: typeof stored !== 'string' };
    const remote = deps.remotePinHash?.() ?? null;
    if (remote) return { ok: verifyPin(pin, remote), setupPin: false, legacy: false };
    return { ok: pin === SETUP_PIN, setupPin: true, legacy: false };
  };

  const prune = () => {
    for (const [t, exp] of sessions) if (exp <= now()) sessions.delete(t);
  };

  return {
    unlock(pin: string): StaffUnlockResult {
      const locked = readLockout();
      if (locked.lockedUntil !== null) {
        return { ok: false, token: null, attemptsLeft: 0, lockedUntil: new Date(locked.lockedUntil).toISOString(), setupPin: false };
      }
      const result = check(pin);
      if (!result.ok) {
        const after = updateLockout((s) => {
          if (s.lockedUntil !== null) return s; // another process locked meanwhile
          const failures = s.failures + 1;
          return failures >= MAX_PIN_ATTEMPTS ? { failures: 0, lockedUntil: now() + PIN_LOCKOUT_MS } : { failures, lockedUntil: null };
        });
        const until = after.lockedUntil;
        return {
          ok: false,
          token: null,
          attemptsLeft: until !== null ? 0 : Math.max(0, MAX_PIN_ATTEMPTS - after.failures),
          lockedUntil: until !== null ? new Date(until).toISOString() : null,
          setupPin: false,
        };
      }
      // Locked by another process between the read and now: still refused.
      const after = updateLockout((s) => (s.lockedUntil !== null ? s : { failures: 0, lockedUntil: null }));
      if (after.lockedUntil !== null) {
        return { ok: false, token: null, attemptsLeft: 0, lockedUntil: new Date(after.lockedUntil).toISOString(), setupPin: false };
      }
      if (result.legacy) {
        try {
          deps.rehash?.(makeStoredPin(pin));
        } catch (err) {
          deps.onStoreError?.(err);
        }
      }
      prune();
      while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      const token = randomBytes(32).toString('hex');
      sessions.set(token, now() + SESSION_TTL_MS);
      return { ok: true, token, attemptsLeft: MAX_PIN_ATTEMPTS, lockedUntil: null, setupPin: result.setupPin };
    },
    /** Whether the token is a live session; extends it. */
    verify(token: string): boolean {
      prune();
      if (!sessions.has(token)) return false;
      sessions.set(token, now() + SESSION_TTL_MS);
      return true;
    },
    lock(token: string): void {
      sessions.delete(token);
    },
    /** The setup PIN is what opens the staff screen now. */
    setupPinActive(): boolean {
      return !deps.storedPin() && !deps.remotePinHash?.();
    },
  };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
