import type { Language } from '../../../shared/schemas/kiosk-config';

/**
 * Languages a slip can be printed in. The printer's code page (858) holds Latin letters only:
 * Ukrainian and Arabic slips are printed in German (see docs/adr/0007-print-slips-code-page-and-languages.md);
 * Turkish is printed with ş, ğ, ı folded to s, g, i.
 */
export const SLIP_LANGUAGES = ['de', 'de-LS', 'en', 'tr'] as const;
export type SlipLanguage = (typeof SLIP_LANGUAGES)[number];

export function slipLanguageFor(lang: Language): SlipLanguage {
  return (SLIP_LANGUAGES as readonly string[]).includes(lang) ? (lang as SlipLanguage) : 'de';
}

export interface SlipWords {
  sample: string;
  sampleNote: string;
  when: string;
  nextDates: string;
  where: string;
  stepFree: { yes: string; partial: string; no: string };
  stop: string;
  cost: string;
  free: string;
  registration: string;
  contact: string;
  phone: string;
  email: string;
  web: string;
  qrHint: string;
  printed: (date: string, place: string) => string;
  footer: string;
  merkliste: string;
  merklisteCount: (n: number) => string;
  invitationTitle: string;
  invitationText: string;
  invitationSteps: string[];
  invitationNoUrl: string;
  testTitle: string;
  testText: string;
  intlLocale: string;
  clock: (time: string) => string;
}

export const SLIP_WORDS: Record<SlipLanguage, SlipWords> = {
  de: {
    sample: 'BEISPIELDATEN',
    sampleNote: 'Dies ist ein Beispiel. Die Angaben sind nicht echt.',
    when: 'Wann?',
    nextDates: 'Die nächsten Termine',
    where: 'Wo?',
    stepFree: { yes: 'Ohne Stufen erreichbar', partial: 'Zum Teil ohne Stufen erreichbar', no: 'Nicht ohne Stufen erreichbar' },
    stop: 'Haltestelle',
    cost: 'Was kostet es?',
    free: 'Kostenlos',
    registration: 'Bitte vorher anmelden.',
    contact: 'Kontakt',
    phone: 'Telefon',
    email: 'E-Mail',
    web: 'Internet',
    qrHint: 'Mehr dazu: QR-Code mit dem Handy scannen.',
    printed: (date, place) => `Gedruckt am ${date} in ${place}`,
    footer: 'Angebotslandkarte Siegburg – gemeinsam statt einsam',
    merkliste: 'Meine Merkliste',
    merklisteCount: (n) => (n === 1 ? '1 Angebot' : `${n} Angebote`),
    invitationTitle: 'Ihr Verein möchte ein Angebot eintragen?',
    invitationText: 'Zeigen Sie Ihr Angebot in der Angebotslandkarte Siegburg. So finden mehr Menschen zu Ihnen.',
    invitationSteps: ['1. QR-Code mit dem Handy scannen oder die Adresse eingeben.', '2. Das Formular ausfüllen.', '3. Die Stadt prüft Ihr Angebot und schaltet es frei.'],
    invitationNoUrl: 'Fragen Sie bei der Stadt Siegburg nach, wie Sie Ihr Angebot eintragen.',
    testTitle: 'Testdruck',
    testText: 'Der Drucker funktioniert. Umlaute: ä ö ü Ä Ö Ü ß, Euro: 5 €.',
    intlLocale: 'de-DE',
    clock: (t) => `${t} Uhr`,
  },
  'de-LS': {
    sample: 'BEISPIEL',
    sampleNote: 'Das ist nur ein Beispiel. Das Angebot gibt es nicht wirklich.',
    when: 'Wann?',
    nextDates: 'Die nächsten Termine',
    where: 'Wo?',
    stepFree: { yes: 'Es gibt keine Stufen.', partial: 'Es gibt zum Teil Stufen.', no: 'Es gibt Stufen.' },
    stop: 'Bus-Halte-Stelle',
    cost: 'Was kostet das?',
    free: 'Das kostet nichts.',
    registration: 'Sie müssen sich vorher anmelden.',
    contact: 'Kontakt',
    phone: 'Telefon',
    email: 'E-Mail',
    web: 'Internet',
    qrHint: 'Mit dem Handy den QR-Code scannen. Dann sehen Sie mehr.',
    printed: (date, place) => `Gedruckt am ${date} in ${place}`,
    footer: 'Angebots-Land-Karte Siegburg',
    merkliste: 'Meine Merk-Liste',
    merklisteCount: (n) => (n === 1 ? '1 Angebot' : `${n} Angebote`),
    invitationTitle: 'Ihr Verein hat ein Angebot?',
    invitationText: 'Dann zeigen Sie es in der Angebots-Land-Karte. So finden mehr Menschen zu Ihnen.',
    invitationSteps: ['1. Mit dem Handy den QR-Code scannen.', '2. Das Formular ausfüllen.', '3. Die Stadt prüft das Angebot.'],
    invitationNoUrl: 'Fragen Sie bei der Stadt Siegburg.',
    testTitle: 'Test',
    testText: 'Der Drucker geht. ä ö ü ß 5 €',
    intlLocale: 'de-DE',
    clock: (t) => `${t} Uhr`,
  },
  en: {
    sample: 'SAMPLE DATA',
    sampleNote: 'This is an example. The details are not real.',
    when: 'When?',
    nextDates: 'Next dates',
    where: 'Where?',
    stepFree: { yes: 'Step-free access', partial: 'Partly step-free', no: 'Not step-free' },
    stop: 'Bus stop',
    cost: 'Cost',
    free: 'Free of charge',
    registration: 'Please register in advance.',
    contact: 'Contact',
    phone: 'Phone',
    email: 'Email',
    web: 'Web',
    qrHint: 'More: scan the QR code with your phone.',
    printed: (date, place) => `Printed on ${date} in ${place}`,
    footer: 'Siegburg map of activities – together, not alone',
    merkliste: 'My saved offers',
    merklisteCount: (n) => (n === 1 ? '1 offer' : `${n} offers`),
    invitationTitle: 'Would your club like to add an offer?',
    invitationText: 'Show your offer on the Siegburg map of activities, so more people can find you.',
    invitationSteps: ['1. Scan the QR code with your phone or type the address.', '2. Fill in the form.', '3. The town checks your offer and publishes it.'],
    invitationNoUrl: 'Ask the town of Siegburg how to add your offer.',
    testTitle: 'Test print',
    testText: 'The printer works. Umlauts: ä ö ü Ä Ö Ü ß, euro: 5 €.',
    intlLocale: 'en-GB',
    clock: (t) => t,
  },
  tr: {
    sample: 'ÖRNEK VERİ',
    sampleNote: 'Bu bir örnektir. Bilgiler gerçek değildir.',
    when: 'Ne zaman?',
    nextDates: 'Sonraki tarihler',
    where: 'Nerede?',
    stepFree: { yes: 'Basamaksız erişim', partial: 'Kısmen basamaksız', no: 'Basamaksız erişim yok' },
    stop: 'Durak',
    cost: 'Ücret',
    free: 'Ücretsiz',
    registration: 'Lütfen önceden kayıt olun.',
    contact: 'İletişim',
    phone: 'Telefon',
    email: 'E-posta',
    web: 'İnternet',
    qrHint: 'Daha fazlası: QR kodu telefonunuzla tarayın.',
    printed: (date, place) => `${date} tarihinde ${place} içinde basıldı`,
    footer: 'Siegburg etkinlik haritası',
    merkliste: 'Kaydettiklerim',
    merklisteCount: (n) => `${n} etkinlik`,
    invitationTitle: 'Derneğiniz bir etkinlik eklemek mi istiyor?',
    invitationText: 'Etkinliğinizi Siegburg etkinlik haritasında gösterin. Böylece daha çok kişi sizi bulur.',
    invitationSteps: ['1. QR kodu telefonunuzla tarayın veya adresi yazın.', '2. Formu doldurun.', '3. Belediye etkinliğinizi kontrol eder ve yayınlar.'],
    invitationNoUrl: 'Etkinliğinizi nasıl ekleyeceğinizi Siegburg belediyesine sorun.',
    testTitle: 'Deneme baskısı',
    testText: 'Yazıcı çalışıyor. ä ö ü ß 5 €',
    intlLocale: 'tr-TR',
    clock: (t) => t,
  },
};
