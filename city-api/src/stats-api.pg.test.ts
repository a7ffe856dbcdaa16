/** POST /v1/kiosks/{id}/stats on SQLite and PostgreSQL (issue 19). */
import { describe, expect, it } from 'vitest';
import { backendApp } from '../../tests/support/backend-app';
import { storedRows } from '../../tests/support/stored-rows';
import { STORAGE_BACKENDS } from '../../tests/support/storage-backends';

const TOKEN = 'token-rathaus-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const stats = {
  day: '2026-11-24',
  sessions: 31,
  offers_viewed_by_interest: { treffen: 12 },
  slips_printed: 7,
  wishes_sent: 2,
  languages_used: { de: 25, 'de-LS': 2 },
  large_text_sessions: 9,
  high_contrast_sessions: 3,
  speech_sessions: 4,
  sessions_by_hour: { '09': 10, '17': 21 },
  searches_without_result: { schach: 3, boule: 5 },
};

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { seed: '', kiosks: [['rathaus', TOKEN]] });

  const post = (payload: unknown) => api.app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/stats', headers: auth, payload: payload as object });

  describe('POST /v1/kiosks/{id}/stats (issue 18 fields)', () => {
    it('stores one body per kiosk and day; a resend replaces it', async () => {
      expect((await post(stats)).statusCode).toBe(204);
      expect((await post({ ...stats, sessions: 40 })).statusCode).toBe(204);
      const rows = await storedRows<{ body_json: string }>(api.storage, `SELECT body_json FROM stats WHERE kiosk_id = 'rathaus'`);
      expect(rows.map((r) => JSON.parse(r.body_json).sessions)).toEqual([40]);
    });

    it.each([
      ['an unknown field', { ...stats, note: 'Frau M. war heute da' }],
      ['a search phrase instead of one word', { ...stats, searches_without_result: { 'schach am abend': 3 } }],
      ['digits (phone numbers, postcodes)', { ...stats, searches_without_result: { '017612345678': 3 } }],
      ['a word longer than 40 letters', { ...stats, searches_without_result: { ['a'.repeat(41)]: 3 } }],
      ['a word searched fewer than 3 times', { ...stats, searches_without_result: { schach: 2 } }],
      ['an hour that is not one', { ...stats, sessions_by_hour: { '24': 1 } }],
      ['a time with the session', { ...stats, sessions_by_hour: { '09:13': 1 } }],
    ])('refuses %s with 422', async (_what, body) => {
      expect((await post(body)).statusCode).toBe(422);
      expect(await storedRows(api.storage, `SELECT CAST(count(*) AS integer) AS n FROM stats`)).toEqual([{ n: 0 }]);
    });
  });
});
