import type { Log } from '../log';
import { FleetHttpError } from './fleet-client';

/** What the staff screen shows about the link to the city API's remote management. */
export function createRemoteStatus(log: Log, now: () => number) {
  const s = {
    /** null = not known yet; false after a 401 (bad token / kiosk not registered). */
    registered: null as boolean | null,
    lastConfigAt: null as number | null,
    lastHeartbeatAt: null as number | null,
    lastError: null as string | null,
  };
  return {
    get: (): Readonly<typeof s> => s,
    configFetched() {
      s.registered = true;
      s.lastConfigAt = now();
      s.lastError = null;
    },
    heartbeatSent() {
      s.registered = true;
      s.lastHeartbeatAt = now();
      s.lastError = null;
    },
    /** New city API settings: registration unknown again. */
    reset() {
      s.registered = null;
    },
    failed(what: string, err: unknown) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof FleetHttpError && err.status === 401) s.registered = false;
      s.lastError = `${what}: ${message}`.slice(0, 300);
      log.warn(`fleet ${what} failed`, { code: `fleet_${what}`, error: message });
    },
  };
}

export type RemoteStatus = ReturnType<typeof createRemoteStatus>;
