import { z } from 'zod';

/**
 * A staff PIN hash: `scrypt$<N>$<r>$<p>$<salt hex>$<key hex>` (node:crypto scrypt, salted; docs/kiosk-config.md).
 * Used for kiosk.json's `staffPin` and the city API's fleet-wide `admin_pin_hash`. Never plain SHA-256.
 * Cost bounds keep a hostile config from making a PIN check take seconds or gigabytes: N a power of two from
 * 2^14 to 2^17, r 8 to 16, p 1 to 4, salt 16 to 64 bytes, key 32 or 64 bytes.
 */
export type PinHash = string;

const PIN_HASH = /^scrypt\$(\d{5,6})\$(\d{1,2})\$(\d)\$([0-9a-f]{32,128})\$([0-9a-f]{64}|[0-9a-f]{128})$/;

export interface ParsedPinHash {
  N: number;
  r: number;
  p: number;
  /** hex */
  salt: string;
  /** hex */
  key: string;
}

export function parsePinHash(value: string): ParsedPinHash | null {
  const m = PIN_HASH.exec(value);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = (N & (N - 1)) === 0;
  if (!powerOfTwo || N < 2 ** 14 || N > 2 ** 17 || r < 8 || r > 16 || p < 1 || p > 4 || m[4]!.length % 2 !== 0) return null;
  return { N, r, p, salt: m[4]!, key: m[5]! };
}

export const pinHashSchema = z
  .string()
  .max(400)
  .regex(/^scrypt\$/, 'PIN hash must be scrypt$N$r$p$<salt hex>$<key hex> (see docs/kiosk-config.md)')
  .refine((v) => parsePinHash(v) !== null, 'PIN hash must be scrypt$N$r$p$<salt hex>$<key hex> with N 2^14…2^17, r 8…16, p 1…4 (see docs/kiosk-config.md)');

/** kiosk.json's `staffPin` before issue 13 (salted SHA-256): still read, replaced by a scrypt hash on the first correct unlock. */
export const legacyStoredPinSchema = z.object({ salt: z.string().min(8).max(128), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type LegacyStoredPin = z.infer<typeof legacyStoredPinSchema>;
