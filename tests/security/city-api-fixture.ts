/**
 * A seeded reference city API for the attack tables in tests/security/city-api-*.pg.test.ts (issue 13), on either
 * storage backend (issue 19: SQLite and PostgreSQL, tests/support/storage-backends.ts): two kiosks, a staff
 * password, one pending club submission; plus a fingerprint of everything an attack could change, so a refused
 * attack can be asserted to have changed nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { CityDb } from '../../city-api/src/city-db';
import { parseSeedSpec, seedStorage } from '../../city-api/src/seed';
import { buildCityApi, type CityApiOptions } from '../../city-api/src/server';
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import type { PgStorage } from '../../city-api/src/storage/pg-storage';
import { staffLogin, type StaffLogin } from '../../city-api/src/staff/staff-test-login';
import type { Offer } from '../../shared/schemas/offer';
import type { StorageBackend } from '../support/storage-backends';
import { storedRows } from '../support/stored-rows';

export { clubFormFields, multipart } from '../support/club-form';

export const PASSWORD = 'richtig-langes-passwort';
export const PUBLIC_URL = 'https://angebote.siegburg.example';
export const KIOSKS = { rathaus: 'token-rathaus-0123456789', bibliothek: 'token-bibliothek-0123456789' } as const;

export interface Fixture {
  storage: KioskStorage;
  /** The SQLite database behind the storage (SQLite only). */
  db?: CityDb;
  /** postgres://… of the test database (PostgreSQL only). */
  pgUrl?: string;
  app: FastifyInstance;
  offerId: string;
  submissionId: string;
  editToken: string;
  /** A kiosk wish with contact (for /staff/wishes/<id> and its replies). */
  wishId: string;
  /** A calendar source (for /staff/calendars/<id>/<action>); its address is on loopback and never answers. */
  calendarId: string;
  /** Raw SQL on the backend's database, `?` placeholders (numbered for PostgreSQL); the tables have the same names on both. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Everything a staff or kiosk write could change. */
  fingerprint(): Promise<string>;
  /** Closes the server and the storage (and drops a PostgreSQL test database). */
  close(): Promise<void>;
}

export async function cityFixture(backend: StorageBackend, extra: Partial<CityApiOptions> = {}): Promise<Fixture> {
  const { storage, db, cleanup } = await backend.open();
  await seedStorage(storage, parseSeedSpec('sample'));
  for (const [id, token] of Object.entries(KIOSKS)) await storage.registerKiosk(id, token);
  const first = [...(await storage.publishedOffers()).values()][0] as Offer;
  const { submission, editToken } = await storage.createSubmission({ ...first, id: 'club-fixture-1', title: 'Schachclub' }, { name: 'Erika Muster', phone: '02241 1234' });
  const wishId = (await storage.storeWish('key-fixture-0001', 'rathaus', { text: 'Ein Schachtreff am Vormittag', language: 'de', created_at: '2026-11-25T09:00:00Z', kiosk_id: 'rathaus', contact: { name: 'Hans Beispiel', phone: '02241 999' }, contact_consent: true })).id;
  const calendarId = (await storage.addCalendarSource({ url: 'http://127.0.0.1:9/fixture.ics', label: 'Fixture-Kalender', addedBy: 'staff', state: 'active' }, new Date())).id;
  const app = buildCityApi({ storage, ...(db ? { db } : {}), adminPassword: PASSWORD, publicUrl: PUBLIC_URL, ...extra }).app;
  const pool = storage.kind === 'postgres' ? (storage as PgStorage).pool : null;
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    // SQLite writes go through run(); reads and every PostgreSQL statement through the shared helper
    const st = db?.prepare(sql);
    if (st && !st.reader) {
      st.run(...params);
      return [];
    }
    return (await storedRows(storage, sql, params)) as T[];
  };
  const q = async (sql: string) => JSON.stringify(await query(sql));
  // the change counter: meta.change_seq on SQLite, the feed_head row on PostgreSQL (ADR 0013)
  const changeSeq = pool ? `SELECT seq FROM feed_head` : `SELECT value FROM meta WHERE key = 'change_seq'`;
  return {
    storage,
    ...(db ? { db } : {}),
    ...(pool ? { pgUrl: String(pool.options.connectionString) } : {}),
    app,
    offerId: first.id,
    submissionId: submission.id,
    editToken,
    wishId,
    calendarId,
    query,
    fingerprint: async () =>
      [
        await q(changeSeq),
        await q(`SELECT id, state, data_json FROM offers ORDER BY id`),
        await q(`SELECT id, kiosk_id, type FROM commands ORDER BY id`),
        await q(`SELECT id, state, updated_at FROM submissions ORDER BY id`),
        await q(`SELECT COUNT(*) FROM moderation_log`),
        await q(`SELECT COUNT(*) FROM offer_confirmations`),
        await q(`SELECT id, kiosk_id FROM wishes ORDER BY id`),
        await q(`SELECT kiosk_id, day FROM stats ORDER BY kiosk_id, day`),
        await q(`SELECT id, last_heartbeat_at FROM kiosks ORDER BY id`),
        await q(`SELECT COUNT(*) FROM admin_sessions`),
        await q(`SELECT id, state, label, url, next_fetch_at FROM calendar_sources ORDER BY id`),
        await q(`SELECT wish_id, status, note FROM wish_work ORDER BY wish_id`),
        await q(`SELECT COUNT(*) FROM wish_replies`),
        await q(`SELECT id, name, role, town, disabled_at FROM staff_accounts ORDER BY id`),
        await q(`SELECT district_id, residents FROM district_population ORDER BY district_id`),
      ].join('\n'),
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/**
 * The fixture and one staff login for the enclosing describe block: made in beforeAll, closed in afterAll. The
 * fields are there from the first hook on (a later beforeAll of the block may use them).
 */
export function useCityFixture(backend: StorageBackend, extra: Partial<CityApiOptions> = {}): { f: Fixture; staff: StaffLogin } {
  const fx = {} as { f: Fixture; staff: StaffLogin };
  beforeAll(async () => {
    fx.f = await cityFixture(backend, extra);
    fx.staff = await staffLogin(fx.f.app, PASSWORD);
  });
  afterAll(async () => {
    await fx.f.close();
  });
  return fx;
}

/** Every staff POST with a body that would change something if it reached its handler (the attack tables' targets). */
export const staffPostRoutes = (f: Fixture): [string, Record<string, string>][] => [
  ['/staff/kiosks/rathaus/commands', { type: 'relaunch' }],
  ['/staff/offers', { id: 'evil-offer', title: 'Böse', status: 'active' }],
  [`/staff/offers/${f.offerId}`, { title: 'Überschrieben' }],
  [`/staff/offers/${f.offerId}/status`, { status: 'paused' }],
  [`/staff/offers/${f.offerId}/state`, { state: 'hidden' }],
  [`/staff/submissions/${f.submissionId}/decide`, { decision: 'approve', actor: 'Eve' }],
  [`/staff/review/${f.offerId}/confirm`, { actor: 'Eve' }],
  ['/staff/logout', {}],
  ['/staff/accounts', { name: 'eve', role: 'admin', town: '' }],
  ['/staff/accounts/eve/role', { role: 'admin', town: '' }],
  ['/staff/accounts/eve/disable', {}],
  ['/staff/accounts/eve/password', {}],
  ['/staff/calendars/preview', { url: 'http://127.0.0.1:9/evil.ics', label: 'Böse' }],
  ['/staff/calendars', { url: 'http://127.0.0.1:9/evil.ics', label: 'Böse' }],
  [`/staff/calendars/${f.calendarId}/delete`, {}],
  [`/staff/calendars/${f.calendarId}/pause`, {}],
  ['/staff/bedarf/population', { kaldauen: '1' }],
  [`/staff/wishes/${f.wishId}`, { status: 'erledigt', note: 'Böse' }],
  [`/staff/wishes/${f.wishId}/reply`, { channel: 'telefon', summary: 'Böse' }],
];
/** How many staff POSTs staffPostRoutes lists (the tables build their test names before the fixture exists). */
export const STAFF_POST_ROUTES = 19;

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

