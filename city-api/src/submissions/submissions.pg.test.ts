/**
 * The club form (/submit), its moderation and the private link, on SQLite and PostgreSQL (issue 19): field-by-field
 * checks, photo refusals, markup, spam limits and bots store nothing on either backend; approval, changes,
 * withdrawal, the 12-month review and the promotion feeds. The server is built from the storage alone.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES } from './submission-routes';
import { clubFormFields, multipart } from '../../../tests/support/club-form';
import { backendApp } from '../../../tests/support/backend-app';
import { ALL_SUBMISSION_STATES, clubFormClient } from '../../../tests/support/club-form-client';
import { backdateOffer } from '../../../tests/support/backdate';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

const KIOSK_TOKEN = 'kiosk-token-0123456789abcdef';
const PASSWORD = 'staff-password-123';

describe.each(STORAGE_BACKENDS)('club form on $name', (backend) => {
  const api = backendApp(backend, { kiosks: [['k1', KIOSK_TOKEN]], server: { adminPassword: PASSWORD, submissionSpam: { minFillMs: 0 } } });

  const { timeToken, submit, onlySubmission, staffLogin, decide, approveThenEdit } = clubFormClient(api, PASSWORD);

  const feedIds = async (): Promise<string[]> => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSK_TOKEN}` } });
    const body = res.json() as { items: { id: string }[]; has_more: boolean };
    return body.items.map((o) => o.id);
  };

  const countSubmissions = async () => (await api.storage.listSubmissions(ALL_SUBMISSION_STATES)).length;

  describe('public submission form', () => {
    it('shows an accessible form with every field a volunteer can know, in German and English', async () => {
      const de = await api.app.inject({ method: 'GET', url: '/submit' });
      expect(de.statusCode).toBe(200);
      expect(de.headers['content-security-policy']).toContain("default-src 'none'");
      for (const name of ['title', 'summary', 'description', 'interests', 'age_groups', 'freq', 'byday', 'setpos', 'date', 'opens_at', 'loc_name', 'street', 'lat', 'lon', 'wheelchair', 'cost_free', 'registration', 'org_name', 'org_email', 'photo', 'sub_name', 'privacy']) {
        expect(de.body).toContain(`name="${name}"`);
      }
      expect(de.body).toContain('<html lang="de">');
      expect(de.body).toContain('nur, um Rückfragen');
      const en = await api.app.inject({ method: 'GET', url: '/submit?lang=en' });
      expect(en.body).toContain('<html lang="en">');
      expect(en.body).toContain('Submit activity');
    });

    it('accepts a valid submission, gives a private link, and publishes nothing before approval', async () => {
      const before = await feedIds();
      const res = await submit(clubFormFields(await timeToken()));
      expect(res.statusCode).toBe(201);
      expect(res.body).toContain('Vielen Dank');
      expect(res.body).toMatch(/\/submit\/edit\/[A-Za-z0-9_-]{20,}/);
      expect(await countSubmissions()).toBe(1);
      expect((await onlySubmission()).state).toBe('pending');
      expect(await feedIds()).toEqual(before);
    });

    it('names each missing field in plain words and keeps what was typed', async () => {
      const fields = clubFormFields(await timeToken(), { title: '', org_name: '', sub_email: '', privacy: '' }).filter(([k]) => k !== 'interests');
      const res = await submit(fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Bitte prüfen Sie diese Angaben');
      expect(res.body).toContain('Bitte wählen Sie mindestens ein Thema.');
      expect(res.body).toContain('<a href="#title">Name des Angebots: Bitte ausfüllen.</a>');
      expect(res.body).toContain('Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.');
      expect(res.body).toContain('Bitte stimmen Sie zu');
      expect(res.body).toContain('id="title" name="title" required aria-required="true" aria-describedby="title-hint title-error" aria-invalid="true"');
      // typed values are still there
      expect(res.body).toContain('value="Gemeindehaus Kaldauen"');
      expect(res.body).toContain('Wir spielen Brettspiele und Karten.');
      expect(await countSubmissions()).toBe(0);
    });

    it('refuses a 20 MB photo with a clear message and keeps every typed field', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024, 0);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      const res = await submit(clubFormFields(await timeToken(), { image_alt: 'Menschen am Spieltisch' }), { name: 'gross.jpg', type: 'image/jpeg', bytes: big });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Das Foto ist zu groß');
      expect(res.body).toContain('value="Spieletreff für Jung und Alt"');
      expect(await countSubmissions()).toBe(0);
      expect(big.length).toBeGreaterThan(PHOTO_MAX_BYTES);
    });

    it('refuses a file that is not an image even when it is named .jpg', async () => {
      const res = await submit(clubFormFields(await timeToken(), { image_alt: 'Foto' }), {
        name: 'urlaub.jpg',
        type: 'image/jpeg',
        bytes: Buffer.from('MZ\x90\x00 this is an executable, not a photo'),
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Die Datei ist kein Foto im Format JPEG, PNG oder WebP.');
      expect(await countSubmissions()).toBe(0);
    });

    it('stores a real photo (checked by its bytes) with the offer after approval', async () => {
      // a real, decodable PNG: a header alone is refused since photos are decoded and re-encoded (issue 13)
      const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: 'red' } }).png().toBuffer();
      const res = await submit(clubFormFields(await timeToken(), { image_alt: 'Ein Spielbrett' }), { name: 'foto.png', type: 'image/png', bytes: png });
      expect(res.statusCode).toBe(201);
      const sub = await onlySubmission();
      expect((await decide(sub.id, { decision: 'approve', lat: '50.7851', lon: '7.2402' })).statusCode).toBe(303);
      const item = (await api.app.inject({ url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSK_TOKEN}` } })).json().items.find((o: { id: string }) => o.id === sub.offerId) as { image?: { url: string } };
      const sha = /([0-9a-f]{64})$/.exec(item.image!.url)![1]!;
      expect((await api.storage.getImage(sha))!.contentType).toBe('image/png');
    });

    it('rejects script or HTML in every text field, field by field, and stores nothing', async () => {
      const evil = '<script>alert(1)</script>';
      const textFields = ['title', 'summary', 'description', 'org_name', 'contact_person', 'loc_name', 'street', 'city', 'transit_stop', 'accessibility_notes', 'cost_note', 'schedule_note', 'sub_name'];
      const res = await submit(clubFormFields(await timeToken(), Object.fromEntries(textFields.map((f) => [f, `Hallo ${evil}`]))));
      expect(res.statusCode).toBe(422);
      for (const f of textFields) expect(res.body).toContain(`id="${f}-error"`);
      expect(res.body).toContain('Bitte ohne spitze Klammern');
      // the page shows the typed text again, escaped, never as markup
      expect(res.body).not.toContain('<script>alert(1)</script>');
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(await countSubmissions()).toBe(0);
    });

    it('stops 50 submissions a minute from one address with a clear message; other addresses are not affected', async () => {
      const t = await timeToken();
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push((await submit(clubFormFields(t, { title: `Angebot Nummer ${i}` }), undefined, '10.9.9.9')).statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(45);
      const limited = await submit(clubFormFields(t), undefined, '10.9.9.9');
      expect(limited.statusCode).toBe(429);
      expect(limited.body).toContain('sehr viele Eintragungen');
      expect(limited.body).toContain('value="Spieletreff für Jung und Alt"');
      expect(limited.headers['retry-after']).toBeDefined();
      expect(await countSubmissions()).toBe(5);
      expect((await submit(clubFormFields(t), undefined, '10.1.1.1')).statusCode).toBe(201);
    });

    it('catches bots: a filled honeypot and a form sent faster than a person can fill it', async () => {
      const honey = await submit(clubFormFields(await timeToken(), { homepage: 'http://spam.example' }));
      expect(honey.statusCode).toBe(422);
      // Flipping a padding bit of the signature's last base64url letter keeps the decoded bytes: still refused.
      const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const padForged = (await timeToken()).replace(/.$/, (c) => B64[B64.indexOf(c) ^ 1]!);
      expect((await submit(clubFormFields(padForged))).statusCode).toBe(422);
      await api.rebuild({ adminPassword: PASSWORD, submissionSpam: { minFillMs: 60_000 } });
      const fast = await submit(clubFormFields(await timeToken()));
      expect(fast.statusCode).toBe(422);
      expect(fast.body).toContain('Das ging sehr schnell');
      const forged = await submit(clubFormFields('123.forged'));
      expect(forged.statusCode).toBe(422);
      expect(await countSubmissions()).toBe(0);
    });
  });

  describe('moderation and the private link', () => {
    it('approval publishes the offer to kiosks and records who approved it; rejection never reaches a kiosk', async () => {
      await submit(clubFormFields(await timeToken()));
      const a = await onlySubmission();
      const staffPage = await staffLogin();
      const detail = await api.app.inject({ method: 'GET', url: `/staff/submissions/${a.id}`, headers: { cookie: staffPage.cookie } });
      expect(detail.body).toContain('Neues Angebot');
      expect(detail.body).toContain('Spieletreff für Jung und Alt');
      expect((await decide(a.id, { decision: 'approve', lat: '50.7851', lon: '7.2402' })).statusCode).toBe(303);
      expect(await feedIds()).toContain(a.offerId);
      const audit = (await api.storage.auditTrail(100)).filter((x) => x.submissionId === a.id).reverse(); // newest first -> in order
      expect(audit.map((x) => x.action)).toEqual(['submitted', 'approved']);
      expect(audit[1]!.actor).toBe('Sachbearbeitung Test');

      await submit(clubFormFields(await timeToken(), { title: 'Abgelehntes Angebot' }), undefined, '10.0.0.2');
      const pending = await api.storage.listSubmissions(['pending']);
      expect(pending).toHaveLength(1);
      const b = pending[0]!;
      expect((await decide(b.id, { decision: 'reject', reason: 'Das ist ein kommerzielles Angebot.' })).statusCode).toBe(303);
      expect(await feedIds()).not.toContain(b.offerId);
    });

    it('asks for changes; the club sees the question on its private page, edits, and the edit shows as a diff', async () => {
      const created = await submit(clubFormFields(await timeToken()));
      // an edit of a published offer goes back to moderation with a side-by-side comparison
      const { submission: s, link } = await approveThenEdit(created.body);
      const { cookie } = await staffLogin();
      const diff = await api.app.inject({ method: 'GET', url: `/staff/submissions/${s.id}`, headers: { cookie } });
      expect(diff.body).toContain('Änderung eines veröffentlichten Angebots');
      expect(diff.body).toContain('Zeit (geändert)');
      await decide(s.id, { decision: 'changes', reason: 'Bitte die Hausnummer prüfen.' });
      const again = await api.app.inject({ method: 'GET', url: `/submit/edit/${link}` });
      expect(again.body).toContain('Bitte die Hausnummer prüfen.');
    });

    it('withdrawal hides a published offer from kiosks and deletes the contact data', async () => {
      const created = await submit(clubFormFields(await timeToken()));
      const link = /\/submit\/edit\/([A-Za-z0-9_-]+)/.exec(created.body)![1]!;
      const s = await onlySubmission();
      await decide(s.id, { decision: 'approve', lat: '50.7851', lon: '7.2402' });
      expect(await feedIds()).toContain(s.offerId);
      // a kiosk that holds the offer (synced up to now) gets its tombstone; a first sync has nothing to delete
      const head = (await api.app.inject({ method: 'GET', url: '/v1/offers?limit=500', headers: { authorization: `Bearer ${KIOSK_TOKEN}` } })).json() as { next_cursor: string };
      const { payload, headers } = multipart([]);
      const res = await api.app.inject({ method: 'POST', url: `/submit/edit/${link}/withdraw`, payload, headers });
      expect(res.body).toContain('Zurückgezogen');
      const after = await onlySubmission();
      expect(after.state).toBe('withdrawn');
      expect(after.contact).toBeNull();
      expect(await feedIds()).not.toContain(s.offerId);
      const tomb = await api.app.inject({ method: 'GET', url: `/v1/offers?limit=500&since=${head.next_cursor}`, headers: { authorization: `Bearer ${KIOSK_TOKEN}` } });
      expect((tomb.json() as { deleted: string[] }).deleted).toContain(s.offerId);
    });

    it('staff pages and decisions need a login', async () => {
      expect((await api.app.inject({ method: 'GET', url: '/staff/submissions' })).statusCode).toBe(303);
      const res = await api.app.inject({ method: 'POST', url: '/staff/submissions/00000000-0000-4000-8000-000000000000/decide', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'decision=approve' });
      expect(res.statusCode).toBe(303);
    });

    it('flags offers not confirmed for 12 months and clears the flag on confirmation', async () => {
      await backdateOffer(api.storage, [...(await api.storage.publishedOffers()).keys()].sort()[0]!, '2024-01-01T00:00:00.000Z');
      const { cookie, csrf } = await staffLogin();
      const review = await api.app.inject({ method: 'GET', url: '/staff/review', headers: { cookie } });
      const m = /action="\/staff\/review\/([^/]+)\/confirm"/.exec(review.body);
      expect(m).not.toBeNull();
      const offerId = m![1]!;
      await api.app.inject({
        method: 'POST',
        url: `/staff/review/${offerId}/confirm`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ csrf, actor: 'Sachbearbeitung Test' }).toString(),
      });
      const after = await api.app.inject({ method: 'GET', url: '/staff/review', headers: { cookie } });
      expect(after.body).not.toContain(`/staff/review/${offerId}/confirm`);
    });
  });

  describe('promotion feeds', () => {
    it('lists newly published offers in Atom, all events in iCalendar, and makes an A4 poster PDF with the form URL', async () => {
      await submit(clubFormFields(await timeToken(), { title: 'Neues Nachbarschaftscafé' }));
      await decide((await onlySubmission()).id, { decision: 'approve', lat: '50.7851', lon: '7.2402' });
      const atom = await api.app.inject({ method: 'GET', url: '/feeds/offers.atom', headers: { host: 'angebote.example.org' } });
      expect(atom.headers['content-type']).toContain('application/atom+xml');
      expect(atom.body.indexOf('Neues Nachbarschaftscafé')).toBeGreaterThan(0);
      expect(atom.body.indexOf('Neues Nachbarschaftscafé')).toBeLessThan(atom.body.indexOf('</entry>'));
      const ics = await api.app.inject({ method: 'GET', url: '/feeds/events.ics' });
      expect(ics.body).toContain('BEGIN:VCALENDAR');
      expect(ics.body).toContain('BEGIN:VEVENT');
      const pdf = await api.app.inject({ method: 'GET', url: '/poster.pdf', headers: { host: 'angebote.example.org' } });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
      // the form URL comes from --public-url, never from the request's Host (issue 13)
      expect(pdf.rawPayload.toString('latin1')).toContain('(http://127.0.0.1:4880/submit)');
      expect(pdf.rawPayload.toString('latin1')).not.toContain('angebote.example.org');
    });
  });
});
