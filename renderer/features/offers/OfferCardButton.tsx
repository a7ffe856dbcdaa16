import { useTranslation } from 'react-i18next';
import type { OfferCard } from '../../../shared/contract/offers';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { SampleLabel } from '../../ui/SampleLabel';
import { formatDistance } from './format';
import { scheduleSummary } from './schedule-words';

/**
 * One offer in a list: the whole card is one big button that opens the detail.
 * Title, when (in words), where, distance from this kiosk, and labels (kostenlos, rollstuhlgerecht, Beispieldaten).
 */
export function OfferCardButton({ offer, onOpen }: { offer: OfferCard; onOpen: (id: string) => void }) {
  const { t } = useTranslation('offers');
  const lang = useLanguage();
  const when = scheduleSummary(offer.schedules, lang);
  const where = [offer.placeName, offer.street].filter(Boolean).join(', ');
  return (
    <Button className="offer-card" onPress={() => onOpen(offer.id)} testId={`offer-${offer.id}`}>
      <span className="offer-card-title" data-testid={`offer-title-${offer.id}`} lang={offer.untranslated ? 'de' : undefined} dir={offer.untranslated ? 'auto' : undefined}>
        {offer.title}
      </span>
      {offer.summary ? (
        <span className="offer-card-summary" lang={offer.untranslated ? 'de' : undefined} dir={offer.untranslated ? 'auto' : undefined}>
          {offer.summary}
        </span>
      ) : null}
      {when ? (
        <span className="offer-card-line">
          <Icon name="clock" />
          <span>{when}</span>
        </span>
      ) : null}
      {where || offer.distanceKm !== null ? (
        <span className="offer-card-line">
          <Icon name="pin" />
          <span>
            {where ? <bdi lang="de">{where}</bdi> : null}
            {offer.distanceKm !== null ? (
              <>
                {where ? ' – ' : ''}
                {t('distanceFromHere', { distance: formatDistance(offer.distanceKm, lang) })}
              </>
            ) : null}
          </span>
        </span>
      ) : null}
      <span className="offer-card-tags">
        {offer.free ? <span className="tag">{t('tagFree')}</span> : null}
        {offer.wheelchair === 'yes' ? <span className="tag">{t('tagWheelchair')}</span> : null}
        {offer.wheelchair === 'partial' ? <span className="tag">{t('tagWheelchairPartial')}</span> : null}
        {offer.untranslated ? <span className="tag">{t('tagGermanOnly')}</span> : null}
        {offer.sample ? <SampleLabel /> : null}
      </span>
    </Button>
  );
}
