import type { LocaleTable } from '../../i18n/index';

const attract: LocaleTable = {
  de: {
    title: 'Gemeinsam statt einsam in Siegburg',
    touch: 'Bitte berühren Sie den Bildschirm',
    lead: 'Hier finden Sie Treffen, Gruppen und Angebote in Ihrer Nähe. Kostenlos und ohne Anmeldung am Bildschirm.',
  },
  'de-LS': {
    title: 'Zusammen statt allein in Siegburg',
    touch: 'Bitte tippen Sie auf den Bild·schirm',
    lead: 'Hier finden Sie Treffen und Gruppen in Ihrer Nähe. Das kostet nichts.',
  },
  en: {
    title: 'Together, not alone, in Siegburg',
    touch: 'Please touch the screen',
    lead: 'Find meetings, groups and activities near you. Free of charge, no sign-up needed on this screen.',
  },
  tr: {
    title: 'Siegburg’da yalnız değil, birlikte',
    touch: 'Lütfen ekrana dokunun',
    lead: 'Yakınınızdaki buluşmaları, grupları ve etkinlikleri burada bulabilirsiniz. Ücretsiz, kayıt gerekmez.',
  },
  uk: {
    title: 'Разом, а не самотньо, у Зігбурзі',
    touch: 'Будь ласка, торкніться екрана',
    lead: 'Тут ви знайдете зустрічі, групи та пропозиції поруч із вами. Безкоштовно і без реєстрації.',
  },
  ar: {
    title: 'معًا لا وحدنا في زيغبورغ',
    touch: 'يرجى لمس الشاشة',
    lead: 'هنا تجد لقاءات ومجموعات وأنشطة قريبة منك. مجانًا ودون تسجيل على هذه الشاشة.',
  },
};
export default attract;
