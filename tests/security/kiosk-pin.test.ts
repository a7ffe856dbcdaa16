// Attacks on the kiosk staff PIN (issue 13): replayed and brute-forced attempts, attempts split over two
// connections to the same database, cheap or forged hashes from kiosk.json or the city API, a full disk.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import { parseRemoteConfig } from '../../electron/services/fleet/remote-config';
import { createStaffAuth, LOCKOUT_KEY, makeStoredPin, verifyPin } from '../../electron/services/fleet/staff-auth';
import { createSyncStateStore } from '../../electron/services/fleet/sync-state-store';
import { MAX_PIN_ATTEMPTS, SETUP_PIN } from '../../shared/contract/fleet';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { FakeClock } from '../fakes/fake-clock';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function twoConnections(): [Db, Db] {
  const dir = mkdtempSync(join(tmpdir(), 'gk-sec-pin-'));
  const a = openDatabase({ file: join(dir, 'kiosk.sqlite') });
  const b = openDatabase({ file: join(dir, 'kiosk.sqlite') });
  cleanup.push(() => {
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return [a, b];
}

const PIN = makeStoredPin('13579');

describe('replayed and brute-forced PIN attempts', () => {
  it('replaying the same wrong PIN locks after 5 tries; the right PIN and old tokens are refused while locked', () => {
    const [db] = twoConnections();
    const clock = new FakeClock();
    const auth = createStaffAuth({ clock, store: createSyncStateStore(db), storedPin: () => PIN });
    const before = auth.unlock('13579').token!;
    auth.lock(before);
    const replies = Array.from({ length: 8 }, () => auth.unlock('00000'));
    expect(replies.map((r) => r.attemptsLeft)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    expect(auth.unlock('13579')).toMatchObject({ ok: false, token: null });
    expect(auth.verify(before)).toBe(false); // an ended session cannot be replayed
  });

  it('wrong tries split over two connections (a second process) are counted together, in one transaction each', () => {
    const [a, b] = twoConnections();
    const clock = new FakeClock();
    const authA = createStaffAuth({ clock, store: createSyncStateStore(a), storedPin: () => PIN });
    const authB = createStaffAuth({ clock, store: createSyncStateStore(b), storedPin: () => PIN });
    for (let i = 0; i < MAX_PIN_ATTEMPTS - 1; i++) (i % 2 ? authA : authB).unlock('00000');
    expect(authA.unlock('00000').lockedUntil).not.toBeNull();
    expect(authB.unlock('13579').ok).toBe(false);
  });

  it('the counter is written inside BEGIN IMMEDIATE (a second writer waits for it)', () => {
    const [a] = twoConnections();
    const store = createSyncStateStore(a);
    let inTx = false;
    store.update(LOCKOUT_KEY, (s) => {
      inTx = a.inTransaction;
      return s ?? { failures: 0, lockedUntil: null };
    });
    expect(inTx).toBe(true);
  });

  it('the setup PIN does not open once a PIN or a remote PIN hash is set', () => {
    const clock = new FakeClock();
    const [db] = twoConnections();
    const remote = createStaffAuth({ clock, store: createSyncStateStore(db), storedPin: () => null, remotePinHash: () => makeStoredPin('8642') });
    expect(remote.unlock(SETUP_PIN).ok).toBe(false);
  });
});

describe('cheap or forged PIN hashes are refused', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  it('the city API cannot set an unsalted SHA-256 fleet PIN; a scrypt hash is taken', () => {
    const old = parseRemoteConfig({ admin_pin_sha256: sha('1234') });
    expect(old.adminPinHash).toBeNull();
    expect(old.rejected).toContain('admin_pin_sha256');
    const scrypt = makeStoredPin('1234');
    expect(parseRemoteConfig({ admin_pin_hash: scrypt }).adminPinHash).toBe(scrypt);
  });

  const good = makeStoredPin('1234');
  const [, , , , salt, key] = good.split('$');
  const forged: [string, string][] = [
    ['plain sha256 as the hash', sha('1234')],
    ['N = 2 (instant brute force)', `scrypt$2$8$1$${salt}$${key}`],
    ['N = 2^20 (a gigabyte per try, denial of service)', `scrypt$1048576$8$1$${salt}$${key}`],
    ['N not a power of two', `scrypt$20000$8$1$${salt}$${key}`],
    ['r = 1', `scrypt$16384$1$1$${salt}$${key}`],
    ['p = 9', `scrypt$16384$8$9$${salt}$${key}`],
    ['empty salt', `scrypt$16384$8$1$$${key}`],
    ['short key', `scrypt$16384$8$1$${salt}$${key!.slice(0, 16)}`],
    ['upper-case hex', `scrypt$16384$8$1$${salt!.toUpperCase()}$${key}`],
  ];
  for (const [label, value] of forged) {
    it(`remote admin_pin_hash: ${label}`, () => {
      const r = parseRemoteConfig({ admin_pin_hash: value });
      expect(r.adminPinHash).toBeNull();
      expect(r.rejected).toContain('admin_pin_hash');
    });
    it(`kiosk.json staffPin: ${label}`, () => {
      expect(kioskConfigSchema.safeParse({ staffPin: value }).success).toBe(false);
      expect(verifyPin('1234', value)).toBe(false);
    });
  }
});
