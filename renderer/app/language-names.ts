import type { Language } from '../../shared/schemas/kiosk-config';

/** Each language named in itself (autonyms), so everyone finds their own; with the HTML lang to read it correctly. */
export const LANGUAGE_AUTONYMS: Record<Language, { name: string; lang: string }> = {
  de: { name: 'Deutsch', lang: 'de' },
  'de-LS': { name: 'Leichte Sprache', lang: 'de' },
  en: { name: 'English', lang: 'en' },
  tr: { name: 'Türkçe', lang: 'tr' },
  uk: { name: 'Українська', lang: 'uk' },
  ar: { name: 'العربية', lang: 'ar' },
};
