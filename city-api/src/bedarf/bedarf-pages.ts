/** Staff page `/staff/bedarf` (issue 18): wishes, empty searches, offers per district and kiosk use as a picture. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { html, raw, type Raw } from '../staff-html';
import { csrfField, requireStaff, secureStaff, sendStaffPage, staffForm, type StaffStorageContext } from '../staff/staff-kit';
import { bedarfData, type BedarfData, type BedarfRange } from './bedarf-data';
import { bedarfReportPdf } from './bedarf-pdf';
import { barChart, columnChart, districtMap, hourHeatmap } from './bedarf-svg';

const day = z.iso.date();

/** The filter's time range: ?from=&to= (YYYY-MM-DD), by default the last 365 days up to today. */
export function rangeOf(query: unknown, now: Date): BedarfRange {
  const q = (query ?? {}) as Record<string, unknown>;
  const today = now.toISOString().slice(0, 10);
  const yearAgo = new Date(now.getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
  const from = day.safeParse(q.from).success ? String(q.from) : yearAgo;
  const to = day.safeParse(q.to).success ? String(q.to) : today;
  return from <= to ? { from, to } : { from: to, to: from };
}

export interface BedarfTable {
  id: string;
  title: string;
  head: string[];
  rows: (string | number)[][];
}

/** Every table of the page, in page order; the CSV and the PDF use the same list. */
export function bedarfTables(d: BedarfData): BedarfTable[] {
  const two = (id: string, title: string, col: string, rows: { label: string; value: number }[]): BedarfTable => ({ id, title, head: [col, 'Anzahl'], rows: rows.map((r) => [r.label, r.value]) });
  return [
    two('themen', 'Wünsche nach Thema', 'Thema', d.byTopic),
    two('monate', 'Wünsche je Monat', 'Monat', d.byMonth),
    two('interessen', 'Wünsche nach Interesse', 'Interesse', d.byInterest),
    two('altersgruppen', 'Wünsche nach Altersgruppe', 'Altersgruppe', d.byAgeGroup),
    two('stadtteile-wuensche', 'Wünsche nach Stadtteil', 'Stadtteil', d.byDistrict),
    two('suchwoerter', 'Suchwörter ohne Treffer', 'Suchwort', d.searchWords),
    {
      id: 'stadtteile',
      title: 'Angebote je Stadtteil und 1.000 Einwohner',
      head: ['Stadtteil', 'Angebote', 'Einwohner', 'Angebote je 1.000', 'Wünsche'],
      rows: d.districts.map((r) => [r.label, r.offers, r.residents, r.per1000.toLocaleString('de-DE'), r.wishes]),
    },
    {
      id: 'kiosknutzung',
      title: 'Kiosk-Nutzung nach Standort und Uhrzeit (Sitzungen)',
      head: ['Kiosk', ...Array.from({ length: 24 }, (_, h) => `${h} Uhr`), 'Summe'],
      rows: d.kioskHours.map((k) => [k.kiosk, ...k.hours, k.total]),
    },
  ];
}

function tableHtml(t: BedarfTable, range: BedarfRange): Raw {
  const q = `from=${range.from}&to=${range.to}`;
  // A table of more than two columns (districts, kiosk use) scrolls in its own box on a narrow screen, which keyboard users can focus to scroll.
  const wide = t.head.length > 2;
  return html`<div class="table-wrap${wide ? ' wide' : ''}"${wide ? html` role="region" tabindex="0" aria-label="${t.title}, seitlich scrollbar"` : ''}><table id="tab-${t.id}"><caption>${t.title} <a href="/staff/bedarf.csv?table=${t.id}&${raw(q)}">CSV</a></caption>
    <thead><tr>${t.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${t.rows.length === 0 ? html`<tr><td colspan="${t.head.length}">Keine Daten im Zeitraum</td></tr>` : t.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`))}</tr>`)}</tbody></table></div>`;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote always; a leading = + - @ would be a formula in a spreadsheet.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};
export const toCsv = (t: BedarfTable): string => [t.head, ...t.rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';

export function renderBedarfBody(req: FastifyRequest, d: BedarfData): Raw {
  const tables = new Map(bedarfTables(d).map((t) => [t.id, t]));
  // Chart and its table side by side where there is room, one below the other on a phone. The map and the hour
  // heat map keep their size and scroll sideways in their own focusable box on a narrow screen (their text stays legible).
  const section = (heading: string, chart: string, ids: string[], wide = false) =>
    html`<section><h2>${heading}</h2><div class="pair"><div class="chart${wide ? ' wide' : ''}"${wide ? html` role="region" tabindex="0" aria-label="${heading} (Grafik), seitlich scrollbar"` : ''}>${raw(chart)}</div><div class="tables">${ids.map((id) => tableHtml(tables.get(id)!, d.range))}</div></div></section>`;
  return html`<form method="get" action="/staff/bedarf" class="filter"><fieldset><legend>Zeitraum</legend>
      <label for="from">von</label><input type="date" id="from" name="from" value="${d.range.from}">
      <label for="to">bis</label><input type="date" id="to" name="to" value="${d.range.to}">
      <button>Anzeigen</button></fieldset></form>
    <p><a href="/staff/bedarf.pdf?from=${d.range.from}&amp;to=${d.range.to}">Bericht Angebotslandkarte als PDF (A4) für diesen Zeitraum</a></p>
    <p>${d.wishesTotal} Wünsche vom ${d.range.from} bis ${d.range.to}. Suchwörter erscheinen nur, wenn sie an einem Tag an einem Kiosk mindestens dreimal ohne Treffer gesucht wurden.</p>
    ${section('Wünsche nach Thema', barChart('c-themen', 'Wünsche nach Thema', d.byTopic), ['themen'])}
    ${section('Wünsche über die Zeit', columnChart('c-monate', 'Wünsche je Monat', d.byMonth), ['monate'])}
    ${section('Wünsche nach Interesse', barChart('c-interessen', 'Wünsche nach Interesse', d.byInterest), ['interessen'])}
    ${section('Wünsche nach Altersgruppe', barChart('c-alter', 'Wünsche nach Altersgruppe', d.byAgeGroup), ['altersgruppen'])}
    ${section('Suchwörter ohne Treffer', barChart('c-suche', 'Suchwörter ohne Treffer, häufigste zuerst', d.searchWords), ['suchwoerter'])}
    ${section('Angebote im Stadtteil', districtMap('c-karte', 'Stadtteile nach Angeboten je 1.000 Einwohner, Punkte: Wünsche', d.districts), ['stadtteile', 'stadtteile-wuensche'], true)}
    ${section('Kiosk-Nutzung nach Uhrzeit', hourHeatmap('c-kiosk', 'Sitzungen je Kiosk und Stunde', d.kioskHours), ['kiosknutzung'], true)}
    <section><h2>Einwohner je Stadtteil</h2>
      <p>Beispielzahlen für Siegburg, bis die Stadt eigene Zahlen einträgt.</p>
      <form method="post" action="/staff/bedarf/population">${csrfField(req)}
        ${d.districts.map((r) => html`<label for="pop-${r.id}">${r.label}</label><input type="number" min="1" max="10000000" id="pop-${r.id}" name="${r.id}" value="${r.residents}">`)}
        <button>Einwohnerzahlen speichern</button></form></section>`;
}

/** On the storage interface (SQLite or PostgreSQL, issue 19): a STAFF_STORAGE_PAGE. */
export function registerBedarfPages(scope: FastifyInstance, ctx: StaffStorageContext): void {
  const { storage } = ctx;
  scope.get('/bedarf', async (req, reply) => {
    requireStaff(req);
    return sendStaffPage(req, reply, 'Bedarf', renderBedarfBody(req, await bedarfData(storage, rangeOf(req.query, ctx.now()))));
  });

  scope.get('/bedarf.csv', async (req: FastifyRequest, reply: FastifyReply) => {
    requireStaff(req);
    const range = rangeOf(req.query, ctx.now());
    const id = String((req.query as Record<string, unknown>).table ?? '');
    const t = bedarfTables(await bedarfData(storage, range)).find((x) => x.id === id);
    if (!t) return sendStaffPage(req, reply, 'Nicht gefunden', html`<p>Unbekannte Tabelle.</p>`, 404);
    return secureStaff(reply)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="bedarf-${t.id}-${range.from}-${range.to}.csv"`)
      .send(`\uFEFF${toCsv(t)}`);
  });

  scope.get('/bedarf.pdf', async (req: FastifyRequest, reply: FastifyReply) => {
    requireStaff(req);
    const range = rangeOf(req.query, ctx.now());
    const [data, review] = await Promise.all([bedarfData(storage, range), storage.offersDueForReview(ctx.now())]);
    const pdf = bedarfReportPdf({ data, tables: bedarfTables(data), review, now: ctx.now() });
    return secureStaff(reply)
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="bericht-angebotslandkarte-${range.from}-${range.to}.pdf"`)
      .send(pdf);
  });

  scope.post('/bedarf/population', async (req, reply) => {
    requireStaff(req);
    const form = staffForm(req);
    const ids = (await bedarfData(storage, rangeOf({}, ctx.now()))).districts.map((d) => d.id);
    const n = z.coerce.number().int().min(1).max(10_000_000);
    const values = ids.map((id) => [id, n.safeParse(form.get(id))] as const);
    if (values.some(([, v]) => !v.success)) return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Bitte für jeden Stadtteil eine ganze Zahl ab 1 eintragen.</p>`, 422);
    await storage.setDistrictPopulations(values.map(([id, v]) => [id, v.data!] as const), ctx.now());
    return reply.redirect('/staff/bedarf', 303);
  });
}
