import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openCityDb, type CityDb } from './city-db';
import { registerKiosk } from './kiosk-store';
import { parseSeedSpec, seedCityDb } from './seed';
import { buildCityApi } from './server';

// Issue 13: other spellings of a protected path must reach the route through its hook (refused) or be 404.
let db: CityDb;
let app: FastifyInstance;
beforeAll(() => {
  db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  registerKiosk(db, 'rathaus', 'token-rathaus-0123456789');
  app = buildCityApi({ db, adminPassword: 'richtig-langes-passwort' }).app;
});
afterAll(async () => {
  await app.close();
  db.close();
});

const spell = (p: string) => [p, p.replace('/s', '/%73').replace('/v', '/%76'), p.replace(/\//g, '//'), `/.${p}`, `/x/..${p}`, p.toUpperCase(), `${p};x=1`, p.replace('/s', '/%2573').replace('/v', '/%2576'), p.replace(/\/([^/]*)$/, '%2F$1')];

describe('protected routes under every spelling', () => {
  for (const p of ['/staff/wishes', '/staff/kiosks', '/staff/offers', '/staff/submissions']) {
    for (const url of spell(p)) {
      it(`GET ${url} without session is refused`, async () => {
        const r = await app.inject({ url });
        expect([303, 401, 403, 404]).toContain(r.statusCode);
        if (r.statusCode === 303) expect(r.headers.location).toBe('/staff/login');
      });
    }
  }
  for (const url of spell('/staff/kiosks/rathaus/commands')) {
    it(`POST ${url} without session is refused`, async () => {
      const r = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'type=relaunch' });
      expect([303, 401, 403, 404]).toContain(r.statusCode);
      expect((db.prepare(`SELECT COUNT(*) AS n FROM commands`).get() as { n: number }).n).toBe(0);
    });
  }
  for (const p of ['/v1/offers', '/v1/taxonomy', '/v1/kiosks/rathaus/config']) {
    for (const url of spell(p)) {
      it(`GET ${url} without token is refused`, async () => {
        const r = await app.inject({ url });
        expect([401, 404]).toContain(r.statusCode);
      });
    }
  }
});
