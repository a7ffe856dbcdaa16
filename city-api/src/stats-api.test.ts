import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openCityDb, type CityDb } from './city-db';
import { registerKiosk } from './kiosk-store';
import { buildCityApi } from './server';

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

let db: CityDb;
let app: FastifyInstance;
beforeEach(() => {
  db = openCityDb(':memory:');
  registerKiosk(db, 'rathaus', TOKEN);
  app = buildCityApi({ db, publicUrl: 'http://127.0.0.1:4880' }).app;
});
afterEach(async () => {
  await app.close();
  db.close();
});

const post = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/stats', headers: auth, payload: payload as object });

describe('POST /v1/kiosks/{id}/stats (issue 18 fields)', () => {
  it('stores one body per kiosk and day; a resend replaces it', async () => {
    expect((await post(stats)).statusCode).toBe(204);
    expect((await post({ ...stats, sessions: 40 })).statusCode).toBe(204);
    const rows = db.prepare(`SELECT body_json FROM stats WHERE kiosk_id = 'rathaus'`).all() as { body_json: string }[];
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
    expect(db.prepare(`SELECT count(*) AS n FROM stats`).get()).toEqual({ n: 0 });
  });
});
