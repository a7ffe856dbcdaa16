import type { ServiceDeps } from '../feature';
import { createFetchWishTransport } from './wish-transport';
import type { WishesAdapters } from './wishes-feature';

/** The wishes feature's default adapter, chosen by the composition root (compose.ts): delivery over fetch. */
export function defaultWishesAdapters(deps: Pick<ServiceDeps, 'clock'>): Pick<WishesAdapters, 'wishTransport'> {
  return { wishTransport: createFetchWishTransport({ now: () => deps.clock.now() }) };
}
