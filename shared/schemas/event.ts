import { z } from 'zod';
import { idSchema, isoDateTime, plainText } from './text';

/** One occurrence of a calendar event, as stored by the kiosk after expanding the ICS feed. */
export const eventOccurrenceSchema = z.object({
  uid: plainText(300, 1),
  offer_id: idSchema.optional(),
  title: plainText(200, 1),
  description: plainText(5000).optional(),
  location: plainText(300).optional(),
  start: isoDateTime,
  end: isoDateTime.optional(),
  all_day: z.boolean().default(false),
});
export type EventOccurrence = z.infer<typeof eventOccurrenceSchema>;
