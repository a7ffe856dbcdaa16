import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { KioskStorage } from '../storage/kiosk-storage';
import { offerWebUrl } from '../offer-store';
import { html } from '../staff-html';
import { loadCatalog, offerNextDates, parseWebQuery, searchCatalog, webQueryString, type CatalogEntry } from './web-catalog';
import { WEB_CSS, webPage, withLang } from './web-html';
import { detailBody, listBody, mapBody, offerTexts, privacyBody } from './web-pages';
import { jsonLdTag, nextDateIcs, offerJsonLd, openGraph, robotsTxt, sitemapXml } from './web-seo';
import { parseLang, WEB_TEXTS, type WebLang } from './web-texts';
import { registerWebWishRoutes } from './web-wish';
import { catalogForTown, placeName, privacyContactOf, webBase, type PlaceNames } from './web-town';
import type { SpamLimits } from '../submissions/submission-routes';

export interface PublicWebOptions {
  /** Offers, taxonomy, events, images and web wishes, on SQLite or PostgreSQL (issue 19). */
  storage: KioskStorage;
  /** Public base URL (--public-url; never the request's Host). */
  publicUrl: () => string;
  now?: () => Date;
  /** Spam limits of the wish form (the club form's, `submissionSpam` of the server). */
  spam?: Partial<SpamLimits>;
  /** The name on the pages without town (--site-name; default Siegburg); a town's address shows its own (web-town.ts). */
  siteNames?: PlaceNames;
  /** Who answers questions about privacy on the pages without town (--privacy-contact; web-town.ts). */
  privacyContact?: string;
}

/** The public page address of an offer (also sent to kiosks as `web_url`, see offer-store). */
export { offerWebUrl };

/** The base of absolute links: the town's address (--town-site, web-town.ts) or --public-url; never the Host header as sent. */
export const baseUrlOf = webBase;

const requireFromHere = createRequire(import.meta.url);
function fontFile(weight: 400 | 700): Buffer | null {
  try {
    return readFileSync(requireFromHere.resolve(`@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-${weight}-normal.woff2`));
  } catch {
    return null;
  }
}

/**
 * No cookies, no third parties, nothing executable: only this server's styles, fonts and images. `connect-src 'self'`
 * lets audit tools (Lighthouse fetches robots.txt from the page) reach this server; no script can run to use it.
 */
export function publicHeaders(reply: FastifyReply, cache = 'public, max-age=60'): FastifyReply {
  return reply
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()')
    .header('cache-control', cache);
}

/**
 * The Angebotslandkarte on the web (issue 17): `/angebote` (list with filters and search), `/angebote/<id>`
 * (one offer, `.ics` of the next date, print view), `/angebote/karte` (map),
 * `/datenschutz`, `sitemap.xml`, `robots.txt`, the wish form `/wuensche/neu` (web-wish.ts). Server-rendered HTML that
 * works without JavaScript.
 */
export const publicWebPlugin: FastifyPluginAsync<PublicWebOptions> = async (app: FastifyInstance, opts) => {
  const { storage } = opts;
  const now = opts.now ?? (() => new Date());
  const fonts = { 400: fontFile(400), 700: fontFile(700) };
  /** The catalog of the request's town (Host in the --town-site allow-list), else the whole district's. */
  const catalogOf = async (req: FastifyRequest) => catalogForTown(storage, await loadCatalog(storage), req.webTown?.town ?? null);
  const placeOf = (req: FastifyRequest, lang: WebLang) => placeName(req, lang, opts.siteNames);
  const sendHtml = (reply: FastifyReply, body: string, status = 200) => publicHeaders(reply).code(status).type('text/html; charset=utf-8').send(body);

  app.get('/angebote/assets/web.css', async (_req, reply) => publicHeaders(reply, 'public, max-age=86400').type('text/css; charset=utf-8').send(WEB_CSS));
  for (const w of [400, 700] as const) {
    app.get(`/angebote/assets/font-${w}.woff2`, async (_req, reply) => {
      const f = fonts[w];
      if (!f) return reply.code(404).send();
      return publicHeaders(reply, 'public, max-age=31536000, immutable').type('font/woff2').send(f);
    });
  }

  /** The common start of the list and map pages: language, filters, the matching offers. */
  const listContext = async (req: FastifyRequest) => {
    const query = req.query as Record<string, unknown>;
    const lang = parseLang(query.lang);
    const q = parseWebQuery(query);
    const catalog = await catalogOf(req);
    return { lang, t: WEB_TEXTS[lang], place: placeOf(req, lang), q, catalog, results: searchCatalog(catalog, q, now()), qs: webQueryString(q, 'de').replace(/^\?/, ''), base: baseUrlOf(req, opts.publicUrl) };
  };

  app.get('/angebote', async (req, reply) => {
    const { lang, t, place, q, catalog, results, qs, base } = await listContext(req);
    return sendHtml(
      reply,
      webPage(
        {
          lang,
          place,
          title: t.listTitle,
          path: '/angebote',
          query: qs,
          base,
          nav: 'list',
          description: t.listIntro,
          head: openGraph({ title: t.listTitle, description: t.listIntro, url: `${base}${withLang('/angebote', lang)}`, lang, place }),
          noindex: !!qs,
        },
        listBody(catalog, results, q, lang),
      ),
    );
  });

  app.get('/angebote/karte', async (req, reply) => {
    const { lang, t, place, q, catalog, results, qs, base } = await listContext(req);
    return sendHtml(
      reply,
      webPage(
        { lang, place, title: t.mapTitle, path: '/angebote/karte', query: qs, base, nav: 'map', description: t.mapIntro, wide: true, noindex: !!qs },
        mapBody(catalog, results, q, lang),
      ),
    );
  });

  const findEntry = async (req: FastifyRequest, id: string): Promise<CatalogEntry | undefined> => (await catalogOf(req)).byId.get(id);
  const notFound = (req: FastifyRequest, reply: FastifyReply, lang: ReturnType<typeof parseLang>) =>
    sendHtml(
      reply,
      webPage(
        { lang, place: placeOf(req, lang), title: WEB_TEXTS[lang].notFoundTitle, path: req.url.split('?')[0]!, base: baseUrlOf(req, opts.publicUrl), nav: null, noindex: true },
        html`<p>${WEB_TEXTS[lang].notFound}</p><p><a class="button" href="${withLang('/angebote', lang)}">${WEB_TEXTS[lang].navList}</a></p>`,
      ),
      404,
    );
  const ownImage = async (entry: CatalogEntry): Promise<string | null> => {
    const sha = entry.offer.image?.sha256;
    if (!sha) return null;
    return (await storage.hasImage(sha)) ? `/images/${sha}` : null;
  };

  const detail = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, print: boolean) => {
    const lang = parseLang((req.query as Record<string, unknown>).lang);
    const entry = await findEntry(req, req.params.id);
    if (!entry) return notFound(req, reply, lang);
    const catalog = await catalogOf(req);
    const base = baseUrlOf(req, opts.publicUrl);
    const url = offerWebUrl(base, entry.offer.id);
    const dates = offerNextDates(catalog, entry.offer, now());
    const tx = offerTexts(entry.offer, lang);
    const img = await ownImage(entry);
    const qrSvg = print ? await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : undefined;
    const path = `/angebote/${encodeURIComponent(entry.offer.id)}${print ? '/druck' : ''}`;
    return sendHtml(
      reply,
      webPage(
        {
          lang,
          place: placeOf(req, lang),
          title: tx.title,
          path,
          base,
          nav: null,
          description: tx.summary || entry.offer.summary,
          noindex: print,
          head: html`${openGraph({ title: tx.title, description: tx.summary, url: `${url}${withLang('', lang)}`, lang, place: placeOf(req, lang), type: 'article', image: img ? `${base}${img}` : null })}
            ${jsonLdTag(offerJsonLd(entry.offer, url, dates, tx, img ? `${base}${img}` : null, placeOf(req, 'de')))}`,
        },
        detailBody(catalog, entry, dates, lang, { imagePath: img, print, ...(qrSvg ? { qrSvg } : {}) }),
      ),
    );
  };
  app.get<{ Params: { id: string } }>('/angebote/:id', async (req, reply) => detail(req, reply, false));
  app.get<{ Params: { id: string } }>('/angebote/:id/druck', async (req, reply) => detail(req, reply, true));

  app.get<{ Params: { id: string } }>('/angebote/:id/termin.ics', async (req, reply) => {
    const lang = parseLang((req.query as Record<string, unknown>).lang);
    const entry = await findEntry(req, req.params.id);
    if (!entry) return notFound(req, reply, lang);
    const next = offerNextDates(await catalogOf(req), entry.offer, now(), 1)[0];
    if (!next) return notFound(req, reply, lang);
    const url = offerWebUrl(baseUrlOf(req, opts.publicUrl), entry.offer.id);
    return publicHeaders(reply)
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${entry.offer.id.replace(/[^A-Za-z0-9._-]/g, '_')}.ics"`)
      .send(nextDateIcs(entry.offer, next, url, offerTexts(entry.offer, lang).title, now()));
  });

  registerWebWishRoutes(app, { storage, publicUrl: opts.publicUrl, now, spam: opts.spam, sendHtml, placeOf });

  app.get('/datenschutz', async (req, reply) => {
    const lang = parseLang((req.query as Record<string, unknown>).lang);
    const t = WEB_TEXTS[lang];
    return sendHtml(reply, webPage({ lang, place: placeOf(req, lang), title: t.privacyTitle, path: '/datenschutz', base: baseUrlOf(req, opts.publicUrl), nav: 'privacy' }, privacyBody(lang, privacyContactOf(req, opts.privacyContact))));
  });

  app.get('/sitemap.xml', async (req, reply) => {
    const catalog = await catalogOf(req);
    return publicHeaders(reply, 'public, max-age=3600')
      .type('application/xml; charset=utf-8')
      .send(sitemapXml(baseUrlOf(req, opts.publicUrl), catalog.entries.map((e) => e.offer)));
  });
  app.get('/robots.txt', async (req, reply) => publicHeaders(reply, 'public, max-age=3600').type('text/plain; charset=utf-8').send(robotsTxt(baseUrlOf(req, opts.publicUrl))));
};
