import QRCode from 'qrcode';
import type { Offer } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import { scheduleTextWithNote } from '../../../shared/logic/schedule-text';
import { SIEGBURG_CENTRE as SIEGBURG } from '../../../shared/schemas/kiosk-config';
import type { BrochureData } from './brochure-data';

/**
 * The printed Angebotslandkarte as one self-contained HTML document (A4, large print, no external resources):
 * cover with how-to, overview map with numbered offers, offers grouped by interest, index by district.
 */

export interface BrochureOptions {
  /** Date of this edition. */
  now: Date;
  /** Where the kiosk that made it stands (shown on the cover). */
  place: string;
  /** Base64 WOFF2 fonts (regular, bold); absent → the system's sans-serif. */
  fonts?: { regular: string; bold: string };
}

export interface NumberedOffer {
  nr: number;
  offer: Offer;
  interest: string | null;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const label = (l: { de: string } | undefined, fallback: string) => l?.de ?? fallback;

const dateDe = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'long', year: 'numeric' }).format(d);

/** Numbers the offers in the order they appear: by interest (taxonomy order), then title. Each offer once, under its first interest. */
export function numberOffers(data: BrochureData): NumberedOffer[] {
  const order = data.taxonomy.interests.map((i) => i.id);
  const primary = (o: Offer) => o.interests.find((i) => order.includes(i)) ?? null;
  const rank = (id: string | null) => (id === null ? order.length : order.indexOf(id));
  return [...data.offers]
    .map((offer) => ({ offer, interest: primary(offer) }))
    .sort((a, b) => rank(a.interest) - rank(b.interest) || a.offer.title.localeCompare(b.offer.title, 'de'))
    .map((e, i) => ({ ...e, nr: i + 1 }));
}

const STEP_FREE: Record<string, string> = {
  yes: 'ohne Stufen erreichbar',
  partial: 'zum Teil ohne Stufen erreichbar',
  no: 'nicht ohne Stufen erreichbar',
};

/**
 * A QR code as inline SVG, one square per dark module and a 4-module quiet zone (an offer's short web_url fits
 * version 4 or less). Made synchronously from qrcode's module matrix: the brochure is one HTML string.
 */
export function qrSvg(text: string): string {
  // M when the text fits version 4 at M (62 bytes), else L (78 bytes at version 4), like the receipt slips
  const qr = QRCode.create(text, { errorCorrectionLevel: Buffer.byteLength(text) <= 62 ? 'M' : 'L' });
  const n = qr.modules.size;
  const quiet = 4;
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  const side = n + 2 * quiet;
  return `<svg class="qr" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" aria-label="QR-Code: ${esc(text)}"><rect width="${side}" height="${side}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

function offerEntry(e: NumberedOffer, taxonomy: Taxonomy): string {
  const o = e.offer;
  const rows: [string, string][] = [];
  const when = o.schedules.map((s) => scheduleTextWithNote(s, 'de'));
  if (when.length) rows.push(['Wann', when.map(esc).join('<br>')]);
  if (o.location) {
    const l = o.location;
    const lines = [l.name, [l.street, `${l.postal_code} ${l.city}`.trim()].filter(Boolean).join(', ')];
    const district = taxonomy.districts.find((d) => d.id === o.district);
    if (district) lines.push(`Stadtteil: ${district.label.de}`);
    rows.push(['Wo', lines.map(esc).join('<br>')]);
    const access = [STEP_FREE[l.wheelchair], l.accessibility_notes].filter(Boolean) as string[];
    if (access.length) rows.push(['Zugang', access.map(esc).join('. ')]);
    if (l.transit_stop) rows.push(['Haltestelle', esc(l.transit_stop)]);
  }
  const cost = o.cost.free ? ['kostenlos', o.cost.note].filter(Boolean).join(' – ') : (o.cost.note ?? '');
  if (cost) rows.push(['Kosten', esc(cost)]);
  if (o.registration_required) rows.push(['Anmeldung', 'Bitte vorher anmelden.']);
  const contact = [o.contact_person, o.organisation.name].filter(Boolean).join(', ');
  const reach = [o.organisation.phone && `Telefon ${o.organisation.phone}`, o.organisation.email].filter(Boolean) as string[];
  rows.push(['Kontakt', [contact, ...reach].map((s) => esc(s)).join('<br>')]);
  if (o.url) rows.push(['Internet', `<span class="url">${esc(o.url)}</span>`]);
  const ages = o.age_groups.map((a) => taxonomy.age_groups.find((g) => g.id === a)?.label.de).filter(Boolean) as string[];
  if (ages.length) rows.push(['Für', esc(ages.join(', '))]);
  return `<article class="offer">
  <h3><span class="nr">Nr. ${e.nr}</span> ${esc(o.title)}${o.sample ? ' <span class="sample">Beispieldaten</span>' : ''}</h3>
  ${o.web_url ? `<div class="offer-qr">${qrSvg(o.web_url)}<span class="url">${esc(o.web_url)}</span></div>` : ''}
  ${o.summary ? `<p class="summary">${esc(o.summary)}</p>` : ''}
  <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
</article>`;
}

/** Equirectangular projection of the offers' positions into the map frame, with a margin. */
function mapSvg(entries: NumberedOffer[], taxonomy: Taxonomy): string {
  const W = 1000;
  const H = 860;
  const pts = entries.filter((e) => e.offer.location).map((e) => ({ e, lat: e.offer.location!.lat, lon: e.offer.location!.lon }));
  // Extent: the offers themselves plus a margin (at least ~2 km across), so the markers use the whole page.
  let minLat: number = SIEGBURG.lat;
  let maxLat: number = SIEGBURG.lat;
  let minLon: number = SIEGBURG.lon;
  let maxLon: number = SIEGBURG.lon;
  for (const p of pts) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
  }
  const padLat = Math.max(0.004, (maxLat - minLat) * 0.08);
  const padLon = Math.max(0.006, (maxLon - minLon) * 0.08);
  minLat -= padLat;
  maxLat += padLat;
  minLon -= padLon;
  maxLon += padLon;
  const k = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  const scale = Math.min((W - 160) / spanX, (H - 220) / spanY);
  const ox = (W - spanX * scale) / 2;
  const oy = (H - spanY * scale) / 2;
  const xy = (lat: number, lon: number) => [ox + (lon - minLon) * k * scale, oy + (maxLat - lat) * scale] as const;

  // Offers at (nearly) the same place share one label with all their numbers.
  const clusters: { x: number; y: number; nrs: number[]; district: string | undefined }[] = [];
  for (const p of pts) {
    const [x, y] = xy(p.lat, p.lon);
    const near = clusters.find((c) => Math.hypot(c.x - x, c.y - y) < 40);
    if (near) near.nrs.push(p.e.nr);
    else clusters.push({ x, y, nrs: [p.e.nr], district: p.e.offer.district });
  }
  const PER_ROW = 4;
  const boxes = clusters.map((c) => {
    const cols = Math.min(PER_ROW, c.nrs.length);
    const rows = Math.ceil(c.nrs.length / PER_ROW);
    return { ...c, ax: c.x, ay: c.y, w: cols * 46 + 14, h: rows * 38 + 10 };
  });
  // Push overlapping labels apart (a few rounds of pairwise separation), then draw a thin line to the true position.
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const ox2 = (a.w + b.w) / 2 + 8 - Math.abs(a.x - b.x);
        const oy2 = (a.h + b.h) / 2 + 8 - Math.abs(a.y - b.y);
        if (ox2 <= 0 || oy2 <= 0) continue;
        moved = true;
        if (ox2 < oy2) {
          const d = (a.x <= b.x ? -1 : 1) * (ox2 / 2 + 1);
          a.x += d;
          b.x -= d;
        } else {
          const d = (a.y <= b.y ? -1 : 1) * (oy2 / 2 + 1);
          a.y += d;
          b.y -= d;
        }
      }
    }
    for (const b of boxes) {
      b.x = Math.min(W - b.w / 2 - 10, Math.max(b.w / 2 + 10, b.x));
      b.y = Math.min(H - 140 - b.h / 2, Math.max(b.h / 2 + 10, b.y));
    }
    if (!moved) break;
  }

  // District names above their offers (a schematic map: no streets, no tiles).
  const districts = new Map<string, { x: number; y: number; n: number; top: number }>();
  for (const b of boxes) {
    if (!b.district) continue;
    const acc = districts.get(b.district) ?? { x: 0, y: 0, n: 0, top: Infinity };
    districts.set(b.district, { x: acc.x + b.ax, y: acc.y + b.ay, n: acc.n + 1, top: Math.min(acc.top, b.y - b.h / 2) });
  }
  const districtLabels = [...districts].map(([id, a]) => {
    const name = label(taxonomy.districts.find((t) => t.id === id)?.label, id);
    return `<text class="district" x="${(a.x / a.n).toFixed(0)}" y="${Math.max(40, a.top - 12).toFixed(0)}" text-anchor="middle">${esc(name)}</text>`;
  });

  const markers = boxes.map((b) => {
    const leader =
      Math.hypot(b.x - b.ax, b.y - b.ay) > 6
        ? `<line x1="${b.ax.toFixed(0)}" y1="${b.ay.toFixed(0)}" x2="${b.x.toFixed(0)}" y2="${b.y.toFixed(0)}"/><circle class="dot" cx="${b.ax.toFixed(0)}" cy="${b.ay.toFixed(0)}" r="6"/>`
        : '';
    const left = b.x - b.w / 2;
    const top = b.y - b.h / 2;
    const nums = b.nrs
      .map((nr, i) => {
        const cx = left + 7 + (i % PER_ROW) * 46 + 23;
        const cy = top + 5 + Math.floor(i / PER_ROW) * 38 + 28;
        return `<text x="${cx.toFixed(0)}" y="${cy.toFixed(0)}" text-anchor="middle">${nr}</text>`;
      })
      .join('');
    return `<g class="marker">${leader}<rect x="${left.toFixed(0)}" y="${top.toFixed(0)}" width="${b.w}" height="${b.h}" rx="12"/>${nums}</g>`;
  });

  // 1 km scale bar
  const kmPx = (1 / 111.32) * scale;
  const here = `<text class="here" x="40" y="${H - 40}">Schematische Karte ohne Straßen. Die Lage der Angebote ist ungefähr.</text>`;
  return `<svg class="map" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Übersichtskarte">
  <rect x="2" y="2" width="${W - 4}" height="${H - 4}" class="frame"/>
  ${markers.join('\n  ')}
  ${districtLabels.join('\n  ')}
  <g class="north"><path d="M ${W - 70} 110 l 20 -60 l 20 60 l -20 -14 z"/><text x="${W - 50}" y="140" text-anchor="middle">N</text></g>
  <g class="scale"><rect x="40" y="${H - 100}" width="${kmPx.toFixed(0)}" height="12"/><text x="40" y="${H - 110}">1 km</text></g>
  ${here}
</svg>`;
}

function fontFaces(fonts: BrochureOptions['fonts']): string {
  if (!fonts) return '';
  return `@font-face{font-family:"Atkinson Hyperlegible Next";font-weight:400;src:url(data:font/woff2;base64,${fonts.regular}) format("woff2")}
@font-face{font-family:"Atkinson Hyperlegible Next";font-weight:700;src:url(data:font/woff2;base64,${fonts.bold}) format("woff2")}`;
}

const CSS = `
@page { size: A4; margin: 16mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: "Atkinson Hyperlegible Next", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 15pt; line-height: 1.4; color: #000; }
body { margin: 0; }
h1 { font-size: 34pt; line-height: 1.1; margin: 0 0 8mm; }
h2 { font-size: 24pt; margin: 0 0 6mm; padding-bottom: 2mm; border-bottom: 2pt solid #000; }
h3 { font-size: 18pt; margin: 0 0 2mm; line-height: 1.2; }
.page { break-after: page; }
.lead { font-size: 19pt; margin: 0 0 8mm; }
.edition { font-size: 15pt; }
.notice { border: 3pt solid #000; padding: 4mm 5mm; margin: 8mm 0; font-size: 16pt; }
.howto li { margin-bottom: 3mm; }
.toc { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; column-gap: 10mm; }
.toc li { display: flex; justify-content: space-between; border-bottom: 1pt dotted #000; padding: 0.6mm 0; }
.cover h2 { margin-top: 6mm; margin-bottom: 3mm; }
.cover .notice { margin: 5mm 0; }
.howto li { margin-bottom: 1.5mm; }
.interest { break-before: page; }
.offer { break-inside: avoid; border-top: 1.5pt solid #000; padding: 3mm 0 4mm; }
h2 + .offer { border-top: none; padding-top: 0; }
.nr { display: inline-block; background: #000; color: #fff; border-radius: 3mm; padding: 0.5mm 2.5mm; margin-right: 2mm; font-size: 15pt; vertical-align: 0.1em; }
.sample { display: inline-block; border: 2pt solid #000; padding: 0 2mm; font-size: 13pt; font-weight: 700; text-transform: uppercase; vertical-align: 0.15em; }
.summary { margin: 1mm 0 3mm; }
dl { display: grid; grid-template-columns: 36mm 1fr; gap: 0.8mm 4mm; margin: 0; }
dt { font-weight: 700; }
dd { margin: 0; }
.url { word-break: break-all; }
.offer-qr { float: right; width: 34mm; margin: 0 0 2mm 5mm; font-size: 11pt; line-height: 1.25; text-align: center; }
.offer-qr svg { display: block; width: 30mm; height: 30mm; margin: 0 auto 1mm; }
.offer::after { content: ""; display: block; clear: both; }
.also { font-style: italic; }
.map { width: 100%; height: auto; max-height: 228mm; }
.map .frame { fill: #f4f4f4; stroke: #000; stroke-width: 3; }
.map .district { font-size: 30px; font-weight: 700; fill: #000; paint-order: stroke; stroke: #fff; stroke-width: 8px; stroke-linejoin: round; }
.map .marker rect { fill: #000; stroke: #fff; stroke-width: 3; }
.map .marker line { stroke: #000; stroke-width: 3; }
.map .marker .dot { fill: #000; }
.map .marker text { fill: #fff; font-size: 26px; font-weight: 700; }
.map .north path { fill: #000; }
.map .north text, .map .scale text, .map .here { font-size: 26px; }
.map .scale rect { fill: #000; }
.legend-title { margin-top: 5mm; }
.legend { columns: 2; column-gap: 8mm; font-size: 13.5pt; margin-top: 4mm; padding: 0; list-style: none; }
.legend li { break-inside: avoid; }
.index h3 { margin-top: 5mm; }
.index ul { list-style: none; padding: 0; margin: 0; }
.index li { padding: 1mm 0; }
`;

export function brochureHtml(data: BrochureData, opts: BrochureOptions): string {
  const entries = numberOffers(data);
  const anySample = data.offers.some((o) => o.sample);
  const byInterest = new Map<string | null, NumberedOffer[]>();
  for (const e of entries) byInterest.set(e.interest, [...(byInterest.get(e.interest) ?? []), e]);
  const sections = [...byInterest].map(([interestId, list]) => {
    const interest = data.taxonomy.interests.find((i) => i.id === interestId);
    const title = interest ? interest.label.de : 'Weitere Angebote';
    // Offers that also fit this interest but are listed under another one
    const also = interestId ? entries.filter((e) => e.interest !== interestId && e.offer.interests.includes(interestId)) : [];
    return `<section class="interest">
  <h2>${esc(title)}</h2>
  ${list.map((e) => offerEntry(e, data.taxonomy)).join('\n')}
  ${also.length ? `<p class="also">Passt auch zu diesem Thema: ${also.map((e) => `${e.nr} ${esc(e.offer.title)}`).join('; ')}</p>` : ''}
</section>`;
  });
  const toc = [...byInterest].map(([interestId, list]) => {
    const interest = data.taxonomy.interests.find((i) => i.id === interestId);
    return `<li><span>${esc(interest ? interest.label.de : 'Weitere Angebote')}</span><span>${list.length === 1 ? '1 Angebot' : `${list.length} Angebote`}</span></li>`;
  });
  const districtGroups = new Map<string, NumberedOffer[]>();
  for (const e of entries) {
    const id = e.offer.district ?? '';
    districtGroups.set(id, [...(districtGroups.get(id) ?? []), e]);
  }
  const districtOrder = data.taxonomy.districts.map((d) => d.id);
  const index = [...districtGroups]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : districtOrder.indexOf(a) - districtOrder.indexOf(b)))
    .map(([id, list]) => {
      const name = id ? label(data.taxonomy.districts.find((d) => d.id === id)?.label, id) : 'Ohne festen Ort';
      return `<h3>${esc(name)}</h3><ul>${list.map((e) => `<li>${e.nr} – ${esc(e.offer.title)}</li>`).join('')}</ul>`;
    });

  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Angebotslandkarte Siegburg</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<style>${fontFaces(opts.fonts)}${CSS}</style></head>
<body>
<section class="page cover">
  <h1>Angebotslandkarte Siegburg</h1>
  <p class="lead">Angebote für Begegnung und Gemeinschaft in Siegburg – damit niemand allein bleiben muss.</p>
  <p class="edition">Stand: ${esc(dateDe(opts.now))} · ${entries.length === 1 ? '1 Angebot' : `${entries.length} Angebote`}</p>
  ${anySample ? '<p class="notice"><strong>Beispieldaten:</strong> Diese Ausgabe enthält Beispiel-Angebote. Angaben, die als „Beispieldaten“ markiert sind, sind nicht echt.</p>' : ''}
  <h2>So finden Sie ein Angebot</h2>
  <ol class="howto">
    <li>Auf der Karte (Seite 2) hat jedes Angebot eine Nummer. Die Liste danach sagt, welches Angebot das ist.</li>
    <li>Die Angebote stehen nach Themen geordnet, mit Nummer, Zeit, Ort und Kontakt.</li>
    <li>Am Ende finden Sie alle Angebote nach Stadtteilen.</li>
  </ol>
  <h2>Themen</h2>
  <ul class="toc">${toc.join('')}</ul>
</section>
<section class="page">
  <h2>Übersichtskarte</h2>
  ${mapSvg(entries, data.taxonomy)}
  <h3 class="legend-title">Die Nummern auf der Karte</h3>
  <ul class="legend">${entries.filter((e) => e.offer.location).map((e) => `<li>${e.nr} ${esc(e.offer.title)}</li>`).join('')}</ul>
</section>
${sections.join('\n')}
<section class="interest index">
  <h2>Verzeichnis nach Stadtteilen</h2>
  ${index.join('\n')}
</section>
</body></html>`;
}
