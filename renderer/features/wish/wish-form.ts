import { CONTROL_CHARS, EMAIL_PATTERN, PHONE_PATTERN, WISH_CONTACT_MAX, WISH_TEXT_MAX } from '../../../shared/constants';
import type { WishInput } from '../../../shared/schemas/wish';

/** Steps of the wish form; the confirmation comes after them. */
export const WISH_STEPS = ['what', 'age', 'district', 'contact', 'summary'] as const;
export type WishStep = (typeof WISH_STEPS)[number];
export const WISH_STEP_COUNT = WISH_STEPS.length;

export const CONTACT_FIELDS = ['name', 'phone', 'email'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactDraft = Record<ContactField, string>;
export const EMPTY_CONTACT: ContactDraft = { name: '', phone: '', email: '' };

/** Field limits (the shared schema's limits). */
export const CONTACT_MAX: Record<ContactField, number> = WISH_CONTACT_MAX;

/** Length as people count it (code points, so an emoji is one). */
export const charCount = (s: string) => [...s].length;

export type TextProblem = 'empty' | 'tooLong' | 'badChars' | null;

/** What is wrong with the wish text; an empty text is fine when a topic was tapped. */
export function textProblem(text: string, topicCount: number): TextProblem {
  if (CONTROL_CHARS.test(text)) return 'badChars';
  if (charCount(text) > WISH_TEXT_MAX) return 'tooLong';
  if (text.trim() === '' && topicCount === 0) return 'empty';
  return null;
}

/**
 * The contact checks of shared/schemas/wish.ts (wishContactSchema) without zod, so the wish form's first screen loads
 * none (issue 20). Same constants as the schema; tests/unit/wish-contact-checks.test.ts holds both to the same answers.
 */
export const contactFieldOk: Record<ContactField, (value: string) => boolean> = {
  name: (s) => !CONTROL_CHARS.test(s) && s.trim().length >= 1 && charCount(s) <= WISH_CONTACT_MAX.name,
  phone: (s) => s.length <= WISH_CONTACT_MAX.phone && PHONE_PATTERN.test(s),
  email: (s) => s.length <= WISH_CONTACT_MAX.email && EMAIL_PATTERN.test(s),
};

export type ContactProblems = Partial<Record<ContactField, 'email' | 'phone' | 'nameTooLong'>> & { needPhoneOrEmail?: true };

/** Problems of the contact step (only asked with consent). Empty fields are fine; phone or e-mail is needed. */
export function contactProblems(c: ContactDraft): ContactProblems {
  const p: ContactProblems = {};
  const name = c.name.trim();
  const phone = c.phone.trim();
  const email = c.email.trim();
  if (name && !contactFieldOk.name(name)) p.name = 'nameTooLong';
  if (phone && !contactFieldOk.phone(phone)) p.phone = 'phone';
  if (email && !contactFieldOk.email(email)) p.email = 'email';
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
