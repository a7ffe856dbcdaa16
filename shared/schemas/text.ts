import { z } from 'zod';
import { CONTROL_CHARS as CONTROL } from '../constants';

/** Looks like markup: a tag opener, a closing tag, a comment or an HTML entity. Plain-text fields must not contain it. */
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/** A plain-text field from the city API: bounded, no markup, no control characters. */
export function plainText(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !MARKUP.test(s), { message: 'must be plain text, not HTML' })
    .refine((s) => !CONTROL.test(s), { message: 'contains control characters' });
}

/** Free text typed by a person (wishes): kept verbatim (any markup is rendered inert), only bounded and control-free. */
export function userText(max: number, min = 1) {
  return z
    .string()
    .refine((s) => !CONTROL.test(s), { message: 'contains control characters' })
    .refine((s) => s.trim().length >= min, { message: 'too_short' })
    .refine((s) => [...s].length <= max, { message: 'too_long' });
}

export const idSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'invalid id');
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');
/** Localised label: German is required, other languages optional. */
export const labelSchema = z
  .object({ de: plainText(200, 1) })
  .catchall(plainText(200, 1));
export type Label = z.infer<typeof labelSchema>;
