/**
 * The numbers of the Bedarf page (issue 18), computed once per request and shared by the page, the CSV and the PDF,
 * so all three always show the same figures.
 */
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import { groupWishes } from '../../../shared/logic/wish-topics';
import type { KioskStorage } from '../storage/kiosk-storage';

export interface BedarfRange {
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

export interface Row {
  label: string;
  value: number;
}

export interface DistrictRow {
  id: string;
  label: string;
  offers: number;
  residents: number;
  /** Offers per 1,000 residents, one decimal. */
  per1000: number;
  wishes: number;
}

export interface BedarfData {
  range: BedarfRange;
  wishesTotal: number;
  byTopic: Row[];
  byInterest: Row[];
  byAgeGroup: Row[];
  byDistrict: Row[];
  byMonth: Row[];
  searchWords: Row[];
  districts: DistrictRow[];
  /** Sessions per kiosk and local hour ("00".."23"). */
  kioskHours: { kiosk: string; hours: number[]; total: number }[];
}

const de = (l: { de?: string } | undefined, id: string) => l?.de ?? id;
const sortRows = (m: Map<string, number>, limit = Infinity): Row[] =>
  [...m.entries()]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'de'))
    .slice(0, limit);
const inc = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

export function months(range: BedarfRange): string[] {
  const out: string[] = [];
  let [y, m] = range.from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = range.to.slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    out.push(k);
    if (k >= end) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** What the figures are computed from: the storage (SQLite or PostgreSQL, issue 19). */
export type BedarfSource = Pick<KioskStorage, 'getTaxonomy' | 'publishedOffers' | 'bedarfWishes' | 'bedarfStatSums' | 'districtPopulation'>;

export async function bedarfData(store: BedarfSource, range: BedarfRange): Promise<BedarfData> {
  const [taxRow, wishRows, sums, population, published] = await Promise.all([
    store.getTaxonomy(),
    store.bedarfWishes(range),
    store.bedarfStatSums(range),
    store.districtPopulation(),
    store.publishedOffers(),
  ]);
  const tax = (taxRow ? JSON.parse(taxRow.json) : { interests: [], age_groups: [], districts: [] }) as Taxonomy;
  const interestLabel = new Map(tax.interests.map((i) => [i.id, de(i.label, i.id)]));
  const ageLabel = new Map(tax.age_groups.map((i) => [i.id, de(i.label, i.id)]));
  const districtLabel = new Map(tax.districts.map((i) => [i.id, de(i.label, i.id)]));

  const wishes = wishRows.map((r) => ({ ...(JSON.parse(r.bodyJson) as { text: string; interests?: string[]; age_group?: string; district?: string }), at: r.receivedAt }));

  const { topics } = groupWishes(wishes.map((w) => w.text));
  const byInterest = new Map<string, number>();
  const byAge = new Map<string, number>();
  const byDistrict = new Map<string, number>();
  const wishesPerDistrictId = new Map<string, number>();
  const byMonth = new Map<string, number>(months(range).map((m) => [m, 0]));
  for (const w of wishes) {
    for (const i of new Set(w.interests ?? [])) inc(byInterest, interestLabel.get(i) ?? i);
    inc(byAge, w.age_group ? (ageLabel.get(w.age_group) ?? w.age_group) : 'ohne Angabe');
    inc(byDistrict, w.district ? (districtLabel.get(w.district) ?? w.district) : 'ohne Angabe');
    if (w.district) inc(wishesPerDistrictId, w.district);
    inc(byMonth, w.at.slice(0, 7));
  }

  // summed in the database (storage/bedarf-storage.ts) instead of parsing 30 kiosks × 365 days of JSON here
  const words = new Map<string, number>();
  for (const r of sums.searchMisses) inc(words, r.key, r.n);
  const kiosks = new Map<string, number[]>(sums.kiosks.map((id) => [id, new Array<number>(24).fill(0)]));
  for (const r of sums.sessionsByHour) {
    const h = Number(r.key);
    const row = kiosks.get(r.kioskId);
    if (row && Number.isInteger(h) && h >= 0 && h < 24) row[h]! += r.n;
  }

  const offersPerDistrict = new Map<string, number>();
  for (const o of published.values()) {
    const d = (o as { district?: unknown; status?: unknown }).district;
    if (typeof d === 'string' && (o as { status?: unknown }).status !== 'ended') inc(offersPerDistrict, d);
  }
  const districtIds = tax.districts.length ? tax.districts.map((d) => d.id) : Object.keys(population);
  const districts = districtIds.map((id) => {
    const offers = offersPerDistrict.get(id) ?? 0;
    const residents = population[id] ?? 0;
    return {
      id,
      label: districtLabel.get(id) ?? id,
      offers,
      residents,
      per1000: residents > 0 ? Math.round((offers / residents) * 10_000) / 10 : 0,
      wishes: wishesPerDistrictId.get(id) ?? 0,
    };
  });

  return {
    range,
    wishesTotal: wishes.length,
    byTopic: topics.slice(0, 20).map((t) => ({ label: t.label, value: t.members.length })),
    byInterest: sortRows(byInterest),
    byAgeGroup: sortRows(byAge),
    byDistrict: sortRows(byDistrict),
    byMonth: [...byMonth.entries()].sort().map(([label, value]) => ({ label, value })),
    searchWords: sortRows(words, 30),
    districts,
    kioskHours: [...kiosks.entries()]
      .map(([kiosk, hours]) => ({ kiosk, hours, total: hours.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || a.kiosk.localeCompare(b.kiosk)),
  };
}
