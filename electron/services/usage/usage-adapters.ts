import type { ServiceDeps } from '../feature';
import { createFetchStatsTransport } from './stats-sender';
import type { UsageAdapters } from './usage-feature';

/** The usage feature's default adapter, chosen by the composition root (compose.ts): the daily counters over fetch. */
export function defaultUsageAdapters(deps: Pick<ServiceDeps, 'clock'>): Pick<UsageAdapters, 'statsTransport'> {
  return { statsTransport: createFetchStatsTransport({ now: () => deps.clock.now() }) };
}
