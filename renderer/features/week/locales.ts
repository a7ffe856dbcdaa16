import type { LocaleTable } from '../../i18n/index';

const week: LocaleTable = {
  de: {
    title: 'Heute und diese Woche',
    chooseDay: 'Tag wählen',
    allDay: 'den ganzen Tag',
    nothing: 'An diesem Tag ist nichts eingetragen. Wählen Sie oben einen anderen Tag.',
    allOffers: 'Alle Angebote ansehen',
  },
  'de-LS': {
    title: 'Heute und diese Woche',
    chooseDay: 'Tag aussuchen',
    allDay: 'den ganzen Tag',
    nothing: 'An diesem Tag gibt es nichts. Suchen Sie oben einen anderen Tag aus.',
    allOffers: 'Alle Angebote ansehen',
  },
  en: {
    title: 'Today and this week',
    chooseDay: 'Choose a day',
    allDay: 'all day',
    nothing: 'Nothing is listed for this day. Choose another day above.',
    allOffers: 'See all activities',
  },
  tr: {
    title: 'Bugün ve bu hafta',
    chooseDay: 'Gün seçin',
    allDay: 'bütün gün',
    nothing: 'Bu gün için kayıtlı bir şey yok. Yukarıdan başka bir gün seçin.',
    allOffers: 'Tüm etkinlikleri gör',
  },
  uk: {
    title: 'Сьогодні й цього тижня',
    chooseDay: 'Виберіть день',
    allDay: 'увесь день',
    nothing: 'На цей день нічого не заплановано. Виберіть інший день угорі.',
    allOffers: 'Переглянути всі пропозиції',
  },
  ar: {
    title: 'اليوم وهذا الأسبوع',
    chooseDay: 'اختر يومًا',
    allDay: 'طوال اليوم',
    nothing: 'لا يوجد شيء مسجل لهذا اليوم. اختر يومًا آخر في الأعلى.',
    allOffers: 'عرض كل الأنشطة',
  },
};
export default week;
