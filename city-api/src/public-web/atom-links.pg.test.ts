import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../../shared/schemas/offer';
import { backendApp } from '../../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

/** Issue 17: every entry of the Atom feed links to the offer's public page, which answers with the offer (SQLite and PostgreSQL, issue 19). */

const PUBLIC = 'https://angebote.siegburg.example';

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { once: true, server: { publicUrl: PUBLIC } });
  beforeAll(async () => {
    // an id with a character that needs encoding in a URL, a title with XML's special characters, the club's own page
    const base = (await api.storage.getStoredOffer('sample-kulturcafe'))!.offer as Offer;
    await api.storage.putOffers([{ ...base, id: 'verein:42', title: 'Kaffee & Kuchen < 5 € "mit" Musik', url: 'https://verein.example/?a=1&b=2' }]);
  });

  describe('Atom feed links to the public pages (issue 17)', () => {
    it('each entry has rel=alternate to its /angebote page (from --public-url, not Host) that answers with the title', async () => {
      const r = await api.app.inject({ url: '/feeds/offers.atom', headers: { host: 'evil.example' } });
      expect(r.statusCode).toBe(200);
      const errors: string[] = [];
      const doc = new DOMParser({ errorHandler: (level: string, msg: unknown) => void errors.push(`${level}: ${String(msg)}`) }).parseFromString(r.body, 'application/xml');
      expect(errors).toEqual([]);
      const ATOM = 'http://www.w3.org/2005/Atom';
      const feed = doc.documentElement!;
      expect(feed.namespaceURI).toBe(ATOM);
      const links = (el: Element) => Array.from(el.getElementsByTagNameNS(ATOM, 'link')).filter((l) => l.parentNode === el);
      expect(links(feed).find((l) => l.getAttribute('rel') === 'alternate')?.getAttribute('href')).toBe(`${PUBLIC}/angebote`);
      const entries = Array.from(feed.getElementsByTagNameNS(ATOM, 'entry'));
      expect(entries.length).toBeGreaterThan(5);
      let checked = 0;
      for (const e of entries) {
        const id = e.getElementsByTagNameNS(ATOM, 'id')[0]!.textContent!.replace('urn:gemeinsam:offer:', '');
        const title = e.getElementsByTagNameNS(ATOM, 'title')[0]!.textContent!;
        const alternate = links(e).filter((l) => l.getAttribute('rel') === 'alternate');
        expect(alternate, id).toHaveLength(1);
        expect(alternate[0]!.getAttribute('type')).toBe('text/html');
        const href = alternate[0]!.getAttribute('href')!;
        expect(href).toBe(`${PUBLIC}/angebote/${encodeURIComponent(id)}`);
        // the page behind it
        const page = await api.app.inject({ url: href.slice(PUBLIC.length) });
        expect(page.statusCode, href).toBe(200);
        expect(page.body).toContain(`<h1>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</h1>`);
        checked++;
      }
      expect(checked).toBe(entries.length);
      const special = entries.find((e) => e.getElementsByTagNameNS(ATOM, 'title')[0]!.textContent === 'Kaffee & Kuchen < 5 € "mit" Musik')!;
      expect(links(special).find((l) => l.getAttribute('rel') === 'alternate')!.getAttribute('href')).toBe(`${PUBLIC}/angebote/verein%3A42`);
      expect(links(special).find((l) => l.getAttribute('rel') === 'related')!.getAttribute('href')).toBe('https://verein.example/?a=1&b=2');
    });
  });
});
