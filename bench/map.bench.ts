/**
 * Map re-filter benchmark: what happens when someone switches a filter while the map is shown, with 10,000 offers,
 * in Node without a DOM:
 *   filter the offers (in-memory facts, shared/logic/offer-filter.ts) → the matching points →
 *   re-cluster them for the map (renderer/features/map/offer-clusters.ts) → the markers of the current view.
 *
 * Optimised (what the map does): precomputed offer facts, compiled criteria; supercluster built only for the zoom
 * level the map shows, point features reused, overlap-free merge of the visible markers.
 * Naive baseline (same run): facts computed per offer on every change (matchesFilters), fresh GeoJSON features and a
 * full supercluster hierarchy (zoom 0–18) on every change, then the same view query.
 */
import { availableParallelism, loadavg } from 'node:os';
import Supercluster, { type PointFeature } from 'supercluster';
import { searchQuerySchema, type SearchQueryInput } from '../shared/contract/offers';
import { localDate } from '../shared/logic/next-dates';
import { compileCriteria, factsMatch, matchesFilters, offerFacts, type FilterContext } from '../shared/logic/offer-filter';
import { generateSyntheticOffers } from '../shared/sample-data';
import { SIEGBURG_CENTRE } from '../shared/schemas/kiosk-config';
import { OfferClusters, projectToPixels, type MapPoint } from '../renderer/features/map/offer-clusters';
import type { Bench } from './benches';

const N_OFFERS = 10_000;
const WARMUP = 20;
const RUNS = 200;
const GOAL_P95_MS = 16;
const ZOOM = 14;
/** The map area at 1920×1080 (landscape, beside the panel). */
const VIEW_PX = { width: 1300, height: 760 };
/** Marker box at normal text size (MapScreen MARKER_SIZES.normal). */
const MARKER = { width: 176, height: 108 };

/** A person switching filters on and off, one change after the other (each step is one re-filter). */
const STEPS: SearchQueryInput[] = [
  {},
  { interests: ['bewegung'] },
  { interests: ['bewegung', 'kultur'] },
  { interests: ['bewegung', 'kultur'], ageGroups: ['senioren'] },
  { interests: ['bewegung', 'kultur'], ageGroups: ['senioren'], freeOnly: true },
  { ageGroups: ['senioren'], freeOnly: true },
  { ageGroups: ['senioren'], freeOnly: true, when: 'week' },
  { when: 'week', maxDistanceKm: 2 },
  { weekdays: ['TU', 'TH'], timesOfDay: ['evening'] },
  { wheelchairOnly: true },
  { districts: ['innenstadt', 'wolsdorf'] },
  {},
];

function unproject(x: number, y: number, z: number): { lat: number; lon: number } {
  const scale = 256 * 2 ** z;
  const lon = (x / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lon };
}

/** The map's view bounding box [w, s, e, n], padded by 25 % like OfferMap does. */
function viewBbox(): [number, number, number, number] {
  const c = projectToPixels(SIEGBURG_CENTRE.lat, SIEGBURG_CENTRE.lon, ZOOM);
  const w = (VIEW_PX.width * 1.5) / 2;
  const h = (VIEW_PX.height * 1.5) / 2;
  const nw = unproject(c.x - w, c.y - h, ZOOM);
  const se = unproject(c.x + w, c.y + h, ZOOM);
  return [nw.lon, se.lat, se.lon, nw.lat];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Timing {
  p50: number;
  p95: number;
  /** CPU time of this process per run (less disturbed than wall time when other processes share the cores). */
  cpuP50: number;
  cpuP95: number;
}

function measure(step: (i: number) => unknown): Timing {
  for (let i = 0; i < WARMUP; i++) step(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    step(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpuP50: percentile(cpu, 50), cpuP95: percentile(cpu, 95) };
}

export const mapBench: Bench = {
  name: 'map',
  async run() {
    const offers = generateSyntheticOffers(N_OFFERS, 42);
    const now = new Date('2026-11-25T10:00:00Z');
    const ctx: FilterContext = { position: { ...SIEGBURG_CENTRE }, today: localDate(now, 'Europe/Berlin') };
    const criteria = STEPS.map((q) => searchQuerySchema.parse(q));
    const compiled = criteria.map((c) => compileCriteria(c));
    const bbox = viewBbox();

    // Optimised path, as the map runs it. Facts are computed once (as the search keeps them in memory).
    const facts = offers.map((o) => offerFacts(o, ctx));
    const clusters = new OfferClusters(MARKER);
    let lastMarkers = 0;
    let lastPoints = 0;
    const optimised = (i: number) => {
      const c = compiled[i % compiled.length]!;
      const points: MapPoint[] = [];
      for (const f of facts) if (f.lat !== null && f.lon !== null && factsMatch(f, c)) points.push({ id: f.id, lat: f.lat, lon: f.lon });
      clusters.setPoints(points);
      const markers = clusters.markers(ZOOM, bbox);
      lastMarkers = markers.length;
      lastPoints = points.length;
      return markers;
    };

    // Naive baseline: everything rebuilt from scratch on every change.
    const naive = (i: number) => {
      const c = criteria[i % criteria.length]!;
      const features: PointFeature<{ id: string }>[] = [];
      for (const o of offers) {
        if (o.location && matchesFilters(o, c, ctx)) {
          features.push({ type: 'Feature', properties: { id: o.id }, geometry: { type: 'Point', coordinates: [o.location.lon, o.location.lat] } });
        }
      }
      const index = new Supercluster<{ id: string }>({ minZoom: 0, maxZoom: 18, radius: Math.ceil(Math.hypot(MARKER.width, MARKER.height) * 0.75), extent: 256 });
      index.load(features);
      return index.getClusters(bbox, ZOOM);
    };

    // Cluster step alone (points already filtered), to show where the time goes.
    const pointSets = compiled.map((c) => facts.filter((f) => f.lat !== null && factsMatch(f, c)).map((f) => ({ id: f.id, lat: f.lat!, lon: f.lon! })));
    const clusterOnly = (i: number) => {
      clusters.setPoints(pointSets[i % pointSets.length]!);
      return clusters.markers(ZOOM, bbox);
    };
    const clusterFull = (i: number) => {
      const pts = pointSets[i % pointSets.length]!;
      const index = new Supercluster<{ id: string }>({ minZoom: 0, maxZoom: 18, radius: Math.ceil(Math.hypot(MARKER.width, MARKER.height) * 0.75), extent: 256 });
      index.load(pts.map((p) => ({ type: 'Feature' as const, properties: { id: p.id }, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] } })));
      return index.getClusters(bbox, ZOOM);
    };

    const o = measure(optimised);
    const n = measure(naive);
    const co = measure(clusterOnly);
    const cf = measure(clusterFull);
    console.log(`${N_OFFERS} synthetic offers, ${STEPS.length} filter changes cycled, ${RUNS} runs each, zoom ${ZOOM}, view ${VIEW_PX.width}×${VIEW_PX.height} px`);
    console.log(`load average (1 min) ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores — wall times grow with it, CPU times much less`);
    console.log(`${'step'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'cpu p50'.padStart(8)} ${'cpu p95'.padStart(8)}`);
    const f = (v: number) => v.toFixed(2).padStart(8);
    const row = (name: string, r: Timing) => console.log(`${name.padEnd(44)} ${f(r.p50)} ${f(r.p95)} ${f(r.cpuP50)} ${f(r.cpuP95)}`);
    row('re-filter map (filter + cluster + markers)', o);
    row('naive: filter on the fly + full hierarchy', n);
    row('cluster only: one zoom level', co);
    row('cluster only: full hierarchy (0–18)', cf);
    console.log(
      `speed-up against the naive baseline: ${(n.p50 / o.p50).toFixed(1)}x (p50), ${(n.p95 / o.p95).toFixed(1)}x (p95); ` +
        `clustering alone ${(cf.cpuP50 / co.cpuP50).toFixed(1)}x (cpu p50)`,
    );
    console.log(`last step: ${lastPoints} points → ${lastMarkers} markers in view`);
    console.log(
      `p95 ${o.p95.toFixed(2)} ms wall, ${o.cpuP95.toFixed(2)} ms cpu (goal < ${GOAL_P95_MS} ms: ${o.p95 < GOAL_P95_MS ? 'met' : o.cpuP95 < GOAL_P95_MS ? 'met in CPU time, NOT in wall time on this loaded machine' : 'NOT met'})`,
    );
  },
};
