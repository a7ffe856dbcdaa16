/**
 * Issue 13, attack table part 1, on SQLite and PostgreSQL (issue 19): every protected staff and /v1 route under
 * every spelling an attacker tries.
 * Each spelling either reaches the route through its hook (refused: 303 to the login, 401, 403) or is 404 —
 * never the handler without its check; and no refused write changes anything (DB fingerprint).
 * The control tests show that the refusal comes from the check: the same spellings with a session do reach.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../support/storage-backends';
import { KIOSKS, REFUSED, spellings, STAFF_POST_ROUTES, staffPostRoutes, useCityFixture } from './city-api-fixture';

describe.each(STORAGE_BACKENDS)('route spellings on $name', (backend) => {
  const fx = useCityFixture(backend);
  let before: string;
  beforeAll(async () => {
    before = await fx.f.fingerprint();
  });

  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const staffGets = () => [
    '/staff',
    '/staff/offers',
    '/staff/offers/new',
    `/staff/offers/${fx.f.offerId}/edit`,
    '/staff/wishes',
    '/staff/kiosks',
    '/staff/submissions',
    `/staff/submissions/${fx.f.submissionId}`,
    '/staff/review',
    '/staff/audit',
    '/staff/accounts',
    '/staff/calendars',
    '/staff/bedarf',
    '/staff/bedarf.csv',
    '/staff/bedarf.pdf',
    `/staff/wishes/${fx.f.wishId}`,
  ];
  const staffPosts = () => staffPostRoutes(fx.f);
  const STAFF_GET_PATHS = 16;
  const STAFF_POST_PATHS = STAFF_POST_ROUTES;
  const V1_GETS = ['/v1/offers', '/v1/taxonomy', '/v1/events?from=2026-01-01&to=2026-01-31', '/v1/kiosks/rathaus/config'];
  const V1_POSTS = ['/v1/wishes', '/v1/kiosks/rathaus/heartbeat', '/v1/kiosks/rathaus/stats'];

  /** The spellings of a path with its query string kept at the end. */
  const spellWithQuery = (p: string) => {
    const [path, query] = p.split('?');
    return spellings(path!).map((s) => ({ ...s, url: query ? `${s.url}?${query}` : s.url }));
  };

  it('the tables hold every listed route (their test names are built before the fixture exists)', () => {
    expect([staffGets().length, staffPosts().length]).toEqual([STAFF_GET_PATHS, STAFF_POST_PATHS]);
  });

  describe('staff pages under every spelling, without a session', () => {
    for (let i = 0; i < STAFF_GET_PATHS; i++) {
      for (let s = 0; s < 9; s++) {
        it(`GET staff page ${i} spelling ${s}`, async () => {
          const p = staffGets()[i]!;
          const { name, url } = spellings(p)[s]!;
          const r = await fx.f.app.inject({ url });
          expect(REFUSED, `${name}: ${url}`).toContain(r.statusCode);
          if (r.statusCode === 303) expect(r.headers.location).toBe('/staff/login');
          expect(r.body).not.toContain('Erika');
        });
      }
    }
    for (let i = 0; i < STAFF_POST_PATHS; i++) {
      for (let s = 0; s < 9; s++) {
        it(`POST staff action ${i} spelling ${s}`, async () => {
          const [p, body] = staffPosts()[i]!;
          const { name, url } = spellings(p)[s]!;
          const r = await fx.f.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(body).toString() });
          expect(REFUSED, `${name}: ${url}`).toContain(r.statusCode);
          expect(await fx.f.fingerprint()).toBe(before);
        });
      }
    }
  });

  describe('staff actions under every spelling, with a session but without the CSRF token', () => {
    for (let i = 0; i < STAFF_POST_PATHS; i++) {
      for (let s = 0; s < 9; s++) {
        it(`POST staff action ${i} spelling ${s} (session, no token)`, async () => {
          const [p, body] = staffPosts()[i]!;
          const { name, url } = spellings(p)[s]!;
          const r = await fx.f.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: fx.staff.cookie }, payload: new URLSearchParams(body).toString() });
          expect([403, 404], `${name}: ${url}`).toContain(r.statusCode);
          expect(await fx.f.fingerprint()).toBe(before);
        });
      }
    }
  });

  describe('/v1 under every spelling, without a token', () => {
    for (const p of V1_GETS) {
      for (const { name, url } of spellWithQuery(p)) {
        it(`GET ${url} (${name})`, async () => {
          const r = await fx.f.app.inject({ url });
          expect([401, 404]).toContain(r.statusCode);
          expect(r.body).not.toContain('"items"');
        });
      }
    }
    for (const p of V1_POSTS) {
      for (const { name, url } of spellings(p)) {
        it(`POST ${url} (${name})`, async () => {
          const r = await fx.f.app.inject({ method: 'POST', url, headers: { 'idempotency-key': 'attack-key-0001' }, payload: { kiosk_id: 'rathaus' } });
          expect([401, 404]).toContain(r.statusCode);
          expect(await fx.f.fingerprint()).toBe(before);
        });
      }
    }
  });

  describe('controls: the spellings the router matches do reach the handlers once the check passes', () => {
    it('GET /%73taff/wishes with a session is the wishes page', async () => {
      const r = await fx.f.app.inject({ url: '/%73taff/wishes', headers: { cookie: fx.staff.cookie } });
      expect(r.statusCode).toBe(200);
    });
    it('GET /%761/offers with a token is the feed', async () => {
      const r = await fx.f.app.inject({ url: '/%761/offers', headers: { authorization: `Bearer ${KIOSKS.rathaus}` } });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('"items"');
    });
  });
});
