import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIOSK_CONFIG_SCHEMA_FILE, kioskConfigJsonSchemaText } from '../../scripts/kiosk-config-schema';

describe('docs/kiosk-config.schema.json', () => {
  it('is what `npm run docs:schema` generates from the zod schema (regenerate it after changing kiosk-config.ts)', () => {
    expect(readFileSync(KIOSK_CONFIG_SCHEMA_FILE, 'utf8')).toBe(kioskConfigJsonSchemaText());
  });

  it('describes kiosk.json: unknown keys refused, defaults optional, printer as a choice of transports', () => {
    const schema = JSON.parse(kioskConfigJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.printer.oneOf ?? schema.properties.printer.anyOf).toHaveLength(3);
    expect(schema.properties.tilePack.pattern).toContain('pmtiles');
  });
});
