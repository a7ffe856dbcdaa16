/**
 * `npm run bench -- web-search` (issue 19): the public text search `/angebote?q=…` in-process on 20,000 synthetic
 * offers (the generator of `--seed synthetic:<n>`), the current `searchCatalog` against the previous one
 * (web-catalog-reference.ts) on the same catalog: the first catalog build, then p50/p95 per query. Both must return
 * the same list (checked here too). CITY_SEARCH_RUNS (default 50) runs per query for the current search,
 * CITY_SEARCH_REF_RUNS (default 8) for the old one (about a second each).
 */
import { generateSyntheticOffers } from '../shared/sample-data';
import { EMPTY_QUERY, loadCatalog, searchCatalog, type CatalogSource, type WebQuery } from '../city-api/src/public-web/web-catalog';
import { searchCatalogReference } from '../city-api/src/public-web/web-catalog-reference';
import type { Bench } from './benches';

const OFFERS = 20_000;
const RUNS = Number(process.env.CITY_SEARCH_RUNS ?? 50);
const REF_RUNS = Number(process.env.CITY_SEARCH_REF_RUNS ?? 8);
const QUERIES: { label: string; q: Partial<WebQuery> }[] = [
  { label: '(no text)', q: {} },
  { label: 'kulturcafe', q: { text: 'kulturcafe' } },
  { label: 'kulturcafee (typo)', q: { text: 'kulturcafee' } },
  { label: 'schach', q: { text: 'schach' } },
  { label: 'singen', q: { text: 'singen' } },
  { label: 'fußball', q: { text: 'fußball' } },
  { label: 'sport + kostenlos', q: { text: 'sport', freeOnly: true } },
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

export const webSearchBench: Bench = {
  name: 'web-search',
  async run() {
    const offers = generateSyntheticOffers(OFFERS, 1);
    const source: CatalogSource = {
      publishedOffers: async () => new Map(offers.map((o) => [o.id, o as unknown])),
      getTaxonomy: async () => null,
      catalogVersion: async () => 'bench',
      eventsForWindow: async () => [],
    };
    const now = new Date();
    const t0 = performance.now();
    const catalog = await loadCatalog(source);
    console.log(`web-search: catalog of ${catalog.entries.length} offers built in ${(performance.now() - t0).toFixed(0)} ms`);
    for (const { label, q: part } of QUERIES) {
      const q = { ...EMPTY_QUERY, ...part };
      const time = (fn: () => unknown, runs: number) =>
        Array.from({ length: runs }, () => {
          const a = performance.now();
          fn();
          return performance.now() - a;
        });
      const fresh = time(() => searchCatalog(catalog, q, now), RUNS);
      const old = time(() => searchCatalogReference(catalog, q, now), REF_RUNS);
      const a = searchCatalog(catalog, q, now).map((e) => e.offer.id);
      const b = searchCatalogReference(catalog, q, now).map((e) => e.offer.id);
      const same = a.length === b.length && a.every((id, i) => id === b[i]);
      console.log(
        `web-search: ${label.padEnd(20)} ${String(a.length).padStart(5)} hits | now p50 ${pct(fresh, 0.5).toFixed(1)} ms p95 ${pct(fresh, 0.95).toFixed(1)} ms (${RUNS} runs)` +
          ` | before p50 ${pct(old, 0.5).toFixed(0)} ms p95 ${pct(old, 0.95).toFixed(0)} ms (${REF_RUNS} runs) | ${same ? 'same list' : 'LISTS DIFFER'}`,
      );
      if (!same) process.exitCode = 1;
    }
  },
};
