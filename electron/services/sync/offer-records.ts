import { offerSchema, type Offer } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';

/** Outcome of validating one record of a page. */
export type RecordCheck = { ok: true; offer: Offer } | { ok: false; id: string | null; reason: string };

/** The id of a rejected record for the log: only when it is a short, harmless string. */
function loggableId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(id)) return id;
  }
  return null;
}

/**
 * Validates records against the shared offer schema and the taxonomy the kiosk will hold:
 * an unknown interest, age group or district id rejects the record (it could not be filtered or labelled).
 */
export function createRecordChecker(taxonomy: Taxonomy): (raw: unknown) => RecordCheck {
  const interests = new Set(taxonomy.interests.map((i) => i.id));
  const ages = new Set(taxonomy.age_groups.map((a) => a.id));
  const districts = new Set(taxonomy.districts.map((d) => d.id));
  return (raw) => {
    const parsed = offerSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, id: loggableId(raw), reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}` };
    }
    const offer = parsed.data;
    const badInterest = offer.interests.find((i) => !interests.has(i));
    if (badInterest) return { ok: false, id: offer.id, reason: `interests: unknown taxonomy id ${badInterest}` };
    const badAge = offer.age_groups.find((a) => !ages.has(a));
    if (badAge) return { ok: false, id: offer.id, reason: `age_groups: unknown taxonomy id ${badAge}` };
    if (offer.district !== undefined && !districts.has(offer.district)) {
      return { ok: false, id: offer.id, reason: `district: unknown taxonomy id ${offer.district}` };
    }
    // `sample` is a kiosk-side marker; a city record never carries it.
    delete offer.sample;
    return { ok: true, offer };
  };
}
