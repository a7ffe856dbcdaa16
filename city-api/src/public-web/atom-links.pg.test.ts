import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Offer } from '../../../shared/schemas/offer';
import { backendApp } from '../../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { offersAtom } from '../submissions/promotion-feeds';

/** Issue 17: every entry of the Atom feed links to the offer's public page, which answers with the offer (SQLite and PostgreSQL, issue 19). */

const PUBLIC = 'https://angebote.siegburg.example';
const ATOM = 'http://www.w3.org/2005/Atom';
// what the offer schema lets through of XML's specials (tags and entities are refused before storage)
const MARKUP = `Kaffee < 5 € & "mehr" > 3 ]]> <![CDATA[ x`;
function parse(xml: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, msg: unknown) => void errors.push(`${level}: ${String(msg)}`) }).parseFromString(xml, 'application/xml');
  return { doc, errors };
}

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { once: true, server: { publicUrl: PUBLIC } });
  beforeAll(async () => {
    // an id with a character that needs encoding in a URL, a title with XML's special characters, the club's own page
    const base = (await api.storage.getStoredOffer('sample-kulturcafe'))!.offer as Offer;
    await api.storage.putOffers([
      { ...base, id: 'verein:42', title: 'Kaffee & Kuchen < 5 € "mit" Musik', url: 'https://verein.example/?a=1&b=2' },
      { ...base, id: 'markup-1', title: MARKUP, summary: MARKUP },
    ]);
  });

  it('is valid Atom with markup kept as text (xmlbuilder2): ids, updated, links; no element from a title', async () => {
    const r = await api.app.inject({ url: '/feeds/offers.atom' });
    const { doc, errors } = parse(r.body);
    expect(errors).toEqual([]);
    const feed = doc.documentElement!;
    expect(feed.localName).toBe('feed');
    expect(feed.getAttribute('xml:lang')).toBe('de');
    const child = (el: Element, name: string) => Array.from(el.getElementsByTagNameNS(ATOM, name)).filter((c) => c.parentNode === el);
    expect(child(feed, 'id')[0]!.textContent).toBe(`${PUBLIC}/feeds/offers.atom`);
    expect(Number.isNaN(Date.parse(child(feed, 'updated')[0]!.textContent!))).toBe(false);
    expect(child(feed, 'link').map((l) => l.getAttribute('rel'))).toEqual(['self', 'alternate', 'related']);
    const entries = child(feed, 'entry');
    for (const e of entries) {
      expect(child(e, 'id')[0]!.textContent).toMatch(/^urn:gemeinsam:offer:./);
      expect(Number.isNaN(Date.parse(child(e, 'updated')[0]!.textContent!))).toBe(false);
      expect(child(e, 'title')[0]!.getAttribute('type')).toBe('text');
    }
    const m = entries.find((e) => child(e, 'id')[0]!.textContent === 'urn:gemeinsam:offer:markup-1')!;
    expect(child(m, 'title')[0]!.textContent).toBe(MARKUP);
    expect(child(m, 'summary')[0]!.textContent).toContain(MARKUP);
    // the specials are text: no CDATA section or other element came from them
    expect(Array.from(m.getElementsByTagNameNS(ATOM, 'title')[0]!.childNodes).map((c) => c.nodeType)).toEqual([3]);
  });

  it('characters XML cannot carry never break the feed', async () => {
    const base = (await api.storage.getStoredOffer('sample-kulturcafe'))!.offer as Offer;
    const row = (id: string, title: string) => ({ id, data_json: JSON.stringify({ ...base, id, title }), changed_at: '2026-11-25T10:00:00.000Z' });
    const storage = {
      recentlyChangedOffers: async () => [
        row('ctl', 'Treff\u0001\u001b[31m'),
        row('tag', '<script>alert(1)</script>'),
        row('surrogate', 'Treff \ud800 am Markt'),
        row('ok', 'Treff am Markt'),
      ],
      offerTowns: async () => new Map(),
    } as unknown as Parameters<typeof offersAtom>[0];
    const { doc, errors } = parse(await offersAtom(storage, PUBLIC));
    expect(errors).toEqual([]);
    const titles = Array.from(doc.getElementsByTagNameNS(ATOM, 'entry')).map((e) => e.getElementsByTagNameNS(ATOM, 'title')[0]!.textContent);
    // control characters and tags are refused by the offer schema (entry left out); a lone surrogate becomes U+FFFD
    expect(titles.filter((t) => t?.includes('\u0001') || t?.includes('<script'))).toEqual([]);
    expect(doc.getElementsByTagName('script').length).toBe(0);
    expect(titles).toContain('Treff am Markt');
    for (const t of titles) expect(t).not.toMatch(/[\ud800-\udfff]/u);
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
