import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/kiosk-api';
import { KioskApiError } from '../../../shared/contract/define';
import type { OfferDetail } from '../../../shared/contract/offers';
import type { ScreenProps } from '../../app/screens';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import { SampleLabel } from '../../ui/SampleLabel';
import { dateInWords } from './date-words';
import { DETAIL_ACTIONS } from './detail-actions';
import { formatDistance, intlLocale } from './format';
import { scheduleLines } from './schedule-words';
import { labelText, useTaxonomy } from './taxonomy-store';

type Load = { status: 'loading' } | { status: 'ready'; detail: OfferDetail } | { status: 'error'; notFound: boolean };

const MAX_DATES = 5;

/** Offer detail: plain description, when in words and next dates, how to get there, cost, contact, print and remember. */
export function DetailScreen({ params }: ScreenProps) {
  const { t } = useTranslation('offers');
  const lang = useLanguage();
  const id = params.id ?? '';
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    api
      .getOffer({ id, lang })
      .then((detail) => live && setLoad({ status: 'ready', detail }))
      .catch((err: unknown) => live && setLoad({ status: 'error', notFound: err instanceof KioskApiError && err.code === 'not_found' }));
    return () => {
      live = false;
    };
  }, [id, lang, attempt]);

  if (load.status === 'loading') {
    return (
      <div className="screen detail">
        <h1>{t('detailLoading')}</h1>
      </div>
    );
  }
  if (load.status === 'error') {
    return (
      <div className="screen detail">
        <h1>{load.notFound ? t('common:notFound') : t('common:errorLoading')}</h1>
        {load.notFound ? null : (
          <div className="note note-warn" role="alert">
            <p>{t('common:errorHint')}</p>
            <Button variant="big" onPress={() => setAttempt((a) => a + 1)} testId="retry">
              {t('common:retry')}
            </Button>
          </div>
        )}
      </div>
    );
  }
  return <DetailView detail={load.detail} />;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="detail-section card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function DetailView({ detail }: { detail: OfferDetail }) {
  const { t } = useTranslation('offers');
  const lang = useLanguage();
  const taxonomy = useTaxonomy();
  const { offer, display } = detail;
  const loc = offer.location;
  const lines = scheduleLines(offer.schedules, lang);
  const paragraphs = display.description.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const ageLabels = offer.age_groups.map((a) => taxonomy?.age_groups.find((x) => x.id === a)).filter((x) => !!x).map((x) => labelText(x.label, lang));
  const interestLabels = offer.interests.map((i) => taxonomy?.interests.find((x) => x.id === i)).filter((x) => !!x).map((x) => labelText(x.label, lang));
  const list = (items: string[]) => new Intl.ListFormat(intlLocale(lang), { type: 'conjunction' }).format(items);
  const languageNames = (() => {
    if (!offer.languages?.length) return null;
    try {
      const names = new Intl.DisplayNames([intlLocale(lang)], { type: 'language' });
      return list(offer.languages.map((l) => names.of(l) ?? l));
    } catch (_err) {
      return null;
    }
  })();
  const Print = DETAIL_ACTIONS.print;
  const Remember = DETAIL_ACTIONS.remember;
  const textLang = display.untranslated ? 'de' : undefined;
  const textDir = display.untranslated ? 'auto' : undefined;

  return (
    <article className="screen detail" data-testid="offer-detail">
      <h1 lang={textLang} dir={textDir}>
        {display.title}
      </h1>
      <div className="offer-card-tags detail-tags">
        {offer.sample ? <SampleLabel /> : null}
        {offer.cost.free ? <span className="tag">{t('tagFree')}</span> : null}
        {loc?.wheelchair === 'yes' ? <span className="tag">{t('tagWheelchair')}</span> : null}
      </div>
      {display.untranslated && lang !== 'de' && lang !== 'de-LS' ? (
        <p className="note" data-testid="german-only">
          {t('germanOnly')}
        </p>
      ) : null}
      {lang === 'de-LS' ? <p className="note">{display.easyRead ? t('easyReadShown') : t('easyReadMissing')}</p> : null}
      <div className="detail-actions row" data-read-skip>
        <Print detail={detail} lang={lang} />
        <Remember detail={detail} lang={lang} />
      </div>
      <div className="detail-description" lang={textLang} dir={textDir}>
        {display.summary && !paragraphs[0]?.startsWith(display.summary) ? <p className="detail-summary">{display.summary}</p> : null}
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>

      <div className="detail-grid">
        <Section title={t('sectionWhenDetail')} testId="detail-when">
          {lines.length ? (
            <ul className="plain-list">
              {lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          ) : null}
          <h3>{t('nextDates')}</h3>
          {detail.nextDates.length ? (
            <ul className="plain-list" data-testid="next-dates">
              {detail.nextDates.slice(0, MAX_DATES).map((d) => (
                <li key={d.start}>
                  {dateInWords(d.start, lang)}
                  {d.title && d.title !== offer.title ? ` – ${d.title}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('noDates')}</p>
          )}
        </Section>

        <Section title={t('sectionWhereDetail')} testId="detail-where">
          {loc ? (
            <>
              <p lang="de" dir="auto">
                <strong>{loc.name}</strong>
                <br />
                {loc.street}
                {loc.street ? <br /> : null}
                {[loc.postal_code, loc.city].filter(Boolean).join(' ')}
              </p>
              {detail.distanceKm !== null ? <p>{t('distanceFromKiosk', { distance: formatDistance(detail.distanceKm, lang) })}</p> : null}
              <p>{t(`access.${loc.wheelchair}`)}</p>
              {loc.accessibility_notes ? <p lang="de">{loc.accessibility_notes}</p> : null}
              {loc.transit_stop ? <p>{t('nearestStop', { stop: loc.transit_stop })}</p> : null}
            </>
          ) : (
            <p>{t('noLocation')}</p>
          )}
        </Section>

        <Section title={t('sectionCost')} testId="detail-cost">
          <p>{offer.cost.free ? t('costFree') : t('costPaid')}</p>
          {offer.cost.note ? <p lang="de">{offer.cost.note}</p> : null}
          <p>{offer.registration_required ? t('registrationYes') : t('registrationNo')}</p>
        </Section>

        {ageLabels.length || interestLabels.length ? (
          <Section title={t('sectionForWhom')}>
            {ageLabels.length ? <p>{list(ageLabels)}</p> : null}
            {interestLabels.length ? <p>{list(interestLabels)}</p> : null}
            {languageNames ? <p>{t('offerLanguages', { list: languageNames })}</p> : null}
          </Section>
        ) : null}

        <Section title={t('sectionContact')} testId="detail-contact">
          <p>
            <strong>{offer.organisation.name}</strong>
          </p>
          {offer.contact_person ? <p>{t('contactPerson', { name: offer.contact_person })}</p> : null}
          {offer.organisation.phone ? <p>{t('phone', { phone: offer.organisation.phone })}</p> : null}
          {offer.organisation.email ? <p className="break-all">{t('email', { email: offer.organisation.email })}</p> : null}
          {offer.organisation.website || offer.url ? <p className="break-all">{t('website', { url: offer.url ?? offer.organisation.website })}</p> : null}
        </Section>
      </div>
    </article>
  );
}
