import { WISH_TEXT_MAX, wishContactSchema, type WishInput } from '../../../shared/schemas/wish';

/** Steps of the wish form; the confirmation comes after them. */
export const WISH_STEPS = ['what', 'age', 'district', 'contact', 'summary'] as const;
export type WishStep = (typeof WISH_STEPS)[number];
export const WISH_STEP_COUNT = WISH_STEPS.length;

export const CONTACT_FIELDS = ['name', 'phone', 'email'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactDraft = Record<ContactField, string>;
export const EMPTY_CONTACT: ContactDraft = { name: '', phone: '', email: '' };

/** Field limits (the shared schema's limits). */
export const CONTACT_MAX: Record<ContactField, number> = { name: 100, phone: 40, email: 254 };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Length as people count it (code points, so an emoji is one). */
export const charCount = (s: string) => [...s].length;

export type TextProblem = 'empty' | 'tooLong' | 'badChars' | null;

/** What is wrong with the wish text; an empty text is fine when a topic was tapped. */
export function textProblem(text: string, topicCount: number): TextProblem {
  if (CONTROL.test(text)) return 'badChars';
  if (charCount(text) > WISH_TEXT_MAX) return 'tooLong';
  if (text.trim() === '' && topicCount === 0) return 'empty';
  return null;
}

export type ContactProblems = Partial<Record<ContactField, 'email' | 'phone' | 'nameTooLong'>> & { needPhoneOrEmail?: true };

/** Problems of the contact step (only asked with consent). Empty fields are fine; phone or e-mail is needed. */
export function contactProblems(c: ContactDraft): ContactProblems {
  const p: ContactProblems = {};
  const name = c.name.trim();
  const phone = c.phone.trim();
  const email = c.email.trim();
  if (name && !wishContactSchema.shape.name.safeParse(name).success) p.name = 'nameTooLong';
  if (phone && !wishContactSchema.shape.phone.safeParse(phone).success) p.phone = 'phone';
  if (email && !wishContactSchema.shape.email.safeParse(email).success) p.email = 'email';
  if (!phone && !email) p.needPhoneOrEmail = true;
  return p;
}

export const hasProblems = (p: ContactProblems) => Object.keys(p).length > 0;

export interface WishDraft {
  text: string;
  interests: string[];
  ageGroup: string | null;
  district: string | null;
  /** null: not asked yet; false: declined; true: agreed. */
  consent: boolean | null;
  contact: ContactDraft;
}

/**
 * The wish as sent to the main side. Without consent no contact field leaves the form — not even empty.
 * When only topics were tapped, the text names them (the city API needs a text).
 */
export function buildWishInput(d: WishDraft, language: string, topicLabels: (ids: string[]) => string[]): WishInput {
  const text = d.text.trim() === '' ? topicLabels(d.interests).join(', ') : d.text;
  const input: WishInput = { text, language, contact_consent: d.consent === true };
  if (d.interests.length) input.interests = [...d.interests];
  if (d.ageGroup) input.age_group = d.ageGroup;
  if (d.district) input.district = d.district;
  if (d.consent === true) {
    const contact: NonNullable<WishInput['contact']> = {};
    if (d.contact.name.trim()) contact.name = d.contact.name.trim();
    if (d.contact.phone.trim()) contact.phone = d.contact.phone.trim();
    if (d.contact.email.trim()) contact.email = d.contact.email.trim();
    if (Object.keys(contact).length) input.contact = contact;
  }
  return input;
}
