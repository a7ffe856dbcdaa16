import type { Taxonomy } from '../schemas/taxonomy';

/**
 * Built-in taxonomy for Siegburg, used until the city API delivers its own.
 * Labels in German (also used for Leichte Sprache), English, Turkish, Ukrainian and Arabic.
 */
export const SIEGBURG_TAXONOMY: Taxonomy = {
  interests: [
    { id: 'treffen', icon: 'treffen', label: { de: 'Treffen & Geselligkeit', en: 'Meeting people', tr: 'Buluşma ve sohbet', uk: 'Зустрічі та спілкування', ar: 'لقاءات وتواصل' } },
    { id: 'bewegung', icon: 'bewegung', label: { de: 'Bewegung & Sport', en: 'Exercise & sport', tr: 'Hareket ve spor', uk: 'Рух і спорт', ar: 'حركة ورياضة' } },
    { id: 'kultur', icon: 'kultur', label: { de: 'Kultur & Musik', en: 'Culture & music', tr: 'Kültür ve müzik', uk: 'Культура і музика', ar: 'ثقافة وموسيقى' } },
    { id: 'natur', icon: 'natur', label: { de: 'Natur & Garten', en: 'Nature & gardening', tr: 'Doğa ve bahçe', uk: 'Природа і сад', ar: 'طبيعة وحدائق' } },
    { id: 'essen', icon: 'essen', label: { de: 'Essen & Trinken', en: 'Food & drink', tr: 'Yemek ve içecek', uk: 'Їжа та напої', ar: 'طعام وشراب' } },
    { id: 'lernen', icon: 'lernen', label: { de: 'Lernen & Bildung', en: 'Learning', tr: 'Öğrenme ve eğitim', uk: 'Навчання та освіта', ar: 'تعلّم وتعليم' } },
    { id: 'spielen', icon: 'spielen', label: { de: 'Spielen', en: 'Games & play', tr: 'Oyun', uk: 'Ігри', ar: 'ألعاب' } },
    { id: 'beratung', icon: 'beratung', label: { de: 'Beratung & Hilfe', en: 'Advice & help', tr: 'Danışma ve yardım', uk: 'Консультації та допомога', ar: 'استشارة ومساعدة' } },
    { id: 'ehrenamt', icon: 'ehrenamt', label: { de: 'Ehrenamt & Mitmachen', en: 'Volunteering', tr: 'Gönüllülük ve katılım', uk: 'Волонтерство та участь', ar: 'تطوّع ومشاركة' } },
    { id: 'ausfluege', icon: 'ausfluege', label: { de: 'Ausflüge & Mobilität', en: 'Trips & getting around', tr: 'Geziler ve ulaşım', uk: 'Екскурсії та пересування', ar: 'رحلات وتنقّل' } },
  ],
  age_groups: [
    { id: 'kinder', min_age: 0, max_age: 12, label: { de: 'Kinder', en: 'Children', tr: 'Çocuklar', uk: 'Діти', ar: 'أطفال' } },
    { id: 'jugendliche', min_age: 13, max_age: 17, label: { de: 'Jugendliche', en: 'Young people', tr: 'Gençler', uk: 'Підлітки', ar: 'شباب' } },
    { id: 'familien', label: { de: 'Familien', en: 'Families', tr: 'Aileler', uk: 'Сім’ї', ar: 'عائلات' } },
    { id: 'erwachsene', min_age: 18, label: { de: 'Erwachsene', en: 'Adults', tr: 'Yetişkinler', uk: 'Дорослі', ar: 'بالغون' } },
    { id: 'senioren', min_age: 60, label: { de: 'Seniorinnen und Senioren', en: 'Older people', tr: 'Yaşlılar', uk: 'Люди похилого віку', ar: 'كبار السن' } },
    { id: 'alle', label: { de: 'Alle Altersgruppen', en: 'All ages', tr: 'Her yaş', uk: 'Для всіх віків', ar: 'لجميع الأعمار' } },
  ],
  districts: [
    { id: 'innenstadt', label: { de: 'Innenstadt / Zentrum', en: 'Town centre', tr: 'Şehir merkezi', uk: 'Центр міста', ar: 'وسط المدينة' } },
    { id: 'brueckberg', label: { de: 'Brückberg' } },
    { id: 'deichhaus', label: { de: 'Deichhaus' } },
    { id: 'kaldauen', label: { de: 'Kaldauen' } },
    { id: 'braschoss', label: { de: 'Braschoß' } },
    { id: 'seligenthal', label: { de: 'Seligenthal' } },
    { id: 'stallberg', label: { de: 'Stallberg' } },
    { id: 'wolsdorf', label: { de: 'Wolsdorf' } },
    { id: 'zange', label: { de: 'Zange' } },
  ],
};

