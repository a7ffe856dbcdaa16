import { create } from 'zustand';
import i18n, { loadLanguage, RTL_LANGUAGES } from '../i18n';
import type { Language } from '../../shared/schemas/kiosk-config';
import { registerReset } from './reset';

export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export type Contrast = 'default' | 'high';

interface SettingsState {
  language: Language;
  textSize: TextSize;
  contrast: Contrast;
  /** The kiosk's configured language (kiosk.json `locale`); a reset returns to it. */
  defaultLanguage: Language;
  setLanguage(language: Language): void;
  setTextSize(size: TextSize): void;
  setContrast(contrast: Contrast): void;
  setDefaultLanguage(language: Language): void;
  reset(): void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  language: 'de',
  textSize: 'normal',
  contrast: 'default',
  defaultLanguage: 'de',
  setLanguage: (language) => set({ language }),
  setTextSize: (textSize) => set({ textSize }),
  setContrast: (contrast) => set({ contrast }),
  setDefaultLanguage: (defaultLanguage) =>
    set((s) => ({ defaultLanguage, language: s.language === s.defaultLanguage ? defaultLanguage : s.language })),
  reset: () => set({ language: get().defaultLanguage, textSize: 'normal', contrast: 'default' }),
}));

/** The HTML lang tag: Leichte Sprache is German. */
export const htmlLang = (language: Language) => (language === 'de-LS' ? 'de' : language);

let languageRequest = 0;

/**
 * Mirror the settings onto <html> (lang, dir, text size, theme) and into i18next. Text size and theme apply at once;
 * a language once its texts are loaded (its own chunk, renderer/i18n), then lang, dir and texts switch together.
 */
export function applySettings(s: Pick<SettingsState, 'language' | 'textSize' | 'contrast'>): void {
  const root = document.documentElement;
  root.dataset.textSize = s.textSize;
  root.dataset.contrast = s.contrast;
  const language = s.language;
  const request = ++languageRequest;
  const switchTo = () => {
    if (request !== languageRequest) return; // another language was picked meanwhile
    root.lang = htmlLang(language);
    root.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
    root.dataset.language = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  };
  if (language === 'de' || i18n.hasResourceBundle(language, 'common')) switchTo();
  else void loadLanguage(language).then(switchTo, switchTo); // a failed load still switches: German texts (fallback)
}

applySettings(useSettings.getState());
useSettings.subscribe((s, prev) => {
  if (s.language !== prev.language || s.textSize !== prev.textSize || s.contrast !== prev.contrast) applySettings(s);
});

registerReset(() => useSettings.getState().reset());

export const useLanguage = () => useSettings((s) => s.language);
