import type { StaffAction, StaffActionResult, StaffStatus } from '../../../shared/contract/fleet';
import { KioskApiError, type CallContext, type KioskHandlers } from '../../../shared/contract';
import { SETUP_PIN, STAFF_ONLY_CALLS } from '../../../shared/contract/fleet';
import { cityApiConfigSchema } from '../../../shared/schemas/kiosk-config';
import type { ConfigStore } from '../config/config-store';
import type { ErrorJournal } from '../log-files/error-journal';
import type { Log } from '../log';
import type { UpdateService } from '../updates/update-service';
import { diskFreeMb } from './disk-free';
import { dataAgeS } from './heartbeat';
import type { EffectiveConfig } from './effective-config';
import { readPeerSnapshot, type PeerHandlers } from './peer-status';
import type { RemoteStatus } from './remote-status';
import { makeStoredPin, type StaffAuth } from './staff-auth';

export type StaffHandlers = Pick<KioskHandlers, 'staffUnlock' | 'staffLock' | 'getStaffStatus' | 'staffAction' | 'setCityApi' | 'setStaffPin'>;

export interface StaffHandlerDeps {
  auth: StaffAuth;
  config: ConfigStore;
  effective: EffectiveConfig;
  status: RemoteStatus;
  updates: UpdateService;
  journal: ErrorJournal;
  log: Log;
  peers: () => PeerHandlers;
  staffAction: (action: StaffAction) => Promise<StaffActionResult>;
  /** After new city API settings: fetch the config and send a heartbeat at once. */
  reconnect: () => void;
  version: string;
  dataDir: string;
  uptimeS: () => number;
  /** The injected clock (data age on the staff screen). */
  now: () => Date;
}

/**
 * Wraps the composed handler map so the staff-only calls of other features (`STAFF_ONLY_CALLS`: testPrint,
 * makeBrochure, syncNow) need a live staff session token; the features themselves (and internal peer calls such as
 * the fleet's own sync_now / test_print) use the unwrapped map.
 */
export function guardStaffOnlyCalls<H extends Record<string, unknown>>(handlers: H, auth: Pick<StaffAuth, 'verify'>): H {
  const guarded: Record<string, unknown> = { ...handlers };
  for (const name of STAFF_ONLY_CALLS) {
    const inner = handlers[name] as ((input: { token?: unknown }, ctx: CallContext) => Promise<unknown>) | undefined;
    if (typeof inner !== 'function') continue;
    guarded[name] = async (input: { token?: unknown }, ctx: CallContext) => {
      if (typeof input?.token !== 'string' || !auth.verify(input.token)) throw new KioskApiError('forbidden', 'staff session missing or expired');
      return inner(input, ctx);
    };
  }
  return guarded as H;
}

/** The staff screen's calls: PIN unlock/lock, status, actions, city API settings, PIN change (session-checked). */
export function createStaffHandlers(deps: StaffHandlerDeps) {
  const { auth, config, effective, status, updates, journal, log, peers } = deps;
  const requireSession = (token: string) => {
    if (!auth.verify(token)) throw new KioskApiError('forbidden', 'staff session missing or expired');
  };

  const handlers: StaffHandlers = {
    async staffUnlock({ pin }) {
      const r = auth.unlock(pin);
      if (!r.ok) log.warn(r.lockedUntil ? 'staff PIN locked' : 'staff PIN wrong', { code: 'staff_pin', attemptsLeft: r.attemptsLeft });
      else log.info('staff screen unlocked', { setupPin: r.setupPin });
      return r;
    },
    async staffLock({ token }) {
      auth.lock(token);
      return { ok: true as const };
    },
    async getStaffStatus({ token }) {
      requireSession(token);
      const cfg = config.get();
      const snap = await readPeerSnapshot(peers());
      const u = updates.state();
      const remote = status.get();
      const result: StaffStatus = {
        version: deps.version,
        kioskId: cfg.kioskId,
        place: cfg.place,
        uptimeS: deps.uptimeS(),
        setupPinActive: auth.setupPinActive() && !effective.staffPatch().staffPin,
        cityApi: {
          configured: !!cfg.cityApi,
          baseUrl: cfg.cityApi?.baseUrl ?? null,
          registered: snap.unauthorized === true ? false : remote.registered,
        },
        // Data age from the kiosk's clock (issue 14), not the renderer's: one clock for heartbeat, staff screen and tests.
        sync: snap.sync ? { ...snap.sync, dataAgeS: dataAgeS(snap.sync.lastSyncAt, deps.now()) } : null,
        outbox: snap.outbox,
        printer: snap.printer,
        diskFreeMb: diskFreeMb(deps.dataDir),
        remote: {
          lastConfigAt: remote.lastConfigAt ? new Date(remote.lastConfigAt).toISOString() : null,
          lastHeartbeatAt: remote.lastHeartbeatAt ? new Date(remote.lastHeartbeatAt).toISOString() : null,
          lastError: remote.lastError,
        },
        update: {
          state: u.kind,
          version: 'version' in u ? u.version : null,
          detail: u.kind === 'error' ? u.message : '',
        },
        lastErrors: journal.recent(10),
      };
      return result;
    },
    async staffAction({ token, action }) {
      requireSession(token);
      return deps.staffAction(action);
    },
    async setCityApi({ token, baseUrl, apiToken }) {
      requireSession(token);
      const current = config.get().cityApi;
      const next = cityApiConfigSchema.safeParse({ ...(current ?? {}), baseUrl, token: apiToken });
      if (!next.success) throw new KioskApiError('invalid_input', 'city API settings are not valid');
      effective.writeLocal({ cityApi: next.data });
      status.reset();
      effective.forgetEtag();
      log.info('city API settings changed by staff', { baseUrl });
      deps.reconnect();
      return { ok: true as const };
    },
    async setStaffPin({ token, newPin }) {
      requireSession(token);
      if (newPin === SETUP_PIN) throw new KioskApiError('invalid_input', 'the setup PIN cannot be the staff PIN');
      effective.writeLocal({ staffPin: makeStoredPin(newPin) });
      log.info('staff PIN changed');
      return { ok: true as const };
    },
  };
  return handlers;
}
