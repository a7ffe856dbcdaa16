import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { staffLogin } from '../staff/staff-test-login';
import { parseTownSite } from './web-town';
import { backendApp } from '../../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

/**
 * Issue 17: the web wish form /wuensche/neu stores wishes like the kiosk (kiosk_id null, source "web"), shows in the
 * staff wish list and Bedarf, refuses spam like the club form, and on any mistake gives the form back with everything
 * typed. Time is a fake clock (vi fake Date), so "too fast" and "too old" need no waiting. On SQLite and PostgreSQL (issue 19).
 */

const PASSWORD = 'richtig-langes-passwort';
const PUBLIC = 'http://127.0.0.1:4880';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  // the fake clock first: the seed and the server start on it
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const api = backendApp(backend, { server: { publicUrl: PUBLIC, adminPassword: PASSWORD, submissionSpam: { attemptsPer10Min: 8, acceptedPerHour: 3 } } });

  const tokenOf = (body: string) => /name="t" value="([^"]+)"/.exec(body)![1]!;
  async function openForm(lang = 'de'): Promise<string> {
    const r = await api.app.inject({ url: `/wuensche/neu${lang === 'de' ? '' : `?lang=${lang}`}` });
    expect(r.statusCode).toBe(200);
    return tokenOf(r.body);
  }
  const later = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
  async function send(fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
    return api.app.inject({ method: 'POST', url: '/wuensche/neu', headers: { ...FORM, ...headers }, payload: p.toString() });
  }
  /** What a textarea or input shows again: the HTML-escaped value. */
  const shown = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  describe('web wish form (issue 17)', () => {
    it('works without JavaScript or cookies in six languages, Arabic right to left, with a link from the offer pages', async () => {
      for (const lang of ['de', 'de-LS', 'en', 'tr', 'uk', 'ar']) {
        const r = await api.app.inject({ url: `/wuensche/neu?lang=${lang}` });
        expect(r.statusCode, lang).toBe(200);
        expect(r.headers['set-cookie']).toBeUndefined();
        expect(r.body).not.toMatch(/<script/i);
        expect(r.body).toMatch(/<form method="post" action="\/wuensche\/neu[^"]*"/);
        expect(r.body).toContain(`name="lang" value="${lang}"`);
        if (lang === 'ar') expect(r.body).toContain('dir="rtl"');
      }
      const list = await api.app.inject({ url: '/angebote?lang=tr' });
      expect(list.body).toContain('href="/wuensche/neu?lang=tr"');
      const detail = await api.app.inject({ url: '/angebote/sample-kulturcafe' });
      expect(detail.body).toContain('href="/wuensche/neu"');
    });

    it('stores a wish like a kiosk wish (kiosk_id null, source web) that shows in the staff wish list and in Bedarf', async () => {
      const t = await openForm('en');
      later(6000);
      const r = await send({ t, lang: 'en', text: 'A chess club <b>in the evening</b> & "tea"', interest: ['spielen', 'nope'], district: 'kaldauen', name: 'Ana', email: 'ana@example.org', consent: 'ja' });
      expect(r.statusCode).toBe(201);
      expect(r.body).toContain('Thank you for your wish!');
      const [w] = await api.storage.listWishes();
      expect(w!.source).toBe('web');
      expect(w!.body).toMatchObject({ text: 'A chess club <b>in the evening</b> & "tea"', language: 'en', kiosk_id: null, source: 'web', contact_consent: true, contact: { name: 'Ana', email: 'ana@example.org' } });
      // taxonomy ids that do not exist are dropped, known ones kept
      expect(w!.body.interests).toEqual(['spielen']);
      const staff = await staffLogin(api.app, PASSWORD, '/staff/wishes');
      const page = (await api.app.inject({ url: '/staff/wishes', headers: { cookie: staff.cookie } })).body;
      expect(page).toContain('Web-Formular');
      expect(page).toContain('A chess club &lt;b&gt;in the evening&lt;/b&gt; &amp; &quot;tea&quot;');
      expect(page).not.toContain('<b>in the evening</b>');
      const bedarf = (await api.app.inject({ url: '/staff/bedarf?from=2026-11-01&to=2026-11-30', headers: { cookie: staff.cookie } })).body;
      expect(bedarf).toMatch(/1 Wünsche vom/);
    });

    it('a replayed form stores one wish; the same form with another text is refused and the text kept', async () => {
      const t = await openForm();
      later(5000);
      expect((await send({ t, text: 'Singen im Park' })).statusCode).toBe(201);
      later(60_000);
      const again = await send({ t, text: 'Singen im Park' });
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain('Danke für Ihren Wunsch!');
      expect(await api.storage.countWishes()).toBe(1);
      const other = await send({ t, text: 'Tanzen am Abend' });
      expect(other.statusCode).toBe(409);
      expect(other.body).toContain('Dieses Formular wurde schon mit einem anderen Text gesendet');
      expect(other.body).toContain('>Tanzen am Abend</textarea>');
      expect(tokenOf(other.body)).not.toBe(t); // a fresh form to send it with
      expect(await api.storage.countWishes()).toBe(1);
    });

    it('removes control characters with a friendly message, keeps the visible text, stores nothing', async () => {
      const t = await openForm();
      later(5000);
      const r = await send({ t, text: 'Spiele\u0000abend\u001b[31m für\u0007 alle', name: 'Bo\u0008b' });
      expect(r.statusCode).toBe(422);
      expect(r.body).toContain('Im Text waren unsichtbare Steuerzeichen');
      expect(r.body).toContain('>Spieleabend[31m für alle</textarea>');
      expect(r.body).toContain('value="Bob"');
      expect(r.body).toContain('aria-invalid="true"');
      expect(await api.storage.countWishes()).toBe(0);
      // sent again as shown: accepted
      later(5000);
      expect((await send({ t: tokenOf(r.body), text: 'Spieleabend[31m für alle' })).statusCode).toBe(201);
    });

    it('keeps everything typed on every mistake: empty, too long, bad phone or e-mail, contact without consent', async () => {
      const long = 'ä'.repeat(1001);
      const cases: { fields: Record<string, string>; message: string; keep: string[] }[] = [
        { fields: { text: '   ', name: 'Erika' }, message: 'Bitte schreiben Sie Ihren Wunsch auf.', keep: ['value="Erika"'] },
        { fields: { text: long }, message: 'Der Text ist zu lang', keep: [`>${long}</textarea>`] },
        { fields: { text: 'Kochen', phone: 'abc', consent: 'ja' }, message: 'Bitte prüfen Sie die Telefonnummer.', keep: ['value="abc"', '>Kochen</textarea>', 'value="ja" checked'] },
        { fields: { text: 'Kochen', email: 'a@', consent: 'ja' }, message: 'Bitte prüfen Sie die E-Mail-Adresse.', keep: ['value="a@"'] },
        { fields: { text: 'Kochen', phone: '02241 123' }, message: 'Bitte setzen Sie den Haken', keep: ['value="02241 123"'] },
        { fields: { text: 'Kochen', consent: 'ja' }, message: 'Bitte geben Sie eine Telefonnummer oder E-Mail-Adresse an', keep: ['value="ja" checked'] },
        { fields: { text: '<script>alert(1)</script>', email: 'x"><img src=x>', consent: 'ja' }, message: 'Bitte prüfen Sie die E-Mail-Adresse.', keep: [`>${shown('<script>alert(1)</script>')}</textarea>`, `value="${shown('x"><img src=x>')}"`] },
      ];
      for (const c of cases) {
        const t = await openForm();
        later(5000);
        const r = await send({ t, ...c.fields });
        expect(r.statusCode, c.message).toBe(422);
        expect(r.body, c.message).toContain(c.message);
        for (const k of c.keep) expect(r.body, c.message).toContain(k);
        expect(r.body).not.toContain('<script>alert(1)</script>');
        expect(r.body).toContain('role="alert"');
      }
      expect(await api.storage.countWishes()).toBe(0);
    });

    it('has the club form spam protection: honeypot, too fast, too old, forged token, cross-site, rate limits', async () => {
      const t = await openForm();
      const tooFast = await send({ t, text: 'Schach' });
      expect(tooFast.statusCode).toBe(422);
      expect(tooFast.body).toContain('Das ging sehr schnell');
      expect(tooFast.body).toContain('>Schach</textarea>');
      later(5000);
      expect((await send({ t, text: 'Schach', homepage: 'http://spam.example' })).statusCode).toBe(422);
      const forged = t.replace(/.$/, (c) => (c === 'A' ? 'C' : 'A'));
      expect((await send({ t: forged, text: 'Schach' })).body).toContain('Das Formular war zu lange offen');
      // The last letter of a 43-letter base64url signature carries two padding bits: flipping one leaves the decoded
      // bytes equal, so a check on decoded bytes would accept this forgery.
      const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const padForged = t.replace(/.$/, (c) => B64[B64.indexOf(c) ^ 1]!);
      expect(padForged).not.toBe(t);
      expect((await send({ t: padForged, text: 'Schach' })).body).toContain('Das Formular war zu lange offen');
      const cross = await send({ t, text: 'Schach' }, { origin: 'https://evil.example' });
      expect(cross.statusCode).toBe(403);
      expect(cross.body).toContain('>Schach</textarea>');
      expect((await send({ t, text: 'Schach' }, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
      later(25 * 3600_000);
      expect((await send({ t, text: 'Schach' })).body).toContain('Das Formular war zu lange offen');
      expect(await api.storage.countWishes()).toBe(0);

      // at most 3 accepted wishes per hour from one address (limit set for this test), then 429 with Retry-After
      for (let i = 0; i < 3; i++) {
        const ti = await openForm();
        later(5000);
        expect((await send({ t: ti, text: `Wunsch ${i}` }, { origin: PUBLIC, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
      }
      const t4 = await openForm();
      later(5000);
      const limited = await send({ t: t4, text: 'Wunsch 4' });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toContain('>Wunsch 4</textarea>');
      expect(await api.storage.countWishes()).toBe(3);
    });

    it("a wish sent on a town's address (--town-site) is that town's; on any other Host the district's (issue 19)", async () => {
      const LOHMAR = 'https://angebote.lohmar.de';
      await api.rebuild({ publicUrl: PUBLIC, adminPassword: PASSWORD, townSites: [parseTownSite(`lohmar=${LOHMAR}`)] });
      const sendOn = async (host: string, origin: string, text: string) => {
        const form = await api.app.inject({ url: '/wuensche/neu', headers: { host } });
        later(5000);
        const p = new URLSearchParams({ t: tokenOf(form.body), text });
        return api.app.inject({ method: 'POST', url: '/wuensche/neu', headers: { ...FORM, host, ...(origin ? { origin } : {}) }, payload: p.toString() });
      };
      // the town's own address, also re-cased with a trailing dot; its form's links are the town's
      const lohmarForm = (await api.app.inject({ url: '/wuensche/neu', headers: { host: 'angebote.lohmar.de' } })).body;
      expect(lohmarForm).toContain(`href="${LOHMAR}/wuensche/neu"`);
      expect((await sendOn('angebote.lohmar.de', LOHMAR, 'Wandern in Lohmar')).statusCode).toBe(201);
      expect((await sendOn('Angebote.Lohmar.DE.', LOHMAR, 'Boule in Lohmar')).statusCode).toBe(201);
      // a look-alike Host gets the district's pages: its own Origin is another site than --public-url; sent without
      // Origin it is stored without town (fail closed: not shown to a town's staff); so is the district's address
      expect((await sendOn('angebote.lohmar.de.evil.example', 'http://angebote.lohmar.de.evil.example', 'Falscher Host')).statusCode).toBe(403);
      expect((await sendOn('angebote.lohmar.de.evil.example', '', 'Falscher Host')).statusCode).toBe(201);
      expect((await sendOn('127.0.0.1:4880', PUBLIC, 'Kreisweit')).statusCode).toBe(201);
      // the town's Origin on the district's address is another site
      expect((await sendOn('127.0.0.1:4880', LOHMAR, 'Quer')).statusCode).toBe(403);
      const towns = new Map<string, string | null>();
      for (const w of await api.storage.listWishes()) towns.set(w.body.text, (await api.storage.townOf('wish', w.id))!.town);
      expect(Object.fromEntries(towns)).toEqual({ 'Wandern in Lohmar': 'lohmar', 'Boule in Lohmar': 'lohmar', 'Falscher Host': null, Kreisweit: null });
    });
  });
});
