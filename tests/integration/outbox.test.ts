import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/logic/clock';
import { kioskConfigSchema, type KioskConfig } from '../../shared/schemas/kiosk-config';
import type { WishInput } from '../../shared/schemas/wish';
import { createConfigStore } from '../../electron/services/config/config-store';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import type { ServiceDeps } from '../../electron/services/feature';
import { silentLog } from '../../electron/services/log';
import { defaultWishesAdapters } from '../../electron/services/outbox/wishes-adapters';
import { createWishesFeature } from '../../electron/services/outbox/wishes-feature';
import { startFakeWishApi, type FakeWishApi, type WishApiBehaviour } from '../fakes/fake-wish-api';

const CTX = { transport: 'http' as const };

async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('wish outbox against a fake city API on 127.0.0.1', () => {
  let api: FakeWishApi;
  let dir: string;
  let db: Db;
  let feature: ReturnType<typeof createWishesFeature>;
  let deps: ServiceDeps;

  const configFor = (token = api.token): KioskConfig =>
    kioskConfigSchema.parse({ kioskId: 'test-kiosk', cityApi: { baseUrl: api.baseUrl, token } });

  function startKiosk(config: KioskConfig) {
    db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    deps = { db, config: createConfigStore(config), dataDir: dir, clock: systemClock, log: silentLog, version: '9.9.9' };
    feature = createWishesFeature(deps, {
      ...defaultWishesAdapters(deps),
      sender: { backoff: { baseMs: 20, capMs: 200, minMs: 5 }, timeoutMs: 400, idlePollMs: 200 },
    });
    feature.start?.();
  }
  async function stopKiosk() {
    await feature.stop?.();
    db.close();
  }

  beforeEach(async () => {
    api = await startFakeWishApi();
    dir = mkdtempSync(join(tmpdir(), 'outbox-it-'));
  });
  afterEach(async () => {
    await stopKiosk().catch(() => {});
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const submit = (text: string, extra: Partial<WishInput> = {}) =>
    feature.handlers.submitWish({ text, language: 'de', contact_consent: false, ...extra }, CTX);
  const status = () => feature.handlers.getOutboxStatus({}, CTX);
  const delivered = () => (db.prepare(`SELECT COUNT(*) AS n FROM wish_outbox WHERE state = 'delivered'`).get() as { n: number }).n;

  /** Every saved key is stored exactly once on the server, and nothing else is. */
  function expectExactlyOnce(keys: string[]) {
    expect([...api.stored.keys()].sort()).toEqual([...keys].sort());
    for (const k of keys) expect(api.storeCount.get(k)).toBe(1);
    const texts = [...api.stored.values()].map((w) => w.body.text);
    expect(new Set(texts).size).toBe(texts.length);
  }

  it('delivers with the contract headers and body; 201 then delivered', async () => {
    startKiosk(configFor());
    const { key } = await submit('Ein Erzählcafé', { interests: ['kultur'], age_group: 'senioren', district: 'kaldauen' });
    await waitFor(() => delivered() === 1, 'delivery');
    const w = api.stored.get(key)!;
    expect(w.headers['idempotency-key']).toBe(key);
    expect(w.headers.authorization).toBe(`Bearer ${api.token}`);
    expect(w.headers['user-agent']).toBe('gemeinsam-kiosk/9.9.9');
    expect(w.body).toMatchObject({
      text: 'Ein Erzählcafé',
      interests: ['kultur'],
      age_group: 'senioren',
      district: 'kaldauen',
      language: 'de',
      kiosk_id: 'test-kiosk',
      contact_consent: false,
    });
    expect(w.body).not.toHaveProperty('contact');
    expect(await status()).toMatchObject({ pending: 0, delivered: 1, rejected: 0, lastError: null, waitingReason: null });
  });

  it('server down (connection refused) for a while: wishes wait, then each arrives exactly once', async () => {
    await api.down();
    startKiosk(configFor());
    const keys: string[] = [];
    for (let i = 0; i < 8; i++) keys.push((await submit(`Wunsch ${i} während der Störung`)).key);
    await waitFor(() => (db.prepare('SELECT MAX(attempts) AS a FROM wish_outbox').get() as { a: number }).a >= 3, 'several failed attempts');
    expect(api.stored.size).toBe(0);
    const st = await status();
    expect(st.pending).toBe(8);
    expect(st.lastError).toMatch(/^network: /);
    await api.up();
    await waitFor(() => delivered() === 8, 'all delivered after the server came back');
    expectExactlyOnce(keys);
  });

  it('slow server beyond the kiosk timeout: the retry gets 200 for the known key, stored once', async () => {
    startKiosk(configFor());
    api.script({ kind: 'slow', delayMs: 1_200 });
    const { key } = await submit('Langsamer Server');
    await waitFor(() => delivered() === 1, 'delivered after timeout and retry');
    expect(api.requests.filter((r) => r.key === key).map((r) => r.status)).toContain(200);
    expectExactlyOnce([key]);
  });

  it('5xx answers are retried until the wish arrives', async () => {
    startKiosk(configFor());
    api.script({ kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 504 });
    const { key } = await submit('Nach drei Serverfehlern');
    await waitFor(() => delivered() === 1, 'delivered after 5xx');
    expect(api.requests.map((r) => r.status)).toEqual([500, 502, 504, 201]);
    expectExactlyOnce([key]);
  });

  it('429 and 503 with Retry-After (seconds and HTTP date) are honoured', async () => {
    startKiosk(configFor());
    api.script({ kind: 'status', status: 429, retryAfter: '1' });
    const { key } = await submit('Bitte warten');
    await waitFor(() => api.requests.length === 1, 'first attempt');
    await waitFor(() => (db.prepare('SELECT attempts FROM wish_outbox WHERE key = ?').get(key) as { attempts: number }).attempts === 1, 'attempt recorded');
    const row = db.prepare('SELECT next_attempt_at FROM wish_outbox WHERE key = ?').get(key) as { next_attempt_at: string };
    const lastAttempt = (await status()).lastAttemptAt!;
    // the server said 1 s; our own backoff would have said at most 200 ms
    expect(Date.parse(row.next_attempt_at) - Date.parse(lastAttempt)).toBeGreaterThanOrEqual(1_000);
    await waitFor(() => delivered() === 1, 'delivered after Retry-After');

    const date = new Date(Date.now() + 1_000).toUTCString();
    api.script({ kind: 'status', status: 503, retryAfter: date });
    const second = await submit('Wartung');
    await waitFor(() => delivered() === 2, 'delivered after 503');
    expect(api.requests.map((r) => r.status)).toEqual([429, 201, 503, 201]);
    expectExactlyOnce([key, second.key]);
  });

  it('accepted then connection cut before the reply: resent with the same key, counted once', async () => {
    startKiosk(configFor());
    api.script({ kind: 'accept-then-destroy' }, { kind: 'accept-then-destroy' });
    const { key } = await submit('Abgerissene Verbindung');
    await waitFor(() => delivered() === 1, 'delivered');
    expect(api.requests.map((r) => r.status)).toEqual(['destroyed', 'destroyed', 200]);
    expectExactlyOnce([key]);
  });

  it('a 2xx page that is not the city API does not count as delivered', async () => {
    startKiosk(configFor());
    api.script({ kind: 'bogus-2xx' });
    const { key } = await submit('Hotel-WLAN');
    await waitFor(() => delivered() === 1, 'delivered');
    expect(api.requests).toHaveLength(2);
    expectExactlyOnce([key]);
  });

  it('422: rejected, kept for staff with the reason, never retried automatically', async () => {
    startKiosk(configFor());
    api.script({ kind: 'status', status: 422, body: { error: 'district unknown' } });
    const bad = await submit('Abgelehnt');
    // the 422 is for the next request: let the bad wish take it (two wishes queued in the same millisecond go out
    // in key order, so the good one sometimes got the 422 — failed once in CI)
    await waitFor(() => api.requests.some((r) => r.key === bad.key), 'the first wish reaches the server');
    const good = await submit('Angenommen');
    await waitFor(() => delivered() === 1, 'the other wish still goes out');
    await new Promise((r) => setTimeout(r, 300));
    expect(api.requests.filter((r) => r.key === bad.key)).toHaveLength(1);
    const st = await status();
    expect(st).toMatchObject({ pending: 0, delivered: 1, rejected: 1 });
    expect(st.rejectedItems).toEqual([{ key: bad.key, created_at: expect.any(String), error: 'HTTP 422: district unknown' }]);
    expect(JSON.stringify(st)).not.toContain('Abgelehnt');
    expectExactlyOnce([good.key]);
  });

  it('401 (kiosk not registered) keeps the wishes; a corrected token sends them at once', async () => {
    startKiosk(configFor('wrong-token'));
    const { key } = await submit('Noch nicht registriert');
    await waitFor(() => api.requests.length >= 1, 'refused attempt');
    await waitFor(() => deps.db.prepare('SELECT attempts FROM wish_outbox').pluck().get() === 1 || api.requests.length > 1, 'recorded');
    expect((await status()).waitingReason).toBe('not_registered');
    expect(api.stored.size).toBe(0);
    deps.config.set(configFor());
    await waitFor(() => delivered() === 1, 'delivered after the token was fixed');
    expect((await status()).waitingReason).toBeNull();
    expectExactlyOnce([key]);
  });

  it('sample mode (no city API): wishes wait in the outbox and go out when a city API is configured live', async () => {
    startKiosk(kioskConfigSchema.parse({ kioskId: 'test-kiosk' }));
    const keys = [(await submit('Warten 1')).key, (await submit('Warten 2')).key];
    await new Promise((r) => setTimeout(r, 200));
    expect(await status()).toMatchObject({ pending: 2, waitingReason: 'no_city_api' });
    deps.config.set(configFor());
    await waitFor(() => delivered() === 2, 'delivered after configuration');
    expectExactlyOnce(keys);
  });

  it('survives a restart of the kiosk mid-outage and stores contact only until delivery', async () => {
    await api.down();
    startKiosk(configFor());
    const withContact = await submit('Mit Kontakt', { contact_consent: true, contact: { name: 'Erika', phone: '02241 12345' } });
    const without = await submit('Ohne Einwilligung', { contact_consent: false });
    await waitFor(() => (db.prepare('SELECT MIN(attempts) AS a FROM wish_outbox').get() as { a: number }).a >= 1, 'attempted');
    await stopKiosk();
    await api.up();
    startKiosk(configFor());
    await waitFor(() => delivered() === 2, 'delivered after restart');
    expectExactlyOnce([withContact.key, without.key]);
    expect(api.stored.get(withContact.key)!.body.contact).toEqual({ name: 'Erika', phone: '02241 12345' });
    expect(api.stored.get(without.key)!.body).not.toHaveProperty('contact');
    expect(db.prepare('SELECT COUNT(*) FROM wish_outbox WHERE contact_json IS NOT NULL').pluck().get()).toBe(0);
  });

  it('chaos: 40 wishes through random failures, each arrives exactly once', async () => {
    // seeded pseudo-random sequence (mulberry32) so a failure can be reproduced
    let seed = 0x5eed;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const chaos: WishApiBehaviour[] = [
      { kind: 'ok' },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503, retryAfter: '0' },
      { kind: 'accept-then-destroy' },
      { kind: 'destroy' },
      { kind: 'slow', delayMs: 600 },
      { kind: 'ok' },
    ];
    api.setDefault(() => chaos[Math.floor(rand() * chaos.length)]!);
    startKiosk(configFor());
    const keys: string[] = [];
    for (let i = 0; i < 40; i++) keys.push((await submit(`Chaos-Wunsch ${i}`)).key);
    await waitFor(() => delivered() === 40, 'all 40 delivered', 60_000);
    expectExactlyOnce(keys);
    // the chaos really happened
    const kinds = new Set(api.requests.map((r) => r.behaviour));
    expect(kinds).toEqual(new Set(['ok', 'status', 'accept-then-destroy', 'destroy', 'slow']));
  }, 90_000);
});
