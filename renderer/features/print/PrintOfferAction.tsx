import { useTranslation } from 'react-i18next';
import type { DetailActionProps } from '../offers/detail-actions';
import { PrintButton } from './PrintButton';

/** The "Angebot drucken" button in the offer detail's action slot. */
export function PrintOfferAction({ detail, lang }: DetailActionProps) {
  const { t } = useTranslation('print');
  return <PrintButton request={{ kind: 'offer', ids: [detail.offer.id], lang }} label={t('open')} testId="detail-print" />;
}
