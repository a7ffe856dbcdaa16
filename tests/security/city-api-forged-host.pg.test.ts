/**
 * Issue 13, attack table part 2, on SQLite and PostgreSQL (issue 19): forged Host (and forwarding headers) on every
 * page that writes absolute links, --public-url required, --trust-proxy: X-Forwarded-For believed only from the
 * configured proxy, limits keyed on it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCityApi, PUBLIC_URL_REQUIRED, PublicUrlRequiredError } from '../../city-api/src/server';
import { windowCounter } from '../../city-api/src/submissions/submission-routes';
import { STORAGE_BACKENDS, type StorageBackend } from '../support/storage-backends';
import { cityFixture, clubFormFields, multipart, PASSWORD, PUBLIC_URL, timeToken, useCityFixture, type Fixture } from './city-api-fixture';

const EVIL = 'evil.example';
const FORGERIES: [string, Record<string, string>][] = [
  ['Host', { host: EVIL }],
  ['X-Forwarded-Host', { 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'http' }],
  ['Forwarded', { forwarded: `host=${EVIL};proto=http` }],
  ['Host with port and X-Forwarded-Proto', { host: `${EVIL}:8443`, 'x-forwarded-proto': 'http' }],
];

/** An empty storage of the backend for buildCityApi's option checks (SQLite: with its database). */
async function bare(backend: StorageBackend) {
  const { storage, db, cleanup } = await backend.open();
  return { base: db ? { storage, db } : { storage }, cleanup };
}

describe.each(STORAGE_BACKENDS)('forged Host, --public-url and --trust-proxy on $name', (backend) => {
  const fx = useCityFixture(backend, { submissionSpam: { minFillMs: 0 } });

  /** Pages that write absolute links, and whether the link to this server must be there. */
  const pages = () => [
    { url: '/angebote', writesLinks: true },
    { url: `/angebote/${encodeURIComponent(fx.f.offerId)}`, writesLinks: true },
    { url: `/angebote/${encodeURIComponent(fx.f.offerId)}/druck`, writesLinks: true },
    { url: `/angebote/${encodeURIComponent(fx.f.offerId)}/termin.ics`, writesLinks: false },
    { url: '/angebote/karte', writesLinks: true },
    { url: '/angebote/gibt-es-nicht', writesLinks: true },
    { url: '/datenschutz', writesLinks: true },
    { url: '/sitemap.xml', writesLinks: true },
    { url: '/robots.txt', writesLinks: true },
    { url: '/feeds/offers.atom', writesLinks: true },
    { url: '/feeds/events.ics', writesLinks: false },
    { url: '/poster.pdf', writesLinks: true },
    { url: '/poster.pdf?lang=en', writesLinks: true },
    { url: '/submit', writesLinks: false },
    { url: '/staff/offers', writesLinks: false, staff: true },
    { url: `/staff/submissions/${fx.f.submissionId}`, writesLinks: false, staff: true },
  ];
  const PAGES = 16;

  describe('forged Host on every page that writes links', () => {
    for (let i = 0; i < PAGES; i++) {
      for (const [name, headers] of FORGERIES) {
        it(`page ${i} with a forged ${name}`, async () => {
          const p = pages()[i]!;
          const r = await fx.f.app.inject({ url: p.url, headers: { ...headers, ...(p.staff ? { cookie: fx.staff.cookie } : {}) } });
          expect(r.statusCode, p.url).toBeLessThan(500);
          const body = r.rawPayload.toString('latin1');
          expect(body, p.url).not.toContain(EVIL);
          for (const v of Object.values(r.headers)) expect(String(v)).not.toContain(EVIL);
          if (p.writesLinks) expect(body, p.url).toContain(PUBLIC_URL);
        });
      }
    }
    for (const [name, headers] of FORGERIES) {
      it(`the club form's private link with a forged ${name}`, async () => {
        const { payload, headers: mp } = multipart(clubFormFields(await timeToken(fx.f.app)));
        const r = await fx.f.app.inject({ method: 'POST', url: '/submit', payload, headers: { ...mp, ...headers }, remoteAddress: `10.9.0.${name.length}` });
        expect(r.statusCode).toBe(201);
        expect(r.body).not.toContain(EVIL);
        expect(r.body).toMatch(new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/submit/edit/[A-Za-z0-9_-]+`));
      });
    }
  });

  describe('--public-url', () => {
    it('buildCityApi refuses a staff page or club form without a public URL, with a message saying what to pass', async () => {
      const { base, cleanup } = await bare(backend);
      expect(() => buildCityApi({ ...base, adminPassword: PASSWORD })).toThrow(PublicUrlRequiredError);
      expect(() => buildCityApi({ ...base })).toThrow(/--public-url https:\/\//);
      expect(() => buildCityApi({ ...base, kioskApiOnly: true, adminPassword: PASSWORD })).toThrow(PublicUrlRequiredError);
      expect(() => buildCityApi({ ...base, publicUrl: 'https://x.example/path' })).toThrow(/no path/);
      expect(() => buildCityApi({ ...base, publicUrl: 'javascript:alert(1)' })).toThrow(/--public-url/);
      await cleanup();
    });

    it('the kiosk-API-only server needs no public URL and serves no public pages', async () => {
      const { base, cleanup } = await bare(backend);
      const { app } = buildCityApi({ ...base, kioskApiOnly: true });
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/submit' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/poster.pdf', headers: { host: EVIL } })).statusCode).toBe(404);
      await app.close();
      await cleanup();
    });

    it('the command line refuses to start without --public-url and names the option', () => {
      const dir = mkdtempSync(join(tmpdir(), 'city-cli-'));
      // PostgreSQL: the fixture's database (the CLI must refuse before it serves anything)
      const dbArg = fx.f.pgUrl ?? join(dir, 'c.sqlite');
      try {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'city-api/src/cli.ts', '--db', dbArg, '--port', '0', '--admin-password', PASSWORD], {
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(r.status).toBe(1);
        expect(r.stderr).toContain(PUBLIC_URL_REQUIRED);
        const bad = spawnSync(process.execPath, ['--import', 'tsx', 'city-api/src/cli.ts', '--db', dbArg, '--port', '0', '--public-url', 'https://a.example/x'], {
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(bad.status).toBe(1);
        expect(bad.stderr).toMatch(/--public-url: expected/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('--trust-proxy: per-address limits see the real visitor, and only behind the configured proxy', () => {
    const loginAttempt = (app: Fixture['app'], headers: Record<string, string>, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/staff/login', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: 'password=falsch', remoteAddress });

    it('default (no proxy trusted): a rotating X-Forwarded-For does not escape the login limit', async () => {
      const g = await cityFixture(backend);
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await loginAttempt(g.app, { 'x-forwarded-for': `203.0.113.${i}` }, '198.51.100.7')).statusCode);
      expect(codes.slice(10)).toEqual([429, 429]);
      await g.close();
    });

    it('behind a trusted proxy: each visitor has their own limit; the proxy address itself is not the key', async () => {
      const g = await cityFixture(backend, { trustProxy: ['10.0.0.5'] });
      for (let i = 0; i < 10; i++) expect((await loginAttempt(g.app, { 'x-forwarded-for': '203.0.113.1' }, '10.0.0.5')).statusCode).not.toBe(429);
      expect((await loginAttempt(g.app, { 'x-forwarded-for': '203.0.113.1' }, '10.0.0.5')).statusCode).toBe(429);
      // another visitor through the same proxy is not locked out by the first
      expect((await loginAttempt(g.app, { 'x-forwarded-for': '203.0.113.2' }, '10.0.0.5')).statusCode).not.toBe(429);
      await g.close();
    });

    it('X-Forwarded-For from an address that is not the trusted proxy is ignored', async () => {
      const g = await cityFixture(backend, { trustProxy: ['10.0.0.5'] });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await loginAttempt(g.app, { 'x-forwarded-for': `203.0.113.${i}` }, '198.51.100.9')).statusCode);
      expect(codes.slice(10)).toEqual([429, 429]);
      await g.close();
    });

    it('refuses --trust-proxy values that are not addresses', async () => {
      const { base, cleanup } = await bare(backend);
      expect(() => buildCityApi({ ...base, kioskApiOnly: true, trustProxy: ['true'] })).toThrow(/--trust-proxy/);
      expect(() => buildCityApi({ ...base, kioskApiOnly: true, trustProxy: ['*'] })).toThrow(/--trust-proxy/);
      await cleanup();
    });
  });
});

describe('per-address memory is bounded', () => {
  it('a flood of 50 000 addresses keeps at most maxKeys entries in the club form counter', () => {
    const c = windowCounter(600_000, 1000);
    for (let i = 0; i < 50_000; i++) {
      c.count(`198.18.${i >> 8}.${i & 255}`, 1_000 + i);
      c.add(`198.18.${i >> 8}.${i & 255}`, 1_000 + i);
    }
    expect(c.size()).toBeLessThanOrEqual(1001);
  });
});
