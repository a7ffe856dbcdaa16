/**
 * "Bericht Angebotslandkarte" (issue 18): the Bedarf page as an A4 PDF for a committee. The same figures as the
 * page and its CSV (bedarfData → bedarfTables), drawn as charts with their numbers, plus the offers that were not
 * confirmed for more than 12 months (the review list of /staff/review).
 */
import type { ReviewItem } from '../submissions/submission-store';
import type { BedarfData, Row } from './bedarf-data';
import type { BedarfTable } from './bedarf-pages';
import { shadeFor, TILE_POS } from './bedarf-svg';
import { A4, fit, hex, PdfPage, pdfDocument, textWidth, wrap, type Rgb } from './pdf-doc';

const M = 50;
const W = A4.w - 2 * M;
const TOP = 56;
const BOTTOM = A4.h - 56;
const INK: Rgb = hex('#1a1a1a');
const MUTED: Rgb = hex('#4d4d4d');
const BAR: Rgb = hex('#0b4f6c');
const GRID: Rgb = hex('#b3b3b3');
const DOT: Rgb = hex('#d1495b');

export const REPORT_TITLE = 'Bericht Angebotslandkarte';

/** 2026-12-01 → 01.12.2026 */
export const deDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const MONTHS = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];

class Layout {
  readonly pages: PdfPage[] = [];
  page!: PdfPage;
  y = TOP;
  constructor() {
    this.newPage();
  }
  newPage(): void {
    this.page = new PdfPage();
    this.pages.push(this.page);
    this.y = TOP;
  }
  /** Starts a new page unless `h` points still fit on this one. */
  need(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }
  /** A heading kept on one page with the first `keep` points of what follows it. */
  heading(s: string, size = 15, keep = 60): void {
    this.need(size * 1.6 + keep);
    this.y += size;
    this.page.text(M, this.y, s, { size, bold: true });
    this.y += size * 0.6;
  }
  para(s: string, size = 10, color = INK): void {
    for (const l of wrap(s, size, W)) {
      this.need(size * 1.4);
      this.y += size * 1.25;
      this.page.text(M, this.y, l, { size, color });
    }
    this.y += size * 0.5;
  }
  gap(h: number): void {
    this.y += h;
  }
}

/** Horizontal bars with the label before and the number after each bar (the number is the figure, the bar the picture). */
function bars(L: Layout, rows: readonly Row[], empty = 'Keine Daten im Zeitraum'): void {
  if (rows.length === 0) return L.para(empty, 10, MUTED);
  const size = 9.5;
  const rowH = 15;
  const labelW = 170;
  const valueW = textWidth(String(Math.max(...rows.map((r) => r.value))), size) + 8;
  const span = W - labelW - 8 - valueW;
  const max = Math.max(1, ...rows.map((r) => r.value));
  for (const r of rows) {
    L.need(rowH);
    const base = L.y + 11;
    L.page.text(M, base, fit(r.label, size, labelW - 6), { size });
    const bw = Math.max(1, (r.value / max) * span);
    L.page.rect(M + labelW, L.y + 2.5, bw, rowH - 5, BAR);
    L.page.text(M + labelW + bw + 5, base, String(r.value), { size });
    L.y += rowH;
  }
  L.gap(8);
}

/** Columns per month with the number above each column. */
function columns(L: Layout, rows: readonly Row[]): void {
  if (rows.length === 0) return L.para('Keine Daten im Zeitraum', 10, MUTED);
  const h = 130;
  L.need(h + 34);
  const top = L.y + 12;
  const axis = top + h;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const cw = W / rows.length;
  const size = rows.length > 16 ? 6.5 : 8;
  L.page.line(M, axis, M + W, axis, INK);
  rows.forEach((r, i) => {
    const x = M + i * cw;
    const bh = (r.value / max) * (h - 12);
    L.page.rect(x + cw * 0.15, axis - bh, cw * 0.7, bh, BAR);
    L.page.text(x + cw / 2, axis - bh - 3, String(r.value), { size, align: 'center' });
    const [yy, mm] = r.label.split('-');
    L.page.text(x + cw / 2, axis + 11, MONTHS[Number(mm) - 1] ?? r.label, { size, align: 'center' });
    L.page.text(x + cw / 2, axis + 20, yy ?? '', { size: size - 0.5, align: 'center', color: MUTED });
  });
  L.y = axis + 30;
}

/** A table with a repeated header row on each new page; numbers right-aligned. */
function table(L: Layout, head: readonly string[], rows: readonly (readonly (string | number)[])[], widths: readonly number[], size = 9): void {
  const rowH = size + 6;
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), M);
  const numeric = head.map((_, c) => c > 0 && rows.every((r) => typeof r[c] === 'number' || /^[\d.,]+$/.test(String(r[c]))));
  const cell = (row: readonly (string | number)[], bold: boolean) => {
    row.forEach((v, c) => {
      const w = widths[c]!;
      const s = fit(String(v), size, w - 4, bold);
      if (numeric[c]) L.page.text(xs[c]! + w - 2, L.y + size + 1, s, { size, bold, align: 'right' });
      else L.page.text(xs[c]! + (c === 0 ? 0 : 2), L.y + size + 1, s, { size, bold });
    });
  };
  const header = () => {
    cell(head, true);
    L.y += rowH;
    L.page.line(M, L.y - 2, M + widths.reduce((a, b) => a + b, 0), L.y - 2, INK);
  };
  L.need(rowH * 3);
  header();
  if (rows.length === 0) {
    L.page.text(M, L.y + size + 1, 'Keine Daten im Zeitraum', { size, color: MUTED });
    L.y += rowH;
  }
  for (const r of rows) {
    if (L.y + rowH > BOTTOM) {
      L.newPage();
      header();
    }
    cell(r, false);
    L.y += rowH;
    L.page.line(M, L.y - 2, M + widths.reduce((a, b) => a + b, 0), L.y - 2, GRID, 0.3);
  }
  L.gap(10);
}

/** The schematic district map of the page (same tile positions and shades), numbers written on each tile. */
function districtMap(L: Layout, d: BedarfData): void {
  const cols = 4;
  const extra = d.districts.filter((r) => !TILE_POS[r.id]);
  const rowsN = 3 + Math.ceil(extra.length / cols);
  const tw = W / cols;
  const th = 62;
  L.need(rowsN * th + 30);
  const top = L.y + 4;
  const max = Math.max(0, ...d.districts.map((r) => r.per1000));
  const maxW = Math.max(1, ...d.districts.map((r) => r.wishes));
  for (const r of d.districts) {
    const pos = TILE_POS[r.id] ?? [extra.indexOf(r) % cols, 3 + Math.floor(extra.indexOf(r) / cols)];
    const x = M + pos[0] * tw;
    const y = top + pos[1] * th;
    const c = shadeFor(r.per1000, max);
    const fg = hex(c.text);
    L.page.rect(x, y, tw - 4, th - 4, hex(c.fill), INK);
    L.page.text(x + 6, y + 14, fit(r.label, 9.5, tw - 16, true), { size: 9.5, bold: true, color: fg });
    L.page.text(x + 6, y + 30, `${r.per1000.toLocaleString('de-DE')} je 1.000`, { size: 8.5, color: fg });
    L.page.text(x + 6, y + 44, `${r.offers} Angebote`, { size: 8.5, color: fg });
    if (r.wishes > 0) {
      // Below the name, right of the figures: never over a text.
      L.page.circle(x + tw - 26, y + 32, 2.5 + 8 * Math.sqrt(r.wishes / maxW), DOT);
      L.page.text(x + tw - 10, y + th - 8, `${r.wishes} W.`, { size: 8, color: fg, align: 'right' });
    }
  }
  L.y = top + rowsN * th + 4;
  L.para(`Fläche: Angebote je 1.000 Einwohner (hell 0 bis dunkel ${max.toLocaleString('de-DE')}); rote Punkte: Wünsche aus dem Stadtteil (W.).`, 8.5, MUTED);
}

export interface ReportInput {
  data: BedarfData;
  tables: BedarfTable[];
  review: ReviewItem[];
  /** When the report was made (shown in Europe/Berlin time). */
  now: Date;
}

export function bedarfReportPdf({ data: d, tables, review, now }: ReportInput): Buffer {
  const t = new Map(tables.map((x) => [x.id, x]));
  const rowsOf = (id: string): Row[] => (t.get(id)?.rows ?? []).map((r) => ({ label: String(r[0]), value: Number(r[1]) }));
  const L = new Layout();
  const period = `${deDate(d.range.from)} bis ${deDate(d.range.to)}`;
  const made = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(now);
  const sessions = d.kioskHours.reduce((a, k) => a + k.total, 0);
  const misses = d.searchWords.reduce((a, r) => a + r.value, 0);
  const withPop = d.districts.filter((r) => r.residents > 0);
  const thin = [...withPop].sort((a, b) => a.per1000 - b.per1000 || a.label.localeCompare(b.label, 'de')).slice(0, 3);

  L.y += 10;
  L.page.text(M, L.y + 24, REPORT_TITLE, { size: 24, bold: true });
  L.y += 40;
  L.para(`Stadt Siegburg · Zeitraum ${period} · erstellt am ${made}`, 11, MUTED);
  L.gap(4);
  L.heading('Auf einen Blick', 13);
  L.para(
    `${d.wishesTotal} Wünsche (Ich suche …) in ${d.byTopic.length === 20 ? 'mindestens 20' : d.byTopic.length} Themen. ` +
      `${sessions} Sitzungen an ${d.kioskHours.length} Kiosks. ${misses} Suchen ohne Treffer zu ${d.searchWords.length} Suchwörtern. ` +
      `${review.length === 1 ? '1 Angebot ist' : `${review.length} Angebote sind`} seit mehr als 12 Monaten nicht bestätigt worden.`,
  );
  if (thin.length) L.para(`Am wenigsten Angebote je 1.000 Einwohner: ${thin.map((r) => `${r.label} (${r.per1000.toLocaleString('de-DE')})`).join(', ')}.`);
  L.para(
    'Suchwörter erscheinen nur, wenn sie an einem Tag an einem Kiosk mindestens dreimal ohne Treffer gesucht wurden; es werden keine Personen, Uhrzeiten oder Sitzungen gespeichert. Ähnliche Wünsche sind zu Themen zusammengefasst (gleiche Wortformen wie bei der Suche).',
    9,
    MUTED,
  );

  L.heading('Was fehlt: Wünsche nach Thema');
  bars(L, rowsOf('themen'));
  L.heading('Suchwörter ohne Treffer');
  bars(L, rowsOf('suchwoerter'), 'Kein Suchwort wurde oft genug ohne Treffer gesucht.');
  L.heading('Wünsche über die Zeit', 15, 175);
  columns(L, rowsOf('monate'));
  L.heading('Wünsche nach Interesse');
  bars(L, rowsOf('interessen'));
  L.heading('Wünsche nach Altersgruppe');
  bars(L, rowsOf('altersgruppen'));

  L.heading('Angebote im Stadtteil', 15, 230);
  districtMap(L, d);
  const dt = t.get('stadtteile')!;
  table(L, dt.head, dt.rows, [155, 70, 80, 110, 80]);
  L.heading('Wünsche nach Stadtteil', 12);
  bars(L, rowsOf('stadtteile-wuensche'));

  L.heading('Kiosk-Nutzung nach Standort und Uhrzeit');
  L.para('Sitzungen je Kiosk und Stunde (Ortszeit); Stunden ohne jede Sitzung sind weggelassen.', 9, MUTED);
  const kt = t.get('kiosknutzung')!;
  const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => kt.rows.some((r) => Number(r[h + 1]) > 0));
  const hourW = Math.min(30, (W - 95 - 40) / Math.max(1, hours.length));
  table(
    L,
    [kt.head[0]!, ...hours.map((h) => `${h}`), 'Summe'],
    kt.rows.map((r) => [r[0]!, ...hours.map((h) => r[h + 1]!), r[25]!]),
    [95, ...hours.map(() => hourW), 40],
    hours.length > 14 ? 7 : 8.5,
  );

  L.heading('Zu prüfen: Angebote seit mehr als 12 Monaten nicht bestätigt');
  L.para(
    review.length
      ? 'Bitte beim Träger nachfragen, ob es das Angebot noch gibt, und es unter /staff/review bestätigen oder pausieren.'
      : 'Alle Angebote sind in den letzten 12 Monaten bestätigt worden.',
    9,
    MUTED,
  );
  if (review.length) table(L, ['Angebot', 'Zuletzt bestätigt'], review.map((r) => [r.title, deDate(r.lastConfirmed.slice(0, 10))]), [W - 110, 110]);

  const total = L.pages.length;
  L.pages.forEach((p, i) => {
    p.line(M, A4.h - 40, M + W, A4.h - 40, GRID, 0.3);
    p.text(M, A4.h - 28, `${REPORT_TITLE} · ${period}`, { size: 8, color: MUTED });
    p.text(M + W, A4.h - 28, `Seite ${i + 1} von ${total}`, { size: 8, color: MUTED, align: 'right' });
  });
  return pdfDocument(L.pages, `${REPORT_TITLE} ${period}`);
}
