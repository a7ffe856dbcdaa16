import type { ServiceDeps } from '../feature';
import { NoUpdatesUpdater } from '../updates/updater';
import { createBrowserHostAppControl } from './app-control';
import { createHttpFleetClient } from './fleet-client';
import type { FleetAdapters } from './fleet-feature';

/**
 * The fleet feature's default adapters, chosen by the composition root (compose.ts) when its host passes none:
 * HTTP client using kiosk.json's cityApi (read on every call), no updates, the browser host's app control.
 */
export function defaultFleetAdapters(deps: Pick<ServiceDeps, 'config' | 'log' | 'version'>): Pick<FleetAdapters, 'client' | 'updater' | 'appControl'> {
  return {
    client: createHttpFleetClient({
      endpoint: () => {
        const c = deps.config.get().cityApi;
        return c && c.kind === 'gemeinsam' ? { baseUrl: c.baseUrl, token: c.token } : null;
      },
      version: deps.version,
    }),
    updater: new NoUpdatesUpdater(),
    appControl: createBrowserHostAppControl((m) => deps.log.info(m)),
  };
}
