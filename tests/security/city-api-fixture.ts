/**
 * A seeded reference city API for the attack tables in tests/security/city-api-*.test.ts (issue 13):
 * two kiosks, a staff password, one pending club submission; plus a fingerprint of everything an attack could
 * change, so a refused attack can be asserted to have changed nothing.
 */
import type { FastifyInstance } from 'fastify';
import { openCityDb, type CityDb } from '../../city-api/src/city-db';
import { registerKiosk } from '../../city-api/src/kiosk-store';
import { publishedOffers } from '../../city-api/src/offer-store';
import { parseSeedSpec, seedCityDb } from '../../city-api/src/seed';
import { buildCityApi, type CityApiOptions } from '../../city-api/src/server';
import { createSubmission } from '../../city-api/src/submissions/submission-store';
import type { Offer } from '../../shared/schemas/offer';

export { clubFormFields, multipart } from '../support/club-form';

export const PASSWORD = 'richtig-langes-passwort';
export const PUBLIC_URL = 'https://angebote.siegburg.example';
export const KIOSKS = { rathaus: 'token-rathaus-0123456789', bibliothek: 'token-bibliothek-0123456789' } as const;

export interface Fixture {
  db: CityDb;
  app: FastifyInstance;
  offerId: string;
  submissionId: string;
  editToken: string;
  /** Everything a staff or kiosk write could change. */
  fingerprint(): string;
}

export function cityFixture(extra: Partial<CityApiOptions> = {}): Fixture {
  const db = openCityDb(':memory:');
  seedCityDb(db, parseSeedSpec('sample'));
  for (const [id, token] of Object.entries(KIOSKS)) registerKiosk(db, id, token);
  const first = [...publishedOffers(db).values()][0] as Offer;
  const { submission, editToken } = createSubmission(db, { ...first, id: 'club-fixture-1', title: 'Schachclub' }, { name: 'Erika Muster', phone: '02241 1234' });
  const app = buildCityApi({ db, adminPassword: PASSWORD, publicUrl: PUBLIC_URL, ...extra }).app;
  const q = (sql: string) => JSON.stringify(db.prepare(sql).all());
  return {
    db,
    app,
    offerId: first.id,
    submissionId: submission.id,
    editToken,
    fingerprint: () =>
      [
        q(`SELECT value FROM meta WHERE key = 'change_seq'`),
        q(`SELECT id, state, data_json FROM offers ORDER BY id`),
        q(`SELECT id, kiosk_id, type FROM commands ORDER BY id`),
        q(`SELECT id, state, updated_at FROM submissions ORDER BY id`),
        q(`SELECT COUNT(*) FROM moderation_log`),
        q(`SELECT COUNT(*) FROM offer_confirmations`),
        q(`SELECT id, kiosk_id FROM wishes ORDER BY id`),
        q(`SELECT kiosk_id, day FROM stats ORDER BY kiosk_id, day`),
        q(`SELECT id, last_heartbeat_at FROM kiosks ORDER BY id`),
        q(`SELECT COUNT(*) FROM admin_sessions`),
      ].join('\n'),
  };
}

/** The spellings an attacker tries for a protected path (issue 13). */
export function spellings(p: string): { name: string; url: string }[] {
  const firstLetter = (s: string, enc: (c: string) => string) => s.replace(/^\/(\w)/, (_m, c: string) => `/${enc(c)}`);
  const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
  return [
    { name: 'percent-encoded letter', url: firstLetter(p, pct) },
    { name: 'percent-encoded letter in the last segment', url: p.replace(/\/(\w)([^/]*)$/, (_m, c: string, rest: string) => `/${pct(c)}${rest}`) },
    { name: '%2F instead of the last slash', url: p.replace(/\/([^/]*)$/, '%2F$1') },
    { name: 'doubled slashes', url: p.replace(/\//g, '//') },
    { name: '/./ segment', url: `/.${p}` },
    { name: '/x/../ segment', url: `/x/..${p}` },
    { name: 'upper case', url: p.toUpperCase() },
    { name: ';param', url: `${p};jsessionid=1` },
    { name: 'double encoding', url: firstLetter(p, (c) => `%25${c.charCodeAt(0).toString(16).toUpperCase()}`) },
  ];
}

/** Status codes that mean "refused" for a request without a valid session/token. */
export const REFUSED = [303, 401, 403, 404];

/** The club form's time token (the fixture's server is built with minFillMs 0 where a test submits). */
export async function timeToken(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ url: '/submit' });
  const m = /name="t" value="([^"]+)"/.exec(res.body);
  if (!m) throw new Error('no time token in the form');
  return m[1]!;
}

