import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMAIL_PATTERN } from '../../shared/constants';
import { wishContactSchema } from '../../shared/schemas/wish';
import { contactFieldOk, type ContactField } from '../../renderer/features/wish/wish-form';

/**
 * The wish form checks the contact fields without zod (issue 20: zod out of the first screen). These checks and the
 * schema the main side parses with (shared/schemas/wish.ts) must accept and refuse the same inputs, or a person gets
 * "fine" in the form and an error on sending (or the other way round).
 */
const INPUTS: Record<ContactField, string[]> = {
  name: [
    'Erika Mustermann',
    'x',
    'x'.repeat(100),
    'x'.repeat(101),
    '🧶'.repeat(100), // 100 code points, 200 UTF-16 units
    '🧶'.repeat(101),
    'Ünal Çelik',
    'Олена Коваленко',
    'فاطمة',
    '<b>Erika</b>', // markup is kept verbatim in a person's text (rendered inert)
    '<script>alert(1)</script>',
    'Erika\u0007',
    'Erika\u0000',
    'Erika\u007F',
    'Erika\tMustermann',
    'Erika\nMustermann',
    ' ',
    '',
  ],
  phone: [
    '02241 102-0',
    '+49 (2241) 102/0',
    '123',
    '12',
    '1'.repeat(40),
    '1'.repeat(41),
    'abc',
    '0224l 1020',
    '02241\u00a01020', // no-break space
    '٠٢٢٤١', // Arabic-Indic digits
    '０２２４１', // full-width digits
    '<b>123</b>',
    '123\u0007',
    '123\n456',
    '',
  ],
  email: [
    'erika@siegburg.de',
    'erika.mustermann+kiosk@stadt-siegburg.de',
    "o'brien@example.org",
    'erika@',
    '@siegburg.de',
    'erika@siegburg',
    'erika@siegburg.d',
    '.erika@siegburg.de',
    'erika.@siegburg.de',
    'erika..m@siegburg.de',
    'erika@-siegburg.de',
    'erika@sieg_burg.de',
    'erika mustermann@siegburg.de',
    'ériká@siegburg.de',
    'erika@sïegburg.de',
    '<erika@siegburg.de>',
    '"erika"@siegburg.de',
    'erika@siegburg.de\u0007',
    'erika@siegburg.de\n',
    `${'a'.repeat(64)}@${'b'.repeat(180)}.de`, // 248 characters
    `${'a'.repeat(64)}@${'b'.repeat(187)}.de`, // 255 characters
    '',
  ],
};

describe('wish contact: plain checks = wishContactSchema', () => {
  for (const field of Object.keys(INPUTS) as ContactField[]) {
    it.each(INPUTS[field].map((v) => [[...JSON.stringify(v)].slice(0, 40).join(''), v] as const))(`${field} %s`, (_label, value) => {
      const schema = wishContactSchema.shape[field];
      expect(contactFieldOk[field](value)).toBe(schema.safeParse(value).success);
    });
  }

  it('the table holds accepted and refused inputs for every field (else the comparison proves little)', () => {
    for (const field of Object.keys(INPUTS) as ContactField[]) {
      const answers = new Set(INPUTS[field].map((v) => contactFieldOk[field](v)));
      expect([...answers].sort()).toEqual([false, true]);
    }
  });

  it("EMAIL_PATTERN is zod's own default e-mail pattern (a zod upgrade that changes it shows here)", () => {
    expect(EMAIL_PATTERN.source).toBe(z.regexes.email.source);
    expect(EMAIL_PATTERN.flags).toBe(z.regexes.email.flags);
  });
});
