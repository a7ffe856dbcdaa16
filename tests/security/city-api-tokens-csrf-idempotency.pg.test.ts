/**
 * Issue 13, attack table part 3, on SQLite and PostgreSQL (issue 19): /v1 without a token, with malformed or
 * another kiosk's token; every staff POST without, with a wrong, a foreign-session or a login-page CSRF token;
 * Idempotency-Key reuse; contact consent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { csrfIn, mergeCookies, staffLogin, type StaffLogin } from '../../city-api/src/staff/staff-test-login';
import { STORAGE_BACKENDS } from '../support/storage-backends';
import { cityFixture, KIOSKS, PASSWORD, STAFF_POST_ROUTES, staffPostRoutes, useCityFixture, type Fixture } from './city-api-fixture';

describe.each(STORAGE_BACKENDS)('tokens, CSRF and Idempotency-Key on $name', (backend) => {
  const fx = useCityFixture(backend);
  let other: StaffLogin;
  let before: string;
  beforeAll(async () => {
    other = await staffLogin(fx.f.app, PASSWORD);
    before = await fx.f.fingerprint();
  });

  const wish = (kiosk: string, text = 'Ein Lesekreis am Abend wäre schön', extra: Record<string, unknown> = {}) => ({
    text,
    language: 'de',
    created_at: '2026-11-25T09:00:00Z',
    kiosk_id: kiosk,
    contact_consent: false,
    ...extra,
  });
  const heartbeat = { version: '1.0.0', uptime_s: 1, last_sync_at: null, offers_count: 0, outbox_pending: 0, printer: { state: 'none' }, disk_free_mb: 100, errors_since_last: [] };
  const V1: { method: 'GET' | 'POST'; url: string; body?: unknown }[] = [
    { method: 'GET', url: '/v1/offers' },
    { method: 'GET', url: '/v1/taxonomy' },
    { method: 'GET', url: '/v1/events?from=2026-01-01&to=2026-01-31' },
    { method: 'GET', url: '/v1/kiosks/rathaus/config' },
    { method: 'POST', url: '/v1/wishes', body: wish('rathaus') },
    { method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', body: heartbeat },
    { method: 'POST', url: '/v1/kiosks/rathaus/stats', body: { day: '2026-11-25' } },
  ];
  const BAD_AUTH: [string, Record<string, string>, string?][] = [
    ['no Authorization', {}],
    ['unknown token', { authorization: 'Bearer token-nobody-has-0123456789' }],
    ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from(`rathaus:${KIOSKS.rathaus}`).toString('base64')}` }],
    ['empty Bearer', { authorization: 'Bearer ' }],
    ['token with a suffix', { authorization: `Bearer ${KIOSKS.rathaus}x` }],
    ['token prefix', { authorization: `Bearer ${KIOSKS.rathaus.slice(0, -1)}` }],
    ['token in the query string', {}, `token=${KIOSKS.rathaus}`],
    ['token in a cookie', { cookie: `token=${KIOSKS.rathaus}` }],
  ];

  describe('/v1 with a missing or wrong token', () => {
    for (const route of V1) {
      for (const [name, headers, query] of BAD_AUTH) {
        it(`${route.method} ${route.url} — ${name}`, async () => {
          const url = query ? `${route.url}${route.url.includes('?') ? '&' : '?'}${query}` : route.url;
          const r = await fx.f.app.inject({ method: route.method, url, headers: { ...headers, 'idempotency-key': 'attack-key-0001' }, payload: route.body as object });
          expect(r.statusCode).toBe(401);
          expect(r.headers['www-authenticate']).toBe('Bearer');
          expect(await fx.f.fingerprint()).toBe(before);
        });
      }
    }
  });

  describe("/v1 with another kiosk's token", () => {
    const bib = { authorization: `Bearer ${KIOSKS.bibliothek}` };
    it("reads another kiosk's config: 403", async () => {
      expect((await fx.f.app.inject({ url: '/v1/kiosks/rathaus/config', headers: bib })).statusCode).toBe(403);
    });
    it("sends another kiosk's heartbeat (and would take its commands): 403", async () => {
      await fx.f.query(`INSERT INTO commands (id, kiosk_id, type, created_at) VALUES ('cmd-x', 'rathaus', 'relaunch', '2026-01-01')`);
      const r = await fx.f.app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: bib, payload: heartbeat });
      expect(r.statusCode).toBe(403);
      expect(r.body).not.toContain('cmd-x');
      expect((await fx.f.query<{ state: string }>(`SELECT state FROM commands WHERE id = 'cmd-x'`))[0]!.state).toBe('queued');
      await fx.f.query(`DELETE FROM commands WHERE id = 'cmd-x'`);
    });
    it("sends another kiosk's stats: 403", async () => {
      expect((await fx.f.app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/stats', headers: bib, payload: { day: '2026-11-25' } })).statusCode).toBe(403);
    });
    it('sends a wish in the name of another kiosk: 422', async () => {
      const r = await fx.f.app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...bib, 'idempotency-key': 'attack-key-0002' }, payload: wish('rathaus') });
      expect(r.statusCode).toBe(422);
    });
    it('a percent-encoded kiosk id is the same kiosk id (no way around the ownership check): 403', async () => {
      expect((await fx.f.app.inject({ url: '/v1/kiosks/%72athaus/config', headers: bib })).statusCode).toBe(403);
    });
    it('nothing changed', async () => expect(await fx.f.fingerprint()).toBe(before));
  });

  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const staffPosts = () => staffPostRoutes(fx.f);
  const CSRF_ATTACKS: [string, () => Promise<Record<string, string>>][] = [
    ['no token', async () => ({})],
    ['a made-up token', async () => ({ csrf: 'AAAAAAAAAAAAAAAAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' })],
    ["another session's token", async () => ({ csrf: other.csrf })],
    ["the login page's token", async () => ({ csrf: csrfIn((await fx.f.app.inject({ url: '/staff/login' })).body)! })],
    ['an empty token', async () => ({ csrf: '' })],
  ];

  describe('every staff POST with a session but a missing or wrong CSRF token', () => {
    for (let i = 0; i < STAFF_POST_ROUTES; i++) {
      for (const [name, token] of CSRF_ATTACKS) {
        it(`staff action ${i} — ${name}`, async () => {
          const [url, body] = staffPosts()[i]!;
          const r = await fx.f.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: fx.staff.cookie }, payload: new URLSearchParams({ ...body, ...(await token()) }).toString() });
          expect(r.statusCode, url).toBe(403);
          expect(await fx.f.fingerprint()).toBe(before);
        });
      }
    }
    it('the token in a header from another session does not count either', async () => {
      const r = await fx.f.app.inject({ method: 'POST', url: '/staff/kiosks/rathaus/commands', headers: { ...FORM, cookie: fx.staff.cookie, 'x-csrf-token': other.csrf }, payload: 'type=relaunch' });
      expect(r.statusCode).toBe(403);
      expect(await fx.f.fingerprint()).toBe(before);
    });
    it('login without the login form token is refused (no login CSRF)', async () => {
      const page = await fx.f.app.inject({ url: '/staff/login' });
      const r = await fx.f.app.inject({ method: 'POST', url: '/staff/login', headers: { ...FORM, cookie: mergeCookies('', page) }, payload: `password=${PASSWORD}` });
      expect(r.statusCode).toBe(403);
      expect(r.headers['set-cookie'] ?? '').not.toMatch(/city_staff|session/i);
    });
    it('control: the right token does work', async () => {
      const r = await fx.f.app.inject({ method: 'POST', url: '/staff/kiosks/bibliothek/commands', headers: { ...FORM, cookie: fx.staff.cookie }, payload: `type=reload&csrf=${encodeURIComponent(fx.staff.csrf)}` });
      expect(r.statusCode).toBe(303);
      await fx.f.query(`DELETE FROM commands`);
    });
  });

  describe('Idempotency-Key per kiosk', () => {
    const post = (token: string, key: string, body: unknown) =>
      fx.f.app.inject({ method: 'POST', url: '/v1/wishes', headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, payload: body as object });
    const stored = async (id: string) => JSON.parse((await fx.f.query<{ body_json: string }>(`SELECT body_json FROM wishes WHERE id = ?`, [id]))[0]!.body_json) as Record<string, unknown>;

    it('same kiosk, same key, same body: the same wish (200), stored once', async () => {
      const a = await post(KIOSKS.rathaus, 'key-same-0001', wish('rathaus'));
      const b = await post(KIOSKS.rathaus, 'key-same-0001', wish('rathaus'));
      expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
      expect(b.json().id).toBe(a.json().id);
    });
    it('same kiosk, same key, different body: 409 with a clear error; the stored wish is unchanged', async () => {
      const a = await post(KIOSKS.rathaus, 'key-reuse-0001', wish('rathaus', 'Ein Chor für Anfänger'));
      const b = await post(KIOSKS.rathaus, 'key-reuse-0001', wish('rathaus', 'Etwas ganz anderes'));
      expect(b.statusCode).toBe(409);
      expect(b.json().error).toMatch(/Idempotency-Key already used .* different wish/);
      expect((await stored(a.json().id)).text).toBe('Ein Chor für Anfänger');
    });
    it('same key, only the consent flipped: 409 (a retry cannot add consent afterwards)', async () => {
      await post(KIOSKS.rathaus, 'key-consent-01', wish('rathaus', 'Tanzen', { contact: { name: 'Eve' } }));
      const b = await post(KIOSKS.rathaus, 'key-consent-01', wish('rathaus', 'Tanzen', { contact: { name: 'Eve' }, contact_consent: true }));
      expect(b.statusCode).toBe(409);
    });
    it("another kiosk, same key: its own new wish (201), not the first kiosk's", async () => {
      const a = await post(KIOSKS.rathaus, 'key-shared-0001', wish('rathaus', 'Wandern'));
      const b = await post(KIOSKS.bibliothek, 'key-shared-0001', wish('bibliothek', 'Wandern'));
      expect(b.statusCode).toBe(201);
      expect(b.json().id).not.toBe(a.json().id);
      const c = await post(KIOSKS.bibliothek, 'key-shared-0001', wish('bibliothek', 'Wandern'));
      expect([c.statusCode, c.json().id]).toEqual([200, b.json().id]);
    });
    it('contact details are stored only with consent', async () => {
      const contact = { name: 'Erika', phone: '+49 2241 4710 555' };
      const no = await post(KIOSKS.rathaus, 'key-contact-no1', wish('rathaus', 'Lesekreis', { contact }));
      const yes = await post(KIOSKS.rathaus, 'key-contact-yes', wish('rathaus', 'Lesekreis', { contact, contact_consent: true }));
      expect((await stored(no.json().id)).contact).toBeUndefined();
      const rows = await fx.f.query(`SELECT * FROM wishes WHERE id = ?`, [no.json().id]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0])).not.toContain('4710');
      expect((await stored(yes.json().id)).contact).toEqual(contact);
    });
  });
  describe('control: the fingerprint sees each kind of write the new staff routes make', () => {
    const writes: [string, (g: Fixture) => Promise<unknown>][] = [
      ['calendar source paused', (g) => g.storage.pauseCalendarSource(g.calendarId)],
      ['wish status', (g) => g.storage.setWishWork(g.wishId, 'erledigt', 'Notiz', new Date())],
      ['wish reply', async (g) => expect(await g.storage.addWishReply(g.wishId, 'telefon', 'angerufen', new Date())).toBe(true)],
      ['staff account', (g) => g.storage.putStaffAccount({ name: 'eve', password: 'ein langes Passwort 123', role: 'admin', town: null })],
      ['residents of a district', (g) => g.storage.setDistrictPopulations([['kaldauen', 1234]], new Date())],
    ];
    for (const [name, write] of writes) {
      it(name, async () => {
        const g = await cityFixture(backend);
        try {
          const was = await g.fingerprint();
          await write(g);
          expect(await g.fingerprint()).not.toBe(was);
        } finally {
          await g.close();
        }
      });
    }
  });
});
