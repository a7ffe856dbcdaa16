import { z } from 'zod';
import { idSchema, labelSchema, plainText } from './text';

/**
 * Everyday words people type for an interest, per language (staff-maintained in the city API, issue 15): the kiosk's
 * search finds the interest's offers by them ("Tischkicker" → Bewegung & Sport), after the exact hits.
 */
const searchWordList = z.array(plainText(60, 1)).max(50).optional();
export const searchWordsSchema = z.strictObject({ de: searchWordList, en: searchWordList, tr: searchWordList, uk: searchWordList, ar: searchWordList });
export const interestSchema = z.object({ id: idSchema, label: labelSchema, icon: plainText(64).optional(), search_words: searchWordsSchema.optional() });
export const ageGroupSchema = z.object({
  id: idSchema,
  label: labelSchema,
  min_age: z.number().int().min(0).max(130).optional(),
  max_age: z.number().int().min(0).max(130).optional(),
});
/** A town of a district server (city API issue 19): lower-case letters, digits and inner hyphens, e.g. sankt-augustin. */
export const townIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'town: a-z, 0-9 and inner hyphens, at most 64');
/**
 * `town`: the district belongs to that town (a district server for several towns); the city API sends a kiosk only
 * the districts of its towns and those without town. Kiosks need not read it.
 */
export const districtSchema = z.object({ id: idSchema, label: labelSchema, town: townIdSchema.optional() });

export const taxonomySchema = z.object({
  interests: z.array(interestSchema).max(200),
  age_groups: z.array(ageGroupSchema).max(50),
  districts: z.array(districtSchema).max(200),
});

export type Interest = z.infer<typeof interestSchema>;
export type AgeGroup = z.infer<typeof ageGroupSchema>;
export type District = z.infer<typeof districtSchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;
