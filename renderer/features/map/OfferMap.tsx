import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { OfferClusters, type MapMarker, type MapPoint, type MarkerSize } from './offer-clusters';
import { useMapStore, type MapView } from './map-store';

export const MIN_ZOOM = 11;
export const START_ZOOM = 14;
/** Without tiles the map can still zoom this far (markers on a plain background). */
export const NO_TILES_MAX_ZOOM = 18;

export interface MapTexts {
  markerOne: string;
  markerMany: string;
  youAreHere: string;
  offerAria(id: string): string;
  clusterAria(count: number): string;
}

export interface OfferMapProps {
  points: readonly MapPoint[];
  position: { lat: number; lon: number };
  tiles: { urlTemplate: string; maxZoom: number } | null;
  markerSize: MarkerSize;
  texts: MapTexts;
  dir: 'ltr' | 'rtl';
  label: string;
  onOffer(id: string): void;
  onGroup(ids: string[]): void;
  onZoom(zoom: number, min: number, max: number): void;
}

/** Commands for the big buttons beside the map. */
export interface OfferMapHandle {
  zoomIn(): void;
  zoomOut(): void;
  center(): void;
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** Tile errors without a single loaded tile before the tile layer is given up (plain background instead). */
const TILE_ERRORS_BEFORE_GIVING_UP = 4;

/**
 * The Leaflet map: optional tile layer, clustered offer markers (real focusable buttons, ≥ 72 px,
 * a number and a word on each), and the kiosk's own position ("Sie sind hier"). Tap-only use:
 * the buttons beside the map do zooming; dragging and pinching work but are never needed.
 */
export const OfferMap = forwardRef<OfferMapHandle, OfferMapProps>(function OfferMap(props, ref) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markersRef = useRef<L.LayerGroup | null>(null);
  const clustersRef = useRef<OfferClusters | null>(null);
  const hereRef = useRef<HTMLElement | null>(null);
  /** Markers on the map by their signature, so that a redraw keeps unchanged ones (and keyboard focus on them). */
  const drawnRef = useRef(new Map<string, L.Marker>());
  const propsRef = useRef(props);
  propsRef.current = props;
  const maxZoom = props.tiles ? Math.max(MIN_ZOOM + 1, props.tiles.maxZoom) : NO_TILES_MAX_ZOOM;

  // Create the map once per tile setting.
  useEffect(() => {
    const container = el.current;
    if (!container) return;
    const { position, tiles } = propsRef.current;
    const saved = useMapStore.getState().view;
    const animate = !reducedMotion();
    const map = L.map(container, {
      center: saved ? [saved.lat, saved.lon] : [position.lat, position.lon],
      zoom: saved ? saved.zoom : START_ZOOM,
      minZoom: MIN_ZOOM,
      maxZoom,
      zoomSnap: 1,
      zoomControl: false,
      attributionControl: false, // shown as plain text beside the map (no links in a kiosk)
      doubleClickZoom: false, // double taps are ignored everywhere on the kiosk
      boxZoom: false,
      keyboard: false, // the markers are the keyboard targets; the map itself is not a tab stop
      scrollWheelZoom: false,
      zoomAnimation: animate,
      fadeAnimation: animate,
      markerZoomAnimation: animate,
      maxBounds: L.latLngBounds([position.lat - 0.35, position.lon - 0.55], [position.lat + 0.35, position.lon + 0.55]),
      maxBoundsViscosity: 1,
    });
    mapRef.current = map;

    if (tiles && !useMapStore.getState().tilesFailed) {
      let loaded = 0;
      let failed = 0;
      const layer = L.tileLayer(tiles.urlTemplate, { minZoom: MIN_ZOOM, maxZoom: tiles.maxZoom, crossOrigin: false });
      layer.on('tileload', () => loaded++);
      layer.on('tileerror', (e: L.TileErrorEvent) => {
        // Never a broken grey tile: a missing tile simply shows the calm background.
        e.tile.style.visibility = 'hidden';
        failed++;
        if (loaded === 0 && failed >= TILE_ERRORS_BEFORE_GIVING_UP) {
          map.removeLayer(layer);
          useMapStore.getState().setTilesFailed(true);
        }
      });
      layer.addTo(map);
    }

    // "Sie sind hier": not a button, just a clear sign with words.
    const here = document.createElement('div');
    here.className = 'map-here-inner';
    here.setAttribute('dir', propsRef.current.dir);
    const dot = document.createElement('span');
    dot.className = 'map-here-dot';
    dot.setAttribute('aria-hidden', 'true');
    const hereText = document.createElement('span');
    hereText.className = 'map-here-text';
    hereText.textContent = propsRef.current.texts.youAreHere;
    here.append(dot, hereText);
    // Drawn above the offer markers so it is never hidden; it lets taps through to the markers below.
    L.marker([position.lat, position.lon], {
      icon: L.divIcon({ html: here, className: 'map-here', iconSize: undefined }),
      interactive: false,
      keyboard: false,
      zIndexOffset: 100_000,
    }).addTo(map);
    hereRef.current = here;

    markersRef.current = L.layerGroup().addTo(map);
    const report = () => {
      const c = map.getCenter();
      const view: MapView = { lat: c.lat, lon: c.lng, zoom: map.getZoom() };
      useMapStore.getState().setView(view);
      propsRef.current.onZoom(view.zoom, map.getMinZoom(), map.getMaxZoom());
      drawMarkers();
    };
    map.on('moveend', report);
    report();

    const resize = new ResizeObserver(() => map.invalidateSize({ animate: false }));
    resize.observe(container);
    return () => {
      resize.disconnect();
      map.off();
      map.remove();
      mapRef.current = null;
      markersRef.current = null;
      hereRef.current = null;
      drawnRef.current.clear();
    };
    // the map is built once per tile setting; other props are read through propsRef
  }, [props.tiles?.urlTemplate, maxZoom]);

  /** Draws the markers for the current view (called on every move and whenever points or texts change). */
  function drawMarkers() {
    const map = mapRef.current;
    const layer = markersRef.current;
    if (!map || !layer) return;
    const p = propsRef.current;
    let clusters = clustersRef.current;
    if (!clusters || sizeKey(clusters.size) !== sizeKey(p.markerSize)) {
      clusters = new OfferClusters(p.markerSize);
      clusters.setPoints(p.points);
      clustersRef.current = clusters;
    }
    const b = map.getBounds().pad(0.25);
    const zoom = map.getZoom();
    const markers = clusters.markers(zoom, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    // Reading order for keyboard and screen readers: top to bottom, then along the line.
    markers.sort((a, b2) => b2.lat - a.lat || (p.dir === 'rtl' ? b2.lon - a.lon : a.lon - b2.lon));
    const drawn = drawnRef.current;
    const next = new Map<string, L.Marker>();
    for (const m of markers) {
      const sig = `${zoom}|${m.key}|${m.count}|${m.lat}|${m.lon}`;
      const existing = drawn.get(sig);
      if (existing) {
        drawn.delete(sig);
        next.set(sig, existing);
      } else {
        const marker = leafletMarker(m, zoom, clusters);
        next.set(sig, marker);
        layer.addLayer(marker);
      }
    }
    for (const old of drawn.values()) layer.removeLayer(old);
    drawnRef.current = next;
  }

  function leafletMarker(m: MapMarker, zoom: number, clusters: OfferClusters): L.Marker {
    const p = propsRef.current;
    const { width, height } = p.markerSize;
    const inner = document.createElement('span');
    inner.className = 'map-marker-inner';
    inner.setAttribute('dir', p.dir);
    inner.setAttribute('aria-hidden', 'true');
    const num = document.createElement('span');
    num.className = 'map-marker-count';
    num.textContent = String(m.count);
    const word = document.createElement('span');
    word.className = 'map-marker-word';
    word.textContent = m.count === 1 ? p.texts.markerOne : p.texts.markerMany;
    // The space keeps the visible text ("8 Angebote") the start of the marker's accessible name (axe label-content-name-mismatch).
    inner.append(num, ' ', word);
    const marker = L.marker([m.lat, m.lon], {
      icon: L.divIcon({
        html: inner,
        className: `map-marker ${m.kind === 'offer' ? 'map-marker-offer' : 'map-marker-cluster'}`,
        iconSize: [width, height],
        iconAnchor: [width / 2, height / 2],
      }),
      keyboard: true, // role="button", tabindex="0"
      riseOnHover: false,
      autoPanOnFocus: true,
    });
    const activate = () => {
      if (m.kind === 'offer') {
        p.onOffer(m.id);
        return;
      }
      const map = mapRef.current;
      if (!map) return;
      const leaves = clusters.leaves(m, zoom);
      const bounds = L.latLngBounds(leaves.map((l) => [l.lat, l.lon] as [number, number]));
      const spreadM = bounds.getNorthWest().distanceTo(bounds.getSouthEast());
      // All at (almost) one place, or the map cannot zoom further: list them in the card instead.
      if (spreadM < 25 || zoom >= map.getMaxZoom()) {
        p.onGroup(leaves.map((l) => l.id));
        return;
      }
      const fit = map.getBoundsZoom(bounds, false, L.point(width * 1.5, height * 1.5));
      const target = Math.min(map.getMaxZoom(), Math.max(zoom + 1, fit));
      map.setView(bounds.getCenter(), target);
    };
    marker.on('click', activate);
    marker.on('add', () => {
      const icon = marker.getElement();
      if (!icon) return;
      icon.setAttribute('aria-label', m.kind === 'offer' ? p.texts.offerAria(m.id) : p.texts.clusterAria(m.count));
      icon.dataset.testid = m.kind === 'offer' ? `map-marker-${m.id}` : 'map-cluster';
      icon.dataset.count = String(m.count);
      icon.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate();
        }
      });
    });
    return marker;
  }

  // New points (filter change), new texts (language) or new marker size (text size): redraw everything.
  useEffect(() => {
    const clusters = clustersRef.current;
    if (clusters && sizeKey(clusters.size) === sizeKey(props.markerSize)) clusters.setPoints(props.points);
    markersRef.current?.clearLayers();
    drawnRef.current.clear();
    const label = hereRef.current?.querySelector('.map-here-text');
    if (label) label.textContent = props.texts.youAreHere;
    hereRef.current?.setAttribute('dir', props.dir);
    drawMarkers();
    // drawMarkers reads the latest props through propsRef
  }, [props.points, props.texts, props.markerSize.width, props.markerSize.height, props.dir]);

  useImperativeHandle(ref, () => ({
    zoomIn: () => mapRef.current?.zoomIn(1),
    zoomOut: () => mapRef.current?.zoomOut(1),
    center: () => {
      const { position } = propsRef.current;
      mapRef.current?.setView([position.lat, position.lon], START_ZOOM);
    },
  }));

  return <div ref={el} className="map-leaflet" dir="ltr" role="region" aria-label={props.label} data-testid="map" />;
});

const sizeKey = (s: MarkerSize) => `${s.width}x${s.height}`;
