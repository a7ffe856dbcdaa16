import type { offersContract } from '../../../shared/contract/offers';
import type { KioskHandlers } from '../../../shared/contract';
import { KioskApiError } from '../../../shared/contract';
import type { Feature, ServiceDeps } from '../feature';

export type OffersHandlers = Pick<KioskHandlers, keyof typeof offersContract>;

/** Placeholder until search lands. */
export function createOffersFeature(_deps: ServiceDeps): Feature<OffersHandlers> {
  const notYet = async (): Promise<never> => {
    throw new KioskApiError('unavailable', 'not implemented yet');
  };
  return {
    handlers: { getBootInfo: notYet, getTaxonomy: notYet, searchOffers: notYet, getOffer: notYet, listEvents: notYet },
  };
}
