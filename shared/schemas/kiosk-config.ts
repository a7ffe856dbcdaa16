import { z } from 'zod';
import { legacyStoredPinSchema, pinHashSchema } from './pin-hash';
import { hhmm, idSchema } from './text';
import { townIdSchema } from './taxonomy';

import { LANGUAGES } from '../constants';
export { LANGUAGES };
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const SIEGBURG_CENTRE = { lat: 50.7969, lon: 7.2079 } as const;

/**
 * A printer device path, nothing else: `/dev/usb/lp0` … `/dev/usb/lp999`, `/dev/lp0` …, or a Windows printer port
 * (`COM1`, `LPT1`, `USB001`, also as `\\.\COM1`, `\\.\LPT1`, `\\.\USB001`). A kiosk.json or a remote config cannot point
 * the printer transport at any other file (kiosk.json, the database, /etc/…, a FIFO, a network share).
 */
export const PRINTER_DEVICE_HINT = 'printer.device must be a printer device path: /dev/usb/lp0, /dev/lp0, COM1, LPT1 or \\\\.\\USB001';
/** One pattern (it goes into docs/kiosk-config.schema.json); Windows port names in any case. */
const PRINTER_DEVICE = /^(\/dev\/(usb\/)?lp\d{1,3}|(\\\\\.\\)?([Cc][Oo][Mm]\d{1,3}|[Ll][Pp][Tt]\d|[Uu][Ss][Bb]\d{3}))$/;
export const printerDeviceSchema = z.string().min(1).max(40).regex(PRINTER_DEVICE, PRINTER_DEVICE_HINT);

export const printerConfigSchema = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('tcp'),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(9100),
    charsPerLine: z.union([z.literal(42), z.literal(48)]).default(48),
  }),
  z.object({
    transport: z.literal('device'),
    device: printerDeviceSchema,
    charsPerLine: z.union([z.literal(42), z.literal(48)]).default(48),
  }),
  z.object({ transport: z.literal('none') }),
]);
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export const tilesConfigSchema = z.object({
  urlTemplate: z
    .string()
    .max(500)
    .regex(/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL with {z}, {x} and {y}'),
  attribution: z.string().min(1).max(300),
  maxZoom: z.number().int().min(1).max(22).default(18),
});

export const cityApiConfigSchema = z.object({
  kind: z.enum(['gemeinsam', 'hsds']).default('gemeinsam'),
  baseUrl: z.url({ protocol: /^https?$/ }).max(500),
  token: z.string().min(1).max(500),
  syncIntervalS: z.number().int().min(60).max(86_400).default(900),
  wishesUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
  /**
   * On a district server (city API issue 19): neighbouring towns whose offers and districts this kiosk also shows
   * (a kiosk near the border); its own town is set on the server. Sent as `towns=` (docs/city-api.md, "Towns").
   */
  towns: z.array(townIdSchema).max(20).optional(),
});
export type CityApiConfig = z.infer<typeof cityApiConfigSchema>;

export const kioskConfigSchema = z
  .object({
    kioskId: idSchema.default('demo'),
    place: z.string().min(1).max(200).default('Siegburg'),
    position: z
      .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
      .default({ ...SIEGBURG_CENTRE }),
    locale: languageSchema.default('de'),
    languages: z.array(languageSchema).min(1).default([...LANGUAGES]),
    cityApi: cityApiConfigSchema.nullable().optional(),
    printer: printerConfigSchema.default({ transport: 'none' }),
    tiles: tilesConfigSchema.optional(),
    tilePack: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9._-]+\.(mbtiles|pmtiles)$/, 'must be a file name in the data directory ending in .mbtiles or .pmtiles')
      .optional(),
    idle: z
      .object({
        warnAfterS: z.number().int().min(5).max(3600).default(90),
        countdownS: z.number().int().min(5).max(600).default(30),
      })
      .default({ warnAfterS: 90, countdownS: 30 }),
    maintenanceWindow: z
      .object({ start: hhmm, end: hhmm, tz: z.string().min(1).max(64) })
      .default({ start: '02:00', end: '04:00', tz: 'Europe/Berlin' }),
    submissionUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
    /** scrypt hash `scrypt$N$r$p$salt$key` (set from the staff screen); the old `{salt, sha256}` is migrated on first use. */
    staffPin: z.union([pinHashSchema, legacyStoredPinSchema]).optional(),
    speechVolume: z.number().min(0).max(1).default(1),
  })
  .strict();
export type KioskConfig = z.infer<typeof kioskConfigSchema>;
