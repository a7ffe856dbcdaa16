import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { backendApp } from '../../../tests/support/backend-app';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

/** The public pages over real HTTP on SQLite and PostgreSQL (issue 19); the public URL is the listen address. */

const TOKEN = 'token-rathaus-0123456789';

describe.each(STORAGE_BACKENDS)('on $name', (backend) => {
  const api = backendApp(backend, { once: true, listen: true, kiosks: [['rathaus', TOKEN]] });

  const get = (path: string) => fetch(`${api.url}${path}`);

  describe('public pages (issue 17)', () => {
    it('lists the offers without cookies and without third-party sources', async () => {
      const r = await get('/angebote');
      expect(r.status).toBe(200);
      expect(r.headers.get('set-cookie')).toBeNull();
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      const body = await r.text();
      // Sorted by title, one page at a time: the first page links each offer to its own page.
      expect(body.match(/href="\/angebote\/sample-[a-z0-9-]+"/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
      expect(body).not.toMatch(/(src|href)="https?:\/\/(?!127\.0\.0\.1)[^"]*\.(js|css|png|woff2?)"/);
    });

    it('loads without layout shift or console errors (Lighthouse findings): fonts preloaded and optional, no favicon 404, robots.txt fetchable from the page', async () => {
      const r = await get('/angebote');
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/script-src/);
      const body = await r.text();
      expect(body).toContain('<link rel="icon" href="data:,">');
      for (const w of ['400', '700']) {
        expect(body).toContain(`<link rel="preload" href="/angebote/assets/font-${w}.woff2" as="font" type="font/woff2" crossorigin>`);
        expect((await get(`/angebote/assets/font-${w}.woff2`)).status).toBe(200);
      }
      const css = await (await get('/angebote/assets/web.css')).text();
      expect(css.match(/font-display:optional/g)?.length).toBe(2);
      expect(css).not.toContain('font-display:swap');
    });

    it('filters and searches with the kiosk rules, typos forgiven', async () => {
      const free = await (await get('/angebote?kostenlos=1')).text();
      const all = await (await get('/angebote')).text();
      const n = (s: string) => Number(/(\d+) Angebot/.exec(s)![1]);
      expect(n(free)).toBeLessThan(n(all));
      const typo = await (await get('/angebote?q=Kulturcafee')).text();
      expect(typo).toContain('Kulturcafé');
      const none = await (await get('/angebote?q=xyzxyzxyz')).text();
      expect(none).toContain('Alle Filter löschen und alle Angebote zeigen');
    });

    it('shows one offer with JSON-LD, Open Graph and a valid .ics of its next date; 404 for unknown ids', async () => {
      const r = await get('/angebote/sample-kulturcafe?lang=ar');
      expect(r.status).toBe(200);
      const body = await r.text();
      expect(body).toContain('dir="rtl"');
      expect(body).toContain('application/ld+json');
      expect(body).toContain('og:title');
      const ics = await get('/angebote/sample-kulturcafe/termin.ics');
      expect(ics.status).toBe(200);
      const comp = new ICAL.Component(ICAL.parse(await ics.text()) as unknown[]);
      const ev = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
      expect(ev.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now() - 86_400_000);
      expect((await get('/angebote/nope')).status).toBe(404);
    });

    it('gives every offer of the kiosk feed its public page as web_url, from the public URL, and that page answers', async () => {
      const feed = (await (await fetch(`${api.url}/v1/offers`, { headers: { authorization: `Bearer ${TOKEN}`, host: 'evil.example' } })).json()) as {
        items: { id: string; title: string; web_url?: string }[];
      };
      expect(feed.items.length).toBeGreaterThan(5);
      for (const o of feed.items) expect(o.web_url).toBe(`${api.url}/angebote/${encodeURIComponent(o.id)}`);
      const first = feed.items[0]!;
      const page = await fetch(first.web_url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(first.title.replace(/&/g, '&amp;'));
    });

    it('map, print view, privacy, sitemap and robots answer', async () => {
      for (const p of ['/angebote/karte', '/angebote/sample-kulturcafe/druck', '/datenschutz', '/robots.txt', '/angebote/assets/web.css']) {
        expect((await get(p)).status, p).toBe(200);
      }
      const sitemap = await (await get('/sitemap.xml')).text();
      expect(sitemap).toContain('/angebote/sample-kulturcafe</loc>');
    });
  });
});
