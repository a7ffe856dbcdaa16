import type { LocaleTable } from './index';

const common: LocaleTable = {
  de: { appName: 'Angebotslandkarte Siegburg' },
  'de-LS': { appName: 'Angebots·land·karte Siegburg' },
  en: { appName: 'Siegburg map of activities' },
  tr: { appName: 'Siegburg etkinlik haritası' },
  uk: { appName: 'Карта пропозицій Зігбурга' },
  ar: { appName: 'خريطة الأنشطة في زيغبورغ' },
};
export default common;
