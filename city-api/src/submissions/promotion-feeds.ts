import type { FastifyInstance, FastifyRequest } from 'fastify';
import { create } from 'xmlbuilder2';
import { offerSchema } from '../../../shared/schemas/offer';
import type { KioskStorage } from '../storage/kiosk-storage';
import type { PublicWebReads } from '../storage/web-reads';
import { offerWebUrl } from '../offer-store';
import { buildCalendar } from '../ics-writer';
import { posterPdf } from './poster-pdf';
import type { TownStorage } from '../storage/town-storage';
import { DEFAULT_SITE_NAMES, onTownPages, placeName, webBase, type PlaceNames } from '../public-web/web-town';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * Newly published offers, newest first (for the newsletter and social media), written with xmlbuilder2. Not the
 * `feed` package: it cannot write an entry link's type, rel="related" links or xml:lang, and it writes titles
 * and summaries as type="html" CDATA, so markup in a club's title would become markup in feed readers. Each entry links to the offer's
 * public page (`rel="alternate"`, issue 17) and, when the club has one, to its own page (`rel="related"`).
 */
export async function offersAtom(
  storage: Pick<PublicWebReads, 'recentlyChangedOffers'> & Pick<TownStorage, 'offerTowns'>,
  baseUrl: string,
  limit = 50,
  town: string | null = null,
  /** the name of the feed's pages (web-town.ts placeName, German spelling): the town's, else the site's */
  place = DEFAULT_SITE_NAMES.de,
): Promise<string> {
  // a town's feed (public-web/web-town.ts): its offers and those without town, out of the district's newest
  const [rows, towns] = await Promise.all([storage.recentlyChangedOffers(limit * (town ? 20 : 2)), town ? storage.offerTowns() : null]);
  const entries = rows
    .filter((r) => !towns || !town || onTownPages(towns, r.id, town))
    .map((r) => ({ row: r, offer: offerSchema.safeParse(JSON.parse(r.data_json)) }))
    .filter((e) => e.offer.success && e.offer.data.status === 'active')
    .slice(0, limit);
  const updated = entries[0]?.row.changed_at ?? new Date(0).toISOString();
  // xmlbuilder2 escapes every text and attribute; characters XML 1.0 cannot carry (C0 controls, lone surrogates,
  // U+FFFE/U+FFFF) become U+FFFD instead of making the whole feed unreadable.
  const doc = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '\uFFFD' });
  const feed = doc.ele(ATOM, 'feed', { 'xml:lang': 'de' });
  feed.ele(ATOM, 'title').txt(`Angebotslandkarte ${place} – neue Angebote`);
  feed.ele(ATOM, 'id').txt(`${baseUrl}/feeds/offers.atom`);
  feed.ele(ATOM, 'link', { rel: 'self', href: `${baseUrl}/feeds/offers.atom` });
  feed.ele(ATOM, 'link', { rel: 'alternate', type: 'text/html', href: `${baseUrl}/angebote` });
  feed.ele(ATOM, 'link', { rel: 'related', href: `${baseUrl}/submit` });
  feed.ele(ATOM, 'updated').txt(updated);
  feed.ele(ATOM, 'author').ele(ATOM, 'name').txt(place);
  for (const { row, offer } of entries) {
    if (!offer.success) continue;
    const o = offer.data;
    const where = o.location ? `${o.location.name}, ${o.location.street}, ${o.location.city}` : '';
    const entry = feed.ele(ATOM, 'entry');
    entry.ele(ATOM, 'id').txt(`urn:gemeinsam:offer:${o.id}`);
    entry.ele(ATOM, 'title', { type: 'text' }).txt(o.title);
    entry.ele(ATOM, 'updated').txt(row.changed_at);
    entry.ele(ATOM, 'link', { rel: 'alternate', type: 'text/html', href: offerWebUrl(baseUrl, o.id) });
    if (o.url) entry.ele(ATOM, 'link', { rel: 'related', href: o.url });
    entry.ele(ATOM, 'summary', { type: 'text' }).txt([o.summary, where, o.organisation.name].filter(Boolean).join(' – '));
  }
  return doc.end({ prettyPrint: true }) + '\n';
}

/** Public feeds (no login, no kiosk token): Atom of new offers, iCalendar of all events, the poster PDF (both backends, issue 19). */
export function registerPromotionFeeds(
  app: FastifyInstance,
  opts: {
    storage: KioskStorage;
    /** --public-url (never the request's Host) */
    publicUrl: () => string;
    /** --site-name: the name on the pages without town (a --town-site town's address shows the town's) */
    siteNames?: PlaceNames;
    now?: () => Date;
  },
): void {
  const { storage } = opts;
  const now = opts.now ?? (() => new Date());
  // the name of the request's pages (issue 19): a district server must not call every town's feed and poster Siegburg
  const place = (req: FastifyRequest, lang: 'de' | 'en' = 'de') => placeName(req, lang, opts.siteNames);

  // per town on a town's address (--town-site, public-web/web-town.ts), else the whole district
  app.get('/feeds/offers.atom', async (req, reply) =>
    reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=900')
      .send(await offersAtom(storage, webBase(req, opts.publicUrl), 50, req.webTown?.town ?? null, place(req))),
  );

  app.get('/feeds/events.ics', async (req, reply) => {
    const from = new Date(now().getTime() - 30 * 86_400_000);
    const to = new Date(now().getTime() + 365 * 86_400_000);
    const town = req.webTown?.town ?? null;
    const [events, towns] = await Promise.all([storage.eventsForWindow(isoDay(from), isoDay(to)), town ? storage.offerTowns() : null]);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${fileSlug(req.webTown?.town ?? place(req))}-gemeinsam.ics"`)
      .header('cache-control', 'public, max-age=900')
      .send(buildCalendar(towns && town ? events.filter((e) => !e.offer_id || onTownPages(towns, e.offer_id, town)) : events, now(), `Angebotslandkarte ${place(req)} – Termine`));
  });

  app.get('/poster.pdf', async (req, reply) => {
    const en = (req.query as { lang?: string } | undefined)?.lang === 'en';
    const url = `${webBase(req, opts.publicUrl)}/submit${en ? '?lang=en' : ''}`;
    // the name of the poster's town or site; the sentences fit a town, a municipality and a district alike
    const name = place(req, en ? 'en' : 'de');
    const pdf = posterPdf(
      en
        ? {
            headline: `Your club on the ${name} map of activities!`,
            lines: [
              `${name} is working together against loneliness. The map of activities shows everything near you that brings people together – at kiosks in the town hall, in libraries and in print.`,
              'Does your club or group offer something? Enter it yourself, free of charge and without an account. Every entry is checked before it is published.',
            ],
            urlLabel: 'Scan the code or open:',
            url,
            footer: `${name} GEMEINSAM – together against loneliness`,
          }
        : {
            headline: `Ihr Verein auf der Angebotslandkarte ${name}!`,
            lines: [
              `${name} macht gemeinsam etwas gegen Einsamkeit. Die Angebotslandkarte zeigt alles, was vor Ort Menschen zusammenbringt – an Bildschirmen im Rathaus, in Büchereien und gedruckt.`,
              'Bietet Ihr Verein oder Ihre Gruppe etwas an? Tragen Sie es selbst ein – kostenlos und ohne Benutzerkonto. Jede Eintragung wird vor der Veröffentlichung geprüft.',
            ],
            urlLabel: 'Code scannen oder aufrufen:',
            url,
            footer: `${name} GEMEINSAM erleben – gemeinsam aus der Einsamkeit`,
          },
    );
    return reply.type('application/pdf').header('content-disposition', 'inline; filename="angebotslandkarte-mitmachen.pdf"').send(pdf);
  });
}

/** A file name part from a town id or a place name: "Rhein-Sieg-Kreis" -> "rhein-sieg-kreis", "Königswinter" -> "koenigswinter". */
export function fileSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'angebotslandkarte';
}
