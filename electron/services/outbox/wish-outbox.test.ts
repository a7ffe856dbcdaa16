import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { openDatabase, type Db } from '../db/open-database';
import { createWishOutbox, WishValidationError, type WishOutbox } from './wish-outbox';

const NASTY = [
  '<script>alert(1)</script><img src=x onerror=alert(2)>',
  '&lt;b&gt; &amp; "quotes" \'single\'',
  'Strickkreis 🧶👵🏽 mit Kaffee ☕',
  'نريد مقهى للمسنين في الحي',
  'x'.repeat(999) + '🧶', // 1000 characters (code points) exactly
];

describe('wish outbox (storage)', () => {
  let db: Db;
  let clock: FakeClock;
  let outbox: WishOutbox;
  beforeEach(() => {
    db = openDatabase({ file: ':memory:' });
    clock = new FakeClock('2026-11-25T10:00:00Z');
    outbox = createWishOutbox(db, clock);
  });
  afterEach(() => db.close());

  const row = (key: string) =>
    db.prepare('SELECT * FROM wish_outbox WHERE key = ?').get(key) as Record<string, string | number | null>;

  it('commits the wish with a UUID key, pending and due now', () => {
    const { key } = outbox.save({ text: 'Ein Schachtreff', language: 'de', contact_consent: false, interests: ['spiel'] }, 'rathaus');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const r = row(key);
    expect(r.state).toBe('pending');
    expect(r.attempts).toBe(0);
    expect(r.next_attempt_at).toBe('2026-11-25T10:00:00.000Z');
    expect(JSON.parse(r.body_json as string)).toEqual({
      text: 'Ein Schachtreff',
      interests: ['spiel'],
      language: 'de',
      contact_consent: false,
      created_at: '2026-11-25T10:00:00.000Z',
      kiosk_id: 'rathaus',
    });
    expect(outbox.due().map((w) => w.key)).toEqual([key]);
  });

  it('two saves of the same text get different keys (two wishes, not one)', () => {
    const a = outbox.save({ text: 'Tanzen', language: 'de', contact_consent: false }, 'k');
    const b = outbox.save({ text: 'Tanzen', language: 'de', contact_consent: false }, 'k');
    expect(a.key).not.toBe(b.key);
  });

  it('drops contact data before storage when consent is not given', () => {
    const { key } = outbox.save(
      { text: 'Singen', language: 'de', contact_consent: false, contact: { name: 'Erika Muster', email: 'erika@example.org', phone: '0224 1234' } },
      'k',
    );
    const r = row(key);
    expect(r.contact_json).toBeNull();
    const dump = JSON.stringify(db.prepare('SELECT * FROM wish_outbox').all());
    expect(dump).not.toContain('Erika');
    expect(dump).not.toContain('erika@example.org');
    expect(dump).not.toContain('1234');
    expect(outbox.due()[0]!.body).not.toHaveProperty('contact');
  });

  it('keeps contact only with consent, sends it, and deletes it after delivery', () => {
    const { key } = outbox.save(
      { text: 'Singen', language: 'de', contact_consent: true, contact: { name: 'Erika', email: 'erika@example.org' } },
      'k',
    );
    expect(JSON.parse(row(key).contact_json as string)).toEqual({ name: 'Erika', email: 'erika@example.org' });
    expect(JSON.parse(row(key).body_json as string)).not.toHaveProperty('contact');
    const due = outbox.due()[0]!;
    expect(due.body?.contact).toEqual({ name: 'Erika', email: 'erika@example.org' });
    outbox.markDelivered(key, 'w-1');
    const r = row(key);
    expect(r.state).toBe('delivered');
    expect(r.contact_json).toBeNull();
    expect(r.remote_id).toBe('w-1');
    expect(JSON.stringify(db.prepare('SELECT * FROM wish_outbox').all())).not.toContain('erika@example.org');
  });

  it('refuses invalid wishes and stores nothing', () => {
    const bad = [
      { text: '   ', language: 'de', contact_consent: false },
      { text: 'x'.repeat(1001), language: 'de', contact_consent: false },
      { text: 'ok', language: 'de', contact_consent: true, contact: { email: 'not-an-address' } },
      { text: 'bell\u0007', language: 'de', contact_consent: false },
    ];
    for (const w of bad) expect(() => outbox.save(w, 'k')).toThrow(WishValidationError);
    expect(db.prepare('SELECT COUNT(*) AS n FROM wish_outbox').get()).toEqual({ n: 0 });
  });

  it('stores markup, emoji, right-to-left and 1000-character text verbatim', () => {
    for (const text of NASTY) {
      const { key } = outbox.save({ text, language: 'ar', contact_consent: false }, 'k');
      expect(JSON.parse(row(key).body_json as string).text).toBe(text);
      expect(outbox.due(100).find((w) => w.key === key)!.body!.text).toBe(text);
    }
  });

  it('retry moves the next attempt; rejected wishes stay, are never due again, and show in the status without text', () => {
    const a = outbox.save({ text: 'Geheimer Wunschtext A', language: 'de', contact_consent: false }, 'k');
    const b = outbox.save({ text: 'Geheimer Wunschtext B', language: 'de', contact_consent: true, contact: { name: 'Max' } }, 'k');
    outbox.markRetry(a.key, 'HTTP 503', new Date('2026-11-25T10:05:00Z'));
    outbox.markRejected(b.key, 'HTTP 422: age_group');
    expect(outbox.due()).toEqual([]);
    const st = outbox.status(null);
    expect(st).toMatchObject({
      pending: 1,
      delivered: 0,
      rejected: 1,
      lastError: 'HTTP 422: age_group',
      lastAttemptAt: '2026-11-25T10:00:00.000Z',
      nextAttemptAt: '2026-11-25T10:05:00.000Z',
      rejectedItems: [{ key: b.key, created_at: '2026-11-25T10:00:00.000Z', error: 'HTTP 422: age_group' }],
    });
    expect(JSON.stringify(st)).not.toMatch(/Geheimer|Max/);
    clock.advance(5 * 60_000);
    expect(outbox.due().map((w) => w.key)).toEqual([a.key]);
    expect(row(a.key).attempts).toBe(1);
  });

  it('makeAllDueNow brings waiting wishes forward (after a config change)', () => {
    const a = outbox.save({ text: 'Boule', language: 'de', contact_consent: false }, 'k');
    outbox.markRetry(a.key, 'HTTP 401: kiosk not registered', new Date('2026-11-25T10:15:00Z'));
    expect(outbox.due()).toEqual([]);
    outbox.makeAllDueNow();
    expect(outbox.due().map((w) => w.key)).toEqual([a.key]);
  });

  it('a stored row that cannot be read is reported as unreadable, not thrown', () => {
    const a = outbox.save({ text: 'Boule', language: 'de', contact_consent: false }, 'k');
    db.prepare('UPDATE wish_outbox SET body_json = ? WHERE key = ?').run('{broken', a.key);
    expect(outbox.due()).toEqual([{ key: a.key, attempts: 0, body: null }]);
  });

  it('prunes delivered wishes after the retention time, never pending or rejected ones', () => {
    const a = outbox.save({ text: 'A', language: 'de', contact_consent: false }, 'k');
    const b = outbox.save({ text: 'B', language: 'de', contact_consent: false }, 'k');
    const c = outbox.save({ text: 'C', language: 'de', contact_consent: false }, 'k');
    outbox.markDelivered(a.key, '1');
    outbox.markRejected(b.key, 'HTTP 422');
    clock.advance(31 * 24 * 3600_000);
    expect(outbox.prune()).toBe(1);
    expect(outbox.status(null)).toMatchObject({ pending: 1, rejected: 1, delivered: 0 });
    expect(row(c.key).state).toBe('pending');
  });
});
