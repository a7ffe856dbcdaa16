import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import { createConfigStore, type ConfigStore } from '../config/config-store';
import { openDatabase, type Db } from '../db/open-database';
import { silentLog, type Log } from '../log';
import { backoffDelayMs, createOutboxSender, DEFAULT_BACKOFF, resolveWishTarget } from './outbox-sender';
import { createWishOutbox, type WishOutbox } from './wish-outbox';
import type { WishSendRequest, WishSendResult, WishTransport } from './wish-transport';

/** A scripted transport: answers from a queue, records every request. */
class FakeTransport implements WishTransport {
  requests: WishSendRequest[] = [];
  replies: WishSendResult[] = [];
  async send(req: WishSendRequest): Promise<WishSendResult> {
    this.requests.push(req);
    return this.replies.shift() ?? { kind: 'delivered', status: 201, remoteId: `r-${this.requests.length}` };
  }
}

const withApi = (extra: Partial<KioskConfig> = {}): KioskConfig =>
  kioskConfigSchema.parse({
    kioskId: 'rathaus',
    cityApi: { baseUrl: 'http://127.0.0.1:4860/', token: 'tok' },
    ...extra,
  });

describe('backoff', () => {
  it('is full jitter within [min, min(cap, base·2^(n−1))]', () => {
    expect(backoffDelayMs(1, () => 0.999)).toBe(4995);
    expect(backoffDelayMs(3, () => 0.5)).toBe(10_000);
    expect(backoffDelayMs(1, () => 0)).toBe(DEFAULT_BACKOFF.minMs);
    for (let n = 1; n < 60; n++) {
      for (const r of [0, 0.3, 0.999999]) {
        const d = backoffDelayMs(n, () => r);
        expect(d).toBeGreaterThanOrEqual(1_000);
        expect(d).toBeLessThanOrEqual(15 * 60_000);
      }
    }
    expect(backoffDelayMs(40, () => 0.999999)).toBe(15 * 60_000 - 1);
  });
});

describe('resolveWishTarget', () => {
  it('waits without a city API, needs wishesUrl for HSDS, else uses baseUrl/v1/wishes', () => {
    expect(resolveWishTarget(kioskConfigSchema.parse({}))).toEqual({ waiting: 'no_city_api' });
    expect(resolveWishTarget(kioskConfigSchema.parse({ cityApi: null }))).toEqual({ waiting: 'no_city_api' });
    expect(resolveWishTarget(withApi())).toEqual({ url: 'http://127.0.0.1:4860/v1/wishes', token: 'tok' });
    const hsds = { kind: 'hsds', baseUrl: 'https://hsds.example', token: 't' } as const;
    expect(resolveWishTarget(kioskConfigSchema.parse({ cityApi: hsds }))).toEqual({ waiting: 'no_wishes_url' });
    expect(resolveWishTarget(kioskConfigSchema.parse({ cityApi: { ...hsds, wishesUrl: 'https://w.example/in' } }))).toEqual({
      url: 'https://w.example/in',
      token: 't',
    });
  });
});

describe('outbox sender', () => {
  let db: Db;
  let clock: FakeClock;
  let outbox: WishOutbox;
  let config: ConfigStore;
  let transport: FakeTransport;
  let logged: string[];
  let log: Log;
  const make = () =>
    createOutboxSender({ outbox, transport, config, clock, log, version: '1.2.3', random: () => 0.5 });

  beforeEach(() => {
    db = openDatabase({ file: ':memory:' });
    clock = new FakeClock('2026-11-25T10:00:00Z');
    outbox = createWishOutbox(db, clock);
    config = createConfigStore(withApi());
    transport = new FakeTransport();
    logged = [];
    const capture = (m: string, meta?: Record<string, unknown>) => void logged.push(`${m} ${JSON.stringify(meta ?? {})}`);
    log = { info: capture, warn: capture, error: capture };
  });
  afterEach(() => db.close());

  const save = (text = 'Ein Lesekreis', extra: object = {}) =>
    outbox.save({ text, language: 'de', contact_consent: false, ...extra }, 'rathaus').key;
  const state = (key: string) => db.prepare('SELECT state, attempts, next_attempt_at, last_error, remote_id FROM wish_outbox WHERE key = ?').get(key);

  it('sends with Idempotency-Key, bearer token, user agent and the stored body; 201 marks delivered', async () => {
    const key = save('Lesekreis', { contact_consent: true, contact: { email: 'a@b.de' } });
    const sender = make();
    expect(await sender.runRound()).toMatchObject({ sent: 1 });
    expect(transport.requests).toHaveLength(1);
    const req = transport.requests[0]!;
    expect(req).toMatchObject({
      url: 'http://127.0.0.1:4860/v1/wishes',
      token: 'tok',
      userAgent: 'gemeinsam-kiosk/1.2.3',
      idempotencyKey: key,
      timeoutMs: 15_000,
    });
    expect(req.body).toEqual({
      text: 'Lesekreis',
      language: 'de',
      contact_consent: true,
      contact: { email: 'a@b.de' },
      created_at: '2026-11-25T10:00:00.000Z',
      kiosk_id: 'rathaus',
    });
    expect(state(key)).toMatchObject({ state: 'delivered', remote_id: 'r-1', attempts: 1 });
    expect(logged.join('\n')).not.toMatch(/Lesekreis|a@b\.de/);
  });

  it('without a city API, wishes wait; a config change makes them go out', async () => {
    config.set(kioskConfigSchema.parse({ kioskId: 'rathaus' }));
    const key = save();
    const sender = make();
    await sender.runRound();
    expect(transport.requests).toHaveLength(0);
    expect(sender.waitingReason()).toBe('no_city_api');
    config.set(withApi());
    await sender.runRound();
    expect(transport.requests).toHaveLength(1);
    expect(state(key)).toMatchObject({ state: 'delivered' });
    expect(sender.waitingReason()).toBeNull();
  });

  it('retries after a network error with backoff, pausing the whole sender, and a repeated key keeps the same idempotency key', async () => {
    const a = save('A');
    const b = save('B');
    // same created_at: make A the older one so the order is deterministic
    db.prepare("UPDATE wish_outbox SET created_at = '2026-11-25T09:59:59.000Z', next_attempt_at = '2026-11-25T09:59:59.000Z' WHERE key = ?").run(a);
    transport.replies.push({ kind: 'retry', status: null, error: 'network: ECONNREFUSED' });
    const sender = make();
    const r1 = await sender.runRound();
    // one failed attempt pauses the sender; B is not hammered at the dead server
    expect(transport.requests).toHaveLength(1);
    expect(r1.nextInMs).toBe(2_500); // random 0.5 × base 5 s
    expect(state(a)).toMatchObject({ state: 'pending', attempts: 1, last_error: 'network: ECONNREFUSED', next_attempt_at: '2026-11-25T10:00:02.500Z' });
    expect(await sender.runRound()).toMatchObject({ sent: 0 });
    expect(transport.requests).toHaveLength(1);
    clock.advance(2_500);
    await sender.runRound();
    expect(transport.requests.map((r) => r.idempotencyKey)).toEqual([a, b, a]);
    expect(state(a)).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(state(b)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('honours Retry-After over its own backoff', async () => {
    const a = save();
    transport.replies.push({ kind: 'retry', status: 429, error: 'HTTP 429', retryAfterMs: 120_000 });
    const sender = make();
    await sender.runRound();
    expect(state(a)).toMatchObject({ next_attempt_at: '2026-11-25T10:02:00.000Z' });
    clock.advance(119_000);
    await sender.runRound();
    expect(transport.requests).toHaveLength(1);
    clock.advance(1_000);
    await sender.runRound();
    expect(transport.requests).toHaveLength(2);
    expect(state(a)).toMatchObject({ state: 'delivered' });
  });

  it('a Retry-After of 0 still waits the minimum delay', async () => {
    const a = save();
    transport.replies.push({ kind: 'retry', status: 503, error: 'HTTP 503', retryAfterMs: 0 });
    const sender = make();
    expect(await sender.runRound()).toMatchObject({ sent: 0, nextInMs: DEFAULT_BACKOFF.minMs });
    expect(state(a)).toMatchObject({ next_attempt_at: '2026-11-25T10:00:01.000Z' });
  });

  it('the next try is the whole Retry-After after the recorded attempt, even when the clock moves between reads', async () => {
    // a real clock moves on between two reads; this one by 1 ms at every read (the outbox test's 999 ms in CI)
    class TickingClock extends FakeClock {
      override now(): Date {
        const d = super.now();
        this.advance(1);
        return d;
      }
    }
    const ticking = new TickingClock('2026-11-25T10:00:00Z');
    outbox = createWishOutbox(db, ticking);
    const a = save();
    transport.replies.push({ kind: 'retry', status: 429, error: 'HTTP 429', retryAfterMs: 1_000 });
    transport.replies.push({ kind: 'unauthorized', status: 401 });
    const sender = createOutboxSender({ outbox, transport, config, clock: ticking, log, version: '1', random: () => 0.5 });
    await sender.runRound();
    const gap = () => Date.parse((state(a) as { next_attempt_at: string }).next_attempt_at) - Date.parse(outbox.status(null).lastAttemptAt!);
    expect(gap()).toBe(1_000);
    // the sender's pause ends at the same instant as the stored next try: at that instant the wish goes out
    ticking.set(Date.parse((state(a) as { next_attempt_at: string }).next_attempt_at));
    await sender.runRound();
    expect(transport.requests).toHaveLength(2);
    expect(gap()).toBe(backoffDelayMs(2, () => 0.5));
  });

  it('backs off exponentially up to the 15-minute cap while the server stays broken', async () => {
    const a = save();
    const sender = createOutboxSender({ outbox, transport, config, clock, log: silentLog, version: '1', random: () => 0.999999 });
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      transport.replies.push({ kind: 'retry', status: 500, error: 'HTTP 500' });
      await sender.runRound();
      const next = Date.parse((state(a) as { next_attempt_at: string }).next_attempt_at);
      delays.push(next - clock.now().getTime());
      clock.set(next);
    }
    expect(delays.slice(0, 4)).toEqual([4999, 9999, 19999, 39999]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(15 * 60_000);
    expect(delays.at(-1)).toBe(15 * 60_000 - 1);
    expect(state(a)).toMatchObject({ state: 'pending', attempts: 12 });
  });

  it('422 marks the wish rejected, keeps it, and never sends it again', async () => {
    const a = save();
    clock.advance(1);
    const b = save();
    transport.replies.push({ kind: 'rejected', status: 422, error: 'HTTP 422: text' });
    const sender = make();
    await sender.runRound();
    expect(state(a)).toMatchObject({ state: 'rejected', last_error: 'HTTP 422: text' });
    expect(state(b)).toMatchObject({ state: 'delivered' });
    clock.advance(24 * 3600_000);
    await sender.runRound();
    expect(transport.requests.filter((r) => r.idempotencyKey === a)).toHaveLength(1);
    expect(outbox.status(sender.waitingReason())).toMatchObject({ pending: 0, delivered: 1, rejected: 1 });
  });

  it('401 keeps wishes and reports "not registered" until the token changes', async () => {
    const a = save();
    transport.replies.push({ kind: 'unauthorized', status: 401 });
    const sender = make();
    await sender.runRound();
    expect(state(a)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(sender.waitingReason()).toBe('not_registered');
    expect(outbox.status(sender.waitingReason())).toMatchObject({ waitingReason: 'not_registered', pending: 1 });
    // staff fix the token: the wish goes out right away, no waiting for the backoff
    config.set(withApi({ cityApi: { kind: 'gemeinsam', baseUrl: 'http://127.0.0.1:4860', token: 'new', syncIntervalS: 900 } }));
    await sender.runRound();
    expect(transport.requests.at(-1)).toMatchObject({ token: 'new', idempotencyKey: a });
    expect(state(a)).toMatchObject({ state: 'delivered' });
    expect(sender.waitingReason()).toBeNull();
  });

  it('survives a restart: a new sender on the same database continues where the old one stopped', async () => {
    const a = save();
    transport.replies.push({ kind: 'retry', status: 503, error: 'HTTP 503', retryAfterMs: 30_000 });
    await make().runRound();
    clock.advance(30_000);
    const fresh = make();
    await fresh.runRound();
    expect(transport.requests.map((r) => r.idempotencyKey)).toEqual([a, a]);
    expect(state(a)).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('marks an unreadable stored wish rejected instead of looping on it', async () => {
    const a = save();
    db.prepare('UPDATE wish_outbox SET body_json = ? WHERE key = ?').run('{"text": 5}', a);
    await make().runRound();
    expect(transport.requests).toHaveLength(0);
    expect(state(a)).toMatchObject({ state: 'rejected', last_error: 'local: stored wish cannot be read' });
  });

  it('the background loop delivers a saved wish after wake(), and stops cleanly', async () => {
    const sender = createOutboxSender({ outbox, transport, config, clock, log: silentLog, version: '1', idlePollMs: 60_000 });
    sender.start();
    await new Promise((r) => setTimeout(r, 20));
    const a = save();
    sender.wake();
    for (let i = 0; i < 100 && (state(a) as { state: string }).state !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(state(a)).toMatchObject({ state: 'delivered' });
    await sender.stop();
  });
});
