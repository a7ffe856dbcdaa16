import { z } from 'zod';
import { method } from './define';
import { cityApiConfigSchema } from '../schemas/kiosk-config';
import { syncProgressSchema } from './sync-progress';

/** Calls of this feature; see shared/contract/index.ts. Owned by the fleet feature (staff screen, watchdog heartbeat). */

/** A staff session token from `staffUnlock`; every other staff call needs it. */
export const staffTokenSchema = z.string().regex(/^[0-9a-f]{64}$/, 'invalid session');

/** A PIN: 4 to 12 digits. */
export const pinSchema = z.string().regex(/^\d{4,12}$/, 'PIN must be 4 to 12 digits');

/** The PIN that opens the staff screen while kiosk.json has no `staffPin` (documented in docs/deployment.md); must be changed. */
export const SETUP_PIN = '246810';
export const MAX_PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

import { STAFF_ACTIONS } from '../constants';
export { STAFF_ACTIONS };
export const staffActionSchema = z.enum(STAFF_ACTIONS);
export type StaffAction = z.infer<typeof staffActionSchema>;

export const staffUnlockResultSchema = z.object({
  ok: z.boolean(),
  /** Short-lived session token when ok. */
  token: staffTokenSchema.nullable(),
  /** Wrong tries left before the lockout (0 while locked). */
  attemptsLeft: z.number().int().min(0),
  /** ISO date-time until which the PIN pad is locked, else null. */
  lockedUntil: z.string().nullable(),
  /** true when the setup PIN was used: the staff screen asks to change it. */
  setupPin: z.boolean(),
});
export type StaffUnlockResult = z.infer<typeof staffUnlockResultSchema>;

const componentState = z.object({
  /** Short machine-readable state, e.g. "ok", "error", "paper_out", "none". */
  state: z.string().max(40),
  /** Staff-level detail (English or technical), may be empty. */
  detail: z.string().max(500),
});

export const staffStatusSchema = z.object({
  version: z.string(),
  kioskId: z.string(),
  place: z.string(),
  uptimeS: z.number().int().min(0),
  /** The setup PIN is still active: staff should set their own. */
  setupPinActive: z.boolean(),
  cityApi: z.object({ configured: z.boolean(), baseUrl: z.string().nullable(), registered: z.boolean().nullable() }),
  sync: componentState
    .extend({
      lastSyncAt: z.string().nullable(),
      /** Seconds since the last successful sync on the kiosk's clock (null: never); the staff screen warns after 24 h. */
      dataAgeS: z.number().int().min(0).nullable().optional(),
      /** The running sync's progress (first sync: pages and offers collected so far), null when none runs. */
      progress: syncProgressSchema.nullable().optional(),
    })
    .nullable(),
  outbox: componentState.extend({ pending: z.number().int().min(0) }).nullable(),
  printer: componentState.nullable(),
  diskFreeMb: z.number().nullable(),
  remote: z.object({ lastConfigAt: z.string().nullable(), lastHeartbeatAt: z.string().nullable(), lastError: z.string().nullable() }),
  update: z.object({ state: z.string(), version: z.string().nullable(), detail: z.string() }),
  lastErrors: z.array(z.object({ at: z.string(), code: z.string(), message: z.string() })).max(20),
});
export type StaffStatus = z.infer<typeof staffStatusSchema>;

/** Calls of other features that only a staff session may make (token checked before the handler runs). */
export const STAFF_ONLY_CALLS = ['testPrint', 'makeBrochure', 'syncNow'] as const;

export const staffActionResultSchema = z.object({
  ok: z.boolean(),
  /**
   * Machine-readable outcome the UI translates: "done", "started", "not_available", "failed", and "deferred"
   * (sync_now during a backoff / Retry-After: `detail` is the ISO time of the next try).
   */
  outcome: z.enum(['done', 'started', 'not_available', 'failed', 'deferred']),
  detail: z.string().max(500),
});
export type StaffActionResult = z.infer<typeof staffActionResultSchema>;

export const rendererHeartbeatInputSchema = z
  .object({
    /** Seconds since the last touch on the public UI. */
    idleS: z.number().min(0).max(10 * 365 * 86_400).optional(),
    /** A form (wish) holds input that was not sent yet. */
    formDirty: z.boolean().optional(),
    /** The current screen name, for logs. */
    screen: z.string().max(40).optional(),
  })
  .default({});

export const fleetContract = {
  staffUnlock: method(z.object({ pin: z.string().max(32) }), staffUnlockResultSchema),
  /** Ends a staff session (leaving the staff screen, timeout). */
  staffLock: method(z.object({ token: z.string().max(128) }), z.object({ ok: z.literal(true) })),
  getStaffStatus: method(z.object({ token: staffTokenSchema }), staffStatusSchema),
  staffAction: method(z.object({ token: staffTokenSchema, action: staffActionSchema }), staffActionResultSchema),
  /** Sets the city API base URL and kiosk token; written to kiosk.json atomically and applied live. */
  setCityApi: method(
    z.object({ token: staffTokenSchema, baseUrl: cityApiConfigSchema.shape.baseUrl, apiToken: cityApiConfigSchema.shape.token }),
    z.object({ ok: z.literal(true) }),
  ),
  setStaffPin: method(z.object({ token: staffTokenSchema, newPin: pinSchema }), z.object({ ok: z.literal(true) })),
  /**
   * The renderer is alive (every few seconds). The reply may ask it to reload (browser host; Electron reloads itself);
   * `configRev` changes whenever the effective configuration changed (remote config, staff), so the UI reloads its
   * boot info and idle times, languages, map position … apply without a restart.
   */
  rendererHeartbeat: method(rendererHeartbeatInputSchema, z.object({ reload: z.boolean(), configRev: z.number().int().min(0) })),
};
