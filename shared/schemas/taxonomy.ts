import { z } from 'zod';
import { idSchema, labelSchema, plainText } from './text';

export const interestSchema = z.object({ id: idSchema, label: labelSchema, icon: plainText(64).optional() });
export const ageGroupSchema = z.object({
  id: idSchema,
  label: labelSchema,
  min_age: z.number().int().min(0).max(130).optional(),
  max_age: z.number().int().min(0).max(130).optional(),
});
export const districtSchema = z.object({ id: idSchema, label: labelSchema });

export const taxonomySchema = z.object({
  interests: z.array(interestSchema).max(200),
  age_groups: z.array(ageGroupSchema).max(50),
  districts: z.array(districtSchema).max(200),
});

export type Interest = z.infer<typeof interestSchema>;
export type AgeGroup = z.infer<typeof ageGroupSchema>;
export type District = z.infer<typeof districtSchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;
