import { schedulesText } from '../../../shared/logic/schedule-text';
import { WEEKDAYS, type Offer } from '../../../shared/schemas/offer';
import type { Label } from '../../../shared/schemas/text';
import { html, raw, type Raw } from '../staff-html';
import { hasFilters, TOWN_CENTRE, webQueryString, type Catalog, type CatalogEntry, type DateEntry, type WebQuery } from './web-catalog';
import { withLang } from './web-html';
import { htmlLang, intlLocale, WEB_TEXTS, type WebLang, type WebTexts } from './web-texts';

export const PAGE_SIZE = 20;

export const labelOf = (l: Label, lang: WebLang): string => (lang === 'de-LS' ? l.de : (l[lang] ?? l.de));

/** Texts of an offer in the page's language: a translation, the Leichte Sprache text, or German (marked). */
export function offerTexts(o: Offer, lang: WebLang): { title: string; summary: string; description: string; lang: string; untranslated: boolean } {
  if (lang === 'en' || lang === 'tr' || lang === 'uk' || lang === 'ar') {
    const tr = o.translations?.[lang];
    if (tr) return { ...tr, lang, untranslated: false };
    return { title: o.title, summary: o.summary, description: o.description, lang: 'de', untranslated: true };
  }
  return { title: o.title, summary: o.summary, description: o.description, lang: 'de', untranslated: false };
}

/** Intl formatters are costly to build (~0.1 ms each, 3 per date, 5 dates per offer page): one per language (issue 19 load). */
const dateFormats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
function dateFormatsFor(loc: string) {
  let f = dateFormats.get(loc);
  if (!f) {
    f = {
      day: new Intl.DateTimeFormat(loc, { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      time: new Intl.DateTimeFormat(loc, { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    dateFormats.set(loc, f);
  }
  return f;
}

export function formatDate(d: DateEntry, lang: WebLang): string {
  const f = dateFormatsFor(intlLocale[lang]);
  const start = new Date(d.start);
  const day = f.day.format(start);
  if (d.allDay) return day;
  return `${day}, ${f.time.format(start)}${d.end ? `–${f.time.format(new Date(d.end))}` : ''}`;
}

// ---------------------------------------------------------------- list

function checkboxes(name: string, legend: string, options: { value: string; label: string }[], chosen: readonly string[]): Raw {
  return html`<fieldset><legend>${legend}</legend><div class="choices">${options.map(
    (o, i) =>
      html`<div class="choice"><input type="checkbox" id="${name}-${i}" name="${name}" value="${o.value}"${chosen.includes(o.value) ? raw(' checked') : ''}><label for="${name}-${i}">${o.label}</label></div>`,
  )}</div></fieldset>`;
}

function radios(name: string, legend: string, options: { value: string; label: string }[], current: string): Raw {
  return html`<fieldset><legend>${legend}</legend><div class="choices">${options.map(
    (o, i) =>
      html`<div class="choice"><input type="radio" id="${name}-${i}" name="${name}" value="${o.value}"${current === o.value ? raw(' checked') : ''}><label for="${name}-${i}">${o.label}</label></div>`,
  )}</div></fieldset>`;
}

export function filterForm(catalog: Catalog, q: WebQuery, lang: WebLang, action: string): Raw {
  const t = WEB_TEXTS[lang];
  const tax = catalog.taxonomy;
  const open = hasFilters({ ...q, text: '' });
  return html`<form class="search" method="get" action="${action}" role="search">
    ${lang !== 'de' ? html`<input type="hidden" name="lang" value="${lang}">` : ''}
    <label for="q">${t.searchLabel}</label>
    <input type="search" id="q" name="q" value="${q.text}" maxlength="200" autocomplete="off">
    <button type="submit">${t.search}</button>
    <details class="filters"${open ? raw(' open') : ''}><summary>${t.filters}</summary>
      ${checkboxes('interesse', t.interests, tax.interests.map((i) => ({ value: i.id, label: labelOf(i.label, lang) })), q.interests)}
      ${checkboxes('alter', t.ageGroups, tax.age_groups.map((a) => ({ value: a.id, label: labelOf(a.label, lang) })), q.ageGroups)}
      ${checkboxes('stadtteil', t.district, tax.districts.map((d) => ({ value: d.id, label: labelOf(d.label, lang) })), q.districts)}
      ${radios('wann', t.when, [
        { value: '', label: t.whenAny },
        { value: 'heute', label: t.whenToday },
        { value: 'woche', label: t.whenWeek },
      ], q.when === 'today' ? 'heute' : q.when === 'week' ? 'woche' : '')}
      ${checkboxes('tag', t.weekdays, WEEKDAYS.map((d) => ({ value: d, label: t.weekdayNames[d] })), q.weekdays)}
      ${checkboxes('zeit', t.timesOfDay, [
        { value: 'morning', label: t.morning },
        { value: 'afternoon', label: t.afternoon },
        { value: 'evening', label: t.evening },
      ], q.timesOfDay)}
      <fieldset><legend>${t.more}</legend><div class="choices">
        <div class="choice"><input type="checkbox" id="kostenlos" name="kostenlos" value="1"${q.freeOnly ? raw(' checked') : ''}><label for="kostenlos">${t.freeOnly}</label></div>
        <div class="choice"><input type="checkbox" id="rollstuhl" name="rollstuhl" value="1"${q.wheelchairOnly ? raw(' checked') : ''}><label for="rollstuhl">${t.wheelchairOnly}</label></div>
      </div></fieldset>
      <div class="actions"><button type="submit">${t.apply}</button>${hasFilters(q) ? html`<a class="button secondary" href="${withLang(action, lang)}">${t.reset}</a>` : ''}</div>
    </details>
  </form>`;
}

function offerItem(e: CatalogEntry, lang: WebLang, t: WebTexts): Raw {
  const o = e.offer;
  const tx = offerTexts(o, lang);
  const when = schedulesText(o.schedules, lang).slice(0, 2);
  return html`<li><h2><a href="${withLang(`/angebote/${encodeURIComponent(o.id)}`, lang)}"${tx.lang !== htmlLang(lang) ? raw(` lang="${tx.lang}"`) : ''}>${tx.title}</a></h2>
    ${tx.summary ? html`<p${tx.lang !== htmlLang(lang) ? raw(` lang="${tx.lang}"`) : ''}>${tx.summary}</p>` : ''}
    ${when.length ? html`<p class="meta">${when.join(' · ')}</p>` : ''}
    ${o.location ? html`<p class="meta">${o.location.name}</p>` : ''}
    <p class="meta">${o.cost.free ? html`<span class="tag">${t.free}</span>` : ''}${o.location?.wheelchair === 'yes' ? html`<span class="tag">${t.wheelchair.yes}</span>` : ''}${tx.untranslated ? html`<span class="tag neutral">${t.untranslated}</span>` : ''}</p>
  </li>`;
}

export function listBody(catalog: Catalog, results: CatalogEntry[], q: WebQuery, lang: WebLang): Raw {
  const t = WEB_TEXTS[lang];
  const pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const shown = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const pager =
    pages > 1
      ? html`<nav class="pager" aria-label="${t.pages}">
          ${page > 1 ? html`<a class="button secondary" href="/angebote${webQueryString(q, lang, page - 1)}" rel="prev">${t.prev}</a>` : ''}
          <span>${t.page(page, pages)}</span>
          ${page < pages ? html`<a class="button secondary" href="/angebote${webQueryString(q, lang, page + 1)}" rel="next">${t.next}</a>` : ''}
        </nav>`
      : html``;
  return html`<p>${t.listIntro}</p>
    ${filterForm(catalog, q, lang, '/angebote')}
    <p class="count" role="status" id="count">${t.count(results.length)}</p>
    ${results.length === 0
      ? html`<p>${t.none}</p><p><a class="button" href="${withLang('/angebote', lang)}">${t.loosen}</a></p>`
      : html`<ol class="offers">${shown.map((e) => offerItem(e, lang, t))}</ol>`}
    ${pager}
    ${results.length ? html`<p><a href="/angebote/karte${webQueryString({ ...q, page: 1 }, lang)}">${t.onMap}</a></p>` : ''}
    <p><a href="${withLang('/wuensche/neu', lang)}">${t.wishNone}</a></p>`;
}

// ---------------------------------------------------------------- map

export interface MapPlace {
  lat: number;
  lon: number;
  name: string;
  offers: Offer[];
}

/** Offers grouped by their place (same coordinates to ~10 m). */
export function placesOf(entries: readonly CatalogEntry[]): MapPlace[] {
  const byKey = new Map<string, MapPlace>();
  for (const { offer } of entries) {
    const l = offer.location;
    if (!l) continue;
    const key = `${l.lat.toFixed(4)},${l.lon.toFixed(4)}`;
    const p = byKey.get(key) ?? { lat: l.lat, lon: l.lon, name: l.name, offers: [] };
    p.offers.push(offer);
    byKey.set(key, p);
  }
  return [...byKey.values()].sort((a, b) => b.lat - a.lat || a.lon - b.lon);
}

/**
 * The map as an SVG drawn by this server: a plain background, the town hall as a reference point and one numbered,
 * linked marker per place (no tiles, no third party, no script). The same places are listed below the map.
 */
export function mapSvg(places: readonly MapPlace[], label: string, opts: { href: (i: number) => string; highlight?: number; width?: number } = { href: (i) => `#ort-${i + 1}` }): Raw {
  const W = opts.width ?? 600;
  const pts = [...places.map((p) => ({ lat: p.lat, lon: p.lon })), TOWN_CENTRE];
  let minLat = Math.min(...pts.map((p) => p.lat));
  let maxLat = Math.max(...pts.map((p) => p.lat));
  let minLon = Math.min(...pts.map((p) => p.lon));
  let maxLon = Math.max(...pts.map((p) => p.lon));
  // at least ~2 km across, so one place does not fill the map
  const k = Math.cos((TOWN_CENTRE.lat * Math.PI) / 180);
  const minSpan = 0.018;
  if (maxLat - minLat < minSpan) [minLat, maxLat] = [(minLat + maxLat) / 2 - minSpan / 2, (minLat + maxLat) / 2 + minSpan / 2];
  if ((maxLon - minLon) * k < minSpan) [minLon, maxLon] = [(minLon + maxLon) / 2 - minSpan / k / 2, (minLon + maxLon) / 2 + minSpan / k / 2];
  const pad = 30;
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  const inner = W - 2 * pad;
  const H = Math.round(Math.min(W * 1.1, Math.max(W * 0.5, (inner * spanY) / spanX + 2 * pad)));
  const scale = Math.min(inner / spanX, (H - 2 * pad) / spanY);
  const x = (lon: number) => pad + ((lon - minLon) * k * scale) + (inner - spanX * scale) / 2;
  const y = (lat: number) => pad + (maxLat - lat) * scale + (H - 2 * pad - spanY * scale) / 2;
  const grid: string[] = [];
  for (let gx = 0; gx <= W; gx += 60) grid.push(`M${gx} 0V${H}`);
  for (let gy = 0; gy <= H; gy += 60) grid.push(`M0 ${gy}H${W}`);
  const hall = { x: x(TOWN_CENTRE.lon), y: y(TOWN_CENTRE.lat) };
  return html`<svg class="map" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="group" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
    <path d="${grid.join('')}" stroke="#ddd6c8" stroke-width="1" fill="none" aria-hidden="true"/>
    <g aria-hidden="true"><rect x="${(hall.x - 7).toFixed(1)}" y="${(hall.y - 7).toFixed(1)}" width="14" height="14" fill="#555"/><text x="${(hall.x + 11).toFixed(1)}" y="${(hall.y + 5).toFixed(1)}" fill="#333">Rathaus</text></g>
    ${places.map((p, i) => {
      const hi = opts.highlight === i;
      return html`<a href="${opts.href(i)}"><title>${i + 1}. ${p.name}</title>
        <circle cx="${x(p.lon).toFixed(1)}" cy="${y(p.lat).toFixed(1)}" r="${hi ? 20 : 16}" fill="${hi ? '#b35900' : '#0b3d55'}" stroke="#fff" stroke-width="3"/>
        <text x="${x(p.lon).toFixed(1)}" y="${(y(p.lat) + 4.5).toFixed(1)}" text-anchor="middle" fill="#fff">${i + 1}</text></a>`;
    })}
  </svg>`;
}

export function mapBody(catalog: Catalog, results: CatalogEntry[], q: WebQuery, lang: WebLang): Raw {
  const t = WEB_TEXTS[lang];
  const places = placesOf(results);
  const withoutPlace = results.filter((e) => !e.offer.location);
  return html`<p>${t.mapIntro}</p>
    ${filterForm(catalog, q, lang, '/angebote/karte')}
    <p class="count" role="status">${t.count(results.length)}</p>
    ${mapSvg(places, t.mapLabel(places.length))}
    <h2>${t.mapList}</h2>
    <ol class="places">${places.map(
      (p, i) =>
        html`<li id="ort-${i + 1}"><strong>${p.name}</strong><ul>${p.offers.map((o) => {
          const tx = offerTexts(o, lang);
          return html`<li><a href="${withLang(`/angebote/${encodeURIComponent(o.id)}`, lang)}"${tx.lang !== htmlLang(lang) ? raw(` lang="${tx.lang}"`) : ''}>${tx.title}</a></li>`;
        })}</ul></li>`,
    )}</ol>
    ${withoutPlace.length
      ? html`<h2>${t.noLocation}</h2><ul>${withoutPlace.map((e) => {
          const tx = offerTexts(e.offer, lang);
          return html`<li><a href="${withLang(`/angebote/${encodeURIComponent(e.offer.id)}`, lang)}"${tx.lang !== htmlLang(lang) ? raw(` lang="${tx.lang}"`) : ''}>${tx.title}</a></li>`;
        })}</ul>`
      : ''}`;
}

// ---------------------------------------------------------------- detail

export function detailBody(
  catalog: Catalog,
  entry: CatalogEntry,
  dates: DateEntry[],
  lang: WebLang,
  opts: { imagePath: string | null; print: boolean; qrSvg?: string },
): Raw {
  const t = WEB_TEXTS[lang];
  const o = entry.offer;
  const tx = offerTexts(o, lang);
  const textLang = tx.lang !== htmlLang(lang) ? raw(` lang="${tx.lang}"`) : raw('');
  const when = schedulesText(o.schedules, lang);
  const l = o.location;
  const path = `/angebote/${encodeURIComponent(o.id)}`;
  const interests = o.interests.map((id) => catalog.taxonomy.interests.find((i) => i.id === id)).filter((i) => !!i);
  const ages = o.age_groups.map((id) => catalog.taxonomy.age_groups.find((a) => a.id === id)).filter((a) => !!a);
  const notes = o.schedules.map((s) => s.note).filter((n): n is string => !!n);
  const places = placesOf([entry]);
  const easy = lang === 'de-LS' || lang === 'de' ? o.easy_read : undefined;
  return html`
    ${tx.untranslated ? html`<p class="note">${t.untranslated}</p>` : ''}
    ${opts.imagePath && o.image ? html`<p><img src="${opts.imagePath}" alt="${o.image.alt}" class="photo" width="600"></p>` : ''}
    ${lang === 'de-LS' && easy ? html`<section class="easy" lang="de"><h2>${t.easyRead}</h2>${easy.split(/\n+/).map((p) => html`<p>${p}</p>`)}</section>` : ''}
    <h2>${t.what}</h2>
    ${tx.summary ? html`<p${textLang}><strong>${tx.summary}</strong></p>` : ''}
    ${tx.description ? html`<div${textLang}>${tx.description.split(/\n+/).map((p) => html`<p>${p}</p>`)}</div>` : ''}
    ${interests.length || ages.length
      ? html`<p class="meta">${[...interests.map((i) => labelOf(i.label, lang)), ...ages.map((a) => labelOf(a.label, lang))].join(' · ')}</p>`
      : ''}
    ${lang === 'de' && easy ? html`<section class="easy"><h2>${t.easyRead}</h2>${easy.split(/\n+/).map((p) => html`<p>${p}</p>`)}</section>` : ''}
    <h2>${t.whenHeading}</h2>
    ${when.length ? html`<ul>${when.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
    ${notes.length ? html`<p lang="de">${notes.join(' · ')}</p>` : ''}
    <h3>${t.nextDates}</h3>
    ${dates.length ? html`<ul>${dates.map((d) => html`<li><time datetime="${d.start}">${formatDate(d, lang)}</time>${d.title && d.title !== o.title ? html` – <span lang="de">${d.title}</span>` : ''}</li>`)}</ul>` : html`<p>${t.noDates}</p>`}
    ${dates.length && !opts.print ? html`<p class="noprint"><a class="button" href="${path}/termin.ics" download>${t.calendar}</a></p>` : ''}
    ${l
      ? html`<h2>${t.where}</h2>
        <address><span lang="de">${l.name}</span><br>${l.street}<br>${[l.postal_code, l.city].filter(Boolean).join(' ')}</address>
        ${l.transit_stop ? html`<p><strong>${t.stop}:</strong> <span lang="de">${l.transit_stop}</span></p>` : ''}
        ${opts.print ? '' : html`<div class="noprint">${mapSvg(places, `${t.navMap}: ${l.name}`, { href: () => withLang('/angebote/karte', lang), highlight: 0, width: 360 })}</div>`}
        <h2>${t.access}</h2>
        <p>${t.wheelchair[l.wheelchair]}</p>
        ${l.accessibility_notes ? html`<p lang="de">${l.accessibility_notes}</p>` : ''}`
      : ''}
    <h2>${t.cost}</h2>
    <p>${o.cost.free ? t.free : t.costPaid}${o.cost.note ? html` – <span lang="de">${o.cost.note}</span>` : ''}</p>
    <p>${o.registration_required ? t.registration : t.noRegistration}</p>
    <h2>${t.contact}</h2>
    <p><span lang="de">${[o.contact_person, o.organisation.name].filter(Boolean).join(', ')}</span></p>
    <ul>
      ${o.organisation.phone ? html`<li>${t.phone}: <a href="tel:${o.organisation.phone.replace(/[^+0-9]/g, '')}">${o.organisation.phone}</a></li>` : ''}
      ${o.organisation.email ? html`<li>${t.email}: <a href="mailto:${o.organisation.email}">${o.organisation.email}</a></li>` : ''}
      ${o.url || o.organisation.website ? html`<li>${t.website}: <a href="${o.url ?? o.organisation.website}" rel="noopener noreferrer">${o.url ?? o.organisation.website}</a></li>` : ''}
    </ul>
    ${opts.qrSvg ? html`<div class="qr">${raw(opts.qrSvg)}</div>` : ''}
    ${opts.print
      ? html`<p class="noprint">${t.printHint}</p><p class="noprint"><a href="${withLang(path, lang)}">${t.back}</a></p>`
      : html`<div class="actions noprint"><a class="button secondary" href="${withLang(`${path}/druck`, lang)}">${t.print}</a>
        <a href="${withLang('/angebote', lang)}">${t.back}</a></div>`}`;
}

/** `contact`: who answers questions about privacy on these pages (web-town.ts privacyContactOf). */
export function privacyBody(lang: WebLang, contact: string): Raw {
  const t = WEB_TEXTS[lang];
  return html`${t.privacyText.map((p) => html`<p>${p}</p>`)}<p>${t.privacyContact} <span lang="de" dir="ltr">${contact}</span></p>`;
}
