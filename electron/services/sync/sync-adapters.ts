import type { CityApiConfig } from '../../../shared/schemas/kiosk-config';
import type { ServiceDeps } from '../feature';
import { createFetchCityApiClient, DEFAULT_MAX_RESPONSE_BYTES } from './city-api-client';
import { createHsdsClient } from './hsds-client';
import type { SyncAdapters } from './sync-feature';

/**
 * The sync feature's default adapters, chosen by the composition root (compose.ts) when its host passes none:
 * the fetch clients for the city API and for HSDS, built per configuration (remote config may change it live).
 */
export function defaultSyncAdapters(
  deps: Pick<ServiceDeps, 'clock' | 'version'>,
  limits: { maxResponseBytes?: number } = {},
): Pick<SyncAdapters, 'cityClient' | 'hsdsClient'> {
  return {
    cityClient: (cfg: CityApiConfig) =>
      createFetchCityApiClient({
        baseUrl: cfg.baseUrl,
        token: cfg.token,
        version: deps.version,
        clock: deps.clock,
        maxResponseBytes: limits.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        towns: cfg.towns,
      }),
    hsdsClient: (cfg: CityApiConfig) =>
      createHsdsClient({ baseUrl: cfg.baseUrl, token: cfg.token, version: deps.version, clock: deps.clock, maxResponseBytes: limits.maxResponseBytes }),
  };
}
