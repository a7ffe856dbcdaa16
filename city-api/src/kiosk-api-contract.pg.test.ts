/**
 * The /v1 kiosk API contract (docs/city-api.md) on both backends (issue 19): the same requests and assertions
 * against SQLite and against PostgreSQL (a fresh database per test on the throwaway cluster of the vitest
 * `postgres` project; skipped with a note when PostgreSQL is not installed, a failure in CI).
 * Chaos mode is in server.pg.test.ts, the staff/public parts in their own *.pg.test.ts files (both backends too).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { heartbeatResponseSchema, remoteKioskConfigSchema, wishCreatedSchema } from '../../shared/schemas/city-api';
import { offerSchema, offersPageSchema } from '../../shared/schemas/offer';
import { taxonomySchema } from '../../shared/schemas/taxonomy';
import { SIEGBURG_TAXONOMY } from '../../shared/sample-data';
import { parseSeedSpec, seedStorage } from './seed';
import { buildCityApi } from './server';
import type { KioskStorage } from './storage/kiosk-storage';
import { STORAGE_BACKENDS } from '../../tests/support/storage-backends';

const TOKEN = 'token-rathaus-0123456789';
const OTHER = 'token-bahnhof-0123456789';
const auth = (t = TOKEN) => ({ authorization: `Bearer ${t}` });

const BACKENDS = STORAGE_BACKENDS;

const wish = (over: Record<string, unknown> = {}) => ({
  text: 'Ein Schachtreff am Vormittag in Kaldauen wäre schön.',
  interests: ['spielen'],
  language: 'de',
  created_at: '2026-11-25T09:58:00Z',
  kiosk_id: 'rathaus',
  contact_consent: false,
  ...over,
});

describe.each(BACKENDS)('reference city API on $name: every response matches the shared schemas', (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample+synthetic:120'), new Date('2026-11-25T10:00:00Z'));
    await storage.registerKiosk('rathaus', TOKEN);
    await storage.registerKiosk('bahnhof', OTHER);
    // the same server options on both backends (PostgreSQL serves only the kiosk API so far)
    app = buildCityApi({ storage, kioskApiOnly: true, publicUrl: 'http://127.0.0.1:4880' }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('rejects requests without a valid bearer token with 401', async () => {
    for (const url of ['/v1/taxonomy', '/v1/offers', '/v1/events?from=2026-11-01&to=2026-11-30', '/v1/kiosks/rathaus/config']) {
      const none = await app.inject({ url });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect((await app.inject({ url, headers: auth('wrong-token-xxxxxxxxxxxx') })).statusCode).toBe(401);
    }
  });

  it('serves the taxonomy with an ETag and answers If-None-Match with 304', async () => {
    const r = await app.inject({ url: '/v1/taxonomy', headers: auth() });
    expect(r.statusCode).toBe(200);
    expect(taxonomySchema.parse(r.json())).toEqual(SIEGBURG_TAXONOMY);
    const etag = r.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await app.inject({ url: '/v1/taxonomy', headers: { ...auth(), 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('pages offers by cursor: every offer once, valid per the shared offer schema, then tombstones', async () => {
    const seen = new Set<string>();
    let since: string | null = null;
    let pages = 0;
    for (;;) {
      const r = await app.inject({ url: `/v1/offers?limit=50${since ? `&since=${since}` : ''}`, headers: auth() });
      expect(r.statusCode).toBe(200);
      const page = offersPageSchema.parse(r.json());
      for (const item of page.items) {
        const o = offerSchema.parse(item);
        expect(seen.has(o.id)).toBe(false);
        seen.add(o.id);
      }
      pages++;
      since = page.next_cursor;
      if (!page.has_more) break;
    }
    expect(seen.size).toBe(54 + 120);
    expect(pages).toBe(Math.ceil(174 / 50));

    const changed = offerSchema.parse((await storage.getStoredOffer('syn-1-3'))!.offer);
    await storage.putOffers([{ ...changed, status: 'paused' }]);
    expect(await storage.setOfferState('syn-1-4', 'hidden')).toBe(true);
    expect(await storage.setOfferState('syn-1-5', 'deleted')).toBe(true);
    expect(await storage.setOfferState('no-such-offer', 'hidden')).toBe(false);
    const r = await app.inject({ url: `/v1/offers?since=${since}`, headers: auth() });
    const page = offersPageSchema.parse(r.json());
    expect(page.items.map((i) => offerSchema.parse(i)).map((o) => [o.id, o.status])).toEqual([['syn-1-3', 'paused']]);
    expect(page.deleted).toEqual(['syn-1-4', 'syn-1-5']);
    expect(page.has_more).toBe(false);
    // nothing new: an empty page that keeps the cursor
    const empty = offersPageSchema.parse((await app.inject({ url: `/v1/offers?since=${page.next_cursor}`, headers: auth() })).json());
    expect(empty).toEqual({ items: [], deleted: [], next_cursor: page.next_cursor, has_more: false });
  });

  it('validates limit (≤ 500) and the cursor', async () => {
    expect((await app.inject({ url: '/v1/offers?limit=501', headers: auth() })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/offers?limit=0', headers: auth() })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/offers?since=garbage', headers: auth() })).statusCode).toBe(400);
    const r = await app.inject({ url: '/v1/offers?limit=500', headers: auth() });
    expect(offersPageSchema.parse(r.json()).items).toHaveLength(174);
  });

  it('serves events as text/calendar with RRULE, EXDATE, RECURRENCE-ID and X-GEMEINSAM-OFFER', async () => {
    await storage.putEvent({
      uid: 'test-series@x',
      offer_id: 'sample-kulturcafe',
      summary: 'Kulturcafé; Jung, und Alt',
      dtstart: '2026-10-13T18:00',
      duration_min: 120,
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      exdates: ['2026-11-03T18:00'],
      overrides: [{ recurrence_id: '2026-11-10T18:00', dtstart: '2026-11-11T16:00' }],
    });
    const r = await app.inject({ url: '/v1/events?from=2026-11-01&to=2026-11-30', headers: auth() });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/calendar/);
    const ics = r.body;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261013T180000');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU');
    expect(ics).toContain('EXDATE;TZID=Europe/Berlin:20261103T180000');
    expect(ics).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20261110T180000');
    expect(ics).toContain('X-GEMEINSAM-OFFER:sample-kulturcafe');
    expect(ics).toContain('SUMMARY:Kulturcafé\\; Jung\\, und Alt');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect((await app.inject({ url: '/v1/events?from=2026-12-01&to=2026-11-01', headers: auth() })).statusCode).toBe(400);
  });

  it('stores a wish once per Idempotency-Key: 201, then 200 with the same id; 422 when invalid', async () => {
    const key = '6f1c2a4e-8b7d-4c1e-9a2b-3c4d5e6f7a8b';
    const first = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': key }, payload: wish() });
    expect(first.statusCode).toBe(201);
    const { id } = wishCreatedSchema.parse(first.json());
    const again = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': key }, payload: wish() });
    expect(again.statusCode).toBe(200);
    expect(wishCreatedSchema.parse(again.json()).id).toBe(id);
    expect(await storage.countWishes()).toBe(1);

    const bad = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': 'aaaaaaaa-1' }, payload: wish({ text: '' }) });
    expect(bad.statusCode).toBe(422);
    expect(typeof bad.json().error).toBe('string');
    const tooLong = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': 'aaaaaaaa-2' }, payload: wish({ text: 'x'.repeat(1001) }) });
    expect(tooLong.statusCode).toBe(422);
    const noKey = await app.inject({ method: 'POST', url: '/v1/wishes', headers: auth(), payload: wish() });
    expect(noKey.statusCode).toBe(400);
    const foreign = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': 'aaaaaaaa-3' }, payload: wish({ kiosk_id: 'bahnhof' }) });
    expect(foreign.statusCode).toBe(422);
    expect(await storage.countWishes()).toBe(1);
  });

  it('serves each kiosk its own config with an ETag, never another kiosk’s', async () => {
    const r = await app.inject({ url: '/v1/kiosks/rathaus/config', headers: auth() });
    expect(r.statusCode).toBe(200);
    remoteKioskConfigSchema.parse(r.json());
    const etag = r.headers.etag as string;
    expect((await app.inject({ url: '/v1/kiosks/rathaus/config', headers: { ...auth(), 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await app.inject({ url: '/v1/kiosks/bahnhof/config', headers: auth() })).statusCode).toBe(403);
  });

  it('heartbeat stores health, hands out queued commands until they are acknowledged', async () => {
    const hb = {
      version: '0.1.0',
      uptime_s: 3600,
      last_sync_at: '2026-11-25T09:45:00Z',
      offers_count: 174,
      outbox_pending: 0,
      printer: { state: 'paper_low' },
      disk_free_mb: 12000,
      errors_since_last: [],
    };
    const cmd = await storage.queueCommand('rathaus', 'sync_now');
    const one = await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: auth(), payload: hb });
    expect(one.statusCode).toBe(200);
    expect(heartbeatResponseSchema.parse(one.json()).commands).toEqual([{ id: cmd, type: 'sync_now' }]);
    expect(await storage.commandState(cmd)).toBe('sent');
    // not acknowledged: delivered again (at least once)
    const two = await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: auth(), payload: hb });
    expect(heartbeatResponseSchema.parse(two.json()).commands.map((c) => c.id)).toEqual([cmd]);
    const three = await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: auth(), payload: { ...hb, acked: [cmd] } });
    expect(heartbeatResponseSchema.parse(three.json()).commands).toEqual([]);
    expect(await storage.commandState(cmd)).toBe('done');
    expect((await storage.lastHeartbeat('rathaus'))?.printer.state).toBe('paper_low');
    expect((await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: auth(), payload: { version: '1' } })).statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: '/v1/kiosks/bahnhof/heartbeat', headers: auth(), payload: hb })).statusCode).toBe(403);
  });

  it('accepts anonymous daily stats and refuses free text', async () => {
    const stats = {
      day: '2026-11-24',
      sessions: 31,
      offers_viewed_by_interest: { treffen: 12, bewegung: 4 },
      slips_printed: 7,
      wishes_sent: 2,
      languages_used: { de: 25, tr: 4, uk: 2 },
      large_text_sessions: 9,
      high_contrast_sessions: 3,
    };
    expect((await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/stats', headers: auth(), payload: stats })).statusCode).toBe(204);
    // the same day again replaces that day's counters
    expect((await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/stats', headers: auth(), payload: { ...stats, sessions: 40 } })).statusCode).toBe(204);
    expect(await storage.getStats('rathaus', '2026-11-24')).toEqual({ ...stats, sessions: 40 });
    const withText = { ...stats, note: 'Frau M. war heute da' };
    expect((await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/stats', headers: auth(), payload: withText })).statusCode).toBe(422);
  });
  it('answers 409 for a reused Idempotency-Key with another body and stores contact details only with consent', async () => {
    const key = 'c0ffee00-1111-4222-8333-444455556666';
    const send = (payload: object, k = key) => app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': k }, payload });
    const first = await send(wish({ contact: { name: 'Frau M.', phone: '02241 1234' }, contact_consent: false }));
    expect(first.statusCode).toBe(201);
    const other = await send(wish({ text: 'Etwas ganz anderes' }));
    expect(other.statusCode).toBe(409);
    expect(other.json().id).toBe(first.json().id);
    // the same key on another kiosk is another wish
    const theirs = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(OTHER), 'idempotency-key': key }, payload: wish({ kiosk_id: 'bahnhof' }) });
    expect(theirs.statusCode).toBe(201);
    const consented = await send(wish({ contact: { email: 'm@example.org' }, contact_consent: true }), 'c0ffee00-2');
    expect(consented.statusCode).toBe(201);
    const stored = new Map((await storage.listWishes()).map((w) => [w.id, w]));
    expect(stored.size).toBe(3);
    expect(stored.get(first.json().id)!.body.contact).toBeUndefined();
    expect(stored.get(first.json().id)!.body.text).toBe(wish().text);
    expect(stored.get(consented.json().id)!.body.contact).toEqual({ email: 'm@example.org' });
  });

  it('creates a wish once when the same key arrives concurrently', async () => {
    const key = 'race0000-aaaa-4bbb-8ccc-dddddddddddd';
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth(), 'idempotency-key': key }, payload: wish() })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await storage.countWishes()).toBe(1);
  });

  it('serves stored images with their type and nothing else', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1bd6b0000000049454e44ae426082', 'hex');
    const { sha256 } = await storage.putImage(png, 'image/png');
    const r = await app.inject({ url: `/images/${sha256}` });
    expect([r.statusCode, r.headers['content-type'], r.headers['x-content-type-options']]).toEqual([200, 'image/png', 'nosniff']);
    expect(r.rawPayload.equals(png)).toBe(true);
    expect((await app.inject({ url: `/images/${'0'.repeat(64)}` })).statusCode).toBe(404);
  });
});

