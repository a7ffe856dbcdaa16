import { describe, expect, it } from 'vitest';
import { OfferClusters, projectToPixels, type MapPoint } from './offer-clusters';

const SIZE = { width: 132, height: 104 };
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

/** Deterministic pseudo-random points around Siegburg. */
function points(n: number, seed = 1): MapPoint[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({ id: `o${i}`, lat: 50.77 + rnd() * 0.06, lon: 7.17 + rnd() * 0.08 }));
}

describe('offer clusters for the map', () => {
  it('keeps far-apart offers as single markers', () => {
    const c = new OfferClusters(SIZE);
    c.setPoints([
      { id: 'a', lat: 50.79, lon: 7.2 },
      { id: 'b', lat: 50.75, lon: 7.3 },
    ]);
    const m = c.markers(14, WORLD);
    expect(m.map((x) => x.kind)).toEqual(['offer', 'offer']);
    expect(m.map((x) => (x.kind === 'offer' ? x.id : '')).sort()).toEqual(['a', 'b']);
  });

  it('groups offers at one place into one numbered marker whose leaves are those offers', () => {
    const c = new OfferClusters(SIZE);
    c.setPoints([
      { id: 'a', lat: 50.79, lon: 7.2 },
      { id: 'b', lat: 50.79, lon: 7.2 },
      { id: 'c', lat: 50.7901, lon: 7.2001 },
    ]);
    const m = c.markers(18, WORLD);
    expect(m).toHaveLength(1);
    expect(m[0]!.kind).toBe('cluster');
    expect(m[0]!.count).toBe(3);
    expect(c.leaves(m[0]!, 18).map((p) => p.id).sort()).toEqual(['a', 'b', 'c']);
  });

  for (const zoom of [11, 13, 14, 16, 18]) {
    it(`at zoom ${zoom}: no two markers overlap (with a 16 px gap) and every offer is counted exactly once`, () => {
      const c = new OfferClusters(SIZE);
      const pts = points(3000, zoom);
      c.setPoints(pts);
      const markers = c.markers(zoom, WORLD);
      const px = markers.map((m) => projectToPixels(m.lat, m.lon, zoom));
      const overlaps: string[] = [];
      for (let i = 0; i < px.length; i++) {
        for (let j = i + 1; j < px.length; j++) {
          if (Math.abs(px[i]!.x - px[j]!.x) < SIZE.width + 16 && Math.abs(px[i]!.y - px[j]!.y) < SIZE.height + 16) overlaps.push(`${markers[i]!.key}/${markers[j]!.key}`);
        }
      }
      expect(overlaps).toEqual([]);
      expect(markers.reduce((n, m) => n + m.count, 0)).toBe(pts.length);
      const ids = markers.flatMap((m) => c.leaves(m, zoom).map((p) => p.id));
      expect(ids).toHaveLength(pts.length);
      expect(new Set(ids).size).toBe(pts.length);
    });
  }

  it('shows the new set after a filter change', () => {
    const c = new OfferClusters(SIZE);
    const pts = points(500);
    c.setPoints(pts);
    expect(c.markers(14, WORLD).reduce((n, m) => n + m.count, 0)).toBe(500);
    c.setPoints(pts.filter((_, i) => i % 5 === 0));
    expect(c.markers(14, WORLD).reduce((n, m) => n + m.count, 0)).toBe(100);
    c.setPoints([]);
    expect(c.markers(14, WORLD)).toEqual([]);
  });

  it('returns only markers inside the view', () => {
    const c = new OfferClusters(SIZE);
    c.setPoints([
      { id: 'in', lat: 50.79, lon: 7.2 },
      { id: 'out', lat: 52.5, lon: 13.4 },
    ]);
    const m = c.markers(12, [7.1, 50.7, 7.3, 50.9]);
    expect(m.map((x) => x.key)).toEqual(['oin']);
  });
});
