/**
 * Writes docs/kiosk-config.schema.json, the JSON Schema of kiosk.json, generated from the zod schema
 * (`kioskConfigSchema`, the truth) so editors can validate a kiosk.json:
 *   npm run docs:schema
 * tests/unit/kiosk-config-schema.test.ts fails when the committed file is not what this script writes.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { kioskConfigSchema } from '../shared/schemas/kiosk-config';

export const KIOSK_CONFIG_SCHEMA_FILE = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs/kiosk-config.schema.json');

/** The JSON Schema text (input side: fields with a default are optional), stable for diffs. */
export function kioskConfigJsonSchemaText(): string {
  const schema = z.toJSONSchema(kioskConfigSchema, { io: 'input', target: 'draft-2020-12' });
  const doc = {
    $schema: schema.$schema,
    title: 'kiosk.json — local configuration of a GEMEINSAM kiosk (generated from shared/schemas/kiosk-config.ts; see docs/kiosk-config.md)',
    ...schema,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(KIOSK_CONFIG_SCHEMA_FILE, kioskConfigJsonSchemaText());
  process.stdout.write(`wrote ${KIOSK_CONFIG_SCHEMA_FILE}\n`);
}
