// Attacks on the kiosk's staff-only calls (issue 13): every staff call without a session, with a malformed token,
// with a well-formed but never issued token, with an ended and an expired session is refused; with a live session
// it reaches the handler. syncNow answers "next try at …" within the backoff / Retry-After instead of hammering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { SESSION_TTL_MS } from '../../electron/services/fleet/staff-auth';
import { silentLog } from '../../electron/services/log';
import { CityApiError, type CityApiClient } from '../../electron/services/sync/city-api-client';
import { SETUP_PIN } from '../../shared/contract/fleet';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { FakeClock } from '../fakes/fake-clock';

const CTX = { transport: 'http' as const };

/** Every call that needs the staff session, with an otherwise valid input. */
const STAFF_CALLS: Record<string, Record<string, unknown>> = {
  testPrint: {},
  makeBrochure: {},
  syncNow: {},
  getStaffStatus: {},
  staffAction: { action: 'reload' },
  setCityApi: { baseUrl: 'http://127.0.0.1:9/', apiToken: 'x'.repeat(32) },
  setStaffPin: { newPin: '97531' },
};

let tries = 0;
const rateLimited: CityApiClient = {
  getTaxonomy: async () => {
    tries++;
    throw new CityApiError('rate_limited', 'taxonomy: 429', 429, 600);
  },
  getOffersPage: async () => {
    throw new CityApiError('rate_limited', 'offers: 429', 429, 600);
  },
  getEvents: async () => '',
  getImage: async () => {
    throw new CityApiError('rate_limited', 'image: 429', 429, 600);
  },
};

let dir = '';
let runtime: KioskRuntime;
const clock = new FakeClock('2026-11-25T10:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gk-sec-staff-'));
  runtime = composeKiosk({
    dataDir: dir,
    config: kioskConfigSchema.parse({ kioskId: 'sec', cityApi: { baseUrl: 'http://127.0.0.1:9/', token: 't'.repeat(32), syncIntervalS: 900 } }),
    version: 'test',
    clock,
    log: silentLog,
    sync: { manualOnly: true, cityClient: () => rateLimited, random: () => 0, requestRetry: { maxTries: 1 } },
    fleet: { timers: false },
  });
});
afterAll(async () => {
  await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
});

const unlock = async () => {
  const env = await runtime.dispatch('staffUnlock', { pin: SETUP_PIN }, CTX);
  if (!env.ok) throw new Error(env.error.message);
  return (env.value as { token: string }).token;
};
const codeOf = async (name: string, input: unknown) => {
  const env = await runtime.dispatch(name, input, CTX);
  return env.ok ? 'ok' : env.error.code;
};

describe('kiosk staff calls without a valid session are refused', () => {
  const badTokens: [string, () => Promise<unknown>][] = [
    ['no token', async () => undefined],
    ['empty token', async () => ''],
    ['short token', async () => 'abc'],
    ['upper-case hex', async () => 'A'.repeat(64)],
    ['token with a newline', async () => `${'a'.repeat(64)}\n`],
    ['number instead of a string', async () => 12345],
    ['never issued token', async () => 'a'.repeat(64)],
    [
      'ended session (staffLock)',
      async () => {
        const t = await unlock();
        await runtime.dispatch('staffLock', { token: t }, CTX);
        return t;
      },
    ],
    [
      'expired session',
      async () => {
        const t = await unlock();
        clock.advance(SESSION_TTL_MS + 1000);
        return t;
      },
    ],
  ];
  for (const [name, input] of Object.entries(STAFF_CALLS)) {
    for (const [label, token] of badTokens) {
      it(`${name}: ${label}`, async () => {
        const t = await token();
        const code = await codeOf(name, t === undefined ? input : { ...input, token: t });
        expect(['forbidden', 'invalid_input']).toContain(code);
      });
    }
  }

  it('with a live session the same calls reach their handlers (not refused as forbidden)', async () => {
    const token = await unlock();
    for (const name of ['testPrint', 'getStaffStatus', 'syncNow']) {
      expect(await codeOf(name, { ...STAFF_CALLS[name], token })).not.toMatch(/forbidden|invalid_input/);
    }
  });
});

describe('syncNow respects the backoff and Retry-After', () => {
  it('after a 429 with Retry-After: 600 a staff "sync now" answers the next try time and sends nothing', async () => {
    const idle = async () => ((await runtime.dispatch('getSyncStatus', {}, CTX)) as { value: { running: boolean } }).value.running;
    await expect.poll(idle).toBe(false);
    clock.advance(601_000); // past the backoff of the sync the test above started
    const token = await unlock();
    tries = 0;
    const next = new Date(clock.now().getTime() + 600_000).toISOString();
    const first = await runtime.dispatch('syncNow', { token }, CTX);
    expect(first).toMatchObject({ ok: true, value: { started: true } });
    await expect.poll(idle).toBe(false);
    expect(tries).toBe(1);
    const again = [];
    for (let i = 0; i < 5; i++) again.push(await runtime.dispatch('syncNow', { token }, CTX));
    for (const env of again) expect(env).toMatchObject({ ok: true, value: { started: false, nextTryAt: next } });
    expect(tries).toBe(1);
    const action = await runtime.dispatch('staffAction', { token, action: 'sync_now' }, CTX);
    expect(action).toMatchObject({ ok: true, value: { ok: false, outcome: 'deferred', detail: next } });
    expect(tries).toBe(1);
    clock.advance(600_000);
    expect(await runtime.dispatch('syncNow', { token: await unlock() }, CTX)).toMatchObject({ ok: true, value: { started: true } });
  });
});
