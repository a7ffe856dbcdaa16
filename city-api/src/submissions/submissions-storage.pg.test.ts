/**
 * The club form, its moderation, the audit trail and the 12-month review on both backends (issue 19): the server
 * is built from a storage alone (as on PostgreSQL, no SQLite `db`) and the same requests and assertions run on
 * SQLite and on PostgreSQL (a fresh database per test on the throwaway cluster of the vitest `postgres` project;
 * skipped when PostgreSQL is not installed). The form's field-by-field checks, photo refusals and spam limits
 * are in submissions.pg.test.ts (both backends too; set-up: tests/support/backend-app.ts).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { backendApp } from '../../../tests/support/backend-app';
import { clubFormClient } from '../../../tests/support/club-form-client';
import { clubFormFields, multipart } from '../../../tests/support/club-form';

const KIOSK_TOKEN = 'kiosk-token-0123456789abcdef';
const PASSWORD = 'staff-password-123';

const BACKENDS = STORAGE_BACKENDS;

describe.each(BACKENDS)('club form, moderation, audit and review on $name (storage only, no SQLite db)', (backend) => {
  const api = backendApp(backend, { kiosks: [['k1', KIOSK_TOKEN]], server: { adminPassword: PASSWORD, submissionSpam: { minFillMs: 0 } } });

  const { timeToken, submit, onlySubmission: only, staffLogin, decide, approveThenEdit } = clubFormClient(api, PASSWORD);
  const feed = async () => (await api.app.inject({ url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSK_TOKEN}` } })).json() as { items: { id: string; title: string; image?: { url: string } }[]; deleted: string[] };
  const metric = async () => Number(/^city_api_moderation_queue (\S+)$/m.exec((await api.app.inject({ url: '/metrics' })).body)![1]);

  it('accepts a submission with a photo, publishes nothing before approval; approval publishes it with the photo and is logged', async () => {
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: 'red' } }).png().toBuffer();
    const res = await submit(clubFormFields(await timeToken(), { image_alt: 'Ein Spielbrett' }), { name: 'foto.png', type: 'image/png', bytes: png });
    expect(res.statusCode).toBe(201);
    expect(res.body).toMatch(/http:\/\/127\.0\.0\.1:4880\/submit\/edit\/[A-Za-z0-9_-]{20,}/);
    const s = await only();
    expect(s).toMatchObject({ state: 'pending', contact: { name: 'Erika Beispiel', email: 'erika@example.org' } });
    // times read back as UTC ISO text on both backends
    expect([s.createdAt, s.updatedAt].map((t) => new Date(t).toISOString())).toEqual([s.createdAt, s.updatedAt]);
    expect((await feed()).items.map((o) => o.id)).not.toContain(s.offerId);
    expect(await metric()).toBe(1);

    const { cookie } = await staffLogin();
    const queue = await api.app.inject({ url: '/staff/submissions', headers: { cookie } });
    expect(queue.body).toContain('Offen (1)');
    expect(queue.body).toContain('Spieletreff für Jung und Alt');
    const detail = await api.app.inject({ url: `/staff/submissions/${s.id}`, headers: { cookie } });
    expect(detail.body).toContain('Neues Angebot');

    expect((await decide(s.id, { decision: 'approve', lat: '50.7851', lon: '7.2402' })).statusCode).toBe(303);
    const published = (await feed()).items.find((o) => o.id === s.offerId)!;
    expect(published.title).toBe('Spieletreff für Jung und Alt');
    const img = await api.app.inject({ url: published.image!.url.replace('http://127.0.0.1:4880', '') });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await api.app.inject({ url: `/angebote/${encodeURIComponent(s.offerId)}` })).statusCode).toBe(200);
    expect(await metric()).toBe(0);
    const trail = (await api.storage.auditTrail()).filter((e) => e.submissionId === s.id);
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['approved', 'Sachbearbeitung Test'],
      ['submitted', 'submitter'],
    ]);
    const audit = await api.app.inject({ url: '/staff/audit', headers: { cookie } });
    expect(audit.body).toContain('Sachbearbeitung Test');
  });

  it('a rejected submission never reaches a kiosk; the reason shows on the private page', async () => {
    const created = await submit(clubFormFields(await timeToken(), { title: 'Abgelehntes Angebot' }));
    const link = /\/submit\/edit\/([A-Za-z0-9_-]+)/.exec(created.body)![1]!;
    const s = await only();
    expect((await decide(s.id, { decision: 'reject', reason: 'Das ist ein kommerzielles Angebot.' })).statusCode).toBe(303);
    expect((await feed()).items.map((o) => o.id)).not.toContain(s.offerId);
    expect((await api.app.inject({ url: `/submit/edit/${link}` })).body).toContain('Das ist ein kommerzielles Angebot.');
    expect((await api.storage.getSubmission(s.id))!.state).toBe('rejected');
  });

  it('asks for changes; the club edits on its private page, the edit of a published offer shows as a diff', async () => {
    const created = await submit(clubFormFields(await timeToken()));
    const { submission: s, link } = await approveThenEdit(created.body);
    expect((await api.storage.getSubmission(s.id))!.state).toBe('pending');
    const { cookie } = await staffLogin();
    const diff = await api.app.inject({ url: `/staff/submissions/${s.id}`, headers: { cookie } });
    expect(diff.body).toContain('Änderung eines veröffentlichten Angebots');
    expect(diff.body).toContain('Zeit (geändert)');
    await decide(s.id, { decision: 'changes', reason: 'Bitte die Hausnummer prüfen.' });
    expect((await api.app.inject({ url: `/submit/edit/${link}` })).body).toContain('Bitte die Hausnummer prüfen.');
    expect((await api.storage.auditTrail()).filter((e) => e.submissionId === s.id).map((e) => e.action)).toEqual(['changes_requested', 'edited', 'approved', 'submitted']);
  });

  it('withdrawal hides a published offer from kiosks (a tombstone) and deletes the contact data', async () => {
    const created = await submit(clubFormFields(await timeToken()));
    const link = /\/submit\/edit\/([A-Za-z0-9_-]+)/.exec(created.body)![1]!;
    const s = await only();
    await decide(s.id, { decision: 'approve', lat: '50.7851', lon: '7.2402' });
    // a kiosk that holds the offer (synced up to now) gets its tombstone; a first sync has nothing to delete
    const head = (await api.app.inject({ url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSK_TOKEN}` } })).json() as { items: { id: string }[]; next_cursor: string };
    expect(head.items.map((o) => o.id)).toContain(s.offerId);
    const { payload, headers } = multipart([]);
    const res = await api.app.inject({ method: 'POST', url: `/submit/edit/${link}/withdraw`, payload, headers });
    expect(res.body).toContain('Zurückgezogen');
    expect(await api.storage.getSubmission(s.id)).toMatchObject({ state: 'withdrawn', contact: null, offer: null });
    const after = await feed();
    expect(after.items.map((o) => o.id)).not.toContain(s.offerId);
    expect(after.deleted).toEqual([]);
    const tomb = (await api.app.inject({ url: `/v1/offers?limit=500&since=${head.next_cursor}`, headers: { authorization: `Bearer ${KIOSK_TOKEN}` } })).json() as { deleted: string[] };
    expect(tomb.deleted).toContain(s.offerId);
    expect((await api.storage.getStoredOffer(s.offerId))!.state).toBe('hidden');
  });

  it('flags offers not confirmed for 12 months (on a given clock) and clears the flag on confirmation', async () => {
    const inAYear = new Date(Date.now() + 366 * 86_400_000);
    const due = await api.storage.offersDueForReview(inAYear);
    expect(due.length).toBeGreaterThan(5);
    expect(await api.storage.offersDueForReview(new Date())).toEqual([]);
    const first = due[0]!;
    await api.storage.confirmOffer(first.offerId, 'Sachbearbeitung Test', inAYear);
    const after = await api.storage.offersDueForReview(inAYear);
    expect(after.map((d) => d.offerId)).not.toContain(first.offerId);
    expect(after).toHaveLength(due.length - 1);
    expect((await api.storage.auditTrail(1))[0]).toMatchObject({ action: 'confirmed', offerId: first.offerId, submissionId: null, actor: 'Sachbearbeitung Test' });
    // the staff page, with the real clock: nothing due yet
    const { cookie } = await staffLogin();
    expect((await api.app.inject({ url: '/staff/review', headers: { cookie } })).body).not.toContain('/confirm"');
  });

  it('poster and feeds are served, and every staff page (also calendars and Bedarf)', async () => {
    const pdf = await api.app.inject({ url: '/poster.pdf' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.toString('latin1')).toContain('(http://127.0.0.1:4880/submit)');
    expect((await api.app.inject({ url: '/angebote' })).body).toContain('href="/submit"');
    const { cookie } = await staffLogin();
    const nav = (await api.app.inject({ url: '/staff/submissions', headers: { cookie } })).body;
    expect(nav).toContain('href="/staff/submissions"');
    expect(nav).toContain('href="/staff/calendars"');
    for (const url of ['/staff/calendars', '/staff/bedarf']) expect((await api.app.inject({ url, headers: { cookie } })).statusCode, url).toBe(200);
  });
});
