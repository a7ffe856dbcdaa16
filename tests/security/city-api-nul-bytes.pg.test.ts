/**
 * Attack table: a NUL byte (U+0000, sent as %00) in every URL parameter and form field of the city API, on SQLite
 * and PostgreSQL (issue 19). PostgreSQL's text cannot hold it (SQLite's can), so every request must answer the same
 * on both backends — refused by the same check, or accepted — and never 500. Where the text is accepted it is
 * stored without the NUL on PostgreSQL (storage/pg-text.ts) and reads as sent otherwise; a calendar address keeps
 * what it fetches (NUL as %00).
 */
import { describe, expect, it } from 'vitest';
import { normaliseFeedUrl } from '../../city-api/src/calendar-sources/fetch-feed';
import { csrfIn, mergeCookies } from '../../city-api/src/staff/staff-test-login';
import { STORAGE_BACKENDS } from '../support/storage-backends';
import { clubFormFields, KIOSKS, multipart, PASSWORD, timeToken, useCityFixture } from './city-api-fixture';

const N = '%00';
const bearer = { authorization: `Bearer ${KIOSKS.rathaus}` };
const noNul = (s: string | null | undefined) => (s ?? '').replaceAll('\u0000', '');
/** A calendar address no test may fetch from the internet: the discard port on loopback. */
const FEED = 'http://127.0.0.1:9/kalender';

/** Public and /v1 GETs with a NUL in the path or query, and what both backends answer. */
const GETS: [string, number, Record<string, string>?][] = [
  [`/angebote/a${N}b`, 404],
  [`/angebote/a${N}b/druck`, 404],
  [`/angebote/a${N}b/termin.ics`, 404],
  [`/angebote?q=a${N}b`, 200],
  [`/angebote?interest=a${N}b`, 200],
  [`/angebote?page=${N}`, 200],
  [`/submit/edit/a${N}b`, 404],
  [`/images/a${N}b`, 404],
  [`/wuensche/neu?x=${N}`, 200],
  [`/sitemap.xml?${N}`, 200],
  [`/v1/kiosks/rath${N}aus/config`, 403, bearer],
  [`/v1/offers?since=v1.${N}`, 400, bearer],
  [`/v1/events?from=2026-01-01${N}&to=2026-02-01`, 400, bearer],
];
const STAFF_GETS: [string, number][] = [
  [`/staff/offers/a${N}b/edit`, 404],
  [`/staff/submissions/a${N}b`, 404],
  [`/staff/wishes/a${N}b`, 404],
  [`/staff/offers?q=a${N}b`, 200],
  [`/staff/audit?x=${N}`, 200],
  [`/staff/calendars?x=${N}`, 200],
];
/** Staff form posts (with a valid session and CSRF token) whose NUL is refused by the route's own check on both. */
const STAFF_POSTS: [string, string, number][] = [
  [`/staff/offers/a${N}b/state`, 'state=hidden', 422],
  [`/staff/offers/a${N}b/status`, 'status=paused', 422],
  [`/staff/review/a${N}b/confirm`, `actor=E${N}ve`, 404],
  [`/staff/submissions/a${N}b/decide`, `decision=reject&actor=E${N}ve&reason=x${N}`, 404],
  [`/staff/kiosks/rath${N}aus/commands`, 'type=reload', 422],
  ['/staff/kiosks/rathaus/commands', `type=rel${N}oad`, 422],
  [`/staff/wishes/a${N}b`, `status=erledigt&note=x${N}`, 422],
  [`/staff/wishes/a${N}b/reply`, `channel=telefon&summary=x${N}`, 422],
  ['/staff/accounts', `name=eva${N}x&role=editor&town=`, 422],
  [`/staff/accounts/eva${N}/role`, 'role=admin', 404],
  [`/staff/calendars/a${N}b/pause`, '', 404],
  ['/staff/offers', `id=neu${N}1&title=Neu${N}`, 422],
];

describe.each(STORAGE_BACKENDS)('NUL bytes in every parameter and form field on $name', (backend) => {
  const fx = useCityFixture(backend, { submissionSpam: { minFillMs: 0 } });
  const staffPost = (url: string, body: string) =>
    fx.f.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: fx.staff.cookie },
      payload: `${body}${body ? '&' : ''}csrf=${encodeURIComponent(fx.staff.csrf)}`,
    });

  for (const [url, status, headers] of GETS) {
    it(`GET ${url}: ${status}`, async () => {
      expect((await fx.f.app.inject({ url, headers })).statusCode).toBe(status);
    });
  }
  for (const [url, status] of STAFF_GETS) {
    it(`staff GET ${url}: ${status}`, async () => {
      expect((await fx.f.app.inject({ url, headers: { cookie: fx.staff.cookie } })).statusCode).toBe(status);
    });
  }
  for (const [url, body, status] of STAFF_POSTS) {
    it(`staff POST ${url} ${body}: ${status}, nothing changed`, async () => {
      const before = await fx.f.fingerprint();
      expect((await staffPost(url, body)).statusCode).toBe(status);
      expect(await fx.f.fingerprint()).toBe(before);
    });
  }

  it('/v1 writes with NUL in the body or the Idempotency-Key are refused (422/400), nothing stored', async () => {
    const before = await fx.f.fingerprint();
    const wish = { text: 'Lesekreis', language: 'de', created_at: '2026-11-25T09:00:00Z', kiosk_id: 'rathaus', contact_consent: true };
    const post = (url: string, payload: object, headers: Record<string, string> = {}) => fx.f.app.inject({ method: 'POST', url, headers: { ...bearer, ...headers }, payload });
    expect((await post('/v1/wishes', { ...wish, text: 'a\u0000b Lesekreis', contact: { name: 'E\u0000va' } }, { 'idempotency-key': 'key-nul-00001' })).statusCode).toBe(422);
    expect((await post('/v1/wishes', wish, { 'idempotency-key': 'key-nul\u000000002' })).statusCode).toBe(400);
    const hb = { version: '1.0\u0000', uptime_s: 1, last_sync_at: null, offers_count: 0, outbox_pending: 0, printer: { state: 'none' }, disk_free_mb: 100, errors_since_last: ['x\u0000y'] };
    expect((await post('/v1/kiosks/rathaus/heartbeat', hb)).statusCode).toBe(422);
    expect((await post('/v1/kiosks/rathaus/stats', { day: '2026-11-25', searches: { 'a\u0000b': 1 } })).statusCode).toBe(422);
    expect(await fx.f.fingerprint()).toBe(before);
  });

  it('the club form and the wish form with NUL in every field: 422, nothing stored', async () => {
    const before = await fx.f.fingerprint();
    const fields = clubFormFields(await timeToken(fx.f.app)).map(([k, v]) => [k, k === 't' ? v : `${v}\u0000`] as [string, string]);
    const mp = multipart(fields);
    expect((await fx.f.app.inject({ method: 'POST', url: '/submit', payload: mp.payload, headers: mp.headers, remoteAddress: '10.1.1.1' })).statusCode).toBe(422);
    const page = await fx.f.app.inject({ url: '/wuensche/neu' });
    const t = /name="t" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const r = await fx.f.app.inject({
      method: 'POST',
      url: '/wuensche/neu',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: mergeCookies('', page) },
      payload: `t=${encodeURIComponent(t)}&text=Lese${N}kreis&lang=de&consent=1&name=E${N}va&phone=0224${N}1`,
      remoteAddress: '10.1.1.2',
    });
    expect(r.statusCode).toBe(422);
    expect(await fx.f.fingerprint()).toBe(before);
  });

  // (a NUL at the END of the right password used to log in: scrypt's PBKDF2-HMAC pads its key with zero bytes, so
  // 'pw' and 'pw\0' are the same key; control characters in passwords are refused now, staff-auth.ts, and the
  // trailing-NUL case is tested in staff/account-pages.pg.test.ts)
  it('staff login with NUL in the name and inside the password: 422 with a plain message, no session', async () => {
    const page = await fx.f.app.inject({ url: '/staff/login' });
    const r = await fx.f.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: mergeCookies('', page) },
      payload: `name=a${N}b&password=${encodeURIComponent(PASSWORD.slice(0, 7))}${N}${encodeURIComponent(PASSWORD.slice(7))}&csrf=${encodeURIComponent(csrfIn(page.body)!)}`,
    });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('unsichtbares Steuerzeichen');
    expect(String(r.headers['set-cookie'] ?? '')).not.toMatch(/city_staff=[^;]/);
  });

  it("a club's calendar address with NUL (private edit link): added (303), the address fetches what was typed", async () => {
    const r = await fx.f.app.inject({
      method: 'POST',
      url: `/submit/edit/${fx.f.editToken}/calendar`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `url=${encodeURIComponent(FEED)}/club${N}.ics`,
    });
    expect(r.statusCode).toBe(303);
    const [src] = await fx.f.storage.listCalendarSources({ offerId: (await fx.f.storage.getSubmission(fx.f.submissionId))!.offerId });
    expect(normaliseFeedUrl(src!.url)!.href).toBe(normaliseFeedUrl(`${FEED}/club\u0000.ics`)!.href);
  });

  it('rejecting a submission with NUL in name and reason: done (303), the audit trail reads as sent without the NUL', async () => {
    const r = await staffPost(`/staff/submissions/${fx.f.submissionId}/decide`, `decision=reject&actor=E${N}ve&reason=Bitte${N} erg%C3%A4nzen`);
    expect(r.statusCode).toBe(303);
    const s = (await fx.f.storage.getSubmission(fx.f.submissionId))!;
    expect([s.state, noNul(s.staffMessage)]).toEqual(['rejected', 'Bitte ergänzen']);
    const entry = (await fx.f.storage.auditTrail(10)).find((e) => e.submissionId === fx.f.submissionId && e.action === 'rejected')!;
    expect([noNul(entry.actor), noNul(entry.reason)]).toEqual(['Eve', 'Bitte ergänzen']);
  });

  it('confirming an offer with NUL in the name: done (303), confirmed by the name without the NUL', async () => {
    const r = await staffPost(`/staff/review/${encodeURIComponent(fx.f.offerId)}/confirm`, `actor=E${N}ve`);
    expect(r.statusCode).toBe(303);
    const [row] = await fx.f.query<{ confirmed_by: string }>('SELECT confirmed_by FROM offer_confirmations WHERE offer_id = ?', [fx.f.offerId]);
    expect(noNul(row!.confirmed_by)).toBe('Eve');
  });

  it('a staff calendar source with NUL in its address and label: added (303), the address fetches what was typed', async () => {
    const r = await staffPost('/staff/calendars', `url=${encodeURIComponent(FEED)}/a${N}b.ics&label=Verein${N} Nord`);
    expect(r.statusCode).toBe(303);
    const src = (await fx.f.storage.listCalendarSources()).find((s) => noNul(s.label) === 'Verein Nord')!;
    expect(src).toBeDefined();
    expect(normaliseFeedUrl(src.url)!.href).toBe(normaliseFeedUrl(`${FEED}/a\u0000b.ics`)!.href);
    await fx.f.storage.deleteCalendarSource(src.id);
  });
});
