/**
 * Wishes from the public web form (issue 17) on both backends (issue 19): SQLite migration 6 and PostgreSQL
 * migration 2 add wishes.source; a web wish has kiosk_id '' and is stored once per form (its nonce).
 */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, pgAvailable, withPgClient, type TestDatabase } from '../../../tests/support/pg-database';
import { SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { registerWebWishRoutes } from '../public-web/web-wish';
import type { WebWishBody } from '../wish-store';
import type { KioskStorage } from './kiosk-storage';
import { PG_MIGRATIONS, migratePg } from './pg-migrations';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

const BACKENDS = STORAGE_BACKENDS;

const webWish = (over: Partial<WebWishBody> = {}): WebWishBody => ({
  text: 'Ein Repair-Café in Wolsdorf, samstags.',
  language: 'de',
  contact_consent: false,
  created_at: '2026-11-25T10:00:00.000Z',
  kiosk_id: null,
  source: 'web',
  ...over,
});

describe.each(BACKENDS)('web wishes on $name', (backend) => {
  let storage: KioskStorage;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
  });
  afterEach(async () => cleanup());

  it('stores a web wish once per form with source web and no kiosk, next to kiosk wishes', async () => {
    const first = await storage.storeWebWish('nonce-aaaa', webWish({ contact: { phone: '02241 555' }, contact_consent: false }));
    expect(first.outcome).toBe('created');
    // the same form sent again later (another created_at) is the same wish; another text under it is a conflict
    expect(await storage.storeWebWish('nonce-aaaa', webWish({ contact: { phone: '02241 555' }, created_at: '2026-11-25T10:05:00.000Z' }))).toEqual({
      outcome: 'replayed',
      id: first.id,
    });
    expect((await storage.storeWebWish('nonce-aaaa', webWish({ text: 'Etwas anderes' }))).outcome).toBe('conflict');
    // a kiosk wish whose Idempotency-Key happens to equal a form nonce is another wish
    const kiosk = await storage.storeWish('nonce-aaaa', 'rathaus', {
      text: 'Schach am Vormittag',
      language: 'de',
      contact_consent: false,
      created_at: '2026-11-25T10:01:00Z',
      kiosk_id: 'rathaus',
    });
    expect(kiosk.outcome).toBe('created');
    const consented = await storage.storeWebWish('nonce-bbbb', webWish({ contact: { email: 'a@example.org' }, contact_consent: true }));
    expect(await storage.countWishes()).toBe(3);

    const byId = new Map((await storage.listWishes()).map((w) => [w.id, w]));
    expect(byId.get(first.id)).toMatchObject({ kiosk_id: '', source: 'web', idempotency_key: 'nonce-aaaa', body: { kiosk_id: null, source: 'web', text: webWish().text } });
    expect(byId.get(first.id)!.body.contact).toBeUndefined(); // no consent: the phone number is not stored
    expect(byId.get(consented.id)!.body.contact).toEqual({ email: 'a@example.org' });
    // the key as its sender gave it, on both backends (SQLite stores it prefixed with the kiosk id)
    expect(byId.get(kiosk.id)).toMatchObject({ kiosk_id: 'rathaus', source: 'kiosk', idempotency_key: 'nonce-aaaa' });
    expect(byId.get(consented.id)!.idempotency_key).toBe('nonce-bbbb');
  });
});

describe.each(BACKENDS)('the web wish form /wuensche/neu on $name', (backend) => {
  it('stores the sent form once through the storage, with taxonomy ids checked against the stored taxonomy', async () => {
    const { storage, cleanup } = await backend.open();
    let now = new Date('2026-11-25T10:00:00Z');
    const app = Fastify();
    try {
      await storage.setTaxonomy(SIEGBURG_TAXONOMY);
      await app.register(formbody);
      registerWebWishRoutes(app, {
        storage,
        publicUrl: () => 'http://127.0.0.1:4880',
        now: () => now,
        sendHtml: (reply, body, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body),
      });
      const form = await app.inject({ url: '/wuensche/neu' });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="spielen"'); // interests from the storage's taxonomy
      const t = /name="t" value="([^"]+)"/.exec(form.body)![1]!;
      now = new Date(now.getTime() + 6000);
      const payload = new URLSearchParams({ t, lang: 'de', text: 'Boule im Stadtpark', interest: 'spielen', district: 'nirgendwo' }).toString();
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const sent = await app.inject({ method: 'POST', url: '/wuensche/neu', headers, payload });
      expect(sent.statusCode).toBe(201);
      now = new Date(now.getTime() + 60_000);
      expect((await app.inject({ method: 'POST', url: '/wuensche/neu', headers, payload })).statusCode).toBe(200); // the same form again
      const wishes = await storage.listWishes();
      expect(wishes).toHaveLength(1);
      expect(wishes[0]).toMatchObject({ source: 'web', kiosk_id: '', body: { text: 'Boule im Stadtpark', interests: ['spielen'], kiosk_id: null } });
      expect(wishes[0]!.body.district).toBeUndefined(); // not a district of the taxonomy
    } finally {
      await app.close();
      await cleanup();
    }
  });
});

describe.skipIf(!pgAvailable)('PostgreSQL migration 2 (wishes.source)', () => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await freshDatabase();
  });
  afterEach(async () => tdb.drop());

  it('keeps the wishes of a version-1 database as kiosk wishes and refuses a web wish with a kiosk', async () => {
    await withPgClient(tdb.url, async (c) => {
      expect(await migratePg(c, PG_MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
      await c.query(
        `INSERT INTO wishes (id, kiosk_id, idempotency_key, body_json, body_sha256, received_at) VALUES ('wish-old', 'rathaus', 'k1', '{"text":"alt"}', 'h', now())`,
      );
      expect((await migratePg(c)).to).toBeGreaterThanOrEqual(2);
      const { rows } = await c.query(`SELECT id, kiosk_id, source FROM wishes`);
      expect(rows).toEqual([{ id: 'wish-old', kiosk_id: 'rathaus', source: 'kiosk' }]);
      await expect(
        c.query(`INSERT INTO wishes (id, kiosk_id, idempotency_key, body_json, body_sha256, received_at, source) VALUES ('w2', 'rathaus', 'k2', '{}', 'h', now(), 'web')`),
      ).rejects.toThrow(/wishes_web_without_kiosk/);
      await expect(
        c.query(`INSERT INTO wishes (id, kiosk_id, idempotency_key, body_json, body_sha256, received_at, source) VALUES ('w3', 'rathaus', 'k3', '{}', 'h', now(), 'post')`),
      ).rejects.toThrow(/check constraint/);
    });
  });
});
