/** Wishes worked on by staff (issue 18) on SQLite and PostgreSQL (issue 19). */
import { describe, expect, it } from 'vitest';
import { staffLogin } from '../staff/staff-test-login';
import { backendApp } from '../../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { storedRows } from '../../../tests/support/stored-rows';

const PASSWORD = 'richtig-langes-passwort';

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { seed: '', kiosks: [['rathaus', 'token-rathaus-0123456789']], server: { adminPassword: PASSWORD } });
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  /** The wish's staff work as stored: status, note and every reply row. */
  const wishWorkOf = async (wishId: string) => {
    const [w] = await storedRows<{ status: string; note: string }>(api.storage, 'SELECT status, note FROM wish_work WHERE wish_id = ?', [wishId]);
    const replies = await storedRows<{ channel: string; summary: string }>(api.storage, 'SELECT channel, summary FROM wish_replies WHERE wish_id = ? ORDER BY id', [wishId]);
    return { status: w?.status ?? 'neu', note: w?.note ?? '', replies };
  };
  const wish = async (key: string, text: string, consent: boolean) =>
    (
      await api.storage.storeWish(key, 'rathaus', {
        text,
        language: 'de',
        contact_consent: consent,
        ...(consent ? { contact: { phone: '02241 12345' } } : {}),
        created_at: '2026-11-20T10:00:00Z',
        kiosk_id: 'rathaus',
      })
    ).id;

  describe('wishes worked on by staff (issue 18)', () => {
    it('keeps status and note; records a reply only where the visitor consented to contact; groups topics', async () => {
      const withConsent = await wish('k1', 'Schachgruppe', true);
      const without = await wish('k2', 'Schachtreff am Abend', false);
      await wish('k3', 'Schach', false);
      const s = await staffLogin(api.app, PASSWORD, '/staff/wishes');
      const post = (url: string, body: Record<string, string>) =>
        api.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, ...FORM }, payload: new URLSearchParams({ csrf: s.csrf, ...body }).toString() });

      expect((await post(`/staff/wishes/${without}`, { status: 'in_bearbeitung', note: 'Schachverein fragen' })).statusCode).toBe(303);
      expect(await wishWorkOf(without)).toMatchObject({ status: 'in_bearbeitung', note: 'Schachverein fragen' });
      expect((await post(`/staff/wishes/${without}`, { status: 'vergessen', note: '' })).statusCode).toBe(422);

      expect((await post(`/staff/wishes/${without}/reply`, { channel: 'telefon', summary: 'Verein genannt' })).statusCode).toBe(422);
      expect((await wishWorkOf(without)).replies).toEqual([]);
      expect((await post(`/staff/wishes/${withConsent}/reply`, { channel: 'telefon', summary: 'Verein genannt' })).statusCode).toBe(303);
      expect((await wishWorkOf(withConsent)).replies).toMatchObject([{ channel: 'telefon', summary: 'Verein genannt' }]);
      // Without the CSRF token nothing changes.
      const forged = await api.app.inject({ method: 'POST', url: `/staff/wishes/${withConsent}`, headers: { cookie: s.cookie, ...FORM }, payload: 'status=erledigt&note=x' });
      expect(forged.statusCode).toBe(403);
      expect((await wishWorkOf(withConsent)).status).toBe('neu');

      const page = (await api.app.inject({ url: '/staff/wishes', headers: { cookie: s.cookie } })).body;
      expect(page).toMatch(/<tr><td>Schach<\/td><td>3<\/td><td>3<\/td><\/tr>/);
      expect(page).toContain('Keine Antwort möglich (keine Einwilligung)');
      expect(page).toContain('1 Antwort(en) festgehalten');
    });
  });
});
