import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api/kiosk-api';
import type { SearchResult } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import { useLanguage } from '../../app/settings-store';
import { selectFilters, toSearchQuery, useOfferFilters, type OfferFilters } from './offer-filter-store';

export type SearchState = { status: 'loading'; result: SearchResult | null } | { status: 'ready'; result: SearchResult } | { status: 'error'; result: SearchResult | null };

/**
 * Runs the search for the current filters (shared with the map) and pages through the list:
 * `more()` shows `pageSize` more. Every keystroke is searched at once (no debounce: an answer takes a few ms);
 * an older answer never overwrites a newer one. The request for a keystroke leaves as the filter store changes, before
 * React renders the new text (the render then overlaps the host's work; `npm run bench -- ui`).
 */
export function useOfferSearch(pageSize = 10) {
  const filters = useOfferFilters(useShallow(selectFilters));
  const lang = useLanguage();
  const [pages, setPages] = useState(1);
  const [retry, setRetry] = useState(0);
  const [state, setState] = useState<SearchState>({ status: 'loading', result: null });
  const seq = useRef(0);
  /** the text the shown answer is for (the list may still show an older answer while a newer one is on its way) */
  const answeredText = useRef<string | null>(null);
  const key = useMemo(() => JSON.stringify(toSearchQuery(filters, lang, 1, 0)), [filters, lang]);
  /** the request the store subscription sent for a keystroke, until the effect below takes it over */
  const early = useRef<{ query: string; answer: Promise<SearchResult> } | null>(null);
  const langNow = useRef(lang);
  langNow.current = lang;
  const searchQuery = (f: OfferFilters, l: Language, limit: number) => ({ ...toSearchQuery(f, l, limit, 0), points: false }); // the list shows no map
  // a change of the filters (a keystroke) sends the request for page 1 at once, before the render
  useEffect(
    () =>
      useOfferFilters.subscribe((s, prev) => {
        const f = selectFilters(s);
        if (JSON.stringify(toSearchQuery(f, langNow.current, 1, 0)) === JSON.stringify(toSearchQuery(selectFilters(prev), langNow.current, 1, 0))) return;
        const query = searchQuery(f, langNow.current, pageSize);
        const answer = api.searchOffers(query);
        answer.catch(() => undefined); // handled by the effect that takes it over
        early.current = { query: JSON.stringify(query), answer };
      }),
    [pageSize],
  );

  useEffect(() => setPages(1), [key]);

  useEffect(() => {
    const id = ++seq.current;
    setState((s) => ({ status: 'loading', result: s.result }));
    const query = searchQuery(filters, lang, Math.min(500, pageSize * pages));
    const sent = early.current;
    early.current = null;
    (sent?.query === JSON.stringify(query) ? sent.answer : api.searchOffers(query))
      .then((result) => {
        if (id === seq.current) {
          answeredText.current = filters.text;
          setState({ status: 'ready', result });
        }
      })
      .catch(() => {
        if (id === seq.current) setState((s) => ({ status: 'error', result: s.result }));
      });
    // `key` stands for filters + lang.
  }, [key, pages, pageSize, retry]);

  return {
    state,
    more: () => setPages((p) => p + 1),
    retry: () => setRetry((r) => r + 1),
    shown: pages * pageSize,
    answeredText: state.status === 'ready' ? answeredText.current : null,
  };
}
