import type { ComponentType } from 'react';
import type { OfferDetail } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import { MerkDetailAction } from '../merkliste/MerkButton';
import { PrintOfferAction } from '../print/PrintOfferAction';

/** What an action button on the offer detail gets. */
export interface DetailActionProps {
  detail: OfferDetail;
  lang: Language;
}

/**
 * Slot for the buttons on the offer detail: one line each. Printing (H7) and the Merkliste (H5) replace
 * their line with their own component; until then the button shows disabled with the reason.
 */
export const DETAIL_ACTIONS: { print: ComponentType<DetailActionProps>; remember: ComponentType<DetailActionProps> } = {
  print: PrintOfferAction,
  remember: MerkDetailAction,
};
