import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/schemas/kiosk-config';
import { namespaces } from './namespaces';

/** Right-to-left languages among ours. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

export type LocaleTable = Record<Language, Record<string, unknown>>;

const resources = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, Object.fromEntries(Object.entries(namespaces).map(([ns, table]) => [ns, table[lang]]))]),
);

void i18n.use(initReactI18next).init({
  resources,
  lng: 'de',
  // Leichte Sprache falls back to German, everything else too: a missing text never shows a key.
  fallbackLng: { 'de-LS': ['de'], default: ['de'] },
  ns: Object.keys(namespaces),
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export default i18n;
