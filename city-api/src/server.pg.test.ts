import { describe, expect, it } from 'vitest';
import { offerSchema, offersPageSchema } from '../../shared/schemas/offer';
import { buildCityApi } from './server';
import { backendApp } from '../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../tests/support/storage-backends';

// The /v1 contract tests run on SQLite and PostgreSQL in kiosk-api-contract.pg.test.ts (issue 19); chaos mode and a
// server built from a storage alone here, on both backends too.

const TOKEN = 'token-rathaus-0123456789';
const OTHER = 'token-bahnhof-0123456789';
const auth = (t = TOKEN) => ({ authorization: `Bearer ${t}` });

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, {
    seed: 'sample+synthetic:120',
    seedNow: new Date('2026-11-25T10:00:00Z'),
    kiosks: [
      ['rathaus', TOKEN],
      ['bahnhof', OTHER],
    ],
  });

  describe('chaos mode', () => {
    it('injects 500, 429/503 with Retry-After and malformed records deterministically', async () => {
      const chaotic = buildCityApi({ storage: api.storage, publicUrl: 'http://127.0.0.1:4880', chaos: { seed: 9, retryAfterS: 7 } });
      chaotic.chaos!.enqueue('error500', 'tooMany', 'unavailable', 'malformed');
      const a = await chaotic.app.inject({ url: '/v1/taxonomy', headers: auth() });
      expect(a.statusCode).toBe(500);
      const b = await chaotic.app.inject({ url: '/v1/taxonomy', headers: auth() });
      expect([b.statusCode, b.headers['retry-after']]).toEqual([429, '7']);
      const c = await chaotic.app.inject({ url: '/v1/taxonomy', headers: auth() });
      expect([c.statusCode, c.headers['retry-after']]).toEqual([503, '7']);
      const d = await chaotic.app.inject({ url: '/v1/offers?limit=20', headers: auth() });
      const page = offersPageSchema.parse(d.json());
      expect(page.items.length).toBe(25);
      expect(page.items.filter((i) => !offerSchema.safeParse(i).success)).toHaveLength(5);
      // the same seed gives the same random faults
      const runs = [1, 2].map(() => {
        const c1 = buildCityApi({ storage: api.storage, publicUrl: 'http://127.0.0.1:4880', chaos: { seed: 21, rates: { error500: 0.3, cut: 0.2 } } }).chaos!;
        return Array.from({ length: 40 }, () => c1.decide('/v1/offers'));
      });
      expect(runs[0]).toEqual(runs[1]);
      expect(runs[0]!.filter(Boolean).length).toBeGreaterThan(5);
      await chaotic.app.close();
    });
  });

  describe('a server built from a storage alone (no SQLite db, as on PostgreSQL, issue 19)', () => {
    it('serves the kiosk API, public pages, feeds, the club form and the staff login, but not the SQLite-only staff pages', async () => {
      const storage = api.storage; // no `db` is passed
      const kioskOnly = buildCityApi({ storage, kioskApiOnly: true }).app;
      expect((await kioskOnly.inject({ url: '/angebote' })).statusCode).toBe(404);
      await kioskOnly.close();
      const { app } = buildCityApi({ storage, publicUrl: 'http://127.0.0.1:4880' });
      for (const url of ['/angebote', '/angebote/sample-kulturcafe', '/wuensche/neu', '/submit', '/poster.pdf', '/feeds/offers.atom', '/feeds/events.ics', '/sitemap.xml']) {
        expect((await app.inject({ url })).statusCode, url).toBe(200);
      }
      // SQLite-only parts are not served (rather than half-working on another database)
      expect((await app.inject({ url: '/staff' })).statusCode).toBe(404);
      await app.close();
      const withStaff = buildCityApi({ storage, publicUrl: 'http://127.0.0.1:4880', adminPassword: 'a long staff password' }).app;
      expect((await withStaff.inject({ url: '/staff/login' })).statusCode).toBe(200);
      await withStaff.close();
    });
  });
});
