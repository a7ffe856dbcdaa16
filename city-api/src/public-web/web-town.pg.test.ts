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
import { hostKey, parseTownSite } from './web-town';

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
    app = buildCityApi({ storage, ...(db ? { db } : {}), publicUrl: PUBLIC, townSites: [parseTownSite(`siegburg=${SIEGBURG}`), parseTownSite(`lohmar=${LOHMAR}/`)] }).app;
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
    expect(parseTownSite('lohmar=https://Angebote.Lohmar.de/')).toEqual({ town: 'lohmar', url: 'https://angebote.lohmar.de', host: 'angebote.lohmar.de' });
    expect(parseTownSite('sankt-augustin=http://127.0.0.1:4881')).toMatchObject({ host: '127.0.0.1:4881' });
    for (const bad of ['lohmar', '=https://a.de', 'Lohmar=https://a.de', 'lohmar=ftp://a.de', 'lohmar=https://a.de/pfad', 'lohmar=https://u:p@a.de', 'lohmar=https://a.de/?x=1', 'lohmar=nix']) {
      expect(() => parseTownSite(bad), bad).toThrow(/--town-site/);
    }
    expect(hostKey('ANGEBOTE.Lohmar.DE.')).toBe('angebote.lohmar.de');
    expect(hostKey('angebote.lohmar.de.:8443')).toBe('angebote.lohmar.de:8443');
    expect(hostKey(undefined)).toBe('');
  });
});
