import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/kiosk-api';
import type { SearchResult } from '../../../shared/contract/offers';
import type { EventOccurrence } from '../../../shared/schemas/event';
import type { ScreenProps } from '../../app/screens';
import { useNav } from '../../app/nav-store';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { SampleLabel } from '../../ui/SampleLabel';
import { dateInWords } from '../offers/date-words';
import { clockTime } from '../offers/schedule-words';
import { entriesForDay, nextDays, type DayEntry } from './week-days';

type Load = { status: 'loading' } | { status: 'ready'; offers: SearchResult['items']; events: EventOccurrence[] } | { status: 'error' };

/** Today and this week: one day at a time (seven big day buttons), offers that meet that day and calendar events. */
export function WeekScreen(_props: ScreenProps) {
  const { t } = useTranslation('week');
  const lang = useLanguage();
  const go = useNav((s) => s.go);
  const days = useMemo(() => nextDays(new Date()), []);
  const [day, setDay] = useState(days[0] ?? '');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    Promise.all([
      api.searchOffers({ when: 'week', lang, limit: 500 }),
      api.listEvents({ from: days[0] ?? '', to: days[days.length - 1] ?? '', limit: 500 }),
    ])
      .then(([r, events]) => live && setLoad({ status: 'ready', offers: r.items, events }))
      .catch(() => live && setLoad({ status: 'error' }));
    return () => {
      live = false;
    };
  }, [lang, days, attempt]);

  const entries: DayEntry[] = load.status === 'ready' ? entriesForDay(day, load.offers, load.events, new Date()) : [];
  const noon = (d: string) => `${d}T11:00:00Z`;
  const dayLabel = (d: string) => dateInWords(noon(d), lang, new Date(), true);
  const time = (opens: string | null, closes: string | null) =>
    opens ? (closes ? t('offers:timeRange', { from: clockTime(opens, lang), to: clockTime(closes, lang) }) : clockTime(opens, lang)) : t('allDay');

  return (
    <div className="screen week">
      <h1>{t('title')}</h1>
      <div className="week-days" role="group" aria-label={t('chooseDay')}>
        {days.map((d) => (
          <Button key={d} className="toggle week-day" ariaPressed={d === day} onPress={() => setDay(d)} testId={`day-${d}`}>
            <span className="toggle-box" aria-hidden="true">
              {d === day ? <Icon name="check" /> : null}
            </span>
            <span className="toggle-text">{dayLabel(d)}</span>
          </Button>
        ))}
      </div>
      <h2 data-testid="week-day-title">{dayLabel(day)}</h2>
      {load.status === 'loading' ? <p>{t('common:loading')}</p> : null}
      {load.status === 'error' ? (
        <div className="note note-warn" role="alert">
          <p>{t('common:errorLoading')}</p>
          <p>{t('common:errorHint')}</p>
          <Button variant="big" onPress={() => setAttempt((a) => a + 1)} testId="retry">
            {t('common:retry')}
          </Button>
        </div>
      ) : null}
      {load.status === 'ready' && entries.length === 0 ? (
        <div className="note" data-testid="week-empty">
          <p>{t('nothing')}</p>
          <Button variant="big" icon="list" onPress={() => go({ name: 'offers' })}>
            {t('allOffers')}
          </Button>
        </div>
      ) : null}
      {entries.length ? (
        <ul className="offer-list" data-testid="week-list">
          {entries.map((e) => {
            if (e.kind === 'offer') {
              const where = [e.offer.placeName, e.offer.street].filter(Boolean).join(', ');
              return (
                <li key={`o-${e.offer.id}`}>
                  <Button className="offer-card" onPress={() => go({ name: 'detail', params: { id: e.offer.id } })} testId={`week-offer-${e.offer.id}`}>
                    <span className="offer-card-line offer-card-time">
                      <Icon name="clock" />
                      <span>{time(e.opens, e.closes)}</span>
                    </span>
                    <span className="offer-card-title" lang={e.offer.untranslated ? 'de' : undefined} dir={e.offer.untranslated ? 'auto' : undefined}>
                      {e.offer.title}
                    </span>
                    {where ? (
                      <span className="offer-card-line">
                        <Icon name="pin" />
                        <bdi lang="de">{where}</bdi>
                      </span>
                    ) : null}
                    {e.offer.sample ? (
                      <span className="offer-card-tags">
                        <SampleLabel />
                      </span>
                    ) : null}
                  </Button>
                </li>
              );
            }
            const body = (
              <>
                <span className="offer-card-line offer-card-time">
                  <Icon name="calendar" />
                  <span>{time(e.opens, null)}</span>
                </span>
                <span className="offer-card-title" lang="de" dir="auto">
                  {e.event.title}
                </span>
                {e.event.location ? (
                  <span className="offer-card-line" lang="de">
                    <Icon name="pin" />
                    <span>{e.event.location}</span>
                  </span>
                ) : null}
              </>
            );
            const offerId = e.event.offer_id;
            return (
              <li key={`e-${e.event.uid}-${e.event.start}`}>
                {offerId ? (
                  <Button className="offer-card" onPress={() => go({ name: 'detail', params: { id: offerId } })} testId={`week-event-${e.event.uid}`}>
                    {body}
                  </Button>
                ) : (
                  <div className="offer-card event-card">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
