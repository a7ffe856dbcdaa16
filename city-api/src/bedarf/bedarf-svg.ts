/**
 * Server-drawn SVG charts of the Bedarf page (issue 18). Hand-written on purpose: four chart kinds (bars, columns,
 * a schematic district map, an hour heat map) are about 150 lines, where Observable Plot needs a server DOM
 * (linkedom/jsdom) per render and ~1 MB of dependencies; this keeps the page render within the 1 s budget and the
 * CSP (no inline style, no script). Each chart is role="img" with a title; the same numbers stand in a table beside it.
 */
import { esc } from '../staff-html';
import type { DistrictRow, Row } from './bedarf-data';

const INK = '#1a1a1a';
const BAR = '#0b4f6c';
const FONT = 'font-family="system-ui, sans-serif" font-size="13"';

const open = (id: string, title: string, w: number, h: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-t" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" ${FONT}><title id="${id}-t">${esc(title)}</title><rect width="${w}" height="${h}" fill="#fff"/>`;

const truncate = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/**
 * Horizontal bars, largest first, each with its label above it and its number after it: narrow enough (400 wide)
 * that on a phone the chart shrinks only a little and its text stays readable.
 */
export function barChart(id: string, title: string, rows: readonly Row[], limit = 15): string {
  const data = rows.slice(0, limit);
  const w = 400;
  const rowH = 36;
  const h = Math.max(1, data.length) * rowH + 8;
  const max = Math.max(1, ...data.map((r) => r.value));
  const span = w - 16 - 56;
  let s = open(id, title, w, h);
  if (data.length === 0) s += `<text x="8" y="20" fill="${INK}">Keine Daten im Zeitraum</text>`;
  data.forEach((r, i) => {
    const y = 4 + i * rowH;
    const bw = Math.max(1, (r.value / max) * span);
    s += `<text x="8" y="${y + 14}" fill="${INK}">${esc(truncate(r.label, 44))}</text>`;
    s += `<rect x="8" y="${y + 19}" width="${bw.toFixed(1)}" height="12" fill="${BAR}"/>`;
    s += `<text x="${(8 + bw + 6).toFixed(1)}" y="${y + 30}" fill="${INK}">${r.value}</text>`;
  });
  return `${s}</svg>`;
}

/** Columns over time (months). */
export function columnChart(id: string, title: string, rows: readonly Row[]): string {
  const w = 480;
  const h = 220;
  const bottom = 40;
  const top = 20;
  const n = Math.max(1, rows.length);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const cw = (w - 40) / n;
  let s = open(id, title, w, h);
  s += `<line x1="30" y1="${h - bottom}" x2="${w - 10}" y2="${h - bottom}" stroke="${INK}"/>`;
  s += `<text x="4" y="${top + 4}" fill="${INK}">${max}</text><text x="4" y="${h - bottom}" fill="${INK}">0</text>`;
  rows.forEach((r, i) => {
    const bh = (r.value / max) * (h - top - bottom);
    const x = 32 + i * cw;
    s += `<rect x="${(x + 2).toFixed(1)}" y="${(h - bottom - bh).toFixed(1)}" width="${Math.max(1, cw - 4).toFixed(1)}" height="${bh.toFixed(1)}" fill="${BAR}"/>`;
    if (n <= 7 || i % Math.ceil(n / 7) === 0) {
      s += `<text x="${(x + cw / 2).toFixed(1)}" y="${h - bottom + 16}" text-anchor="middle" fill="${INK}">${esc(r.label.slice(5))}/${esc(r.label.slice(2, 4))}</text>`;
    }
  });
  return `${s}</svg>`;
}

/**
 * Schematic map of Siegburg's districts (tiles placed roughly where the districts lie; no map data needed), shaded
 * by offers per 1,000 residents, with a dot per district sized by its wishes. Unknown districts go to a last row.
 */
export const TILE_POS: Record<string, [number, number]> = {
  brueckberg: [1, 0],
  wolsdorf: [2, 0],
  deichhaus: [3, 0],
  zange: [0, 1],
  innenstadt: [1, 1],
  stallberg: [2, 1],
  kaldauen: [3, 1],
  seligenthal: [2, 2],
  braschoss: [3, 2],
};
const SHADES = ['#f1f7fb', '#c9e0ee', '#8fbfdc', '#4a8fbd', '#1d5f8f', '#0b3a5c'];

export function shadeFor(per1000: number, max: number): { fill: string; text: string } {
  const i = max <= 0 ? 0 : Math.min(SHADES.length - 1, Math.floor((per1000 / max) * (SHADES.length - 1) + 0.0001));
  return { fill: SHADES[i]!, text: i >= 3 ? '#fff' : INK };
}

export function districtMap(id: string, title: string, rows: readonly DistrictRow[]): string {
  const tw = 156;
  const th = 92;
  const extra = rows.filter((r) => !TILE_POS[r.id]);
  const cols = 4;
  const rowsN = 3 + Math.ceil(extra.length / cols);
  const w = cols * tw + 20;
  const h = rowsN * th + 60;
  const max = Math.max(0, ...rows.map((r) => r.per1000));
  const maxW = Math.max(1, ...rows.map((r) => r.wishes));
  let s = open(id, title, w, h);
  rows.forEach((r) => {
    const pos = TILE_POS[r.id] ?? [extra.indexOf(r) % cols, 3 + Math.floor(extra.indexOf(r) / cols)];
    const x = 10 + pos[0] * tw;
    const y = 10 + pos[1] * th;
    const c = shadeFor(r.per1000, max);
    s += `<rect x="${x}" y="${y}" width="${tw - 6}" height="${th - 6}" rx="6" fill="${c.fill}" stroke="${INK}"/>`;
    s += `<text x="${x + 8}" y="${y + 20}" fill="${c.text}" font-weight="600" font-size="12.5">${esc(truncate(r.label, 21))}</text>`;
    s += `<text x="${x + 8}" y="${y + 40}" fill="${c.text}">${r.per1000.toLocaleString('de-DE')} je 1.000</text>`;
    s += `<text x="${x + 8}" y="${y + 58}" fill="${c.text}">${r.offers} Angebote</text>`;
    if (r.wishes > 0) {
      const rad = 4 + 12 * Math.sqrt(r.wishes / maxW);
      // The dot in the lower right corner, its number left of it (never on the dot or under the figures).
      s += `<circle cx="${x + tw - 28}" cy="${y + th - 28}" r="${rad.toFixed(1)}" fill="#d1495b" stroke="#fff" stroke-width="2"/>`;
      s += `<text x="${(x + tw - 34 - rad).toFixed(1)}" y="${y + th - 14}" text-anchor="end" fill="${c.text}">${r.wishes} W.</text>`;
    }
  });
  const ly = h - 36;
  s += `<text x="10" y="${ly - 6}" fill="${INK}">Angebote je 1.000 Einwohner (0 bis ${max.toLocaleString('de-DE')}); rote Punkte: Wünsche (W.)</text>`;
  SHADES.forEach((f, i) => (s += `<rect x="${10 + i * 40}" y="${ly}" width="40" height="16" fill="${f}" stroke="${INK}"/>`));
  return `${s}</svg>`;
}

/** Heat map: sessions per kiosk (rows) and hour of day (columns). */
export function hourHeatmap(id: string, title: string, rows: readonly { kiosk: string; hours: number[] }[], limit = 30): string {
  const data = rows.slice(0, limit);
  const left = 170;
  const cw = 19;
  const rh = 20;
  const w = left + 24 * cw + 10;
  const h = 30 + Math.max(1, data.length) * rh + 10;
  const max = Math.max(1, ...data.flatMap((r) => r.hours));
  let s = open(id, title, w, h);
  for (let hr = 0; hr < 24; hr += 3) s += `<text x="${left + hr * cw + cw / 2}" y="18" text-anchor="middle" fill="${INK}">${hr}</text>`;
  if (data.length === 0) s += `<text x="8" y="44" fill="${INK}">Keine Daten im Zeitraum</text>`;
  data.forEach((r, i) => {
    const y = 26 + i * rh;
    s += `<text x="${left - 8}" y="${y + 14}" text-anchor="end" fill="${INK}">${esc(truncate(r.kiosk, 22))}</text>`;
    r.hours.forEach((n, hr) => {
      const c = n === 0 ? '#f4f4f4' : shadeFor(n, max).fill;
      s += `<rect x="${left + hr * cw}" y="${y}" width="${cw - 1}" height="${rh - 1}" fill="${c}"/>`;
    });
  });
  return `${s}</svg>`;
}
