import { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import { pinHashSchema } from '../../../shared/schemas/pin-hash';

/** Keys of kiosk.json the city API may set remotely (never kioskId, cityApi, staffPin). */
export const REMOTE_KEYS = [
  'place',
  'position',
  'locale',
  'languages',
  'tiles',
  'idle',
  'printer',
  'maintenanceWindow',
  'submissionUrl',
  'speechVolume',
] as const satisfies readonly (keyof KioskConfig)[];
export type RemoteKey = (typeof REMOTE_KEYS)[number];
export type RemotePatch = Partial<Pick<KioskConfig, RemoteKey>>;

export interface RemoteConfig {
  patch: RemotePatch;
  update: { channel: string; feedUrl: string } | null;
  /** Fleet-wide staff PIN (scrypt `admin_pin_hash`), used only when kiosk.json has no staffPin. */
  adminPinHash: string | null;
  /** Fields that were present but invalid (skipped, the rest still applies). */
  rejected: string[];
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * Maps GET /v1/kiosks/{id}/config (docs/city-api.md, snake_case) to kiosk.json fields. Every field is validated on its own
 * with the kiosk.json schema: an invalid field is skipped and named in `rejected`, the others still apply.
 * `idle.reset_after_s` is the total idle time until the reset, so the countdown is reset_after_s − warn_after_s.
 */
export function parseRemoteConfig(body: unknown): RemoteConfig {
  const src = obj(body) ?? {};
  const candidates: Partial<Record<RemoteKey, unknown>> = {};
  const rejected: string[] = [];

  if (src.place !== undefined) candidates.place = src.place;
  if (src.locale_default !== undefined) candidates.locale = src.locale_default;
  if (src.languages !== undefined) candidates.languages = src.languages;
  const home = obj(src.home);
  if (home) candidates.position = { lat: home.lat, lon: home.lon };
  else if (src.home !== undefined) rejected.push('home');
  const tiles = obj(src.tiles);
  if (tiles) candidates.tiles = { urlTemplate: tiles.url_template, attribution: tiles.attribution, maxZoom: tiles.max_zoom ?? 18 };
  const idle = obj(src.idle);
  if (idle) {
    const warn = idle.warn_after_s;
    const reset = idle.reset_after_s;
    candidates.idle = { warnAfterS: warn, countdownS: typeof warn === 'number' && typeof reset === 'number' ? reset - warn : undefined };
  }
  const printer = obj(src.printer);
  if (printer) {
    const t = printer.transport;
    candidates.printer =
      t === 'tcp'
        ? { transport: 'tcp', host: printer.host, port: printer.port ?? 9100, charsPerLine: printer.chars_per_line ?? 48 }
        : t === 'device'
          ? { transport: 'device', device: printer.device, charsPerLine: printer.chars_per_line ?? 48 }
          : { transport: t };
  }
  const mw = obj(src.maintenance_window);
  if (mw) candidates.maintenanceWindow = { start: mw.start, end: mw.end, tz: mw.tz };
  if (src.submission_url !== undefined && src.submission_url !== null) candidates.submissionUrl = src.submission_url;
  if (src.speech_volume !== undefined && src.speech_volume !== null) candidates.speechVolume = src.speech_volume;

  const shape = kioskConfigSchema.shape;
  const patch: Record<string, unknown> = {};
  for (const key of REMOTE_KEYS) {
    if (!(key in candidates)) continue;
    const r = shape[key].safeParse(candidates[key]);
    if (r.success && r.data !== undefined) patch[key] = r.data;
    else rejected.push(key);
  }

  // A feed under a reserved top-level name that never resolves (RFC 2606: .invalid, .example, .test, .localhost)
  // would stop updates for good: rejected, the packaged feed stays.
  const realFeed = (u: string) => !/(^|\.)(invalid|example|test|localhost)$/i.test(new URL(u).hostname.replace(/\.$/, ''));
  const updateSchema = z.object({
    channel: z.string().regex(/^[a-z0-9-]{1,32}$/),
    feed_url: z.url({ protocol: /^https?$/ }).max(500).refine(realFeed, 'placeholder update feed'),
  });
  const upd = src.update === undefined ? null : updateSchema.safeParse(src.update);
  if (upd && !upd.success) rejected.push('update');
  const pin = pinHashSchema.safeParse(src.admin_pin_hash);
  if (src.admin_pin_hash != null && !pin.success) rejected.push('admin_pin_hash');
  // Unsalted SHA-256 of a 4–12 digit PIN is brute-forced in milliseconds: no longer accepted (issue 13).
  if (src.admin_pin_sha256 != null) rejected.push('admin_pin_sha256');

  return {
    patch: patch as RemotePatch,
    update: upd?.success ? { channel: upd.data.channel, feedUrl: upd.data.feed_url } : null,
    adminPinHash: pin.success ? pin.data : null,
    rejected,
  };
}

/**
 * The effective configuration: the configuration the kiosk started with, overlaid with remote values for every key
 * that kiosk.json on the device does not set (local wins), overlaid with what staff changed on the device.
 */
export function mergeEffectiveConfig(
  base: KioskConfig,
  remote: RemotePatch | null,
  localKeys: ReadonlySet<string>,
  staffPatch: Partial<KioskConfig>,
): KioskConfig {
  const fromRemote: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(remote ?? {})) if (!localKeys.has(k) && !(k in staffPatch)) fromRemote[k] = v;
  return kioskConfigSchema.parse({ ...base, ...fromRemote, ...staffPatch });
}
