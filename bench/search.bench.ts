import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchQuerySchema, type SearchQueryInput } from '../shared/contract/offers';
import { localDate } from '../shared/logic/next-dates';
import { matchesFilters, matchesText, offerHaystack, type FilterContext } from '../shared/logic/offer-filter';
import { distanceKm } from '../shared/logic/distance';
import { generateSyntheticOffers, SIEGBURG_TAXONOMY } from '../shared/sample-data';
import { SIEGBURG_CENTRE } from '../shared/schemas/kiosk-config';
import type { Offer } from '../shared/schemas/offer';
import { openDatabase } from '../electron/services/db/open-database';
import { replaceTaxonomy, upsertOffers } from '../electron/services/offers/offer-repository';
import { searchOffers, type SearchContext } from '../electron/services/offers/offer-search';
import type { Bench } from './benches';

const N_OFFERS = 10_000;
const WARMUP = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const GOAL_P95_MS = 10;

const QUERIES: { name: string; q: SearchQueryInput }[] = [
  { name: 'text: garten', q: { text: 'garten' } },
  { name: 'text: kulturcafe', q: { text: 'kulturcafe' } },
  { name: 'text: two words', q: { text: 'senioren treff' } },
  { name: 'text + interest + age', q: { text: 'treff', interests: ['treffen', 'essen'], ageGroups: ['senioren'] } },
  { name: 'text + district + free', q: { text: 'garten', districts: ['kaldauen', 'zange'], freeOnly: true } },
  { name: 'filters: interest', q: { interests: ['bewegung'] } },
  { name: 'filters: age + wheelchair', q: { ageGroups: ['kinder'], wheelchairOnly: true } },
  { name: 'filters: weekday + evening', q: { weekdays: ['TU', 'TH'], timesOfDay: ['evening'] } },
  { name: 'filters: this week + 2 km', q: { when: 'week', maxDistanceKm: 2 } },
  { name: 'filters: all facets', q: { interests: ['kultur'], ageGroups: ['senioren'], districts: ['innenstadt', 'wolsdorf'], freeOnly: true, weekdays: ['WE'] } },
  { name: 'no filter, no text', q: {} },
  { name: 'short text: ab', q: { text: 'ab' } },
  { name: 'first keystroke: g', q: { text: 'g' } },
  { name: 'no match', q: { text: 'xylophonorchester' } },
];

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Wall time and CPU time (user+system of this process) per call; CPU time stays meaningful on an oversubscribed machine. */
function measure(fn: () => unknown): { p50: number; p95: number; cpu50: number; cpu95: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpu50: percentile(cpu, 50), cpu95: percentile(cpu, 95) };
}

/** The naive baseline: every offer in memory, normalised substring search + the same filters, sorted, paged. */
function naiveSearch(offers: { offer: Offer; haystack: string }[], q: ReturnType<typeof searchQuerySchema.parse>, ctx: FilterContext) {
  const hits = offers.filter((o) => matchesText(o.haystack, q.text) && matchesFilters(o.offer, q, ctx));
  hits.sort((a, b) => {
    const da = a.offer.location ? distanceKm(ctx.position, a.offer.location) : Infinity;
    const db = b.offer.location ? distanceKm(ctx.position, b.offer.location) : Infinity;
    return da - db || (a.offer.title < b.offer.title ? -1 : 1);
  });
  return { total: hits.length, items: hits.slice(q.offset, q.offset + q.limit) };
}

export const searchBench: Bench = {
  name: 'search',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
    try {
      const db = openDatabase({ file: join(dir, 'bench.sqlite') });
      const offers = generateSyntheticOffers(N_OFFERS, 42);
      const t0 = performance.now();
      db.transaction(() => {
        replaceTaxonomy(db, SIEGBURG_TAXONOMY);
        upsertOffers(db, offers);
      })();
      console.log(`imported ${N_OFFERS} synthetic offers into a temp SQLite file in ${(performance.now() - t0).toFixed(0)} ms`);

      const ctx: SearchContext = { position: { ...SIEGBURG_CENTRE }, now: new Date('2026-11-25T10:00:00Z'), tz: 'Europe/Berlin' };
      const filterCtx: FilterContext = { position: ctx.position, today: localDate(ctx.now, ctx.tz) };
      const memory = offers.map((offer) => ({ offer, haystack: offerHaystack(offer) }));
      searchOffers(db, searchQuerySchema.parse({}), ctx); // builds the facet index once, as the first real search would

      console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
      console.log(
        `${'query'.padEnd(28)} ${'hits'.padStart(6)}  ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'cpu p50'.padStart(7)} ${'cpu p95'.padStart(7)}  ${'naive p50'.padStart(9)} ${'naive p95'.padStart(9)} ${'naive cpu50'.padStart(11)}  speed-up(p50)`,
      );
      let worstP95 = 0;
      let worstCpu95 = 0;
      let slowerThanNaive = 0;
      for (const { name, q } of QUERIES) {
        const parsed = searchQuerySchema.parse(q);
        const hits = searchOffers(db, parsed, ctx).total;
        const s = measure(() => searchOffers(db, parsed, ctx));
        const n = measure(() => naiveSearch(memory, parsed, filterCtx));
        worstP95 = Math.max(worstP95, s.p95);
        worstCpu95 = Math.max(worstCpu95, s.cpu95);
        if (s.p50 >= n.p50) slowerThanNaive++;
        console.log(
          `${name.padEnd(28)} ${String(hits).padStart(6)}  ${s.p50.toFixed(2).padStart(7)} ${s.p95.toFixed(2).padStart(7)} ${s.cpu50.toFixed(2).padStart(7)} ${s.cpu95.toFixed(2).padStart(7)}  ${n.p50.toFixed(2).padStart(9)} ${n.p95.toFixed(2).padStart(9)} ${n.cpu50.toFixed(2).padStart(11)}  ${(n.p50 / s.p50).toFixed(1)}x`,
        );
      }
      console.log(
        `worst p95 ${worstP95.toFixed(2)} ms wall over ${N_OFFERS} offers: goal < ${GOAL_P95_MS} ms ${worstP95 < GOAL_P95_MS ? 'met' : 'NOT met'} ` +
          `(CPU p95 up to ${worstCpu95.toFixed(2)} ms — process CPU, which also counts the garbage collector's helper threads); ` +
          `search includes facet counts, map points and the first page of cards, the naive scan only the filtered list. ` +
          `${slowerThanNaive === 0 ? 'Faster than the naive scan for every query.' : `${slowerThanNaive} queries not faster than the naive scan.`}`,
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
