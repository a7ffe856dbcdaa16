import type { fleetContract } from '../../../shared/contract/fleet';
import type { KioskHandlers } from '../../../shared/contract';
import type { Feature, ServiceDeps } from '../feature';

export type FleetHandlers = Pick<KioskHandlers, keyof typeof fleetContract>;

/** Placeholder until the fleet feature lands. */
export function createFleetFeature(_deps: ServiceDeps): Feature<FleetHandlers> {
  return { handlers: {} as FleetHandlers };
}
