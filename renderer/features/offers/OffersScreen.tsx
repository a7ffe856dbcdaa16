import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { FacetCounts } from '../../../shared/contract/offers';
import { TIMES_OF_DAY, WEEKDAYS } from '../../../shared/constants';
import type { ScreenProps } from '../../app/screens';
import { useNav } from '../../app/nav-store';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import { OnScreenKeyboard, useKeepAboveKeyboard } from '../../ui/OnScreenKeyboard';
import { Toggle } from '../../ui/Toggle';
import { formatDateTime, formatDistance, weekdayName } from './format';
import { activeFilterCount, selectFilters, useOfferFilters, type ActiveFilter } from './offer-filter-store';
import { OfferCardButton } from './OfferCardButton';
import { labelText, useTaxonomy } from './taxonomy-store';
import { useOfferSearch } from './use-offer-search';
import { typingSuggestions } from './typing-suggestions';
import { useReportSearchMiss } from './use-search-miss';

const PAGE_SIZE = 10;
const DISTANCES_KM = [1, 2, 5] as const;
type Section = 'interests' | 'ageGroups' | 'when' | 'where' | 'more';

/**
 * Offers by interest: search box with the kiosk's own keyboard, big filter toggles with counts,
 * "no offers match" with one tap to loosen, a paged list of big cards, and the map of the same results.
 */
export function OffersScreen(_props: ScreenProps) {
  const { t } = useTranslation('offers');
  const lang = useLanguage();
  const go = useNav((s) => s.go);
  const taxonomy = useTaxonomy();
  const f = useOfferFilters(
    useShallow((s) => ({ ...selectFilters(s), history: s.history })),
  );
  const actions = useOfferFilters.getState();
  const { state, more, retry, shown, answeredText } = useOfferSearch(PAGE_SIZE);
  const [typing, setTyping] = useState(false);
  const [open, setOpen] = useState<Record<Section, boolean>>({ interests: true, ageGroups: false, when: false, where: false, more: false });
  const firstNewRef = useRef<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const typingHeadRef = useRef<HTMLDivElement>(null);
  useKeepAboveKeyboard(typingHeadRef, f.text, typing);

  const result = state.result;
  const facets: FacetCounts | undefined = result?.facets;
  const total = result?.total ?? 0;
  const filterCount = activeFilterCount(f);
  // a search finished without result ("Fertig" or leaving the screen) is counted once, as its word only
  const finishSearch = useReportSearchMiss(f.text, answeredText, total);

  // After "more", move focus to the first newly shown offer so it is in view.
  useEffect(() => {
    if (firstNewRef.current === null || !result) return;
    const el = listRef.current?.querySelectorAll<HTMLElement>('.offer-card')[firstNewRef.current];
    if (el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'start' });
      firstNewRef.current = null;
    }
  }, [result]);

  const section = (id: Section, title: string, chosen: number, children: ReactNode) => (
    <section className="filter-section" aria-labelledby={`filter-${id}-title`}>
      <h2 className="filter-heading" id={`filter-${id}-title`}>
        <Button
          className="filter-disclosure"
          ariaExpanded={open[id]}
          ariaControls={`filter-${id}`}
          onPress={() => setOpen((o) => ({ ...o, [id]: !o[id] }))}
          testId={`filter-section-${id}`}
        >
          <span className="filter-disclosure-title">{title}</span>
          {chosen > 0 ? <span className="filter-chosen">{t('chosen', { count: chosen })}</span> : null}
          <span className="filter-disclosure-state" aria-hidden="true">
            {open[id] ? '−' : '+'}
          </span>
        </Button>
      </h2>
      {open[id] ? (
        <div id={`filter-${id}`} className="filter-body">
          {children}
        </div>
      ) : null}
    </section>
  );

  const suggestions = typing
    ? typingSuggestions(
        f.text,
        result?.items.slice(0, 5) ?? [],
        (taxonomy?.interests ?? []).map((i) => ({ id: i.id, label: labelText(i.label, lang) })),
        f.interests,
      )
    : [];

  const count = (n: number | undefined) => (n === undefined ? {} : { count: n, countLabel: t('offerCount', { count: n }) });

  /** `underControls`: while typing, the number found sits right under the search box, above the suggestions */
  const searchBox = (underControls: ReactNode = null) => (
    <div className="search-row" role="search">
      <label className="search-label" htmlFor="offer-search">
        {t('searchLabel')}
      </label>
      <div className="search-controls">
        <input
          id="offer-search"
          className="search-input"
          type="text"
          inputMode="none"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          value={f.text}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => actions.setText(e.target.value)}
          onFocus={() => setTyping(true)}
          onClick={() => setTyping(true)}
          data-testid="offer-search"
        />
        {f.text ? (
          <Button icon="close" onPress={() => actions.setText('')} testId="search-clear">
            {t('clearSearch')}
          </Button>
        ) : null}
      </div>
      {underControls}
      {typing && suggestions.length > 0 ? (
        <div className="row search-suggestions" role="group" aria-label={t('suggestions')} data-testid="search-suggestions">
          {suggestions.map((sg) =>
            sg.kind === 'interest' ? (
              <Button
                key={`i:${sg.id}`}
                variant="big"
                onPress={() => {
                  actions.toggle('interests', sg.id);
                  actions.setText('');
                }}
                testId={`suggest-interest-${sg.id}`}
              >
                {sg.label}
              </Button>
            ) : (
              <Button key={`t:${sg.text}`} variant="big" onPress={() => actions.setText(sg.text)} testId="suggest-title">
                {sg.text}
              </Button>
            ),
          )}
        </div>
      ) : null}
    </div>
  );

  const looseners = (
    <div className="row">
      {filterCount > 0 ? (
        <Button variant="big" onPress={() => actions.removeLast()} testId="remove-last-filter">
          {t('removeLast', { name: describeFilter(f.history[f.history.length - 1]) })}
        </Button>
      ) : null}
      {filterCount > 1 ? (
        <Button variant="big" onPress={() => actions.clearFilters()} testId="clear-filters">
          {t('clearFilters')}
        </Button>
      ) : null}
      {f.text ? (
        <Button variant="big" onPress={() => actions.setText('')} testId="clear-search-loosen">
          {t('clearSearch')}
        </Button>
      ) : null}
    </div>
  );

  function describeFilter(a: ActiveFilter | undefined): string {
    if (!a) return '';
    switch (a.facet) {
      case 'interests':
        return taxLabel('interests', a.value);
      case 'ageGroups':
        return taxLabel('age_groups', a.value);
      case 'districts':
        return taxLabel('districts', a.value);
      case 'weekdays':
        return weekdayName(a.value as (typeof WEEKDAYS)[number], lang);
      case 'timesOfDay':
        return t(`timeOfDay.${a.value}`);
      case 'when':
        return t(a.value === 'today' ? 'today' : 'thisWeek');
      case 'free':
        return t('free');
      case 'wheelchair':
        return t('wheelchair');
      case 'distance':
        return t('maxDistance', { distance: formatDistance(a.value, lang) });
    }
  }
  function taxLabel(kind: 'interests' | 'age_groups' | 'districts', id: string): string {
    const item = taxonomy?.[kind].find((x) => x.id === id);
    return item ? labelText(item.label, lang) : id;
  }

  const resultsTitle = (
    <h2 id="results-title" className="results-title">
      <span aria-live="polite" data-testid="result-count">
        {state.status === 'loading' && !result ? t('searching') : t('found', { count: total })}
      </span>
    </h2>
  );
  // while typing, the number found stays under the search box (typingHead), above the docked keyboard
  const results = (withTitle: boolean) => (
    <section className="results" aria-labelledby="results-title">
      {withTitle ? resultsTitle : null}
      {result?.dataAsOf ? (
        <p className="results-as-of" data-testid="data-as-of">
          {t('dataAsOf', { when: formatDateTime(result.dataAsOf, lang) })}
        </p>
      ) : null}
      {state.status === 'error' ? (
        <div className="note note-warn" role="alert">
          <p>{t('common:errorLoading')}</p>
          <p>{t('common:errorHint')}</p>
          <Button variant="big" onPress={retry} testId="retry">
            {t('common:retry')}
          </Button>
        </div>
      ) : null}
      {result && total === 0 && state.status !== 'error' ? (
        <div className="note no-match" data-testid="no-match">
          <p>{t('noMatch')}</p>
          {result.didYouMean ? (
            <Button variant="big" onPress={() => actions.setText(result.didYouMean ?? '')} testId="did-you-mean">
              {t('didYouMean', { word: result.didYouMean })}
            </Button>
          ) : null}
          <p>{filterCount > 0 || f.text ? t('noMatchHint') : t('noMatchEmpty')}</p>
          {looseners}
        </div>
      ) : null}
      {result && result.items.length > 0 ? (
        <ul className="offer-list" ref={listRef} data-testid="offer-list">
          {result.items.map((o) => (
            <li key={o.id}>
              <OfferCardButton offer={o} onOpen={(id) => go({ name: 'detail', params: { id } })} />
            </li>
          ))}
        </ul>
      ) : null}
      {result && total > shown ? (
        <Button
          variant="big"
          className="more-btn"
          onPress={() => {
            firstNewRef.current = shown;
            more();
          }}
          testId="more-offers"
        >
          {t('more', { count: Math.min(PAGE_SIZE, total - shown) })}
        </Button>
      ) : null}
    </section>
  );

  if (typing) {
    return (
      <div className="screen offers offers-typing">
        <h1>{t('title')}</h1>
        <div className="offers-typing-head" ref={typingHeadRef}>
          {searchBox(resultsTitle)}
        </div>
        {results(false)}
        <OnScreenKeyboard value={f.text} onChange={actions.setText} onDone={() => {
            finishSearch();
            setTyping(false);
          }} label={t('keyboardLabel')} />
      </div>
    );
  }

  return (
    <div className="screen offers">
      <div className="offers-head">
        <h1>{t('title')}</h1>
        <Button variant="big" icon="map" onPress={() => go({ name: 'map' })} testId="show-map">
          {t('showMap')}
        </Button>
      </div>
      {searchBox()}
      <div className="offers-layout">
        <div className="filters" data-testid="filters">
          {section(
            'interests',
            t('sectionInterests'),
            f.interests.length,
            <ul className="toggle-grid">
              {(taxonomy?.interests ?? []).map((i) => (
                <li key={i.id}>
                  <Toggle
                    label={labelText(i.label, lang)}
                    on={f.interests.includes(i.id)}
                    onChange={() => actions.toggle('interests', i.id)}
                    {...count(facets?.interests[i.id])}
                    testId={`interest-${i.id}`}
                  />
                </li>
              ))}
            </ul>,
          )}
          {section(
            'ageGroups',
            t('sectionAgeGroups'),
            f.ageGroups.length,
            <ul className="toggle-grid">
              {(taxonomy?.age_groups ?? []).map((a) => (
                <li key={a.id}>
                  <Toggle
                    label={labelText(a.label, lang)}
                    on={f.ageGroups.includes(a.id)}
                    onChange={() => actions.toggle('ageGroups', a.id)}
                    {...count(facets?.ageGroups[a.id])}
                    testId={`age-${a.id}`}
                  />
                </li>
              ))}
            </ul>,
          )}
          {section(
            'when',
            t('sectionWhen'),
            (f.when !== 'any' ? 1 : 0) + f.weekdays.length + f.timesOfDay.length,
            <>
              <ul className="toggle-grid">
                <li>
                  <Toggle label={t('today')} on={f.when === 'today'} onChange={(on) => actions.setWhen(on ? 'today' : 'any')} {...count(facets?.when.today)} testId="when-today" />
                </li>
                <li>
                  <Toggle label={t('thisWeek')} on={f.when === 'week'} onChange={(on) => actions.setWhen(on ? 'week' : 'any')} {...count(facets?.when.week)} testId="when-week" />
                </li>
              </ul>
              <h3>{t('weekdays')}</h3>
              <ul className="toggle-grid">
                {WEEKDAYS.map((d) => (
                  <li key={d}>
                    <Toggle label={weekdayName(d, lang)} on={f.weekdays.includes(d)} onChange={() => actions.toggle('weekdays', d)} {...count(facets?.weekdays[d])} testId={`weekday-${d}`} />
                  </li>
                ))}
              </ul>
              <h3>{t('timesOfDay')}</h3>
              <ul className="toggle-grid">
                {TIMES_OF_DAY.map((x) => (
                  <li key={x}>
                    <Toggle label={t(`timeOfDay.${x}`)} on={f.timesOfDay.includes(x)} onChange={() => actions.toggle('timesOfDay', x)} {...count(facets?.timesOfDay[x])} testId={`time-${x}`} />
                  </li>
                ))}
              </ul>
            </>,
          )}
          {section(
            'where',
            t('sectionWhere'),
            f.districts.length + (f.maxDistanceKm !== null ? 1 : 0),
            <>
              <h3>{t('distanceTitle')}</h3>
              <ul className="toggle-grid">
                {DISTANCES_KM.map((km) => (
                  <li key={km}>
                    <Toggle
                      label={t('maxDistance', { distance: formatDistance(km, lang) })}
                      on={f.maxDistanceKm === km}
                      onChange={(on) => actions.setMaxDistance(on ? km : null)}
                      testId={`distance-${km}`}
                    />
                  </li>
                ))}
              </ul>
              <h3>{t('districts')}</h3>
              <ul className="toggle-grid">
                {(taxonomy?.districts ?? []).map((d) => (
                  <li key={d.id}>
                    <Toggle
                      label={labelText(d.label, lang)}
                      on={f.districts.includes(d.id)}
                      onChange={() => actions.toggle('districts', d.id)}
                      {...count(facets?.districts[d.id])}
                      testId={`district-${d.id}`}
                    />
                  </li>
                ))}
              </ul>
            </>,
          )}
          {section(
            'more',
            t('sectionMore'),
            (f.freeOnly ? 1 : 0) + (f.wheelchairOnly ? 1 : 0),
            <ul className="toggle-grid">
              <li>
                <Toggle label={t('free')} on={f.freeOnly} onChange={actions.setFreeOnly} {...count(facets?.free)} testId="free-only" />
              </li>
              <li>
                <Toggle label={t('wheelchair')} on={f.wheelchairOnly} onChange={actions.setWheelchairOnly} {...count(facets?.wheelchair)} testId="wheelchair-only" />
              </li>
            </ul>,
          )}
          {filterCount > 0 && total > 0 ? looseners : null}
        </div>
        {results(true)}
      </div>
    </div>
  );
}
