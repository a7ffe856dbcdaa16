import ICAL from 'ical.js';
import { localDate } from '../../../shared/logic/next-dates';
import type { Offer, Schedule } from '../../../shared/schemas/offer';
import { addText, addTime, addUrl, calendarText, dateValue, newCalendar, utcTime } from '../ics-writer';
import { esc, html, raw, type Raw } from '../staff-html';
import type { DateEntry } from './web-catalog';
import { htmlLang, WEB_TEXTS, type WebLang } from './web-texts';

/** Discoverability of the public pages: schema.org JSON-LD, Open Graph, sitemap.xml, robots.txt; the `.ics` of one date. */

const SCHEMA_DAYS: Record<string, string> = {
  MO: 'https://schema.org/Monday',
  TU: 'https://schema.org/Tuesday',
  WE: 'https://schema.org/Wednesday',
  TH: 'https://schema.org/Thursday',
  FR: 'https://schema.org/Friday',
  SA: 'https://schema.org/Saturday',
  SU: 'https://schema.org/Sunday',
};

function place(o: Offer): Record<string, unknown> | undefined {
  const l = o.location;
  if (!l) return undefined;
  return {
    '@type': 'Place',
    name: l.name,
    address: { '@type': 'PostalAddress', streetAddress: l.street, postalCode: l.postal_code, addressLocality: l.city, addressCountry: 'DE' },
    geo: { '@type': 'GeoCoordinates', latitude: l.lat, longitude: l.lon },
    ...(l.wheelchair !== 'unknown' ? { amenityFeature: { '@type': 'LocationFeatureSpecification', name: 'wheelchair accessible', value: l.wheelchair === 'yes' } } : {}),
  };
}

function openingHours(schedules: readonly Schedule[]): Record<string, unknown>[] {
  return schedules
    .filter((s) => s.freq === 'weekly' && s.byday?.length)
    .map((s) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: (s.byday ?? []).map((d) => SCHEMA_DAYS[d]),
      ...(s.opens_at ? { opens: s.opens_at } : {}),
      ...(s.closes_at ? { closes: s.closes_at } : {}),
      ...(s.valid_from ? { validFrom: s.valid_from } : {}),
      ...(s.valid_to ? { validThrough: s.valid_to } : {}),
    }));
}

/** An `Event` (with the next date and its weekly schedule) when the offer has dates, else a `Service` with opening hours. */
/** `area`: the name of the pages' town or site (web-town.ts placeName, German spelling), the Service's areaServed. */
export function offerJsonLd(o: Offer, url: string, dates: readonly DateEntry[], texts: { title: string; summary: string }, imageUrl: string | null, area = 'Siegburg'): Record<string, unknown> {
  const organizer = {
    '@type': 'Organization',
    name: o.organisation.name,
    ...(o.organisation.website ? { url: o.organisation.website } : {}),
    ...(o.organisation.email ? { email: o.organisation.email } : {}),
    ...(o.organisation.phone ? { telephone: o.organisation.phone } : {}),
  };
  const common = {
    '@context': 'https://schema.org',
    '@id': url,
    url,
    name: texts.title,
    description: texts.summary || undefined,
    isAccessibleForFree: o.cost.free,
    ...(imageUrl ? { image: imageUrl } : {}),
    inLanguage: o.languages?.length ? o.languages : ['de'],
  };
  const next = dates[0];
  if (next) {
    return {
      ...common,
      '@type': 'Event',
      startDate: next.start,
      ...(next.end ? { endDate: next.end } : {}),
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      organizer,
      ...(place(o) ? { location: place(o) } : {}),
      ...(o.cost.free ? { offers: { '@type': 'Offer', price: 0, priceCurrency: 'EUR', url } } : {}),
      eventSchedule: o.schedules
        .filter((s) => s.freq === 'weekly' || s.freq === 'monthly')
        .map((s) => ({
          '@type': 'Schedule',
          repeatFrequency: s.freq === 'weekly' ? 'P1W' : 'P1M',
          byDay: (s.byday ?? []).map((d) => SCHEMA_DAYS[d]),
          ...(s.opens_at ? { startTime: s.opens_at } : {}),
          ...(s.closes_at ? { endTime: s.closes_at } : {}),
          scheduleTimezone: 'Europe/Berlin',
        })),
    };
  }
  const hours = openingHours(o.schedules);
  return {
    ...common,
    '@type': 'Service',
    provider: organizer,
    areaServed: { '@type': 'City', name: area },
    ...(place(o) ? { availableChannel: { '@type': 'ServiceChannel', serviceLocation: { ...place(o), ...(hours.length ? { openingHoursSpecification: hours } : {}) } } } : {}),
  };
}

/** JSON inside <script type="application/ld+json">: `<` escaped so no text can end the element. */
export function jsonLdTag(data: unknown): Raw {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/ld+json">${json}</script>`);
}

export function openGraph(o: { title: string; description: string; url: string; lang: WebLang; place: string; type?: string; image?: string | null }): Raw {
  const locale = { de: 'de_DE', 'de-LS': 'de_DE', en: 'en_GB', tr: 'tr_TR', uk: 'uk_UA', ar: 'ar_AR' }[o.lang];
  return html`<meta property="og:type" content="${o.type ?? 'website'}">
<meta property="og:site_name" content="${o.place} · ${WEB_TEXTS[o.lang].siteName}">
<meta property="og:title" content="${o.title}">
<meta property="og:description" content="${o.description}">
<meta property="og:url" content="${o.url}">
<meta property="og:locale" content="${locale}">
${o.image ? html`<meta property="og:image" content="${o.image}">` : ''}
<meta name="twitter:card" content="summary">`;
}

export function sitemapXml(base: string, offers: readonly { id: string; updated_at: string }[]): string {
  const url = (loc: string, lastmod?: string) =>
    `  <url><loc>${esc(base + loc)}</loc>${lastmod ? `<lastmod>${esc(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url('/angebote'), url('/angebote/karte'), url('/datenschutz'), ...offers.map((o) => url(`/angebote/${encodeURIComponent(o.id)}`, o.updated_at))].join('\n')}
</urlset>
`;
}

export function robotsTxt(base: string): string {
  return `User-agent: *
Allow: /angebote
Allow: /datenschutz
Allow: /feeds/
Disallow: /staff
Disallow: /v1/
Disallow: /submit/edit/

Sitemap: ${base}/sitemap.xml
`;
}

const icsUid = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** One date of an offer as an iCalendar file (UTC times, so no time zone block is needed), built and escaped by ical.js. */
export function nextDateIcs(o: Offer, d: DateEntry, url: string, title: string, now: Date): string {
  const where = o.location ? [o.location.name, o.location.street, [o.location.postal_code, o.location.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : '';
  const cal = newCalendar('-//GEMEINSAM Kiosk//Angebotslandkarte//DE', { method: 'PUBLISH' });
  const ve = new ICAL.Component('vevent');
  ve.addPropertyWithValue('uid', `${icsUid(d.start)}-${o.id}@angebotslandkarte`);
  addTime(ve, 'dtstamp', utcTime(now));
  if (d.allDay) addTime(ve, 'dtstart', dateValue(localDate(new Date(d.start))));
  else {
    addTime(ve, 'dtstart', utcTime(d.start));
    if (d.end) addTime(ve, 'dtend', utcTime(d.end));
  }
  addText(ve, 'summary', title);
  addText(ve, 'description', o.summary ? `${o.summary}\n\n${url}` : url);
  addText(ve, 'location', where);
  if (o.location) {
    const geo = new ICAL.Property('geo');
    geo.setValue([o.location.lat, o.location.lon]);
    ve.addProperty(geo);
  }
  addUrl(ve, 'url', url);
  cal.addSubcomponent(ve);
  return calendarText(cal);
}

export { htmlLang };
