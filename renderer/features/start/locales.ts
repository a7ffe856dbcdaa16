import type { LocaleTable } from '../../i18n/index';

const start: LocaleTable = {
  de: {
    title: 'Was möchten Sie tun?',
    map: { title: 'Angebote auf der Karte', hint: 'Sehen, was es in Ihrer Nähe gibt' },
    offers: { title: 'Angebote nach Interessen', hint: 'Suchen nach Thema, Alter und Ort' },
    week: { title: 'Heute und diese Woche', hint: 'Was bald stattfindet' },
    wish: { title: 'Ich wünsche mir ein Angebot', hint: 'Sagen Sie uns, was Ihnen fehlt' },
    clubs: 'Ihr Verein möchte ein Angebot eintragen?',
    sampleNote: 'Hinweis: Zurzeit zeigt dieser Bildschirm Beispieldaten. Die Angebote sind zum Ausprobieren gedacht.',
  },
  'de-LS': {
    title: 'Was möchten Sie machen?',
    map: { title: 'Angebote auf der Karte', hint: 'Was gibt es in Ihrer Nähe?' },
    offers: { title: 'Angebote nach Interessen', hint: 'Was machen Sie gern?' },
    week: { title: 'Heute und diese Woche', hint: 'Was gibt es bald?' },
    wish: { title: 'Ich wünsche mir ein Angebot', hint: 'Sagen Sie uns: Was fehlt Ihnen?' },
    clubs: 'Sie sind in einem Verein? Tragen Sie Ihr Angebot ein.',
    sampleNote: 'Wichtig: Die Angebote hier sind nur Beispiele. Sie sind zum Ausprobieren.',
  },
  en: {
    title: 'What would you like to do?',
    map: { title: 'Activities on the map', hint: 'See what is near you' },
    offers: { title: 'Activities by interest', hint: 'Search by topic, age and place' },
    week: { title: 'Today and this week', hint: 'What is happening soon' },
    wish: { title: 'I would like a new activity', hint: 'Tell us what you are missing' },
    clubs: 'Does your club want to add an activity?',
    sampleNote: 'Please note: this screen currently shows sample data for trying it out.',
  },
  tr: {
    title: 'Ne yapmak istersiniz?',
    map: { title: 'Haritadaki etkinlikler', hint: 'Yakınınızda neler olduğunu görün' },
    offers: { title: 'İlgi alanına göre etkinlikler', hint: 'Konu, yaş ve yere göre arayın' },
    week: { title: 'Bugün ve bu hafta', hint: 'Yakında neler var' },
    wish: { title: 'Yeni bir etkinlik istiyorum', hint: 'Neyin eksik olduğunu bize söyleyin' },
    clubs: 'Derneğiniz bir etkinlik eklemek mi istiyor?',
    sampleNote: 'Not: Bu ekran şu anda deneme amaçlı örnek veriler gösteriyor.',
  },
  uk: {
    title: 'Що ви хочете зробити?',
    map: { title: 'Пропозиції на карті', hint: 'Подивіться, що є поруч' },
    offers: { title: 'Пропозиції за інтересами', hint: 'Пошук за темою, віком і місцем' },
    week: { title: 'Сьогодні й цього тижня', hint: 'Що відбудеться незабаром' },
    wish: { title: 'Я хочу нову пропозицію', hint: 'Скажіть нам, чого вам бракує' },
    clubs: 'Ваше об’єднання хоче додати пропозицію?',
    sampleNote: 'Увага: зараз цей екран показує приклади даних для ознайомлення.',
  },
  ar: {
    title: 'ماذا تريد أن تفعل؟',
    map: { title: 'الأنشطة على الخريطة', hint: 'شاهد ما هو قريب منك' },
    offers: { title: 'الأنشطة حسب الاهتمامات', hint: 'ابحث حسب الموضوع والعمر والمكان' },
    week: { title: 'اليوم وهذا الأسبوع', hint: 'ما الذي سيحدث قريبًا' },
    wish: { title: 'أتمنى نشاطًا جديدًا', hint: 'أخبرنا بما ينقصك' },
    clubs: 'هل تريد جمعيتك إضافة نشاط؟',
    sampleNote: 'ملاحظة: تعرض هذه الشاشة حاليًا بيانات تجريبية للتجربة.',
  },
};
export default start;
