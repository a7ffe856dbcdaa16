import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_PIN_ATTEMPTS, PIN_LOCKOUT_MS, SETUP_PIN, type StaffUnlockResult } from '../../../shared/contract/fleet';
import type { Clock } from '../../../shared/logic/clock';
import type { KeyValueStore } from './sync-state-store';

export interface StoredPin {
  salt: string;
  sha256: string;
}

/** sha256 over salt, a separator and the PIN, hex. */
export function hashPin(pin: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${pin}`, 'utf8').digest('hex');
}

export function makeStoredPin(pin: string): StoredPin {
  const salt = randomBytes(16).toString('hex');
  return { salt, sha256: hashPin(pin, salt) };
}

function sameHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && ba.length > 0 && timingSafeEqual(ba, bb);
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
  /** Optional fleet-wide PIN from the city API (unsalted sha256), used only when kiosk.json has no staffPin. */
  remotePinSha256?(): string | null;
}

/**
 * Staff PIN check on the main side: salted hash, MAX_PIN_ATTEMPTS wrong tries → lockout for PIN_LOCKOUT_MS.
 * The counter and the lockout are persisted (sync_state), so reloading the UI or restarting does not reset them.
 * A correct PIN yields a random session token valid for SESSION_TTL_MS after its last use.
 */
export function createStaffAuth(deps: StaffAuthDeps) {
  const sessions = new Map<string, number>();
  const now = () => deps.clock.now().getTime();

  const loadLockout = (): LockoutState => {
    const s = deps.store.get<LockoutState>(LOCKOUT_KEY);
    const state = s && typeof s.failures === 'number' ? s : { failures: 0, lockedUntil: null };
    if (state.lockedUntil !== null && now() >= state.lockedUntil) return { failures: 0, lockedUntil: null };
    return state;
  };

  const check = (pin: string): { ok: boolean; setupPin: boolean } => {
    const stored = deps.storedPin();
    if (stored) return { ok: sameHex(hashPin(pin, stored.salt), stored.sha256), setupPin: false };
    const remote = deps.remotePinSha256?.() ?? null;
    if (remote) return { ok: sameHex(createHash('sha256').update(pin, 'utf8').digest('hex'), remote), setupPin: false };
    return { ok: pin === SETUP_PIN, setupPin: true };
  };

  const prune = () => {
    for (const [t, exp] of sessions) if (exp <= now()) sessions.delete(t);
  };

  return {
    unlock(pin: string): StaffUnlockResult {
      const lockout = loadLockout();
      if (lockout.lockedUntil !== null) {
        return { ok: false, token: null, attemptsLeft: 0, lockedUntil: new Date(lockout.lockedUntil).toISOString(), setupPin: false };
      }
      const result = check(pin);
      if (!result.ok) {
        const failures = lockout.failures + 1;
        const lockedUntil = failures >= MAX_PIN_ATTEMPTS ? now() + PIN_LOCKOUT_MS : null;
        deps.store.set(LOCKOUT_KEY, { failures: lockedUntil ? 0 : failures, lockedUntil });
        return {
          ok: false,
          token: null,
          attemptsLeft: lockedUntil ? 0 : MAX_PIN_ATTEMPTS - failures,
          lockedUntil: lockedUntil ? new Date(lockedUntil).toISOString() : null,
          setupPin: false,
        };
      }
      deps.store.set(LOCKOUT_KEY, { failures: 0, lockedUntil: null });
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
      return !deps.storedPin() && !deps.remotePinSha256?.();
    },
  };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
