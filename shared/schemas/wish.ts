import { z } from 'zod';
import { idSchema, isoDateTime, userText } from './text';

import { EMAIL_PATTERN, PHONE_PATTERN, WISH_CONTACT_MAX, WISH_TEXT_MAX } from '../constants';
export { WISH_TEXT_MAX };

/** Built from shared/constants, which the renderer's wish form checks without zod (renderer/features/wish/wish-form.ts). */
export const wishContactSchema = z.object({
  name: userText(WISH_CONTACT_MAX.name).optional(),
  phone: z.string().max(WISH_CONTACT_MAX.phone).regex(PHONE_PATTERN, 'invalid_phone').optional(),
  email: z.email({ message: 'invalid_email', pattern: EMAIL_PATTERN }).max(WISH_CONTACT_MAX.email).optional(),
});
export type WishContact = z.infer<typeof wishContactSchema>;

/** What the renderer sends when a person presses "Absenden". */
export const wishInputSchema = z.object({
  text: userText(WISH_TEXT_MAX),
  interests: z.array(idSchema).max(20).optional(),
  age_group: idSchema.optional(),
  district: idSchema.optional(),
  language: z.string().min(2).max(10),
  contact: wishContactSchema.optional(),
  contact_consent: z.boolean(),
});
export type WishInput = z.infer<typeof wishInputSchema>;

/** Body of `POST /v1/wishes` (docs/city-api.md). */
export const wishBodySchema = wishInputSchema.extend({
  created_at: isoDateTime,
  kiosk_id: idSchema,
});
export type WishBody = z.infer<typeof wishBodySchema>;
