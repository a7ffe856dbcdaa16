/**
 * A town's public pages on a district server (issue 19): each town gets its own address, e.g.
 * `--town-site lohmar=https://angebote.lohmar.de`, all pointing at the same server (DNS + the reverse proxy, which
 * passes the Host header on). A request whose Host header is one of those addresses — and ONLY those: an exact
 * allow-list, compared lower-case without a trailing dot — gets that town's pages: /angebote (list, search, map),
 * the offer pages, sitemap.xml, robots.txt, /feeds/offers.atom and /feeds/events.ics show the town's offers and the
 * offers without town (the district's, everyone's — as on the kiosks, storage/town-storage.ts), and every absolute
 * link is built from the town's configured address. Any other Host (the district's own address, an IP, a forged
 * name) gets the whole district with --public-url, as before; a Host header never becomes part of a link.
 *
 * The page cache (page-cache.ts) keys on the town, so one town's page is never served on another town's address.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { townIdSchema } from '../../../shared/schemas/taxonomy';
import type { TownStorage } from '../storage/town-storage';
import type { Catalog } from './web-catalog';
import { WEB_LANGS, type WebLang } from './web-texts';

export interface TownSite {
  town: string;
  /** the town's public base URL, without trailing slash */
  url: string;
  /** lower-case host[:port] of `url`: the Host header that selects this town */
  host: string;
  /** the town's name as shown in each language (--town-name; default: from the id, "sankt-augustin" -> "Sankt-Augustin") */
  names: PlaceNames;
  /** who answers questions about privacy on the town's pages (--privacy-contact <town>=…); absent: the site's */
  privacy?: string;
}

/** The postal address on /datenschutz without --privacy-contact. */
export const DEFAULT_PRIVACY_CONTACT = 'Stadt Siegburg, Rathaus, Nogenter Platz 10, 53721 Siegburg.';

/**
 * `--privacy-contact [<town>=]<address>` (repeatable): who answers questions about privacy, for the pages of every
 * address without town and, with `<town>=`, for a --town-site town's pages (a town without one shows the site's).
 */
export function withPrivacyContacts(sites: readonly TownSite[], specs: readonly string[]): { sites: TownSite[]; site: string } {
  let site = DEFAULT_PRIVACY_CONTACT;
  const byTown = new Map<string, string>();
  for (const spec of specs) {
    const m = /^([a-z0-9-]+)=(.*)$/s.exec(spec);
    const text = (m ? m[2]! : spec).trim();
    if (!text || [...text].length > 300 || BAD_NAME.test(text)) throw new Error(`--privacy-contact ${spec}: 1 to 300 characters, without < > or control characters`);
    if (!m) site = text;
    else if (!sites.some((s) => s.town === m[1])) throw new Error(`--privacy-contact ${spec}: no --town-site for ${m[1]}`);
    else byTown.set(m[1]!, text);
  }
  return { sites: sites.map((s) => (byTown.has(s.town) ? { ...s, privacy: byTown.get(s.town)! } : s)), site };
}

/** The privacy contact of this request's pages: its town's, else the site's. */
export const privacyContactOf = (req: FastifyRequest, site: string = DEFAULT_PRIVACY_CONTACT): string => req.webTown?.privacy ?? site;

/**
 * The name on a site's pages, per language (issue 19). The page texts never inflect it: it stands alone, in the
 * header above "Angebotslandkarte" and in the window title ("Angebote zum Mitmachen – Lohmar · Angebotslandkarte"),
 * so one spelling per script is enough (Turkish needs no suffix, Ukrainian no locative); only the spelling may
 * differ per language (Cyrillic, Arabic script).
 */
export type PlaceNames = Readonly<Record<WebLang, string>>;
/** The name on the pages without town (the --public-url address) unless --site-name says otherwise. */
export const DEFAULT_SITE_NAMES: PlaceNames = { de: 'Siegburg', 'de-LS': 'Siegburg', en: 'Siegburg', tr: 'Siegburg', uk: 'Зігбург', ar: 'زيغبورغ' };

const allLangs = (name: string): PlaceNames => Object.fromEntries(WEB_LANGS.map((l) => [l, name])) as PlaceNames;
const nameFromId = (town: string) => town.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');
// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\u0000-\u001F\u007F-\u009F<>]/;

/** `[<lang>=]<name>`: a name for every language, or the spelling of one (de, de-LS, en, tr, uk, ar). */
function parseNameValue(flag: string, spec: string, value: string): { lang: WebLang | null; name: string } {
  const m = /^(de|de-LS|en|tr|uk|ar)=(.*)$/s.exec(value);
  const name = (m ? m[2]! : value).trim();
  if (!name || [...name].length > 60 || BAD_NAME.test(name)) throw new Error(`${flag} ${spec}: a name of 1 to 60 characters, without < > or control characters`);
  return { lang: (m?.[1] as WebLang | undefined) ?? null, name };
}
/** Applies the specs in two passes: names for every language first, then the per-language spellings (order-free). */
function applyNames(base: PlaceNames, specs: readonly { lang: WebLang | null; name: string }[]): PlaceNames {
  let out: Record<WebLang, string> = { ...base };
  for (const s of specs) if (!s.lang) out = { ...allLangs(s.name) };
  for (const s of specs) if (s.lang) out[s.lang] = s.name;
  return out;
}

/** `--site-name [<lang>=]<name>` (repeatable): the name on the pages without town, e.g. Rhein-Sieg-Kreis. */
export function parseSiteNames(specs: readonly string[]): PlaceNames {
  return applyNames(DEFAULT_SITE_NAMES, specs.map((v) => parseNameValue('--site-name', v, v)));
}

/**
 * `--town-name <town>[:<lang>]=<name>` (repeatable), e.g. `lohmar=Lohmar`, `lohmar:uk=Ломар`, `lohmar:ar=لومار`:
 * the names of the towns given with --town-site (a name for a town without --town-site is an error).
 */
export function withTownNames(sites: readonly TownSite[], specs: readonly string[]): TownSite[] {
  const byTown = new Map<string, { lang: WebLang | null; name: string }[]>();
  for (const spec of specs) {
    const m = /^([a-z0-9-]+)(?::(de|de-LS|en|tr|uk|ar))?=(.*)$/s.exec(spec);
    if (!m) throw new Error(`--town-name ${spec}: expected <town>=<name> or <town>:<lang>=<name>, e.g. lohmar=Lohmar or lohmar:uk=Ломар`);
    if (!sites.some((s) => s.town === m[1])) throw new Error(`--town-name ${spec}: no --town-site for ${m[1]}`);
    const v = parseNameValue('--town-name', spec, m[2] ? `${m[2]}=${m[3]}` : m[3]!);
    byTown.set(m[1]!, [...(byTown.get(m[1]!) ?? []), v]);
  }
  return sites.map((s) => ({ ...s, names: applyNames(s.names, byTown.get(s.town) ?? []) }));
}

/** The name on this request's pages in a language: its town's (--town-site + --town-name), else the site's. */
export const placeName = (req: FastifyRequest, lang: WebLang, siteNames: PlaceNames = DEFAULT_SITE_NAMES): string => (req.webTown?.names ?? siteNames)[lang];

declare module 'fastify' {
  interface FastifyRequest {
    /** The town whose public pages this request gets (Host header in the --town-site allow-list), or null: the district. */
    webTown: TownSite | null;
  }
}

/** `<town>=<http(s) URL>` of --town-site. Throws with a plain message when the value is not usable. */
export function parseTownSite(spec: string): TownSite {
  const eq = spec.indexOf('=');
  const town = spec.slice(0, eq).trim();
  const raw = spec.slice(eq + 1).trim();
  if (eq < 1 || !townIdSchema.safeParse(town).success) throw new Error(`--town-site ${spec}: expected <town>=<url>, town like lohmar or sankt-augustin`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--town-site ${spec}: not a URL`);
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`--town-site ${spec}: give the site's address only, e.g. https://angebote.lohmar.de`);
  }
  return { town, url: url.origin, host: url.host.toLowerCase(), names: allLangs(nameFromId(town)) };
}

/** The Host header as compared with the allow-list: lower-case, without a trailing dot ("Angebote.Lohmar.DE." = "angebote.lohmar.de"). */
export const hostKey = (host: string | undefined): string => (host ?? '').trim().toLowerCase().replace(/\.(?=(:\d+)?$)/, '');

/** Sets `req.webTown` on every request (register before the page cache and the public routes). */
export function registerWebTown(app: FastifyInstance, sites: readonly TownSite[]): void {
  const byHost = new Map<string, TownSite>();
  for (const s of sites) {
    if (byHost.has(s.host)) throw new Error(`--town-site: ${s.host} is given twice`);
    byHost.set(s.host, s);
  }
  app.decorateRequest('webTown', null);
  if (!byHost.size) return;
  app.addHook('onRequest', async (req) => {
    req.webTown = byHost.get(hostKey(req.headers.host)) ?? null;
  });
}

/** The base URL of absolute links for this request: the town's address, else --public-url (never the Host header). */
export const webBase = (req: FastifyRequest, publicUrl: () => string): string => req.webTown?.url ?? publicUrl();

/** Whether an offer is on a town's pages: its own offers and those without town. */
export const onTownPages = (offerTowns: ReadonlyMap<string, string>, offerId: string, town: string): boolean => {
  const t = offerTowns.get(offerId);
  return t === undefined || t === town;
};

// per catalog (one catalog version): the offers' towns, and each town's catalog built from the district's
const townsOf = new WeakMap<Catalog, Promise<Map<string, string>>>();
const perTown = new WeakMap<Catalog, Map<string, Promise<Catalog>>>();

/** The offers' towns as of this catalog's version (read once per version). */
export function catalogOfferTowns(storage: Pick<TownStorage, 'offerTowns'>, catalog: Catalog): Promise<Map<string, string>> {
  let p = townsOf.get(catalog);
  if (!p) {
    p = storage.offerTowns();
    townsOf.set(catalog, p);
    p.catch(() => townsOf.delete(catalog));
  }
  return p;
}

/**
 * The catalog a request's pages show: the district's, or for a town the same entries (shared objects, so search
 * facts computed once serve both) without other towns' offers; events only of the offers shown or of no offer.
 */
export async function catalogForTown(storage: Pick<TownStorage, 'offerTowns'>, catalog: Catalog, town: string | null): Promise<Catalog> {
  if (!town) return catalog;
  let m = perTown.get(catalog);
  if (!m) perTown.set(catalog, (m = new Map()));
  let p = m.get(town);
  if (!p) {
    p = catalogOfferTowns(storage, catalog).then((towns) => {
      const entries = catalog.entries.filter((e) => onTownPages(towns, e.offer.id, town));
      const events = catalog.events.filter((e) => !e.offer_id || onTownPages(towns, e.offer_id, town));
      return { ...catalog, key: `${catalog.key}|${town}`, entries, byId: new Map(entries.map((e) => [e.offer.id, e])), events };
    });
    m.set(town, p);
    p.catch(() => m.delete(town));
  }
  return p;
}
