/**
 * The public pages (/angebote, offer pages, map, sitemap) and the public feeds (/feeds/offers.atom,
 * /feeds/events.ics) on both backends (issue 19): the server is built from a storage alone, as on PostgreSQL
 * (no SQLite `db`), and the same requests and assertions run on SQLite and on PostgreSQL (a fresh database per
 * test on the throwaway cluster of the vitest `postgres` project; skipped when PostgreSQL is not installed).
 * The club form, web wish form and Atom links have their own *.pg.test.ts files (both backends too).
 */
import { DOMParser } from '@xmldom/xmldom';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../../shared/schemas/offer';
import { pgAvailable } from '../../../tests/support/pg-database';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

const PUBLIC = 'https://angebote.siegburg.example';

const BACKENDS = STORAGE_BACKENDS;

const ATOM = 'http://www.w3.org/2005/Atom';
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

describe.each(BACKENDS)('public pages and feeds on $name (storage only, no SQLite db)', (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const get = (url: string) => app.inject({ url, headers: { host: 'evil.example' } });
  const count = (body: string) => Number(/(\d+) Angebot/.exec(body)![1]);
  const sample = async (id: string) => (await storage.getStoredOffer(id))!.offer as Offer;

  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    // minFillMs 0: the form may be sent at once (no clock needed here; web-wish.pg.test.ts covers the spam rules)
    app = buildCityApi({ storage, publicUrl: PUBLIC, submissionSpam: { minFillMs: 0 } }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('lists the published active offers by title, filters and searches with the kiosk rules (typos forgiven)', async () => {
    const r = await get('/angebote');
    expect(r.statusCode).toBe(200);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'none'");
    const published = [...(await storage.publishedOffers()).values()].filter((o) => (o as Offer).status === 'active').length;
    expect(count(r.body)).toBe(published);
    expect(r.body.match(/href="\/angebote\/sample-[a-z0-9-]+"/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(count((await get('/angebote?kostenlos=1')).body)).toBeLessThan(published);
    expect((await get('/angebote?q=Kulturcafee')).body).toContain('Kulturcafé');
    expect((await get('/angebote?q=xyzxyzxyz')).body).toContain('Alle Filter löschen und alle Angebote zeigen');
    expect((await get('/angebote/karte')).statusCode).toBe(200);
  });

  it('shows an offer page with JSON-LD and its next town-calendar date as .ics; 404 for unknown ids', async () => {
    const inTwoDays = isoDay(new Date(Date.now() + 2 * 86_400_000));
    await storage.putEvent({ uid: 'pg-web-1@test', offer_id: 'sample-kulturcafe', summary: 'Sondertermin Kulturcafé', dtstart: `${inTwoDays}T15:00`, duration_min: 90 });
    const r = await get('/angebote/sample-kulturcafe?lang=ar');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('dir="rtl"');
    expect(r.body).toContain('application/ld+json');
    expect(r.body).toContain(`${PUBLIC}/angebote/sample-kulturcafe`);
    expect(r.body).not.toContain('evil.example');
    const ics = await get('/angebote/sample-kulturcafe/termin.ics');
    expect(ics.statusCode).toBe(200);
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.body) as unknown[]).getFirstSubcomponent('vevent')!);
    expect(ev.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now() - 86_400_000);
    expect((await get('/angebote/sample-kulturcafe/druck')).body).toContain('<svg');
    expect((await get('/angebote/nope')).statusCode).toBe(404);
  });

  it('sees every change at once: an edited title, a hidden offer, a new calendar date (the catalog is rebuilt)', async () => {
    // (the list has several pages: ask by search)
    expect((await get('/angebote?q=Kulturcafe')).body).toContain('href="/angebote/sample-kulturcafe"');
    const base = await sample('sample-kulturcafe');
    await storage.putOffers([{ ...base, title: 'Kulturcafé am Markt (neu)' }]);
    expect((await get('/angebote?q=Kulturcafe')).body).toContain('Kulturcafé am Markt (neu)');
    expect((await get('/angebote/sample-kulturcafe')).body).toContain('<h1>Kulturcafé am Markt (neu)</h1>');

    await storage.setOfferState('sample-kulturcafe', 'hidden');
    expect((await get('/angebote/sample-kulturcafe')).statusCode).toBe(404);
    expect((await get('/angebote?q=Kulturcafe')).body).not.toContain('href="/angebote/sample-kulturcafe"');
    expect((await get('/sitemap.xml')).body).not.toContain('/angebote/sample-kulturcafe</loc>');

    // an event that only the town calendar knows (no schedule on that day): it appears among the offer's dates
    const other = [...(await storage.publishedOffers()).keys()].find((id) => id !== 'sample-kulturcafe')!;
    const day = isoDay(new Date(Date.now() + 40 * 86_400_000));
    const before = (await get(`/angebote/${other}/termin.ics`)).body;
    await storage.putEvent({ uid: 'pg-web-2@test', offer_id: other, summary: 'Nur im Kalender', dtstart: `${day}T07:05`, duration_min: 30 });
    const page = (await get(`/angebote/${other}`)).body;
    expect(page).toContain('Nur im Kalender');
    expect(before).not.toContain('Nur im Kalender');
  });

  it('shows an offer photo only when the image is stored on this server', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f80f0000010100005b1f6e8e0000000049454e44ae426082', 'hex');
    const { sha256, bytes } = await storage.putImage(png, 'image/png');
    const base = await sample('sample-kulturcafe');
    const missing = 'f'.repeat(64);
    await storage.putOffers([
      { ...base, image: { url: `/images/${sha256}`, alt: 'Tassen auf dem Tisch', sha256, bytes } },
      { ...base, id: 'ohne-bild-gespeichert', title: 'Bild fehlt', image: { url: `/images/${missing}`, alt: 'fehlt', sha256: missing, bytes: 10 } },
    ]);
    const withPhoto = (await get('/angebote/sample-kulturcafe')).body;
    expect(withPhoto).toContain(`<img src="/images/${sha256}" alt="Tassen auf dem Tisch"`);
    expect(withPhoto).toContain(`content="${PUBLIC}/images/${sha256}"`);
    expect((await get('/angebote/ohne-bild-gespeichert')).body).not.toContain('<img');
  });

  it('Atom feed: newest change first, every entry links to its page (from the public URL), hidden offers left out', async () => {
    const base = await sample('sample-kulturcafe');
    await storage.putOffers([{ ...base, id: 'verein:42', title: 'Kaffee & Kuchen < 5 € "mit" Musik', url: 'https://verein.example/?a=1&b=2' }]);
    await storage.setOfferState('sample-kulturcafe', 'hidden');
    const r = await get('/feeds/offers.atom');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/atom+xml');
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: (level: string, msg: unknown) => void errors.push(`${level}: ${String(msg)}`) }).parseFromString(r.body, 'application/xml');
    expect(errors).toEqual([]);
    const entries = Array.from(doc.documentElement!.getElementsByTagNameNS(ATOM, 'entry'));
    const ids = entries.map((e) => e.getElementsByTagNameNS(ATOM, 'id')[0]!.textContent!.replace('urn:gemeinsam:offer:', ''));
    expect(ids[0]).toBe('verein:42');
    expect(ids).not.toContain('sample-kulturcafe');
    expect(entries.length).toBeGreaterThan(5);
    const updated = entries.map((e) => e.getElementsByTagNameNS(ATOM, 'updated')[0]!.textContent!);
    for (const u of updated) expect(u).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect([...updated].sort().reverse()).toEqual(updated);
    for (const [i, e] of entries.entries()) {
      const alt = Array.from(e.getElementsByTagNameNS(ATOM, 'link')).find((l) => l.getAttribute('rel') === 'alternate')!;
      expect(alt.getAttribute('href')).toBe(`${PUBLIC}/angebote/${encodeURIComponent(ids[i]!)}`);
      const page = await get(alt.getAttribute('href')!.slice(PUBLIC.length));
      expect(page.statusCode, ids[i]).toBe(200);
      expect(page.body).toContain(`<h1>${escapeHtml(e.getElementsByTagNameNS(ATOM, 'title')[0]!.textContent!)}</h1>`);
    }
  });

  it('events feed: the town calendar as iCalendar, with the offer link', async () => {
    const day = isoDay(new Date(Date.now() + 3 * 86_400_000));
    await storage.putEvent({ uid: 'pg-web-3@test', offer_id: 'sample-kulturcafe', summary: 'Lesung im Kulturcafé', dtstart: `${day}T18:30`, duration_min: 60, rrule: 'FREQ=WEEKLY;COUNT=3' });
    const r = await get('/feeds/events.ics');
    expect(r.statusCode).toBe(200);
    const comp = new ICAL.Component(ICAL.parse(r.body) as unknown[]);
    const mine = comp.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === 'pg-web-3@test')!;
    expect(mine.getFirstPropertyValue('summary')).toBe('Lesung im Kulturcafé');
    expect(String(mine.getFirstPropertyValue('rrule'))).toContain('COUNT=3');
    expect(mine.getFirstPropertyValue('x-gemeinsam-offer')).toBe('sample-kulturcafe');
    expect(comp.getAllSubcomponents('vevent').length).toBeGreaterThan(1); // the sample calendar too
  });

  it('serves the web wish form and the club form without the SQLite database; the staff page only with a password', async () => {
    const form = await get('/wuensche/neu');
    expect(form.statusCode).toBe(200);
    const t = /name="t" value="([^"]+)"/.exec(form.body)![1]!;
    const payload = new URLSearchParams({ t, text: 'Ein Lauftreff am Morgen', interest: 'bewegung', district: 'kaldauen' }).toString();
    const sent = await app.inject({ method: 'POST', url: '/wuensche/neu', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(sent.statusCode).toBe(201);
    const [w] = await storage.listWishes();
    expect(w).toMatchObject({ source: 'web', body: { text: 'Ein Lauftreff am Morgen', kiosk_id: null, source: 'web', district: 'kaldauen', interests: ['bewegung'] } });
    for (const url of ['/submit', '/poster.pdf']) expect((await get(url)).statusCode, url).toBe(200);
    for (const url of ['/staff', '/staff/login']) expect((await get(url)).statusCode, url).toBe(404);
    for (const url of ['/angebote', '/angebote/sample-kulturcafe', '/wuensche/neu']) expect((await get(url)).body, url).toContain('href="/submit"');
  });
});

describe.runIf(pgAvailable)('the same pages from SQLite and PostgreSQL', () => {
  it('list, map, offer page, print view, sitemap and events feed are byte-identical for the same data', async () => {
    const now = new Date();
    const open = await Promise.all(BACKENDS.map((b) => b.open()));
    try {
      const apps = open.map(({ storage }) => buildCityApi({ storage, publicUrl: PUBLIC }).app);
      for (const { storage } of open) {
        await seedStorage(storage, parseSeedSpec('sample+synthetic:150:7'), now);
        await storage.putEvent({ uid: 'same@test', offer_id: 'sample-kulturcafe', summary: 'Gleich', dtstart: `${isoDay(new Date(now.getTime() + 86_400_000))}T10:00` });
      }
      const paths = ['/angebote', '/angebote?seite=2', '/angebote?q=schach', '/angebote?wann=woche', '/angebote/karte', '/angebote/sample-kulturcafe', '/angebote/sample-kulturcafe/druck', '/sitemap.xml'];
      for (const p of paths) {
        const [a, b] = await Promise.all(apps.map((app) => app.inject({ url: p })));
        expect(a!.statusCode, p).toBe(200);
        expect(b!.body, p).toBe(a!.body);
      }
      // the events feed's DTSTAMP is the time of the request and LAST-MODIFIED the time each event was written: compare without them
      const [ea, eb] = await Promise.all(
        apps.map(async (app) => (await app.inject({ url: '/feeds/events.ics' })).body.replace(/^(DTSTAMP|LAST-MODIFIED):.*$/gm, '')),
      );
      expect(ea).toContain('SUMMARY:Gleich');
      expect(eb).toBe(ea);
      await Promise.all(apps.map((a) => a.close()));
    } finally {
      for (const o of open) await o.cleanup();
    }
  });
});
