/** The staff page (login, offers, wishes, kiosk commands) on SQLite and PostgreSQL (issue 19), from the storage alone. */
import { describe, expect, it } from 'vitest';
import { offerSchema } from '../../shared/schemas/offer';
import { FORM, form, STAFF_OFFER_FORM, csrfIn, mergeCookies, setCookies, staffLogin } from './staff/staff-test-login';
import { backendApp } from '../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../tests/support/storage-backends';
import { MARKUP_WISH_WITHOUT_CONSENT } from '../../tests/support/wishes';

const PASSWORD = 'richtig-langes-passwort';

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { kiosks: [['rathaus', 'token-rathaus-0123456789']], server: { adminPassword: PASSWORD } });
  const cookiesOf = setCookies;

  async function login(): Promise<{ cookie: string; csrf: string }> {
    const r = await staffLogin(api.app, PASSWORD);
    const session = cookiesOf(r.loginResponse).find((c) => c.startsWith('city_staff='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\/staff/);
    return r;
  }

  describe('staff page', () => {
    it('requires login; refuses a wrong password, a missing login CSRF token, and throttles guessing', async () => {
      expect((await api.app.inject({ url: '/staff/offers' })).headers.location).toBe('/staff/login');
      const page = await api.app.inject({ url: '/staff/login' });
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      const cookie = mergeCookies('', page);
      const csrf = csrfIn(page.body)!;
      const noCsrf = await api.app.inject({ method: 'POST', url: '/staff/login', headers: { ...FORM, cookie }, payload: form({ password: PASSWORD }) });
      expect(noCsrf.statusCode).toBe(403);
      // 10 login attempts per address and minute (@fastify/rate-limit): the 11th is refused even with the right password
      for (let i = 0; i < 9; i++) {
        const wrong = await api.app.inject({ method: 'POST', url: '/staff/login', headers: { ...FORM, cookie }, payload: form({ csrf, password: 'falsch' }) });
        expect(wrong.statusCode).toBe(401);
        expect(cookiesOf(wrong).some((c) => c.startsWith('city_staff='))).toBe(false);
      }
      const blocked = await api.app.inject({ method: 'POST', url: '/staff/login', headers: { ...FORM, cookie }, payload: form({ csrf, password: PASSWORD }) });
      expect(blocked.statusCode).toBe(429);
    });

    it('adds an offer (validated like every record), edits, pauses and hides it — kiosks see each change in the feed', async () => {
      const { cookie, csrf } = await login();
      const base = { csrf, ...STAFF_OFFER_FORM };
      // markup in a text field: refused with the form shown again, escaped
      const bad = await api.app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form({ ...base, title: '<script>alert(1)</script>' }) });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).not.toContain('<script>alert(1)</script>');
      expect(bad.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(bad.body).toContain('must be plain text');
      // without the CSRF token nothing happens
      const forged = await api.app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form({ ...base, csrf: 'forged' }) });
      expect(forged.statusCode).toBe(403);
      expect((await api.storage.getStoredOffer('boule-treff'))).toBeNull();

      const ok = await api.app.inject({ method: 'POST', url: '/staff/offers', headers: { ...FORM, cookie }, payload: form(base) });
      expect(ok.statusCode).toBe(303);
      const stored = offerSchema.parse((await api.storage.getStoredOffer('boule-treff'))!.offer);
      expect(stored).toMatchObject({ title: 'Boule am Siegufer', location: { lat: 50.7931, wheelchair: 'partial' }, cost: { free: true }, schedules: [{ byday: ['TH'] }] });
      const seqAfterCreate = (await api.storage.getStoredOffer('boule-treff'))!.seq;

      const edit = await api.app.inject({ method: 'POST', url: '/staff/offers/boule-treff', headers: { ...FORM, cookie }, payload: form({ ...base, title: 'Boule & Klönen am Siegufer' }) });
      expect(edit.statusCode).toBe(303);
      expect(offerSchema.parse((await api.storage.getStoredOffer('boule-treff'))!.offer).title).toBe('Boule & Klönen am Siegufer');

      await api.app.inject({ method: 'POST', url: '/staff/offers/boule-treff/status', headers: { ...FORM, cookie }, payload: form({ csrf, status: 'paused' }) });
      const feed = (await api.storage.offersPage({ seq: seqAfterCreate }, 100));
      expect(feed.items.map((i) => JSON.parse(i)).find((o) => o.id === 'boule-treff')?.status).toBe('paused');

      await api.app.inject({ method: 'POST', url: '/staff/offers/boule-treff/state', headers: { ...FORM, cookie }, payload: form({ csrf, state: 'hidden' }) });
      expect((await api.storage.offersPage({ seq: seqAfterCreate }, 100)).deleted).toEqual(['boule-treff']);
      const list = await api.app.inject({ url: '/staff/offers', headers: { cookie } });
      expect(list.body).toContain('Boule &amp; Klönen am Siegufer');
    });

    it('shows wishes escaped and contact details only with consent; queues commands for a kiosk', async () => {
      await api.storage.storeWish('key-00000001', 'rathaus', MARKUP_WISH_WITHOUT_CONSENT);
      const { cookie, csrf } = await login();
      const wishes = await api.app.inject({ url: '/staff/wishes', headers: { cookie } });
      expect(wishes.body).toContain('&lt;img src=x onerror=alert(1)&gt; Ein Lesekreis');
      expect(wishes.body).not.toContain('<img src=x');
      expect(wishes.body).not.toContain('4710 555');

      const q = await api.app.inject({ method: 'POST', url: '/staff/kiosks/rathaus/commands', headers: { ...FORM, cookie }, payload: form({ csrf, type: 'sync_now' }) });
      expect(q.statusCode).toBe(303);
      expect((await api.storage.listKiosksForStaff())[0]!.commands.map((c) => [c.type, c.state])).toEqual([['sync_now', 'queued']]);
      const badType = await api.app.inject({ method: 'POST', url: '/staff/kiosks/rathaus/commands', headers: { ...FORM, cookie }, payload: form({ csrf, type: 'rm -rf' }) });
      expect(badType.statusCode).toBe(422);

      await api.app.inject({ method: 'POST', url: '/staff/logout', headers: { ...FORM, cookie }, payload: form({ csrf }) });
      expect((await api.app.inject({ url: '/staff/wishes', headers: { cookie } })).statusCode).toBe(303);
    });
  });
});
