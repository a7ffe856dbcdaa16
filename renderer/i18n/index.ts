import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/schemas/kiosk-config';
// German is in the first screen's bundle (every language falls back to it); each other language is a chunk of its
// own, loaded when a visitor picks it: the build keeps only that language's texts in it (scripts/vite-locale-split.ts).
// Without that build step (unit tests) each of these imports holds all languages; the code below handles both.
import { namespaces as german } from './namespaces?locale=de';

/** Right-to-left languages among ours. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

export type LocaleTable = Record<Language, Record<string, unknown>>;
type Namespaces = Record<string, Partial<LocaleTable>>;

const LOADERS: Record<Exclude<Language, 'de'>, () => Promise<{ namespaces: Namespaces }>> = {
  'de-LS': () => import('./namespaces?locale=de-LS'),
  en: () => import('./namespaces?locale=en'),
  tr: () => import('./namespaces?locale=tr'),
  uk: () => import('./namespaces?locale=uk'),
  ar: () => import('./namespaces?locale=ar'),
};

/** i18next resources from namespace tables: every language a table holds (one, or all for e.g. the attract screen). */
function resourcesOf(tables: Namespaces): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [ns, table] of Object.entries(tables)) {
    for (const [lang, texts] of Object.entries(table)) if (texts) (out[lang] ??= {})[ns] = texts;
  }
  return out;
}

void i18n.use(initReactI18next).init({
  resources: resourcesOf(german),
  lng: 'de',
  // Leichte Sprache falls back to German, everything else too: a missing text never shows a key.
  fallbackLng: { 'de-LS': ['de'], default: ['de'] },
  ns: Object.keys(german),
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

const loading = new Map<Language, Promise<void>>();

/** Makes a language's texts available (once; German is always there). Switch with i18n.changeLanguage after it. */
export function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'de') return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = LOADERS[lang]().then(({ namespaces }) => {
      for (const [l, bundles] of Object.entries(resourcesOf(namespaces))) {
        for (const [ns, texts] of Object.entries(bundles)) if (!i18n.hasResourceBundle(l, ns)) i18n.addResourceBundle(l, ns, texts);
      }
    });
    // a failed chunk load (should not happen: the chunks are local files) may be retried on the next switch
    p.catch(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

export default i18n;
