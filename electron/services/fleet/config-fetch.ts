import type { ConfigStore } from '../config/config-store';
import type { Log } from '../log';
import type { EffectiveConfig } from './effective-config';
import { createRequestRetry, type RequestRetryOptions } from '../net/request-retry';
import { classifyFleetError, type FleetClient } from './fleet-client';
import type { RemoteStatus } from './remote-status';

/** The kiosk talks to the city API's remote management only with a "gemeinsam" city API (not HSDS, not sample data). */
export const remoteConfigured = (config: ConfigStore): boolean => {
  const c = config.get().cityApi;
  return !!c && c.kind === 'gemeinsam';
};

/** GET /v1/kiosks/{id}/config with the last ETag; a new body is applied live, a 304 changes nothing. */
export function createConfigFetch(deps: {
  client: FleetClient;
  config: ConfigStore;
  effective: EffectiveConfig;
  status: RemoteStatus;
  log: Log;
  /** per-request retry (request-retry.ts; default: 6 tries, about 1, 2, 4, 8 s, Retry-After up to 60 s) */
  retry?: RequestRetryOptions;
}) {
  const { client, config, effective, status, log } = deps;
  return async function fetchConfigNow(): Promise<void> {
    if (!remoteConfigured(config)) return;
    try {
      const r = await createRequestRetry({ classify: classifyFleetError, ...deps.retry }).run('remote config', () =>
        client.fetchConfig(config.get().kioskId, effective.etag()),
      );
      status.configFetched();
      if (r.kind === 'not_modified') return;
      const remote = effective.setRemote(r.body, r.etag);
      if (remote.rejected.length) log.warn('remote config: invalid fields skipped', { code: 'fleet_config_fields', fields: remote.rejected });
      log.info('remote config applied', { etag: r.etag, keys: Object.keys(remote.patch) });
    } catch (err) {
      status.failed('config', err);
    }
  };
}
