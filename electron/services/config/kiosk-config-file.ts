import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';

export const CONFIG_FILE_NAME = 'kiosk.json';
const MAX_CONFIG_BYTES = 256 * 1024;

/** kiosk.json cannot be used. The message names the file, the field and the problem, in plain words. */
export class KioskConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly issues: { field: string; problem: string }[] = [],
  ) {
    super(message);
    this.name = 'KioskConfigError';
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(whole file)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

export function describeIssues(error: z.ZodError): { field: string; problem: string }[] {
  return error.issues.map((i) => ({ field: fieldName(i.path), problem: i.message }));
}

/** Parses kiosk.json text. Throws KioskConfigError naming the field on any problem. */
export function parseKioskConfig(text: string, file = CONFIG_FILE_NAME): KioskConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new KioskConfigError(`${file} is not valid JSON: ${(err as Error).message}. Nothing was changed; fix the file and start again.`, file, [
      { field: '(whole file)', problem: 'not valid JSON' },
    ]);
  }
  const result = kioskConfigSchema.safeParse(raw);
  if (!result.success) {
    const issues = describeIssues(result.error);
    const list = issues.map((i) => `field "${i.field}": ${i.problem}`).join('; ');
    throw new KioskConfigError(`${file} has an invalid setting — ${list}. Nothing was changed; fix the file and start again.`, file, issues);
  }
  return result.data;
}

/** Reads `<dataDir>/kiosk.json`; a missing file means all defaults (sample data, no printer). Never writes. */
export function loadKioskConfig(dataDir: string): KioskConfig {
  const file = join(dataDir, CONFIG_FILE_NAME);
  if (!existsSync(file)) return kioskConfigSchema.parse({});
  const buf = readFileSync(file);
  if (buf.byteLength > MAX_CONFIG_BYTES) throw new KioskConfigError(`${file} is larger than ${MAX_CONFIG_BYTES} bytes.`, file);
  return parseKioskConfig(buf.toString('utf8'), file);
}
