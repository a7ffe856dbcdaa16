import type { wishesContract } from '../../../shared/contract/wishes';
import type { KioskHandlers } from '../../../shared/contract';
import type { Feature, ServiceDeps } from '../feature';

export type WishesHandlers = Pick<KioskHandlers, keyof typeof wishesContract>;

/** Placeholder until the wishes feature lands. */
export function createWishesFeature(_deps: ServiceDeps): Feature<WishesHandlers> {
  return { handlers: {} as WishesHandlers };
}
