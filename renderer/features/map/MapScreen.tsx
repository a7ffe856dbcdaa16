import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api/kiosk-api';
import type { OfferCard, SearchResult } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import { useBootInfo } from '../../app/boot-store';
import { useNav } from '../../app/nav-store';
import type { ScreenProps } from '../../app/screens';
import { useLanguage, useSettings, type TextSize } from '../../app/settings-store';
import { RTL_LANGUAGES } from '../../i18n';
import { Button } from '../../ui/Button';
import { SampleLabel } from '../../ui/SampleLabel';
import { selectFilters, toSearchQuery, useOfferFilters } from '../offers/offer-filter-store';
import { scheduleSummary } from '../offers/schedule-words';
import { distanceWords } from './map-distance';
import { useMapStore } from './map-store';
import { OfferMap, type MapTexts, type OfferMapHandle } from './OfferMap';
import type { MarkerSize } from './offer-clusters';
import './map.css';

/** Fallback when boot info is not there yet: Siegburg town centre. */
const SIEGBURG = { lat: 50.7969, lon: 7.2079 };
/** Markers grow with the chosen text size, so their words stay as large as the rest of the text. */
const MARKER_SIZES: Record<TextSize, MarkerSize> = {
  normal: { width: 176, height: 108 },
  large: { width: 220, height: 136 },
  xlarge: { width: 264, height: 164 },
};
/** The map shows every match (points are not paged); cards come with the first 500. */
const CARD_LIMIT = 500;

type Load = { status: 'loading'; result: SearchResult | null } | { status: 'ready'; result: SearchResult } | { status: 'error'; result: SearchResult | null };

/** Card data for one offer: from the search result, or (for matches beyond the first 500) from getOffer. */
interface MapCard {
  id: string;
  title: string;
  when: string;
  place: string | null;
  street: string | null;
  distanceKm: number | null;
  sample: boolean;
}

const cardFromSearch = (c: OfferCard, lang: Language): MapCard => ({
  id: c.id,
  title: c.title,
  when: scheduleSummary(c.schedules, lang),
  place: c.placeName,
  street: c.street,
  distanceKm: c.distanceKm,
  sample: c.sample,
});

/**
 * The offer map: the same filters as the list (shared filter store), markers clustered into big numbered
 * signs, a card beside the map for the tapped offer, and big buttons: closer, farther, back to the centre, list.
 */
export function MapScreen(_props: ScreenProps) {
  const { t } = useTranslation('map');
  const lang = useLanguage();
  const textSize = useSettings((s) => s.textSize);
  const info = useBootInfo();
  const go = useNav((s) => s.go);
  const filters = useOfferFilters(useShallow(selectFilters));
  const filterCount = useOfferFilters((s) => s.history.length);
  const clearFilters = useOfferFilters((s) => s.clearFilters);
  const selection = useMapStore((s) => s.selection);
  const select = useMapStore((s) => s.select);
  const tilesFailed = useMapStore((s) => s.tilesFailed);
  const mapRef = useRef<OfferMapHandle>(null);
  const [zoom, setZoom] = useState({ zoom: 14, min: 11, max: 18 });
  const [load, setLoad] = useState<Load>({ status: 'loading', result: null });
  const [attempt, setAttempt] = useState(0);
  const seq = useRef(0);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelScrolls = useOverflows(panelRef);
  const queryKey = useMemo(() => JSON.stringify(toSearchQuery(filters, lang, CARD_LIMIT, 0)), [filters, lang]);

  useEffect(() => {
    const id = ++seq.current;
    setLoad((s) => ({ status: 'loading', result: s.result }));
    api
      .searchOffers(JSON.parse(queryKey))
      .then((result) => id === seq.current && setLoad({ status: 'ready', result }))
      .catch(() => id === seq.current && setLoad((s) => ({ status: 'error', result: s.result })));
  }, [queryKey, attempt]);

  const result = load.result;
  const points = useMemo(() => result?.points ?? [], [result]);
  const cards = useMemo(() => new Map((result?.items ?? []).map((c) => [c.id, cardFromSearch(c, lang)])), [result, lang]);
  const dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
  const texts = useMemo<MapTexts>(
    () => ({
      markerOne: t('markerOne'),
      markerMany: t('markerMany'),
      youAreHere: t('youAreHere'),
      offerAria: (id) => {
        const title = cards.get(id)?.title;
        return title ? t('markerOfferAria', { title }) : t('markerOfferAriaUnknown');
      },
      clusterAria: (count) => t('markerClusterAria', { count }),
    }),
    [t, cards],
  );

  // A selected offer that no longer matches the filters is closed.
  useEffect(() => {
    if (!result || !selection) return;
    const ids = new Set(result.points.map((p) => p.id));
    if (selection.kind === 'offer' && !ids.has(selection.id)) select(null);
    if (selection.kind === 'group' && !selection.ids.some((i) => ids.has(i))) select(null);
  }, [result, selection, select]);

  const tiles = info?.tiles && !tilesFailed ? info.tiles : null;
  const withoutPlace = result ? Math.max(0, result.total - result.points.length) : 0;
  const openDetail = (id: string) => go({ name: 'detail', params: { id } });

  return (
    <div className="screen map-screen">
      <div className="map-head">
        <h1>{t('title')}</h1>
        {result ? (
          <p className="map-count" aria-live="polite" data-testid="map-count">
            {t('count', { count: result.points.length })}
          </p>
        ) : null}
      </div>
      <div className="map-body">
        <div className="map-area">
          <OfferMap
            ref={mapRef}
            points={points}
            position={info?.position ?? SIEGBURG}
            tiles={tiles}
            markerSize={MARKER_SIZES[textSize]}
            texts={texts}
            dir={dir}
            label={t('mapLabel')}
            onOffer={(id) => select({ kind: 'offer', id })}
            onGroup={(ids) => select(ids.length === 1 ? { kind: 'offer', id: ids[0]! } : { kind: 'group', ids })}
            onZoom={(z, min, max) => setZoom({ zoom: z, min, max })}
          />
          {tiles ? (
            <p className="map-attribution" data-testid="map-attribution">
              {t('attribution', { text: tiles.attribution })}
            </p>
          ) : null}
        </div>
        <div className="map-panel">
          {/* Focusable only when its text is longer than the space, so keyboards can scroll it (axe scrollable-region-focusable). */}
          <div className="map-panel-content" ref={panelRef} tabIndex={panelScrolls ? 0 : undefined}>
            {selection?.kind === 'offer' ? (
              <OfferMapCard id={selection.id} known={cards.get(selection.id) ?? null} onMore={openDetail} onClose={() => select(null)} />
            ) : selection?.kind === 'group' ? (
              <GroupCard ids={selection.ids} cards={cards} onOpen={(id) => select({ kind: 'offer', id })} onClose={() => select(null)} />
            ) : load.status === 'error' && !result ? (
              <div className="note note-warn" role="alert">
                <p>{t('loadError')}</p>
                <Button variant="big" onPress={() => setAttempt((a) => a + 1)} testId="map-retry">
                  {t('retry')}
                </Button>
              </div>
            ) : !result ? (
              <p className="map-hint">{t('loading')}</p>
            ) : result.points.length === 0 ? (
              <div className="note" data-testid="map-none">
                <p>{t('none')}</p>
                {filterCount > 0 || filters.text ? (
                  <Button
                    variant="big"
                    onPress={() => {
                      clearFilters();
                      useOfferFilters.getState().setText('');
                    }}
                    testId="map-loosen"
                  >
                    {t('loosen')}
                  </Button>
                ) : null}
              </div>
            ) : (
              <p className="map-hint" data-testid="map-hint">
                {t('hint')}
              </p>
            )}
            {withoutPlace > 0 && !selection ? <p className="map-hint">{t('withoutPlace', { count: withoutPlace })}</p> : null}
            {!tiles && !selection ? (
              <p className="note map-no-tiles" data-testid="map-no-tiles">
                {t('noTiles')}
              </p>
            ) : null}
          </div>
          <div className="map-controls">
            <Button variant="big" onPress={() => mapRef.current?.zoomIn()} disabled={zoom.zoom >= zoom.max} testId="map-zoom-in">
              <span className="map-control-symbol" aria-hidden="true">+</span>
              <span>{t('zoomIn')}</span>
            </Button>
            <Button variant="big" onPress={() => mapRef.current?.zoomOut()} disabled={zoom.zoom <= zoom.min} testId="map-zoom-out">
              <span className="map-control-symbol" aria-hidden="true">−</span>
              <span>{t('zoomOut')}</span>
            </Button>
            <Button variant="big" icon="pin" onPress={() => mapRef.current?.center()} testId="map-center">
              {t('center')}
            </Button>
            <Button variant="big" icon="list" onPress={() => go({ name: 'offers' })} testId="map-list">
              {t('list')}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}

/** true while the element's content is taller than the element (it scrolls). */
function useOverflows(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    const mutations = new MutationObserver(() => {
      for (const child of Array.from(el.children)) observer.observe(child);
      check();
    });
    mutations.observe(el, { childList: true, subtree: true, characterData: true });
    check();
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
  return overflows;
}

function OfferMapCard({ id, known, onMore, onClose }: { id: string; known: MapCard | null; onMore(id: string): void; onClose(): void }) {
  const { t } = useTranslation('map');
  const lang = useLanguage();
  const [fetched, setFetched] = useState<MapCard | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Matches beyond the first 500 have no card in the search result: ask for the offer itself.
  useEffect(() => {
    setFetched(null);
    if (known) return;
    let live = true;
    api
      .getOffer({ id, lang })
      .then((d) => {
        if (!live) return;
        setFetched({
          id,
          title: d.display.title,
          when: scheduleSummary(d.offer.schedules, lang),
          place: d.offer.location?.name ?? null,
          street: d.offer.location ? [d.offer.location.street, d.offer.location.city].filter(Boolean).join(', ') : null,
          distanceKm: d.distanceKm,
          sample: d.offer.sample ?? false,
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id, known, lang]);

  const card = known ?? fetched;
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [card?.id]);

  if (!card) return <p className="map-hint">{t('loading')}</p>;
  const distance = distanceWords(card.distanceKm, lang, (k, v) => t(k, v));
  return (
    <section className="card map-card" aria-labelledby="map-card-title" data-testid="map-card">
      <h2 id="map-card-title" ref={headingRef} tabIndex={-1}>
        {card.title}
      </h2>
      {card.sample ? <SampleLabel /> : null}
      <dl className="map-facts">
        {card.when ? (
          <div>
            <dt>{t('when')}</dt>
            <dd>{card.when}</dd>
          </div>
        ) : null}
        {card.place || card.street || distance ? (
          <div>
            <dt>{t('where')}</dt>
            <dd>
              {card.place ? <span className="map-fact-line">{card.place}</span> : null}
              {card.street ? <span className="map-fact-line" data-testid="map-card-street">{card.street}</span> : null}
              {distance ? <span className="map-fact-line">{distance}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="map-card-actions">
        <Button variant="primary" icon="forward" onPress={() => onMore(card.id)} testId="map-card-more">
          {t('more')}
        </Button>
        <Button variant="big" icon="close" onPress={onClose} testId="map-card-close">
          {t('close')}
        </Button>
      </div>
    </section>
  );
}

function GroupCard({ ids, cards, onOpen, onClose }: { ids: string[]; cards: Map<string, MapCard>; onOpen(id: string): void; onClose(): void }) {
  const { t } = useTranslation('map');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [ids]);
  return (
    <section className="card map-card" aria-labelledby="map-group-title" data-testid="map-group">
      <h2 id="map-group-title" ref={headingRef} tabIndex={-1}>
        {t('groupTitle', { count: ids.length })}
      </h2>
      <p>{t('groupHint')}</p>
      <ul className="map-group-list">
        {ids.map((id) => (
          <li key={id}>
            <Button variant="big" onPress={() => onOpen(id)} testId={`map-group-${id}`}>
              {cards.get(id)?.title ?? t('markerOfferAriaUnknown')}
            </Button>
          </li>
        ))}
      </ul>
      <div className="map-card-actions">
        <Button variant="big" icon="close" onPress={onClose} testId="map-group-close">
          {t('close')}
        </Button>
      </div>
    </section>
  );
}
