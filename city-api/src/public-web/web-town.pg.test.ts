/**
 * A town's public pages on a district server (issue 19; public-web/web-town.ts), on SQLite and PostgreSQL: the
 * Host allow-list of --town-site selects the town; list, search, map, offer pages, sitemap, robots, Atom, events.ics
 * and the poster then show that town's offers and those without town, with links from the town's address. A Host
 * not in the list — forged, look-alike, another port — gets the district's pages with --public-url, and the page
 * cache never serves one town's page on another's address.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { SIEGBURG_SAMPLE_OFFERS } from '../../../shared/sample-data';
import { WEB_LANGS, WEB_TEXTS } from './web-texts';
import { offerJsonLd } from './web-seo';
import { DEFAULT_PRIVACY_CONTACT, DEFAULT_SITE_NAMES, hostKey, parseSiteNames, parseTownSite, withPrivacyContacts, withTownNames } from './web-town';

const PUBLIC = 'https://angebote.rhein-sieg-kreis.de';
const SIEGBURG = 'https://angebote.siegburg.de';
const LOHMAR = 'https://angebote.lohmar.de';
// kulturcafe: Siegburg's; spielmobil: Lohmar's (both have an event in the sample); zwar: no town (everyone's)
const SIEG_OFFER = 'sample-kulturcafe';
const LOHMAR_OFFER = 'sample-spielmobil-armin';
const DISTRICT_OFFER = 'sample-zwar-gruppen';

describe.each(STORAGE_BACKENDS)("a town's public pages on $name", (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const get = (url: string, host: string) => app.inject({ url, headers: { host } });
  // a search that finds the offer (the list has 20 per page)
  const WORD: Record<string, string> = { [SIEG_OFFER]: 'Kulturcafe', [LOHMAR_OFFER]: 'Spielmobil', [DISTRICT_OFFER]: 'ZWAR' };
  const listed = async (host: string, id: string) => (await get(`/angebote?q=${WORD[id]}`, host)).body.includes(`/angebote/${id}"`);

  beforeEach(async () => {
    let db;
    ({ storage, db, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.setOfferTowns([
      { id: SIEG_OFFER, town: 'siegburg' },
      { id: LOHMAR_OFFER, town: 'lohmar' },
    ]);
    const named = withTownNames([parseTownSite(`siegburg=${SIEGBURG}`), parseTownSite(`lohmar=${LOHMAR}/`)], ['lohmar:uk=Ломар', 'lohmar:ar=لومار', 'lohmar=Lohmar']);
    const privacy = withPrivacyContacts(named, ['lohmar=Stadt Lohmar, Rathausstraße 4, 53797 Lohmar', 'Rhein-Sieg-Kreis, Kaiser-Wilhelm-Platz 1, 53721 Siegburg']);
    app = buildCityApi({ storage, ...(db ? { db } : {}), publicUrl: PUBLIC, townSites: privacy.sites, siteNames: parseSiteNames(['uk=Рейн-Зіг', 'Rhein-Sieg-Kreis']), privacyContact: privacy.site }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it("Lohmar's address shows Lohmar's offers and the district's, never Siegburg's, with links from Lohmar's address", async () => {
    const list = await get('/angebote', 'angebote.lohmar.de');
    expect(list.statusCode).toBe(200);
    expect(await listed('angebote.lohmar.de', LOHMAR_OFFER)).toBe(true);
    expect(await listed('angebote.lohmar.de', DISTRICT_OFFER)).toBe(true);
    expect(await listed('angebote.lohmar.de', SIEG_OFFER)).toBe(false);
    expect(list.body).not.toContain(`/angebote/${SIEG_OFFER}"`);
    expect(list.body).toContain(LOHMAR);
    expect(list.body).not.toContain(PUBLIC);
    expect((await get('/angebote/karte', 'angebote.lohmar.de')).body).not.toContain(SIEG_OFFER);
    expect((await get('/angebote?q=Kulturcafe', 'angebote.lohmar.de')).body).not.toContain(SIEG_OFFER);
    expect((await get(`/angebote/${SIEG_OFFER}`, 'angebote.lohmar.de')).statusCode).toBe(404);
    expect((await get(`/angebote/${SIEG_OFFER}/druck`, 'angebote.lohmar.de')).statusCode).toBe(404);
    expect((await get(`/angebote/${SIEG_OFFER}/termin.ics`, 'angebote.lohmar.de')).statusCode).toBe(404);
    const detail = await get(`/angebote/${LOHMAR_OFFER}`, 'angebote.lohmar.de');
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(`${LOHMAR}/angebote/${LOHMAR_OFFER}`);

    const sitemap = (await get('/sitemap.xml', 'angebote.lohmar.de')).body;
    expect(sitemap).toContain(`${LOHMAR}/angebote/${LOHMAR_OFFER}`);
    expect(sitemap).toContain(`${LOHMAR}/angebote/${DISTRICT_OFFER}`);
    expect(sitemap).not.toContain(SIEG_OFFER);
    expect((await get('/robots.txt', 'angebote.lohmar.de')).body).toContain(`${LOHMAR}/sitemap.xml`);
    const atom = (await get('/feeds/offers.atom', 'angebote.lohmar.de')).body;
    expect(atom).toContain(`${LOHMAR}/feeds/offers.atom`);
    expect(atom).toContain(LOHMAR_OFFER);
    expect(atom).not.toContain(SIEG_OFFER);
    const ics = (await get('/feeds/events.ics', 'angebote.lohmar.de')).body;
    expect(ics).toContain('Spielmobil');
    expect(ics).not.toContain('Kulturcafé');
  });

  it('the district address (and any Host not in the list) shows every offer with --public-url', async () => {
    for (const host of ['angebote.rhein-sieg-kreis.de', 'evil.example', 'angebote.lohmar.de.evil.example', 'angebote.lohmar.de:8443', 'xangebote.lohmar.de', '127.0.0.1:4880', '']) {
      const list = await get('/angebote', host);
      expect(list.statusCode, host).toBe(200);
      for (const id of [SIEG_OFFER, LOHMAR_OFFER, DISTRICT_OFFER]) expect(await listed(host, id), `${host} ${id}`).toBe(true);
      expect(list.body, host).not.toContain(LOHMAR);
      expect(list.body, host).not.toContain('evil.example');
      const atom = (await get('/feeds/offers.atom', host)).body;
      expect(atom, host).toContain(`${PUBLIC}/feeds/offers.atom`);
      expect(atom, host).toContain(SIEG_OFFER);
      const ics = (await get('/feeds/events.ics', host)).body;
      expect(ics).toContain('Spielmobil');
      expect(ics).toContain('Kulturcafé');
    }
    // spellings of an allowed Host that a browser or proxy may send: the same town
    for (const host of ['ANGEBOTE.LOHMAR.DE', 'angebote.lohmar.de.']) expect(await listed(host, SIEG_OFFER), host).toBe(false);
  });

  it('the page cache keys on the town: the same page asked on two towns and the district stays each its own', async () => {
    for (let round = 0; round < 2; round++) {
      // the same search on each address, twice (the second round from the cache)
      expect(await listed('angebote.siegburg.de', SIEG_OFFER)).toBe(true);
      expect(await listed('angebote.lohmar.de', SIEG_OFFER)).toBe(false);
      expect(await listed('evil.example', SIEG_OFFER)).toBe(true);
      expect(await listed('angebote.lohmar.de', LOHMAR_OFFER)).toBe(true);
      expect(await listed('angebote.siegburg.de', LOHMAR_OFFER)).toBe(false);
      expect(await listed('evil.example', LOHMAR_OFFER)).toBe(true);
      expect((await get(`/angebote/${SIEG_OFFER}`, 'angebote.siegburg.de')).statusCode).toBe(200);
      expect((await get(`/angebote/${SIEG_OFFER}`, 'angebote.lohmar.de')).statusCode).toBe(404);
      expect((await get('/sitemap.xml', 'angebote.siegburg.de')).body).not.toContain(LOHMAR_OFFER);
      expect((await get('/feeds/offers.atom', 'angebote.lohmar.de')).body).not.toContain(SIEG_OFFER);
    }
  });

  it("each address shows its own name, standing alone, in the header and the title, in all six languages", async () => {
    const NAMES = { lohmar: { de: 'Lohmar', 'de-LS': 'Lohmar', en: 'Lohmar', tr: 'Lohmar', uk: 'Ломар', ar: 'لومار' }, district: { ...DEFAULT_SITE_NAMES, de: 'Rhein-Sieg-Kreis', 'de-LS': 'Rhein-Sieg-Kreis', en: 'Rhein-Sieg-Kreis', tr: 'Rhein-Sieg-Kreis', ar: 'Rhein-Sieg-Kreis', uk: 'Рейн-Зіг' } };
    const SIEGBURG_NAMES = ['Siegburg', 'Зігбург', 'زيغبورغ'];
    const head = (body: string) => [/<title>[^<]*<\/title>/.exec(body)![0], /<header class="site">[\s\S]*?<\/header>/.exec(body)![0], /<h1>[^<]*<\/h1>/.exec(body)![0]].join('\n');
    for (const lang of WEB_LANGS) {
      for (const [host, names] of [['angebote.lohmar.de', NAMES.lohmar], ['angebote.rhein-sieg-kreis.de', NAMES.district]] as const) {
        for (const path of ['/angebote', '/angebote/karte', '/wuensche/neu', '/datenschutz', `/angebote/${DISTRICT_OFFER}`]) {
          const r = await get(`${path}${lang === 'de' ? '' : `?lang=${lang}`}`, host);
          expect(r.statusCode, `${host}${path} ${lang}`).toBe(200);
          const h = head(r.body);
          expect(h, `${host}${path} ${lang}`).toContain(`<span class="place">${names[lang]}</span> <span class="what">${WEB_TEXTS[lang].siteName}</span>`);
          expect(h).toContain(` – ${names[lang]} · ${WEB_TEXTS[lang].siteName}</title>`);
          for (const other of SIEGBURG_NAMES) expect(h, `${host}${path} ${lang}`).not.toContain(other);
        }
        const og = (await get(`/angebote${lang === 'de' ? '' : `?lang=${lang}`}`, host)).body;
        expect(og).toContain(`<meta property="og:site_name" content="${names[lang]} · ${WEB_TEXTS[lang].siteName}">`);
      }
      // Siegburg's address: its name from the id (no --town-name given)
      expect((await get(`/angebote?lang=${lang}`, 'angebote.siegburg.de')).body).toContain('<span class="place">Siegburg</span>');
    }
    // the club form: the name in its header and title, the town as the default place
    const club = (await get('/submit', 'angebote.lohmar.de')).body;
    expect(club).toContain('<header><span>Lohmar · Angebotslandkarte</span>');
    expect(club).toContain(' – Lohmar · Angebotslandkarte</title>');
    expect(club).toMatch(/name="city"[^>]*value="Lohmar"|value="Lohmar"[^>]*name="city"/);
    expect((await get('/submit?lang=en', 'angebote.rhein-sieg-kreis.de')).body).toContain('<header><span>Rhein-Sieg-Kreis · Map of activities</span>');
    expect((await get('/submit', 'angebote.rhein-sieg-kreis.de')).body).not.toContain('value="Lohmar"');
    // who answers privacy questions: the town's own contact, else the site's
    const privacyOn = async (host: string) => /<p>[^<]*<span lang="de" dir="ltr">([^<]*)<\/span><\/p>/.exec((await get('/datenschutz?lang=tr', host)).body)?.[1];
    expect(await privacyOn('angebote.lohmar.de')).toBe('Stadt Lohmar, Rathausstraße 4, 53797 Lohmar');
    expect(await privacyOn('angebote.siegburg.de')).toBe('Rhein-Sieg-Kreis, Kaiser-Wilhelm-Platz 1, 53721 Siegburg');
    expect(await privacyOn('angebote.rhein-sieg-kreis.de')).toBe('Rhein-Sieg-Kreis, Kaiser-Wilhelm-Platz 1, 53721 Siegburg');
  });

  it("the Atom feed, events.ics and the poster carry the name of their address's town or site, never Siegburg's", async () => {
    const atomHead = async (host: string) => {
      const body = (await get('/feeds/offers.atom', host)).body;
      return { title: /<title>([^<]*)<\/title>/.exec(body)?.[1], author: /<author>\s*<name>([^<]*)<\/name>/.exec(body)?.[1] };
    };
    const ics = async (host: string) => {
      const r = await get('/feeds/events.ics', host);
      return { name: /^X-WR-CALNAME[^:]*:(.*(?:\r?\n .*)*)/m.exec(r.body)?.[1]?.replace(/\r?\n /g, ''), file: r.headers['content-disposition'] };
    };
    const poster = async (host: string, lang = '') => (await get(`/poster.pdf${lang}`, host)).body;
    for (const [host, name, file] of [
      ['angebote.lohmar.de', 'Lohmar', 'lohmar'],
      ['angebote.rhein-sieg-kreis.de', 'Rhein-Sieg-Kreis', 'rhein-sieg-kreis'],
      ['evil.example', 'Rhein-Sieg-Kreis', 'rhein-sieg-kreis'],
    ] as const) {
      expect(await atomHead(host), host).toEqual({ title: `Angebotslandkarte ${name} – neue Angebote`, author: name });
      expect(await ics(host), host).toEqual({ name: `Angebotslandkarte ${name} – Termine`, file: `inline; filename="${file}-gemeinsam.ics"` });
      const de = await poster(host);
      expect(de, host).toContain(`(Ihr Verein auf der Angebotslandkarte ${name}!)`);
      expect(de, host).toContain(`(${name} GEMEINSAM erleben \\226 gemeinsam aus der Einsamkeit)`);
      const en = await poster(host, '?lang=en');
      expect(en, host).toContain(`(Your club on the ${name} map of activities!)`);
      for (const pdf of [de, en]) expect(pdf, host).not.toContain('Siegburg');
    }
    // Siegburg's own address: its name (from the id), the file named after the town id
    expect(await atomHead('angebote.siegburg.de')).toEqual({ title: 'Angebotslandkarte Siegburg – neue Angebote', author: 'Siegburg' });
    expect((await ics('angebote.siegburg.de')).file).toBe('inline; filename="siegburg-gemeinsam.ics"');
    expect(await poster('angebote.siegburg.de')).toContain('(Ihr Verein auf der Angebotslandkarte Siegburg!)');
  });

  it("a club form sent on a town's address is that town's submission; the poster links the town's form", async () => {
    const poster = await get('/poster.pdf', 'angebote.lohmar.de');
    expect(poster.statusCode).toBe(200);
    const sub = await storage.createSubmission((await storage.getStoredOffer(DISTRICT_OFFER))!.offer as never, { name: 'Vera', email: 'vera@example.org' });
    expect((await storage.townOf('submission', sub.submission.id))?.town).toBeNull();
    await storage.setSubmissionTown(sub.submission.id, 'lohmar');
    expect((await storage.townOf('submission', sub.submission.id))?.town).toBe('lohmar');
  });
});

describe('parseTownSite and hostKey', () => {
  it('takes <town>=<origin> only and compares Host headers lower-case without a trailing dot', () => {
    expect(parseTownSite('lohmar=https://Angebote.Lohmar.de/')).toMatchObject({ town: 'lohmar', url: 'https://angebote.lohmar.de', host: 'angebote.lohmar.de', names: { de: 'Lohmar', uk: 'Lohmar' } });
    expect(parseTownSite('sankt-augustin=https://a.de').names.tr).toBe('Sankt-Augustin');
    expect(parseTownSite('sankt-augustin=http://127.0.0.1:4881')).toMatchObject({ host: '127.0.0.1:4881' });
    for (const bad of ['lohmar', '=https://a.de', 'Lohmar=https://a.de', 'lohmar=ftp://a.de', 'lohmar=https://a.de/pfad', 'lohmar=https://u:p@a.de', 'lohmar=https://a.de/?x=1', 'lohmar=nix']) {
      expect(() => parseTownSite(bad), bad).toThrow(/--town-site/);
    }
    expect(hostKey('ANGEBOTE.Lohmar.DE.')).toBe('angebote.lohmar.de');
    expect(hostKey('angebote.lohmar.de.:8443')).toBe('angebote.lohmar.de:8443');
    expect(hostKey(undefined)).toBe('');
  });
});

describe('--town-name and --site-name', () => {
  const sites = [parseTownSite('lohmar=https://angebote.lohmar.de'), parseTownSite('sankt-augustin=https://angebote.sankt-augustin.de')];
  it('a name for every language, a spelling per language whatever the order, the default Siegburg', () => {
    const [l, sa] = withTownNames(sites, ['lohmar:ar=لومار', 'lohmar=Lohmar', 'sankt-augustin=Sankt Augustin', 'sankt-augustin:uk=Санкт-Августін']);
    expect(l!.names).toEqual({ de: 'Lohmar', 'de-LS': 'Lohmar', en: 'Lohmar', tr: 'Lohmar', uk: 'Lohmar', ar: 'لومار' });
    expect(sa!.names).toMatchObject({ de: 'Sankt Augustin', tr: 'Sankt Augustin', uk: 'Санкт-Августін' });
    expect(parseSiteNames([])).toEqual(DEFAULT_SITE_NAMES);
    expect(parseSiteNames(['de-LS=Rhein-Sieg-Kreis'])).toEqual({ ...DEFAULT_SITE_NAMES, 'de-LS': 'Rhein-Sieg-Kreis' });
  });
  it('refuses unknown towns and languages, markup, control characters, empty and over-long names', () => {
    for (const bad of ['troisdorf=Troisdorf', 'lohmar:fr=Lohmar', 'lohmar', 'lohmar=', 'lohmar=<b>Lohmar</b>', 'lohmar=Loh\u0000mar', `lohmar=${'L'.repeat(61)}`, 'Lohmar=Lohmar']) {
      expect(() => withTownNames(sites, [bad]), bad).toThrow(/--town-name/);
    }
    for (const bad of ['', 'uk=', 'x<y', 'a\nb']) expect(() => parseSiteNames([bad]), bad).toThrow(/--site-name/);
  });
  it('no page text names a town: the name is never inflected (it only stands alone, from the configuration)', () => {
    for (const lang of WEB_LANGS) {
      for (const name of ['Siegburg', 'Зігбург', 'زيغبورغ', 'Kaldauen']) expect(JSON.stringify(WEB_TEXTS[lang]), `${lang} ${name}`).not.toMatch(new RegExp(name.slice(0, 5)));
    }
  });
  it("an offer without a next date is a Service whose areaServed is the pages' town (offer pages pass placeName)", () => {
    const offer = SIEGBURG_SAMPLE_OFFERS[0]!;
    expect(offerJsonLd(offer, 'https://angebote.lohmar.de/angebote/x', [], { title: 't', summary: 's' }, null, 'Lohmar')).toMatchObject({ '@type': 'Service', areaServed: { name: 'Lohmar' } });
    expect(offerJsonLd(offer, 'https://a.de/angebote/x', [], { title: 't', summary: 's' }, null)).toMatchObject({ areaServed: { name: 'Siegburg' } });
  });
  it('--privacy-contact: the site default, a town of --town-site only, bounded', () => {
    expect(withPrivacyContacts(sites, [])).toEqual({ sites, site: DEFAULT_PRIVACY_CONTACT });
    const p = withPrivacyContacts(sites, ['sankt-augustin=Stadt Sankt Augustin, Markt 1']);
    expect(p.sites.map((s) => s.privacy)).toEqual([undefined, 'Stadt Sankt Augustin, Markt 1']);
    for (const bad of ['troisdorf=Stadt Troisdorf', '', 'lohmar=', '<a href=x>Kontakt</a>', 'a\u0000b', 'x'.repeat(301)]) {
      expect(() => withPrivacyContacts(sites, [bad]), bad).toThrow(/--privacy-contact/);
    }
  });
});
