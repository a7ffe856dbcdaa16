import { z } from 'zod';
import { printerDeviceSchema } from './kiosk-config';
import { pinHashSchema } from './pin-hash';
import { hhmm, idSchema, isoDateTime, plainText } from './text';

/**
 * Wire formats of the city API (docs/city-api.md) besides offers, taxonomy and wishes
 * (see offer.ts, taxonomy.ts, wish.ts). Used by the reference server and by the kiosk.
 */

/** Cursor pagination limit of GET /v1/offers. */
export const OFFERS_PAGE_MAX = 500;

export const remoteKioskConfigSchema = z.object({
  name: plainText(200, 1),
  place: plainText(200, 1),
  locale_default: z.string().min(2).max(10),
  languages: z.array(z.string().min(2).max(10)).min(1).max(20),
  home: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), zoom: z.number().int().min(1).max(22) }),
  tiles: z
    .object({ url_template: z.string().max(500), attribution: plainText(300, 1), max_zoom: z.number().int().min(1).max(22) })
    .optional(),
  idle: z.object({ warn_after_s: z.number().int().min(5).max(3600), reset_after_s: z.number().int().min(5).max(7200) }),
  printer: z
    .object({
      transport: z.enum(['tcp', 'device', 'none']),
      host: z.string().max(255).optional(),
      port: z.number().int().min(1).max(65535).optional(),
      device: printerDeviceSchema.optional(),
      chars_per_line: z.union([z.literal(42), z.literal(48)]),
    })
    .optional(),
  maintenance_window: z.object({ start: hhmm, end: hhmm, tz: z.string().min(1).max(64) }),
  /** Absent: the kiosk keeps the update feed it was packaged with (never a placeholder feed). */
  update: z.object({ channel: z.string().min(1).max(40), feed_url: z.url({ protocol: /^https?$/ }).max(500) }).optional(),
  submission_url: z.url({ protocol: /^https?$/ }).max(500),
  /** Fleet-wide staff PIN as a scrypt hash (shared/schemas/pin-hash.ts); the old unsalted `admin_pin_sha256` is refused. */
  admin_pin_hash: pinHashSchema.optional(),
  speech_volume: z.number().min(0).max(1).optional(),
});
export type RemoteKioskConfig = z.infer<typeof remoteKioskConfigSchema>;

export const PRINTER_STATES = ['ok', 'paper_low', 'paper_out', 'cover_open', 'offline', 'none'] as const;
/** `send_stats`: send the usage counters (every unsent day, today included) now (issue 18). */
export const KIOSK_COMMAND_TYPES = ['sync_now', 'reload', 'relaunch', 'check_update', 'clear_cache', 'send_stats'] as const;
export const kioskCommandTypeSchema = z.enum(KIOSK_COMMAND_TYPES);
export type KioskCommandType = z.infer<typeof kioskCommandTypeSchema>;

export const heartbeatBodySchema = z.object({
  version: z.string().min(1).max(40),
  uptime_s: z.number().int().min(0),
  last_sync_at: isoDateTime.nullable(),
  /** Seconds since the last successful sync (null: never synced); the fleet page can flag stale kiosks. */
  data_age_s: z.number().int().min(0).nullable().optional(),
  offers_count: z.number().int().min(0),
  outbox_pending: z.number().int().min(0),
  printer: z.object({ state: z.enum(PRINTER_STATES) }),
  disk_free_mb: z.number().min(0),
  errors_since_last: z
    .array(z.object({ at: isoDateTime, code: z.string().min(1).max(64), message: z.string().max(500) }))
    .max(100),
  /** Commands of earlier heartbeats that the kiosk has carried out. */
  acked: z.array(idSchema).max(100).optional(),
});
export type HeartbeatBody = z.infer<typeof heartbeatBodySchema>;

export const kioskCommandSchema = z.object({ id: idSchema, type: kioskCommandTypeSchema });
export type KioskCommand = z.infer<typeof kioskCommandSchema>;
export const heartbeatResponseSchema = z.object({ commands: z.array(kioskCommandSchema).max(100) });
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

const counter = z.number().int().min(0).max(10_000_000);
/** A search word is reported only from this many searches of it on one kiosk and day. */
export const SEARCH_MISS_MIN_COUNT = 3;
/** One normalised word (shared/logic/normalize-text.ts): letters of any script, no digits, no spaces, 2..40 letters. */
export const searchMissWordSchema = z.string().regex(/^\p{L}{2,40}$/u);
/** POST /v1/kiosks/{id}/stats — anonymous counters only, keys are taxonomy ids / language codes, never free text. */
export const statsBodySchema = z
  .object({
    day: z.iso.date(),
    sessions: counter,
    offers_viewed_by_interest: z.record(idSchema, counter),
    slips_printed: counter,
    wishes_sent: counter,
    languages_used: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,8})?$/), counter),
    large_text_sessions: counter,
    high_contrast_sessions: counter,
    /** Sessions in which read-aloud was used (issue 18; optional for kiosks of earlier versions). */
    speech_sessions: counter.optional(),
    /** Sessions by local hour of day ("00".."23") when they began. */
    sessions_by_hour: z.record(z.string().regex(/^([01]\d|2[0-3])$/), counter).optional(),
    /**
     * Searches that found nothing: the normalised search word only (one word, letters only, at most 40), and only when
     * it was searched at least {@link SEARCH_MISS_MIN_COUNT} times that day on that kiosk (k-anonymity).
     */
    searches_without_result: z.record(searchMissWordSchema, counter.min(SEARCH_MISS_MIN_COUNT)).optional(),
  })
  .strict();
export type StatsBody = z.infer<typeof statsBodySchema>;

export const wishCreatedSchema = z.object({ id: idSchema });
export const apiErrorBodySchema = z.object({ error: z.string() });
