import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferDetail } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import { Button } from '../../ui/Button';
import { MerkDetailAction } from '../merkliste/MerkButton';

/** What an action button on the offer detail gets. */
export interface DetailActionProps {
  detail: OfferDetail;
  lang: Language;
}

function PrintNotWired(_props: DetailActionProps) {
  const { t } = useTranslation('offers');
  return (
    <Button variant="big" icon="printer" disabled disabledReason={t('printUnavailable')} testId="detail-print">
      {t('print')}
    </Button>
  );
}

/**
 * Slot for the buttons on the offer detail: one line each. Printing (H7) and the Merkliste (H5) replace
 * their line with their own component; until then the button shows disabled with the reason.
 */
export const DETAIL_ACTIONS: { print: ComponentType<DetailActionProps>; remember: ComponentType<DetailActionProps> } = {
  print: PrintNotWired,
  remember: MerkDetailAction,
};
