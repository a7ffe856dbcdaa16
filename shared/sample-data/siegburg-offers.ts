import type { Location, Offer, Schedule, Wheelchair } from '../schemas/offer';

/**
 * Built-in Siegburg sample offers ("Beispieldaten"), shown while no city API is configured.
 *
 * The offers named in the town's Handlungskonzept gegen Einsamkeit (ZWAR-Gruppen, Spielmobil „Armin“, Kulturcafé, …)
 * appear with their names as written; everything else about them (times, places, prices, contacts) and all further
 * offers are invented for demonstration. Every record carries `sample: true` and the UI labels it "Beispieldaten".
 *
 * Contacts cannot reach real people:
 * - e-mail addresses and web pages only under example.org (RFC 2606, reserved for documentation);
 * - telephone numbers only from +49 221 4710 000–999, a block the Bundesnetzagentur keeps free for use in
 *   films, TV and examples ("Rufnummern für Film und Fernsehen", Köln 0221 4710 xxx).
 */

export const SAMPLE_PHONE_PREFIX = '+49 221 4710 ';
const phone = (n: number) => `${SAMPLE_PHONE_PREFIX}${String(n).padStart(3, '0')}`;
const mail = (local: string) => `${local}@example.org`;
const web = (path: string) => `https://example.org/siegburg/${path}`;

const UPDATED = '2026-11-01T09:00:00Z';

function loc(
  name: string,
  street: string,
  lat: number,
  lon: number,
  wheelchair: Wheelchair,
  transit_stop?: string,
  accessibility_notes?: string,
): Location {
  return {
    name,
    street,
    postal_code: '53721',
    city: 'Siegburg',
    lat,
    lon,
    wheelchair,
    ...(transit_stop ? { transit_stop } : {}),
    ...(accessibility_notes ? { accessibility_notes } : {}),
  };
}

const weekly = (byday: Schedule['byday'], opens_at?: string, closes_at?: string, extra: Partial<Schedule> = {}): Schedule => ({
  freq: 'weekly',
  byday,
  ...(opens_at ? { opens_at } : {}),
  ...(closes_at ? { closes_at } : {}),
  ...extra,
});
const monthly = (setpos: Schedule['setpos'], byday: Schedule['byday'], opens_at?: string, closes_at?: string, extra: Partial<Schedule> = {}): Schedule => ({
  freq: 'monthly',
  setpos,
  byday,
  ...(opens_at ? { opens_at } : {}),
  ...(closes_at ? { closes_at } : {}),
  ...extra,
});
const once = (date: string, opens_at?: string, closes_at?: string, extra: Partial<Schedule> = {}): Schedule => ({
  freq: 'once',
  date,
  ...(opens_at ? { opens_at } : {}),
  ...(closes_at ? { closes_at } : {}),
  ...extra,
});
const byArrangement = (note?: string): Schedule => ({ freq: 'by_arrangement', ...(note ? { note } : {}) });

type Draft = Omit<Offer, 'updated_at' | 'status' | 'sample' | 'registration_required'> & {
  registration_required?: boolean;
};
const offer = (d: Draft): Offer => ({
  updated_at: UPDATED,
  status: 'active',
  registration_required: false,
  languages: ['de'],
  ...d,
  sample: true,
});

// Places (coordinates inside Siegburg, roughly at the named district).
const P = {
  rathaus: loc('Rathaus Siegburg, Bürgerbüro', 'Nogenter Platz 10', 50.7961, 7.2064, 'yes', 'Siegburg Rathaus', 'Eingang mit automatischer Tür, Aufzug zu allen Etagen, Behinderten-WC'),
  markt: loc('Marktplatz Siegburg', 'Markt', 50.7976, 7.2058, 'yes', 'Siegburg Markt'),
  kulturhaus: loc('Begegnungsstätte am Markt', 'Holzgasse 12', 50.7983, 7.2071, 'yes', 'Siegburg Markt', 'Stufenloser Eingang, Aufzug, Behinderten-WC'),
  bibliothek: loc('Stadtbibliothek Siegburg', 'Griesgasse 11', 50.7989, 7.2049, 'yes', 'Siegburg Markt', 'Aufzug, Leselupen und Großdruckbücher vorhanden'),
  seniorenbuero: loc('Seniorenbüro im Stadthaus', 'Kaiserstraße 48', 50.7949, 7.2089, 'yes', 'Siegburg Kaiserstraße'),
  garten: loc('Gemeinschaftsgarten Cecilienstraße', 'Cecilienstraße 20', 50.8012, 7.2101, 'partial', 'Siegburg Cecilienstraße', 'Hauptwege mit festem Belag, Hochbeete in Sitzhöhe; Rasenflächen nicht befahrbar'),
  michaelsberg: loc('Parkplatz am Michaelsberg', 'Bergstraße 26', 50.7997, 7.2012, 'no', 'Siegburg Michaelsberg', 'Steile Wege, Treffpunkt am Parkplatz'),
  bahnhof: loc('Bahnhofsvorplatz', 'Europaplatz 1', 50.7929, 7.2030, 'yes', 'Siegburg Bf'),
  brueckberg: loc('Gemeindezentrum Brückberg', 'Brückbergstraße 40', 50.8042, 7.2178, 'yes', 'Brückberg Mitte', 'Rampe am Seiteneingang'),
  brueckbergSchule: loc('Offene Ganztagsschule Brückberg', 'Am Brückberg 7', 50.8055, 7.2161, 'yes', 'Brückberg Schule'),
  deichhaus: loc('Stadtteilzentrum Deichhaus', 'Deichhausstraße 15', 50.7868, 7.1949, 'yes', 'Deichhaus', 'Stufenlos, Behinderten-WC'),
  siegufer: loc('Bouleplatz am Siegufer', 'Uferweg', 50.7846, 7.1903, 'partial', 'Deichhaus', 'Kiesfläche, befestigter Weg bis zu den Bänken'),
  kaldauen: loc('Bürgerhaus Kaldauen', 'Hauptstraße 92', 50.8031, 7.2462, 'partial', 'Kaldauen Mitte', 'Saal im Erdgeschoss stufenlos, Gruppenraum nur über Treppe'),
  kaldauenKirche: loc('Pfarrheim Kaldauen', 'Kirchweg 3', 50.8019, 7.2437, 'yes', 'Kaldauen Kirche'),
  braschoss: loc('Dorfgemeinschaftshaus Braschoß', 'Braschoßer Straße 30', 50.7842, 7.2552, 'partial', 'Braschoß Ort', 'Ein Absatz am Eingang, mobile Rampe auf Nachfrage'),
  braschossHalle: loc('Turnhalle Braschoß', 'Schulweg 5', 50.7829, 7.2531, 'yes', 'Braschoß Schule'),
  seligenthal: loc('Gemeindesaal Seligenthal', 'Zum Klosterhof 4', 50.7913, 7.2418, 'unknown', 'Seligenthal'),
  wahnbach: loc('Wanderparkplatz Wahnbachtal', 'Wahnbachtalstraße', 50.7897, 7.2491, 'no', 'Seligenthal Abzweig', 'Unbefestigte Waldwege'),
  stallberg: loc('Nachbarschaftstreff Stallberg', 'Stallberger Straße 55', 50.7868, 7.2271, 'yes', 'Stallberg Mitte', 'Stufenlos, Behinderten-WC'),
  stallbergPlatz: loc('Platz an der Stallberger Kirche', 'Stallberger Straße 80', 50.7856, 7.2302, 'yes', 'Stallberg Kirche'),
  stallbergSpielplatz: loc('Spielplatz Stallberg', 'Am Spielplatz 2', 50.7879, 7.2249, 'partial', 'Stallberg Mitte', 'Sandflächen, befestigter Rundweg'),
  wolsdorf: loc('Familienzentrum Wolsdorf', 'Wolsdorfer Straße 61', 50.8071, 7.2008, 'yes', 'Wolsdorf', 'Stufenlos, Wickelraum'),
  pauline: loc('Bistro Pauline', 'Wolsdorfer Straße 20', 50.8044, 7.2026, 'yes', 'Wolsdorf Süd', 'Stufenloser Eingang, Behinderten-WC'),
  zange: loc('Jugend- und Stadtteilhaus Zange', 'Zangenstraße 9', 50.7992, 7.2319, 'yes', 'Zange', 'Aufzug'),
  zangeWerkstatt: loc('Werkstattschuppen Zange', 'Zangenstraße 13', 50.7998, 7.2331, 'partial', 'Zange', 'Werkstatt ebenerdig, schmale Tür (80 cm)'),
};

export const SIEGBURG_SAMPLE_OFFERS: Offer[] = [
  // ── Offers named in the Handlungskonzept ──────────────────────────────────────────────────────────────
  offer({
    id: 'sample-zwar-gruppen',
    title: 'ZWAR-Gruppen (Zwischen Arbeit und Ruhestand)',
    summary: 'Selbstorganisierte Gruppen für Menschen ab etwa 55, die neue Kontakte suchen und gemeinsam etwas unternehmen wollen.',
    description:
      'In den ZWAR-Gruppen treffen sich Menschen im Übergang vom Beruf in den Ruhestand. Die Gruppe entscheidet selbst, was sie unternimmt: Wandern, Kochen, Museumsbesuche, Gespräche. Neue Teilnehmende sind jederzeit willkommen, eine Mitgliedschaft gibt es nicht.',
    translations: {
      en: {
        title: 'ZWAR groups (between work and retirement)',
        summary: 'Self-organised groups for people aged about 55 and over who want to meet new people and do things together.',
        description:
          'The ZWAR groups bring together people moving from work into retirement. The group decides what to do: walks, cooking, museum visits, conversation. Newcomers are always welcome; there is no membership.',
      },
      tr: {
        title: 'ZWAR grupları (iş ile emeklilik arasında)',
        summary: 'Yeni insanlarla tanışmak ve birlikte bir şeyler yapmak isteyen yaklaşık 55 yaş üstü kişiler için kendi kendini örgütleyen gruplar.',
        description:
          'ZWAR gruplarında çalışma hayatından emekliliğe geçen insanlar buluşur. Ne yapılacağına grup kendisi karar verir: yürüyüş, yemek yapma, müze ziyaretleri, sohbet. Yeni katılımcılar her zaman hoş karşılanır, üyelik gerekmez.',
      },
    },
    organisation: { name: 'ZWAR-Netzwerk Siegburg', email: mail('zwar'), phone: phone(101), website: web('zwar') },
    interests: ['treffen', 'ausfluege', 'lernen'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'innenstadt',
    location: P.kulturhaus,
    schedules: [monthly(1, ['WE'], '18:00', '20:00'), monthly(3, ['WE'], '18:00', '20:00')],
    cost: { free: true },
    languages: ['de', 'en'],
  }),
  offer({
    id: 'sample-spielmobil-armin',
    title: 'Spielmobil „Armin“',
    summary: 'Der bunte Spielbus bringt Spiele, Bälle und Bastelsachen in die Stadtteile – zum Mitspielen für Kinder und ihre Familien.',
    description:
      'Das Spielmobil „Armin“ kommt mit Spielgeräten, Kreide, Bällen, Riesenspielen und Bastelmaterial auf Plätze und Spielflächen. Pädagogische Fachkräfte spielen mit. Eltern und Großeltern sind herzlich eingeladen. Bei starkem Regen fällt der Termin aus.',
    easy_read:
      'Das Spielmobil heißt Armin. Es ist ein Bus mit vielen Spielen. Der Bus kommt auf den Spielplatz. Kinder können dort spielen. Eltern und Groß-Eltern können mitspielen. Es kostet nichts.',
    translations: {
      en: {
        title: 'Play bus "Armin"',
        summary: 'The colourful play bus brings games, balls and craft materials to the neighbourhoods – for children and their families.',
        description:
          'The play bus "Armin" visits squares and playgrounds with play equipment, chalk, balls, giant games and craft materials. Trained staff join in. Parents and grandparents are very welcome. Cancelled in heavy rain.',
      },
      tr: {
        title: 'Oyun otobüsü „Armin“',
        summary: 'Renkli oyun otobüsü mahallelere oyunlar, toplar ve el işi malzemeleri getiriyor – çocuklar ve aileleri için.',
        description:
          'Oyun otobüsü „Armin“ oyun aletleri, tebeşir, toplar, dev oyunlar ve el işi malzemeleriyle meydanlara ve oyun alanlarına gelir. Eğitimciler de oyuna katılır. Anne babalar ve büyükanne büyükbabalar da davetlidir. Şiddetli yağmurda etkinlik yapılmaz.',
      },
      uk: {
        title: 'Ігровий автобус «Армін»',
        summary: 'Яскравий ігровий автобус привозить у райони ігри, м’ячі та матеріали для творчості – для дітей та їхніх родин.',
        description:
          'Ігровий автобус «Армін» приїжджає на майданчики з ігровим обладнанням, крейдою, м’ячами, великими іграми та матеріалами для творчості. Педагоги граються разом з дітьми. Батьки, бабусі й дідусі – ласкаво просимо. У сильний дощ зустріч скасовується.',
      },
      ar: {
        title: 'حافلة اللعب «أرمين»',
        summary: 'تجلب حافلة اللعب الملوّنة الألعاب والكرات ومواد الأشغال اليدوية إلى الأحياء، للأطفال وعائلاتهم.',
        description:
          'تأتي حافلة اللعب «أرمين» إلى الساحات والملاعب ومعها أدوات لعب وطباشير وكرات وألعاب كبيرة ومواد للأشغال اليدوية. يشارك مربّون متخصصون في اللعب. الآباء والأجداد مرحَّب بهم. يُلغى الموعد عند هطول أمطار غزيرة.',
      },
    },
    organisation: { name: 'Stadt Siegburg – Kinder- und Jugendförderung', email: mail('spielmobil'), phone: phone(102), website: web('spielmobil') },
    interests: ['spielen', 'treffen'],
    age_groups: ['kinder', 'familien'],
    district: 'stallberg',
    location: P.stallbergSpielplatz,
    schedules: [weekly(['TU'], '15:00', '18:00'), weekly(['TH'], '15:00', '18:00', { note: 'von Mai bis September auch auf dem Marktplatz' })],
    cost: { free: true },
    languages: ['de', 'en', 'tr'],
  }),
  offer({
    id: 'sample-senioren-im-spielmobil',
    title: 'Senioren im Spielmobil',
    summary: 'Ältere Menschen spielen mit Kindern am Spielmobil „Armin“: Brettspiele, Geschichten, gemeinsames Basteln.',
    description:
      'Einmal im Monat lädt das Spielmobil „Armin“ ausdrücklich Seniorinnen und Senioren ein. Sie spielen mit den Kindern, erzählen Geschichten oder zeigen alte Spiele. Sitzgelegenheiten und Kaffee sind vorhanden.',
    organisation: { name: 'Stadt Siegburg – Kinder- und Jugendförderung', email: mail('spielmobil'), phone: phone(102) },
    interests: ['spielen', 'treffen', 'ehrenamt'],
    age_groups: ['senioren', 'kinder'],
    district: 'brueckberg',
    location: P.brueckberg,
    schedules: [monthly(2, ['FR'], '14:30', '16:30')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-kulturcafe',
    title: 'Kulturcafé',
    summary: 'Ein Café, das Jung und Alt zusammenbringt: Musik, Lesungen und Gespräche bei Kaffee und Kuchen.',
    description:
      'Im Kulturcafé treffen sich Menschen jeden Alters. Schülerinnen und Schüler gestalten das Programm mit, ältere Gäste erzählen von früher. Jeden Sonntag gibt es ein kleines Kulturprogramm: Musik, Lesung oder Erzählcafé. Kaffee und Kuchen gegen Spende.',
    easy_read:
      'Das Kultur-Café ist ein Treff für junge und alte Menschen. Es gibt Kaffee und Kuchen. Es gibt Musik und Geschichten. Sie können einfach kommen. Sie müssen sich nicht anmelden. Sie zahlen so viel Sie möchten.',
    translations: {
      en: {
        title: 'Culture café',
        summary: 'A café that brings young and old together: music, readings and conversation over coffee and cake.',
        description:
          'People of all ages meet at the culture café. School students help shape the programme, older guests tell stories from the past. Every Sunday there is a small cultural programme: music, a reading or a storytelling café. Coffee and cake for a donation.',
      },
      tr: {
        title: 'Kültür kafe',
        summary: 'Gençleri ve yaşlıları bir araya getiren bir kafe: kahve ve pasta eşliğinde müzik, okumalar ve sohbet.',
        description:
          'Kültür kafede her yaştan insan buluşur. Öğrenciler programın hazırlanmasına katılır, yaşlı misafirler eski günleri anlatır. Her pazar küçük bir kültür programı vardır: müzik, okuma ya da anı sohbeti. Kahve ve pasta bağış karşılığında.',
      },
      uk: {
        title: 'Культурне кафе',
        summary: 'Кафе, яке об’єднує молодь і старших: музика, читання та розмови за кавою з тортом.',
        description:
          'У культурному кафе зустрічаються люди різного віку. Школярі допомагають складати програму, старші гості розповідають про минуле. Щонеділі відбувається невелика культурна програма: музика, читання або кафе спогадів. Кава й торт – за пожертву.',
      },
      ar: {
        title: 'المقهى الثقافي',
        summary: 'مقهى يجمع الصغار والكبار: موسيقى وقراءات وأحاديث مع القهوة والكعك.',
        description:
          'يلتقي في المقهى الثقافي أناس من كل الأعمار. يشارك تلاميذ المدارس في إعداد البرنامج، ويروي الضيوف الكبار قصصاً من الماضي. كل يوم أحد برنامج ثقافي صغير: موسيقى أو قراءة أو أمسية حكايات. القهوة والكعك مقابل تبرّع.',
      },
    },
    organisation: { name: 'Kulturcafé Siegburg e. V.', email: mail('kulturcafe'), phone: phone(103), website: web('kulturcafe') },
    interests: ['kultur', 'treffen', 'essen'],
    age_groups: ['alle'],
    district: 'innenstadt',
    location: P.kulturhaus,
    schedules: [weekly(['SU'], '14:00', '17:00')],
    cost: { free: true, note: 'Kaffee und Kuchen gegen Spende' },
    languages: ['de', 'en'],
  }),
  offer({
    id: 'sample-gemeinschaftsgarten-cecilienstrasse',
    title: 'Gemeinschaftsgarten Cecilienstraße',
    summary: 'Gemeinsam gärtnern, ernten und plaudern: Hochbeete, Kräuter und ein Platz zum Verweilen mitten in der Stadt.',
    description:
      'Im Gemeinschaftsgarten Cecilienstraße bewirtschaften Nachbarinnen und Nachbarn gemeinsam Beete. Niemand braucht Vorkenntnisse, Werkzeug ist vorhanden. Hochbeete in Sitzhöhe ermöglichen das Gärtnern auch mit Rollator oder im Rollstuhl. Im Winter trifft sich die Gruppe einmal im Monat zum Planen.',
    easy_read:
      'Im Gemeinschafts-Garten arbeiten Nachbarn zusammen. Sie pflanzen Gemüse und Kräuter. Sie brauchen kein Wissen. Werkzeug ist da. Manche Beete sind hoch. Dort können Sie im Sitzen arbeiten.',
    translations: {
      en: {
        title: 'Community garden Cecilienstraße',
        summary: 'Gardening, harvesting and chatting together: raised beds, herbs and a place to relax in the middle of town.',
        description:
          'Neighbours tend the beds of the community garden together. No experience is needed and tools are provided. Raised beds at seat height make gardening possible with a walker or in a wheelchair. In winter the group meets once a month to plan.',
      },
      tr: {
        title: 'Cecilienstraße topluluk bahçesi',
        summary: 'Birlikte bahçe işleri, hasat ve sohbet: şehrin ortasında yükseltilmiş tarhlar, otlar ve dinlenme yeri.',
        description:
          'Topluluk bahçesinde komşular tarhları birlikte bakımını yapar. Ön bilgi gerekmez, aletler mevcuttur. Oturma yüksekliğindeki tarhlar sayesinde yürüteç ya da tekerlekli sandalye ile de bahçe işi yapılabilir. Kışın grup planlama için ayda bir kez buluşur.',
      },
      uk: {
        title: 'Спільний сад на Цециліенштрасе',
        summary: 'Разом садити, збирати врожай і спілкуватися: високі грядки, трави та місце для відпочинку в центрі міста.',
        description:
          'У спільному саду сусіди разом доглядають грядки. Попередні знання не потрібні, інструменти є. Високі грядки на рівні сидіння дозволяють працювати з ходунками або на візку. Взимку група збирається раз на місяць, щоб планувати.',
      },
      ar: {
        title: 'الحديقة المشتركة في شارع تسيتسيلين',
        summary: 'زراعة وحصاد وأحاديث معاً: أحواض مرتفعة وأعشاب ومكان للاستراحة في وسط المدينة.',
        description:
          'يعتني الجيران معاً بأحواض الحديقة المشتركة. لا حاجة إلى خبرة مسبقة، والأدوات متوفرة. الأحواض المرتفعة بارتفاع الجلوس تتيح الزراعة باستخدام المشّاية أو الكرسي المتحرك. في الشتاء تلتقي المجموعة مرة في الشهر للتخطيط.',
      },
    },
    organisation: { name: 'Nachbarschaftsgarten Cecilienstraße (Initiative)', email: mail('garten-cecilienstrasse'), phone: phone(104) },
    interests: ['natur', 'ehrenamt', 'treffen'],
    age_groups: ['alle'],
    district: 'innenstadt',
    location: P.garten,
    schedules: [
      weekly(['WE'], '16:00', '18:00', { valid_from: '2027-03-15', valid_to: '2027-10-31' }),
      weekly(['SA'], '10:00', '13:00', { valid_from: '2027-03-15', valid_to: '2027-10-31' }),
      monthly(1, ['SA'], '11:00', '12:30', { valid_to: '2027-03-14', note: 'Wintertreffen im Gartenhaus' }),
    ],
    cost: { free: true },
  }),
  offer({
    id: 'sample-rikscha-projekt',
    title: 'Rikscha-Projekt',
    summary: 'Ehrenamtliche fahren ältere Menschen mit der Fahrrad-Rikscha durch Siegburg und ins Grüne.',
    description:
      'Mit der elektrisch unterstützten Rikscha geht es an die Sieg, auf den Markt oder zu einem Lieblingsort. Zwei Personen haben Platz, eine Decke liegt bereit. Die Fahrten sind kostenlos; bitte rechtzeitig anmelden. Freie Fahrten ab dem Marktplatz donnerstags, wenn das Wetter passt.',
    translations: {
      en: {
        title: 'Rickshaw project',
        summary: 'Volunteers take older people on rickshaw rides through Siegburg and into the countryside.',
        description:
          'The e-assisted rickshaw goes to the river Sieg, to the market or to a favourite place. It seats two, and a blanket is provided. Rides are free; please book in advance. Drop-in rides from the market square on Thursdays when the weather allows.',
      },
      tr: {
        title: 'Rikşa projesi',
        summary: 'Gönüllüler yaşlıları bisiklet rikşasıyla Siegburg’da ve doğada gezdiriyor.',
        description:
          'Elektrik destekli rikşayla Sieg nehrine, pazara ya da sevdiğiniz bir yere gidilir. İki kişilik yer ve bir battaniye vardır. Yolculuklar ücretsizdir; lütfen önceden kayıt yaptırın. Hava uygunsa perşembe günleri pazar meydanından kayıtsız turlar da yapılır.',
      },
    },
    organisation: { name: 'Radeln ohne Alter Siegburg (Initiative)', email: mail('rikscha'), phone: phone(105) },
    interests: ['ausfluege', 'natur', 'ehrenamt'],
    age_groups: ['senioren'],
    district: 'innenstadt',
    location: loc('Marktplatz Siegburg, Rikscha-Haltepunkt', 'Markt', 50.7974, 7.2062, 'partial', 'Siegburg Markt', 'Einstieg über eine Stufe, Helfende unterstützen'),
    schedules: [byArrangement('Fahrten nach Absprache'), weekly(['TH'], '10:00', '12:00', { note: 'bei trockenem Wetter' })],
    cost: { free: true },
    registration_required: true,
    languages: ['de', 'en'],
  }),
  offer({
    id: 'sample-bistro-pauline',
    title: 'Bistro Pauline',
    summary: 'Preiswerter Mittagstisch und offener Treffpunkt im Stadtteil – hier isst niemand allein.',
    description:
      'Im Bistro Pauline gibt es an Werktagen ein frisch gekochtes Mittagessen zu kleinen Preisen, auch vegetarisch. Große Tische laden dazu ein, sich dazuzusetzen. Wer mag, hilft beim Eindecken oder in der Küche mit.',
    organisation: { name: 'Bistro Pauline – Nachbarschaftsbistro', email: mail('bistro-pauline'), phone: phone(106) },
    interests: ['essen', 'treffen'],
    age_groups: ['erwachsene', 'senioren', 'familien'],
    district: 'wolsdorf',
    location: P.pauline,
    schedules: [weekly(['MO', 'TU', 'WE', 'TH', 'FR'], '11:30', '14:00')],
    cost: { free: false, note: 'Mittagessen 4,50 €, mit Siegburg-Pass 2 €' },
  }),
  offer({
    id: 'sample-verwaltungsinterne-fachdienste',
    title: 'Beratung durch die verwaltungsinternen Fachdienste',
    summary: 'Die sozialen Fachdienste der Stadt beraten zu Rente, Wohnen, Pflege, Grundsicherung und Hilfen im Alltag.',
    description:
      'Die verwaltungsinternen Fachdienste der Stadt Siegburg (Soziales, Wohnen, Senioren und Pflege) beraten kostenlos und vertraulich. Sie helfen beim Ausfüllen von Anträgen und vermitteln weitere Hilfe. Offene Sprechstunde ohne Termin; andere Zeiten und Hausbesuche nach Vereinbarung.',
    easy_read:
      'Die Stadt Siegburg hilft Ihnen. Zum Beispiel bei Fragen zu Rente, Wohnung oder Pflege. Die Beratung kostet nichts. Niemand erfährt davon. Sie können ohne Termin kommen. Jemand kann auch zu Ihnen nach Hause kommen.',
    translations: {
      en: {
        title: "Advice from the town's social services",
        summary: "The town's social services advise on pensions, housing, care, basic income support and help with everyday life.",
        description:
          "The town of Siegburg's social services (social affairs, housing, older people and care) give free and confidential advice. They help fill in applications and arrange further support. Drop-in hours without appointment; other times and home visits by arrangement.",
      },
      tr: {
        title: 'Belediye sosyal hizmetlerinden danışmanlık',
        summary: 'Belediyenin sosyal hizmetleri emeklilik, konut, bakım, temel gelir desteği ve günlük yaşamda yardım konularında danışmanlık verir.',
        description:
          'Siegburg Belediyesi’nin sosyal hizmetleri (sosyal işler, konut, yaşlılar ve bakım) ücretsiz ve gizli danışmanlık sunar. Başvuru formlarının doldurulmasına yardım eder ve başka destekler için yönlendirir. Randevusuz açık danışma saatleri vardır; diğer saatler ve ev ziyaretleri için randevu alınır.',
      },
      uk: {
        title: 'Консультації соціальних служб міста',
        summary: 'Соціальні служби міста консультують щодо пенсії, житла, догляду, базового соціального забезпечення та допомоги в повсякденному житті.',
        description:
          'Соціальні служби міста Зігбург (соціальні питання, житло, люди похилого віку та догляд) консультують безкоштовно та конфіденційно. Вони допомагають заповнювати заяви та скеровують до інших служб. Відкриті години прийому без запису; інший час і візити додому – за домовленістю.',
      },
      ar: {
        title: 'استشارات الخدمات الاجتماعية في البلدية',
        summary: 'تقدّم الخدمات الاجتماعية في البلدية المشورة حول التقاعد والسكن والرعاية والضمان الأساسي والمساعدة في الحياة اليومية.',
        description:
          'تقدّم الخدمات الاجتماعية في مدينة زيغبورغ (الشؤون الاجتماعية، السكن، كبار السن والرعاية) استشارات مجانية وسرّية. وتساعد في تعبئة الطلبات وتحيل إلى مساعدات أخرى. ساعات استقبال مفتوحة دون موعد، وأوقات أخرى وزيارات منزلية بموعد مسبق.',
      },
    },
    organisation: { name: 'Stadt Siegburg – Fachdienst Soziales', email: mail('fachdienst-soziales'), phone: phone(107), website: web('soziales') },
    interests: ['beratung'],
    age_groups: ['erwachsene', 'senioren', 'familien'],
    district: 'innenstadt',
    location: P.rathaus,
    schedules: [weekly(['MO', 'TU', 'TH'], '09:00', '12:00'), byArrangement('Hausbesuche nach Vereinbarung')],
    cost: { free: true },
    languages: ['de', 'en', 'tr'],
  }),
  offer({
    id: 'sample-laengste-tafel',
    title: '„Längste Tafel der Nachbarschaft“',
    summary: 'Einmal im Jahr deckt Stallberg eine lange Tafel mitten auf dem Platz – alle bringen etwas mit und essen zusammen.',
    description:
      'Die Bürgergemeinschaft Stallberg lädt die ganze Nachbarschaft an eine lange Tafel ein. Tische, Bänke und Geschirr stehen bereit; wer kann, bringt etwas zum Teilen mit. Mit Musik und Spielen für Kinder. Bei Regen im Nachbarschaftstreff.',
    easy_read:
      'Alle Nachbarn essen zusammen an einem langen Tisch. Der Tisch steht draußen auf dem Platz. Bringen Sie etwas zu essen mit. Sie können es mit anderen teilen. Es gibt Musik.',
    translations: {
      en: {
        title: '"Longest table in the neighbourhood"',
        summary: 'Once a year Stallberg lays a long table in the middle of the square – everyone brings something and eats together.',
        description:
          'The Bürgergemeinschaft Stallberg invites the whole neighbourhood to a long table. Tables, benches and crockery are provided; if you can, bring something to share. With music and games for children. If it rains, in the neighbourhood centre.',
      },
    },
    organisation: { name: 'Bürgergemeinschaft Stallberg', email: mail('buergergemeinschaft-stallberg'), phone: phone(108) },
    interests: ['essen', 'treffen', 'ehrenamt'],
    age_groups: ['alle'],
    district: 'stallberg',
    location: P.stallbergPlatz,
    schedules: [once('2027-06-12', '12:00', '17:00')],
    cost: { free: true, note: 'Bitte etwas zum Teilen mitbringen' },
  }),
  offer({
    id: 'sample-fortbildung-mittendrin',
    title: 'Fortbildung „Mittendrin im Alter statt allein“',
    summary: 'Fortbildung für Ehrenamtliche und Fachkräfte: Einsamkeit im Alter erkennen, ansprechen und Wege aus der Isolation öffnen.',
    description:
      'Die zweiteilige Fortbildung vermittelt, woran man Einsamkeit erkennt, wie man Betroffene anspricht und welche Angebote in Siegburg weiterhelfen. Für Ehrenamtliche in Vereinen, Kirchengemeinden, Nachbarschaftshilfen und für Mitarbeitende von Diensten. Teilnahme an beiden Terminen erwünscht.',
    organisation: { name: 'Stadt Siegburg – Seniorenbüro', email: mail('seniorenbuero'), phone: phone(109) },
    interests: ['lernen', 'ehrenamt'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'innenstadt',
    location: P.seniorenbuero,
    schedules: [once('2027-02-17', '17:00', '20:00'), once('2027-03-10', '17:00', '20:00')],
    cost: { free: true },
    registration_required: true,
  }),
  offer({
    id: 'sample-seniorenprogramm',
    title: 'Seniorenprogramm der Stadt Siegburg',
    summary: 'Monatliches Programm mit Vorträgen, Konzerten, Ausflügen und Kaffeenachmittagen für Seniorinnen und Senioren.',
    description:
      'Das Seniorenbüro stellt jedes Halbjahr ein Programm zusammen: Vorträge zu Gesundheit und Sicherheit, Konzerte, Stadtführungen und Tagesfahrten. Am ersten Dienstag im Monat gibt es einen offenen Kaffeenachmittag, bei dem das Programm vorgestellt wird.',
    translations: {
      en: {
        title: 'Programme for older people, town of Siegburg',
        summary: 'A monthly programme of talks, concerts, trips and coffee afternoons for older people.',
        description:
          'Twice a year the office for older people puts together a programme: talks on health and safety, concerts, guided town walks and day trips. On the first Tuesday of each month an open coffee afternoon presents the programme.',
      },
      tr: {
        title: 'Siegburg Belediyesi yaşlılar programı',
        summary: 'Yaşlılar için konferanslar, konserler, geziler ve kahve buluşmalarından oluşan aylık program.',
        description:
          'Yaşlılar bürosu her altı ayda bir program hazırlar: sağlık ve güvenlik üzerine konferanslar, konserler, şehir turları ve günübirlik geziler. Her ayın ilk salı günü programın tanıtıldığı açık bir kahve buluşması yapılır.',
      },
    },
    organisation: { name: 'Stadt Siegburg – Seniorenbüro', email: mail('seniorenbuero'), phone: phone(109), website: web('seniorenprogramm') },
    interests: ['kultur', 'ausfluege', 'treffen'],
    age_groups: ['senioren'],
    district: 'innenstadt',
    location: P.seniorenbuero,
    schedules: [monthly(1, ['TU'], '14:00', '17:00')],
    cost: { free: true, note: 'Ausflüge mit eigenem Kostenbeitrag' },
    languages: ['de'],
  }),
  offer({
    id: 'sample-stadtteilkonferenzen',
    title: 'Stadtteilkonferenzen',
    summary: 'Bürgerinnen, Vereine und Stadt beraten gemeinsam, was im Stadtteil fehlt und was man zusammen anpacken kann.',
    description:
      'In den Stadtteilkonferenzen kommen Anwohnende, Vereine, Kirchengemeinden, Schulen und die Stadtverwaltung zusammen. Hier entstehen neue Ideen gegen Einsamkeit, zum Beispiel Nachbarschaftstreffs oder Besuchsdienste. Jede und jeder kann mitreden.',
    organisation: { name: 'Stadt Siegburg – Quartiersentwicklung', email: mail('quartier'), phone: phone(110) },
    interests: ['ehrenamt', 'treffen'],
    age_groups: ['erwachsene', 'senioren', 'jugendliche'],
    district: 'kaldauen',
    location: P.kaldauen,
    schedules: [monthly(-1, ['TH'], '18:30', '20:30')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-stadtteilkonferenz-deichhaus',
    title: 'Stadtteilkonferenz Deichhaus',
    summary: 'Offene Runde für alle, die in Deichhaus wohnen oder arbeiten: Anliegen sammeln, Projekte planen.',
    description:
      'Die Stadtteilkonferenz Deichhaus tagt alle zwei Monate im Stadtteilzentrum. Themen sind zum Beispiel sichere Wege, Treffpunkte und Angebote für ältere Nachbarinnen und Nachbarn.',
    organisation: { name: 'Stadt Siegburg – Quartiersentwicklung', email: mail('quartier'), phone: phone(110) },
    interests: ['ehrenamt', 'beratung'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'deichhaus',
    location: P.deichhaus,
    schedules: [monthly(2, ['MO'], '18:00', '20:00', { note: 'alle zwei Monate, Termine im Aushang' })],
    cost: { free: true },
  }),
  offer({
    id: 'sample-aktionstag-gemeinsam',
    title: 'Aktionstag „Siegburg GEMEINSAM erleben“',
    summary: 'Vereine, Initiativen und Dienste stellen sich auf dem Marktplatz vor – zum Kennenlernen, Mitmachen und Ausprobieren.',
    description:
      'Der Aktionstag findet in der bundesweiten Aktionswoche „Gemeinsam aus der Einsamkeit“ statt. Auf dem Marktplatz präsentieren sich Angebote aus allen Stadtteilen, mit Mitmachaktionen, Musik und Beratung. Eintritt frei.',
    easy_read:
      'Auf dem Markt-Platz ist ein großes Fest. Viele Gruppen aus Siegburg sind da. Sie zeigen, was man zusammen machen kann. Sie können mitmachen. Es kostet nichts.',
    translations: {
      en: {
        title: 'Action day "Experience Siegburg TOGETHER"',
        summary: 'Clubs, initiatives and services present themselves on the market square – to meet, join in and try things out.',
        description:
          'The action day takes place during the nationwide action week "Together out of loneliness". Offers from all districts present themselves on the market square, with activities to join, music and advice. Free admission.',
      },
      tr: {
        title: 'Etkinlik günü „Siegburg’u BİRLİKTE yaşa“',
        summary: 'Dernekler, girişimler ve hizmetler pazar meydanında kendilerini tanıtıyor – tanışmak, katılmak ve denemek için.',
        description:
          'Etkinlik günü, ülke çapındaki „Yalnızlıktan birlikte çıkış“ haftasında düzenlenir. Pazar meydanında tüm mahallelerden etkinlikler; katılım etkinlikleri, müzik ve danışmanlıkla tanıtılır. Giriş ücretsizdir.',
      },
      uk: {
        title: 'День акцій «Зігбург РАЗОМ»',
        summary: 'Клуби, ініціативи та служби представляють себе на ринковій площі – щоб познайомитися, долучитися та спробувати.',
        description:
          'День акцій проходить під час всенімецького тижня «Разом проти самотності». На ринковій площі представлені пропозиції з усіх районів: спільні заходи, музика та консультації. Вхід вільний.',
      },
      ar: {
        title: 'يوم الفعاليات «زيغبورغ معاً»',
        summary: 'تعرّف الجمعيات والمبادرات والخدمات بنفسها في ساحة السوق، للتعارف والمشاركة والتجربة.',
        description:
          'يُقام يوم الفعاليات خلال أسبوع العمل الوطني «معاً للخروج من الوحدة». تُعرض في ساحة السوق عروض من جميع الأحياء، مع أنشطة تشاركية وموسيقى واستشارات. الدخول مجاني.',
      },
    },
    organisation: { name: 'Stadt Siegburg – Seniorenbüro', email: mail('seniorenbuero'), phone: phone(109), website: web('aktionstag') },
    interests: ['treffen', 'kultur', 'beratung', 'ehrenamt'],
    age_groups: ['alle'],
    district: 'innenstadt',
    location: P.markt,
    schedules: [once('2027-06-19', '11:00', '16:00', { note: 'in der Aktionswoche „Gemeinsam aus der Einsamkeit“' })],
    cost: { free: true },
    languages: ['de', 'en', 'tr'],
  }),

  // ── Further offers (invented for the demonstration) ───────────────────────────────────────────────────
  offer({
    id: 'sample-seniorentanz-wolsdorf',
    title: 'Seniorentanz',
    summary: 'Kreis- und Reihentänze ohne Partner – in Schwung bleiben mit Musik aus aller Welt.',
    description:
      'Getanzt wird im Kreis oder in Reihen, ein Partner ist nicht nötig. Die Schritte werden langsam erklärt. Auch mit kleinen Einschränkungen kann man mitmachen; einige Tänze gibt es im Sitzen.',
    organisation: { name: 'Tanzkreis Wolsdorf', email: mail('tanzkreis'), phone: phone(111) },
    interests: ['bewegung', 'kultur', 'treffen'],
    age_groups: ['senioren'],
    district: 'wolsdorf',
    location: P.wolsdorf,
    schedules: [weekly(['WE'], '10:00', '11:30')],
    cost: { free: false, note: '3 € pro Termin' },
  }),
  offer({
    id: 'sample-sitzgymnastik-deichhaus',
    title: 'Sitzgymnastik',
    summary: 'Sanfte Übungen auf dem Stuhl für Beweglichkeit, Gleichgewicht und gute Laune.',
    description:
      'Eine Übungsleiterin zeigt einfache Übungen, die im Sitzen gemacht werden. Geeignet auch mit Rollator oder nach Operationen. Anschließend gibt es Tee und Zeit zum Plaudern.',
    easy_read: 'Sie machen Sport im Sitzen. Die Übungen sind leicht. Danach gibt es Tee. Es kostet nichts.',
    organisation: { name: 'Turnverein Deichhaus', email: mail('tv-deichhaus'), phone: phone(112) },
    interests: ['bewegung'],
    age_groups: ['senioren'],
    district: 'deichhaus',
    location: P.deichhaus,
    schedules: [weekly(['MO'], '10:00', '11:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-spaziergruppe-kaldauen',
    title: 'Spaziergruppe „Gemeinsam gehen“',
    summary: 'Langsame Spaziergänge in kleiner Runde, mit Pausen auf Bänken – niemand bleibt zurück.',
    description:
      'Die Gruppe geht etwa eine Stunde in gemächlichem Tempo durch Kaldauen und die Felder. Mit Rollator möglich, die Wege sind befestigt. Start und Ziel am Bürgerhaus.',
    translations: {
      en: {
        title: 'Walking group "Walking together"',
        summary: 'Slow walks in a small group, with breaks on benches – nobody is left behind.',
        description:
          'The group walks for about an hour at a gentle pace through Kaldauen and the fields. Possible with a walker; the paths are paved. Start and finish at the community centre.',
      },
      uk: {
        title: 'Прогулянкова група «Гуляймо разом»',
        summary: 'Повільні прогулянки невеликою групою з перепочинком на лавках – ніхто не відстане.',
        description:
          'Група близько години неспішно гуляє Кальдауеном і полями. Можна з ходунками, доріжки мають тверде покриття. Початок і фініш – біля громадського центру.',
      },
    },
    organisation: { name: 'Nachbarschaftshilfe Kaldauen', email: mail('nachbarschaft-kaldauen'), phone: phone(113) },
    interests: ['bewegung', 'natur', 'treffen'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'kaldauen',
    location: P.kaldauen,
    schedules: [weekly(['TH'], '09:30', '11:00')],
    cost: { free: true },
    languages: ['de', 'en', 'uk'],
  }),
  offer({
    id: 'sample-nordic-walking-michaelsberg',
    title: 'Nordic Walking am Michaelsberg',
    summary: 'Mit Stöcken rund um den Michaelsberg – Technik wird gezeigt, Leihstöcke sind vorhanden.',
    description: 'Treffpunkt ist der Parkplatz am Michaelsberg. Die Runde dauert etwa 90 Minuten mit einem steilen Anstieg.',
    organisation: { name: 'Lauftreff Siegburg', email: mail('lauftreff'), phone: phone(114) },
    interests: ['bewegung', 'natur'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'innenstadt',
    location: P.michaelsberg,
    schedules: [weekly(['SA'], '09:00', '10:30')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-kinderturnen-braschoss',
    title: 'Kinderturnen',
    summary: 'Klettern, Rollen, Balancieren: Bewegungsstunde für Kinder von 3 bis 8 Jahren.',
    description: 'Spielerisches Turnen in der Halle mit Geräteparcours. Eltern können zuschauen. Bitte Turnschuhe und etwas zu trinken mitbringen.',
    organisation: { name: 'Sportverein Braschoß', email: mail('sv-braschoss'), phone: phone(115) },
    interests: ['bewegung', 'spielen'],
    age_groups: ['kinder'],
    district: 'braschoss',
    location: P.braschossHalle,
    schedules: [weekly(['FR'], '15:00', '16:00')],
    cost: { free: false, note: '2 € pro Stunde, Schnupperstunde frei' },
  }),
  offer({
    id: 'sample-jugendtreff-zange',
    title: 'Jugendtreff Zange',
    summary: 'Offener Treff für Jugendliche: Kicker, Musik, Kochen und jemand zum Reden.',
    description:
      'Im Jugendtreff können Jugendliche ab 12 Jahren ohne Anmeldung vorbeikommen. Es gibt Kicker, Billard, Konsolen, einen Musikraum und einmal in der Woche gemeinsames Kochen. Die Mitarbeitenden haben ein offenes Ohr.',
    translations: {
      tr: {
        title: 'Zange gençlik kulübü',
        summary: 'Gençler için açık buluşma yeri: langırt, müzik, yemek yapma ve konuşacak biri.',
        description:
          '12 yaşından büyük gençler kayıt olmadan gelebilir. Langırt, bilardo, oyun konsolları, müzik odası ve haftada bir ortak yemek yapma vardır. Çalışanlar her zaman dinlemeye hazırdır.',
      },
      uk: {
        title: 'Молодіжний клуб Цанге',
        summary: 'Відкритий простір для підлітків: настільний футбол, музика, кулінарія і є з ким поговорити.',
        description:
          'Підлітки від 12 років можуть приходити без реєстрації. Є настільний футбол, більярд, ігрові приставки, музична кімната, а раз на тиждень – спільне приготування їжі. Працівники завжди готові вислухати.',
      },
      ar: {
        title: 'نادي الشباب في تسانغه',
        summary: 'ملتقى مفتوح للشباب: كرة الطاولة والموسيقى والطبخ وشخص تتحدث معه.',
        description:
          'يمكن للشباب من عمر 12 عاماً الحضور دون تسجيل. تتوفر كرة القدم الطاولة والبلياردو وأجهزة الألعاب وغرفة موسيقى، ومرة في الأسبوع طبخ مشترك. العاملون مستعدون دائماً للاستماع.',
      },
    },
    organisation: { name: 'Jugend- und Stadtteilhaus Zange', email: mail('jugendtreff-zange'), phone: phone(116) },
    interests: ['treffen', 'spielen', 'essen'],
    age_groups: ['jugendliche'],
    district: 'zange',
    location: P.zange,
    schedules: [weekly(['MO', 'WE', 'FR'], '15:00', '20:00')],
    cost: { free: true },
    languages: ['de', 'tr', 'uk', 'ar'],
  }),
  offer({
    id: 'sample-fahrradwerkstatt-deichhaus',
    title: 'Offene Fahrradwerkstatt',
    summary: 'Jugendliche reparieren unter Anleitung Fahrräder – für sich selbst und für Nachbarn.',
    description: 'Werkzeug und Ersatzteile sind vorhanden. Ältere Ehrenamtliche zeigen, wie es geht. Reparierte Spenderäder gehen an Familien im Stadtteil.',
    organisation: { name: 'Stadtteilzentrum Deichhaus', email: mail('stz-deichhaus'), phone: phone(117) },
    interests: ['lernen', 'ehrenamt', 'ausfluege'],
    age_groups: ['jugendliche', 'senioren'],
    district: 'deichhaus',
    location: P.deichhaus,
    schedules: [weekly(['TU'], '16:00', '19:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-hausaufgabenhilfe-brueckberg',
    title: 'Hausaufgabenhilfe',
    summary: 'Ehrenamtliche helfen Schulkindern bei den Hausaufgaben – in Ruhe und mit Geduld.',
    description: 'Für Kinder der Klassen 1 bis 7. Die Hilfe ist kostenlos, eine kurze Anmeldung über die Schule oder direkt vor Ort genügt.',
    organisation: { name: 'Förderverein Schule Brückberg', email: mail('foerderverein-brueckberg'), phone: phone(118) },
    interests: ['lernen'],
    age_groups: ['kinder', 'jugendliche'],
    district: 'brueckberg',
    location: P.brueckbergSchule,
    schedules: [weekly(['MO', 'TU', 'WE', 'TH'], '14:00', '16:00')],
    cost: { free: true },
    registration_required: true,
  }),
  offer({
    id: 'sample-lesepaten-bibliothek',
    title: 'Lesepaten in der Stadtbibliothek',
    summary: 'Ältere Menschen lesen Kindern vor und hören ihnen beim Lesen zu.',
    description:
      'Lesepatinnen und Lesepaten schenken Kindern Zeit und Aufmerksamkeit. Neue Ehrenamtliche werden eingearbeitet. Kinder können ohne Anmeldung zur Lesestunde kommen.',
    organisation: { name: 'Stadtbibliothek Siegburg', email: mail('bibliothek'), phone: phone(119), website: web('bibliothek') },
    interests: ['ehrenamt', 'lernen', 'kultur'],
    age_groups: ['kinder', 'senioren'],
    district: 'innenstadt',
    location: P.bibliothek,
    schedules: [weekly(['WE'], '15:00', '16:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-maerchenstunde',
    title: 'Vorlesestunde „Märchen für Groß und Klein“',
    summary: 'Märchen und Geschichten zum Zuhören – für Kinder, Eltern und Großeltern.',
    description: 'Eine Erzählerin liest und erzählt Märchen aus aller Welt. Danach wird gemalt. Dauer etwa eine Stunde.',
    organisation: { name: 'Stadtbibliothek Siegburg', email: mail('bibliothek'), phone: phone(119) },
    interests: ['kultur', 'spielen'],
    age_groups: ['kinder', 'familien'],
    district: 'innenstadt',
    location: P.bibliothek,
    schedules: [monthly(2, ['SA'], '11:00', '12:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-singkreis-seligenthal',
    title: 'Offener Singkreis',
    summary: 'Volkslieder, Schlager und Kanons – mitsingen ohne Noten und ohne Vorkenntnisse.',
    description: 'Ein Akkordeon begleitet, die Texte werden groß ausgedruckt verteilt. Jede Stimme ist willkommen.',
    organisation: { name: 'Singkreis Seligenthal', email: mail('singkreis'), phone: phone(120) },
    interests: ['kultur', 'treffen'],
    age_groups: ['alle'],
    district: 'seligenthal',
    location: P.seligenthal,
    schedules: [weekly(['TH'], '19:00', '20:30')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-gitarrenkurs-50plus',
    title: 'Gitarre für Anfänger 50+',
    summary: 'Mit einfachen Griffen bekannte Lieder begleiten – Leihgitarren vorhanden.',
    description: 'Kleiner Kurs mit höchstens acht Personen. Es sind keine Notenkenntnisse nötig.',
    organisation: { name: 'Musikschule Siegburg', email: mail('musikschule'), phone: phone(121) },
    interests: ['kultur', 'lernen'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'innenstadt',
    location: P.kulturhaus,
    schedules: [weekly(['TU'], '17:30', '19:00')],
    cost: { free: false, note: '5 € pro Abend' },
    registration_required: true,
  }),
  offer({
    id: 'sample-smartphone-sprechstunde',
    title: 'Smartphone-Sprechstunde für Ältere',
    summary: 'Fragen zu Handy, Tablet und Videotelefonie? Jugendliche erklären geduldig und Schritt für Schritt.',
    description:
      'Bringen Sie Ihr Gerät mit. Schülerinnen und Schüler helfen beim Einrichten, bei Nachrichten und bei Videoanrufen mit der Familie. Ohne Anmeldung, kostenlos.',
    easy_read:
      'Haben Sie Fragen zum Handy? Junge Leute helfen Ihnen. Sie erklären alles langsam. Bringen Sie Ihr Handy mit. Es kostet nichts.',
    translations: {
      en: {
        title: 'Smartphone help for older people',
        summary: 'Questions about your phone, tablet or video calls? Young people explain patiently, step by step.',
        description:
          'Bring your device. School students help with setting up, messages and video calls with your family. No booking needed, free of charge.',
      },
      tr: {
        title: 'Yaşlılar için akıllı telefon danışma saati',
        summary: 'Telefon, tablet veya görüntülü görüşme hakkında sorularınız mı var? Gençler sabırla ve adım adım anlatıyor.',
        description:
          'Cihazınızı getirin. Öğrenciler kurulumda, mesajlaşmada ve aileyle görüntülü görüşmede yardımcı olur. Kayıt gerekmez, ücretsizdir.',
      },
      uk: {
        title: 'Консультації зі смартфонів для старших людей',
        summary: 'Маєте питання щодо телефону, планшета чи відеодзвінків? Молодь терпляче пояснює крок за кроком.',
        description:
          'Візьміть із собою свій пристрій. Школярі допоможуть з налаштуванням, повідомленнями та відеодзвінками з родиною. Без запису, безкоштовно.',
      },
      ar: {
        title: 'ساعة مساعدة في الهواتف الذكية لكبار السن',
        summary: 'لديك أسئلة عن الهاتف أو الجهاز اللوحي أو مكالمات الفيديو؟ يشرح الشباب بصبر وخطوة بخطوة.',
        description: 'أحضر جهازك معك. يساعد التلاميذ في الإعداد والرسائل ومكالمات الفيديو مع العائلة. دون تسجيل، مجاناً.',
      },
    },
    organisation: { name: 'Stadtbibliothek Siegburg', email: mail('bibliothek'), phone: phone(119) },
    interests: ['lernen', 'beratung'],
    age_groups: ['senioren'],
    district: 'innenstadt',
    location: P.bibliothek,
    schedules: [weekly(['WE'], '10:00', '12:00')],
    cost: { free: true },
    languages: ['de', 'en', 'tr'],
  }),
  offer({
    id: 'sample-computerclub-kaldauen',
    title: 'Computerclub Kaldauen',
    summary: 'Gemeinsam am Computer: E-Mails, Fotos, Online-Banking sicher nutzen.',
    description: 'Im Pfarrheim stehen Laptops bereit. Erfahrene Mitglieder helfen Einsteigern; anschließend gemeinsames Kaffeetrinken.',
    organisation: { name: 'Computerclub Kaldauen e. V.', email: mail('computerclub'), phone: phone(122) },
    interests: ['lernen', 'treffen'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'kaldauen',
    location: P.kaldauenKirche,
    schedules: [weekly(['FR'], '10:00', '12:00')],
    cost: { free: false, note: '10 € Jahresbeitrag' },
  }),
  offer({
    id: 'sample-sprachcafe',
    title: 'Sprachcafé Deutsch',
    summary: 'Deutsch sprechen üben in entspannter Runde – bei Kaffee und Tee, mit Ehrenamtlichen.',
    description:
      'Im Sprachcafé üben Menschen, die Deutsch lernen, mit Ehrenamtlichen das Sprechen im Alltag. Alle Niveaus sind willkommen. Kinder können mitgebracht werden.',
    translations: {
      en: {
        title: 'German language café',
        summary: 'Practise speaking German in a relaxed group over coffee and tea, with volunteers.',
        description:
          'People learning German practise everyday conversation with volunteers. All levels are welcome. You can bring your children.',
      },
      tr: {
        title: 'Almanca dil kafesi',
        summary: 'Rahat bir ortamda, kahve ve çay eşliğinde gönüllülerle Almanca konuşma pratiği.',
        description: 'Almanca öğrenenler gönüllülerle günlük konuşma pratiği yapar. Her seviye hoş karşılanır. Çocuklarınızı getirebilirsiniz.',
      },
      uk: {
        title: 'Мовне кафе: німецька',
        summary: 'Практика розмовної німецької в невимушеній атмосфері за кавою та чаєм, разом з волонтерами.',
        description: 'Люди, які вивчають німецьку, практикують повсякденне спілкування з волонтерами. Запрошуємо всіх, незалежно від рівня. Можна приходити з дітьми.',
      },
      ar: {
        title: 'مقهى اللغة الألمانية',
        summary: 'تدرّب على التحدث بالألمانية في جو مريح مع القهوة والشاي وبصحبة متطوعين.',
        description: 'يتدرب متعلمو اللغة الألمانية مع متطوعين على محادثات الحياة اليومية. جميع المستويات مرحَّب بها. يمكن إحضار الأطفال.',
      },
    },
    organisation: { name: 'Integrationsagentur Siegburg', email: mail('sprachcafe'), phone: phone(123) },
    interests: ['lernen', 'treffen'],
    age_groups: ['erwachsene'],
    district: 'innenstadt',
    location: P.kulturhaus,
    schedules: [weekly(['TH'], '16:00', '18:00')],
    cost: { free: true },
    languages: ['de', 'en', 'tr', 'uk', 'ar'],
  }),
  offer({
    id: 'sample-elterncafe-brueckberg',
    title: 'Elterncafé',
    summary: 'Frühstück und Austausch für Mütter, Väter und Großeltern mit kleinen Kindern; eine Fachkraft berät bei Fragen.',
    description: 'Während die Kinder spielen, gibt es Zeit für Gespräche. Eine Familienberaterin ist da und hilft bei Fragen zu Erziehung, Kita und Ämtern.',
    translations: {
      tr: {
        title: 'Ebeveyn kafesi',
        summary: 'Küçük çocuklu anneler, babalar ve büyükanne-büyükbabalar için kahvaltı ve sohbet; sorular için bir uzman danışman var.',
        description: 'Çocuklar oynarken sohbet için zaman vardır. Bir aile danışmanı eğitim, kreş ve resmi daireler hakkındaki sorularda yardımcı olur.',
      },
      ar: {
        title: 'مقهى الآباء والأمهات',
        summary: 'فطور وتبادل للأحاديث للأمهات والآباء والأجداد مع أطفال صغار، ومستشارة متخصصة تجيب عن الأسئلة.',
        description: 'بينما يلعب الأطفال، يتوفر وقت للحديث. تحضر مستشارة عائلية وتساعد في أسئلة التربية ورياض الأطفال والدوائر الرسمية.',
      },
    },
    organisation: { name: 'Familienzentrum Brückberg', email: mail('familienzentrum-brueckberg'), phone: phone(124) },
    interests: ['treffen', 'beratung', 'essen'],
    age_groups: ['familien'],
    district: 'brueckberg',
    location: P.brueckberg,
    schedules: [weekly(['TU'], '09:00', '11:00')],
    cost: { free: true },
    languages: ['de', 'tr', 'ar'],
  }),
  offer({
    id: 'sample-krabbelgruppe-wolsdorf',
    title: 'Krabbelgruppe',
    summary: 'Spielgruppe für Babys und Kleinkinder bis 3 Jahre mit ihren Eltern oder Großeltern.',
    description: 'Singen, Fingerspiele und freies Spielen. Neue Familien sind jederzeit willkommen.',
    organisation: { name: 'Familienzentrum Wolsdorf', email: mail('familienzentrum-wolsdorf'), phone: phone(125) },
    interests: ['spielen', 'treffen'],
    age_groups: ['familien', 'kinder'],
    district: 'wolsdorf',
    location: P.wolsdorf,
    schedules: [weekly(['TH'], '09:30', '11:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-familienfruehstueck-deichhaus',
    title: 'Familienfrühstück',
    summary: 'Ein großes gemeinsames Frühstück für Familien aus dem Stadtteil, einmal im Monat am Sonntag.',
    description: 'Jede Familie bringt eine Kleinigkeit mit, Kaffee und Tee stehen bereit. Für Kinder gibt es eine Spielecke.',
    organisation: { name: 'Stadtteilzentrum Deichhaus', email: mail('stz-deichhaus'), phone: phone(117) },
    interests: ['essen', 'treffen'],
    age_groups: ['familien'],
    district: 'deichhaus',
    location: P.deichhaus,
    schedules: [monthly(1, ['SU'], '10:00', '12:00')],
    cost: { free: true, note: 'Spende erbeten' },
  }),
  offer({
    id: 'sample-mittagstisch-stallberg',
    title: 'Mittagstisch im Nachbarschaftstreff',
    summary: 'Zweimal pro Woche ein warmes Mittagessen in Gesellschaft.',
    description: 'Ehrenamtliche kochen Hausmannskost. Wer nicht gut zu Fuß ist, kann sich abholen lassen – bitte einen Tag vorher anrufen.',
    organisation: { name: 'Nachbarschaftstreff Stallberg', email: mail('treff-stallberg'), phone: phone(126) },
    interests: ['essen', 'treffen'],
    age_groups: ['senioren', 'erwachsene'],
    district: 'stallberg',
    location: P.stallberg,
    schedules: [weekly(['TU', 'TH'], '12:00', '13:30')],
    cost: { free: false, note: '5 € pro Essen' },
  }),
  offer({
    id: 'sample-kochtreff-zange',
    title: 'Kochtreff „Gemeinsam statt einsam kochen“',
    summary: 'Zusammen einkaufen, schnippeln, kochen und essen – Rezepte aus vielen Ländern.',
    description: 'Jedes Mal stellt jemand aus der Gruppe ein Rezept vor. Die Kosten für die Zutaten werden geteilt.',
    organisation: { name: 'Jugend- und Stadtteilhaus Zange', email: mail('jugendtreff-zange'), phone: phone(116) },
    interests: ['essen', 'lernen', 'treffen'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'zange',
    location: P.zange,
    schedules: [monthly(3, ['WE'], '17:00', '20:00')],
    cost: { free: false, note: 'etwa 4 € für Zutaten' },
    registration_required: true,
  }),
  offer({
    id: 'sample-trauercafe',
    title: 'Trauercafé',
    summary: 'Ein geschützter Ort für Menschen, die einen nahestehenden Menschen verloren haben.',
    description: 'Bei Kaffee und Kuchen ist Raum für Gespräche, Erinnerungen und Stille. Ausgebildete Trauerbegleiterinnen sind da.',
    organisation: { name: 'Hospizverein Siegburg', email: mail('hospizverein'), phone: phone(127) },
    interests: ['beratung', 'treffen'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'innenstadt',
    location: P.kulturhaus,
    schedules: [monthly(2, ['WE'], '15:00', '17:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-pflegeberatung',
    title: 'Pflege- und Wohnberatung',
    summary: 'Beratung zu Pflegegrad, Hilfsmitteln, barrierefreiem Umbau und Entlastung für Angehörige.',
    description: 'Die Beratung ist neutral und kostenlos, auf Wunsch auch zu Hause. Termine nach Vereinbarung.',
    organisation: { name: 'Stadt Siegburg – Fachdienst Soziales', email: mail('pflegeberatung'), phone: phone(128) },
    interests: ['beratung'],
    age_groups: ['senioren', 'familien'],
    district: 'innenstadt',
    location: P.seniorenbuero,
    schedules: [byArrangement()],
    cost: { free: true },
    registration_required: true,
  }),
  offer({
    id: 'sample-besuchsdienst',
    title: 'Besuchsdienst „Zeit schenken“',
    summary: 'Ehrenamtliche besuchen allein lebende ältere Menschen zu Hause – zum Reden, Vorlesen oder Spazierengehen.',
    description:
      'Wer sich Besuch wünscht, meldet sich telefonisch. Die Koordinatorin sucht eine passende Person aus der Nähe. Wer selbst Zeit verschenken möchte, ist ebenfalls willkommen.',
    easy_read: 'Sie leben allein? Sie möchten Besuch? Rufen Sie an. Jemand besucht Sie zu Hause. Sie können reden oder spazieren gehen. Es kostet nichts.',
    translations: {
      en: {
        title: 'Visiting service "Giving time"',
        summary: 'Volunteers visit older people who live alone – to talk, read aloud or go for a walk.',
        description:
          'If you would like a visit, just call. The coordinator finds a suitable person nearby. If you want to give some of your own time, you are welcome too.',
      },
    },
    organisation: { name: 'Nachbarschaftshilfe Siegburg', email: mail('besuchsdienst'), phone: phone(129) },
    interests: ['ehrenamt', 'treffen'],
    age_groups: ['senioren', 'erwachsene'],
    district: 'seligenthal',
    schedules: [byArrangement('Besuche nach Absprache')],
    cost: { free: true },
    registration_required: true,
    languages: ['de', 'en'],
  }),
  offer({
    id: 'sample-telefonkette',
    title: 'Telefonkette für Alleinlebende',
    summary: 'Jeden Morgen ein kurzer Anruf: Wie geht es Ihnen? Sicherheit und ein freundliches Wort.',
    description: 'Die Teilnehmenden rufen sich gegenseitig in einer festen Reihenfolge an. Meldet sich jemand nicht, wird die Kontaktperson informiert.',
    organisation: { name: 'Nachbarschaftshilfe Siegburg', email: mail('telefonkette'), phone: phone(130) },
    interests: ['treffen', 'beratung'],
    age_groups: ['senioren'],
    district: 'innenstadt',
    schedules: [weekly(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], '09:00', '10:00')],
    cost: { free: true },
    registration_required: true,
  }),
  offer({
    id: 'sample-freiwilligenagentur',
    title: 'Freiwilligenagentur: Ehrenamt finden',
    summary: 'Sie möchten sich engagieren? Die Freiwilligenagentur berät und vermittelt passende Aufgaben.',
    description: 'Ob eine Stunde im Monat oder regelmäßig: Gemeinsam finden wir eine Aufgabe, die zu Ihnen passt – in Vereinen, Schulen, Heimen oder in der Nachbarschaft.',
    organisation: { name: 'Freiwilligenagentur Siegburg', email: mail('freiwilligenagentur'), phone: phone(131), website: web('ehrenamt') },
    interests: ['ehrenamt', 'beratung'],
    age_groups: ['erwachsene', 'jugendliche', 'senioren'],
    district: 'innenstadt',
    location: P.rathaus,
    schedules: [weekly(['WE'], '10:00', '12:00'), weekly(['TH'], '15:00', '17:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-repair-cafe-kaldauen',
    title: 'Repair-Café',
    summary: 'Kaputte Toaster, Lampen, Kleidung? Gemeinsam reparieren statt wegwerfen.',
    description: 'Ehrenamtliche Tüftlerinnen und Tüftler helfen beim Reparieren. Während des Wartens gibt es Kaffee und Kuchen.',
    organisation: { name: 'Repair-Café Kaldauen', email: mail('repaircafe'), phone: phone(132) },
    interests: ['ehrenamt', 'lernen', 'treffen'],
    age_groups: ['alle'],
    district: 'kaldauen',
    location: P.kaldauen,
    schedules: [monthly(-1, ['SA'], '11:00', '14:00')],
    cost: { free: true, note: 'Spende erbeten' },
  }),
  offer({
    id: 'sample-boule-siegufer',
    title: 'Boule-Treff am Siegufer',
    summary: 'Kugeln werfen, plaudern, draußen sein – Kugeln werden verliehen.',
    description: 'Bei trockenem Wetter wird gespielt, Regeln werden erklärt. Bänke sind vorhanden.',
    organisation: { name: 'Boulefreunde Deichhaus', email: mail('boule'), phone: phone(133) },
    interests: ['bewegung', 'treffen', 'spielen'],
    age_groups: ['alle'],
    district: 'deichhaus',
    location: P.siegufer,
    schedules: [weekly(['SU'], '15:00', '17:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-schachtreff-brueckberg',
    title: 'Schachtreff',
    summary: 'Schach spielen für Anfänger und Fortgeschrittene, Jung und Alt.',
    description: 'Bretter und Uhren sind vorhanden. Wer die Regeln lernen will, bekommt sie erklärt.',
    organisation: { name: 'Schachfreunde Brückberg', email: mail('schach'), phone: phone(134) },
    interests: ['spielen', 'treffen'],
    age_groups: ['alle'],
    district: 'brueckberg',
    location: P.brueckberg,
    schedules: [weekly(['MO'], '18:00', '21:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-spielenachmittag-braschoss',
    title: 'Spielenachmittag für Jung und Alt',
    summary: 'Brett- und Kartenspiele, Kaffee und Saft: ein Nachmittag für Kinder, Eltern und Großeltern.',
    description: 'Einmal im Monat wird das Dorfgemeinschaftshaus zum Spielezimmer. Eigene Lieblingsspiele dürfen mitgebracht werden.',
    organisation: { name: 'Dorfgemeinschaft Braschoß', email: mail('dorfgemeinschaft-braschoss'), phone: phone(135) },
    interests: ['spielen', 'treffen'],
    age_groups: ['alle'],
    district: 'braschoss',
    location: P.braschoss,
    schedules: [monthly(2, ['SU'], '14:00', '17:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-mitfahrbank-braschoss',
    title: 'Mitfahrbank Braschoß',
    summary: 'Wer auf der Bank Platz nimmt, möchte in die Stadt mitgenommen werden – Nachbarn fahren mit.',
    description:
      'Die Mitfahrbank steht an der Bushaltestelle. Ein Schild zeigt das Ziel (Innenstadt oder Kaldauen). Registrierte Fahrerinnen und Fahrer aus dem Ort halten an. Ergänzt den Busverkehr.',
    organisation: { name: 'Dorfgemeinschaft Braschoß', email: mail('mitfahrbank'), phone: phone(136) },
    interests: ['ausfluege', 'treffen'],
    age_groups: ['senioren', 'erwachsene'],
    district: 'braschoss',
    location: loc('Mitfahrbank an der Haltestelle Braschoß Ort', 'Braschoßer Straße 12', 50.7851, 7.2543, 'yes', 'Braschoß Ort'),
    schedules: [byArrangement('jederzeit, tagsüber')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-tagesausfluege',
    title: 'Tagesausflüge mit dem Seniorenbüro',
    summary: 'Einmal im Monat mit dem Bus unterwegs: Museen, Gärten und Städte in der Region.',
    description: 'Abfahrt am Bahnhof Siegburg. Der Bus hat einen Lift für Rollstühle. Begleitpersonen sind dabei. Anmeldung bis eine Woche vorher.',
    organisation: { name: 'Stadt Siegburg – Seniorenbüro', email: mail('seniorenbuero'), phone: phone(109) },
    interests: ['ausfluege', 'kultur', 'natur'],
    age_groups: ['senioren'],
    district: 'innenstadt',
    location: P.bahnhof,
    schedules: [monthly(3, ['TH'], '09:00', '18:00')],
    cost: { free: false, note: '25 € inklusive Eintritt, ermäßigt 12 €' },
    registration_required: true,
  }),
  offer({
    id: 'sample-sieg-radler',
    title: 'Radtour-Gruppe „Sieg-Radler“',
    summary: 'Gemütliche Radtouren entlang der Sieg, 20 bis 40 Kilometer, mit Einkehr.',
    description: 'Von April bis September jeden Samstag. Auch mit E-Bike. Helm empfohlen. Treffpunkt am Familienzentrum Wolsdorf.',
    organisation: { name: 'Radfreunde Siegburg', email: mail('radfreunde'), phone: phone(137) },
    interests: ['ausfluege', 'bewegung', 'natur'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'wolsdorf',
    location: P.wolsdorf,
    schedules: [weekly(['SA'], '10:00', '13:00', { valid_from: '2027-04-01', valid_to: '2027-09-30' })],
    cost: { free: true },
  }),
  offer({
    id: 'sample-schulgarten-stallberg',
    title: 'Schulgarten-Patenschaft',
    summary: 'Gartenerfahrene Ältere gärtnern mit Grundschulkindern im Schulgarten.',
    description: 'Kinder und Paten säen, pflegen und ernten gemeinsam. Neue Patinnen und Paten werden gesucht.',
    organisation: { name: 'Grundschule Stallberg', email: mail('grundschule-stallberg'), phone: phone(138) },
    interests: ['natur', 'ehrenamt', 'lernen'],
    age_groups: ['kinder', 'senioren'],
    district: 'stallberg',
    location: P.stallberg,
    schedules: [weekly(['FR'], '14:00', '16:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-naturfuehrung-wahnbach',
    title: 'Naturkundliche Führung im Wahnbachtal',
    summary: 'Vögel, Bäume und Kräuter entdecken auf einem ruhigen Spaziergang mit einer Naturführerin.',
    description: 'Etwa zwei Stunden auf Waldwegen, festes Schuhwerk nötig. Ferngläser können ausgeliehen werden.',
    organisation: { name: 'Naturschutzgruppe Seligenthal', email: mail('naturschutz'), phone: phone(139) },
    interests: ['natur', 'ausfluege', 'lernen'],
    age_groups: ['alle'],
    district: 'seligenthal',
    location: P.wahnbach,
    schedules: [monthly(1, ['SU'], '10:00', '12:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-maennerschuppen-zange',
    title: 'Männerschuppen',
    summary: 'Werkeln, reparieren, reden: ein Treffpunkt für Männer, die nach dem Berufsleben etwas anpacken wollen.',
    description: 'In der Werkstatt entstehen Vogelhäuser, Bänke für den Stadtteil und Reparaturen für Nachbarn. Kaffee gibt es immer.',
    organisation: { name: 'Jugend- und Stadtteilhaus Zange', email: mail('maennerschuppen'), phone: phone(140) },
    interests: ['treffen', 'ehrenamt'],
    age_groups: ['erwachsene', 'senioren'],
    district: 'zange',
    location: P.zangeWerkstatt,
    schedules: [weekly(['WE'], '15:00', '18:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-stuhlyoga-kaldauen',
    title: 'Yoga auf dem Stuhl',
    summary: 'Ruhige Atem- und Dehnübungen im Sitzen, für mehr Beweglichkeit und Gelassenheit.',
    description: 'Keine Matte nötig, alle Übungen werden auf dem Stuhl gemacht. Bitte bequeme Kleidung tragen.',
    organisation: { name: 'Pfarrheim Kaldauen', email: mail('pfarrheim-kaldauen'), phone: phone(141) },
    interests: ['bewegung'],
    age_groups: ['senioren'],
    district: 'kaldauen',
    location: P.kaldauenKirche,
    schedules: [weekly(['TU'], '10:30', '11:30')],
    cost: { free: false, note: '4 € pro Stunde' },
  }),
  offer({
    id: 'sample-poetry-werkstatt',
    title: 'Schreibwerkstatt und Poetry-Slam für Jugendliche',
    summary: 'Eigene Texte schreiben und vortragen – einmal im Monat mit offener Bühne.',
    description: 'Eine Autorin gibt Tipps zum Schreiben. Wer möchte, liest am Ende auf der offenen Bühne vor.',
    organisation: { name: 'Stadtbibliothek Siegburg', email: mail('bibliothek'), phone: phone(119) },
    interests: ['kultur', 'lernen'],
    age_groups: ['jugendliche'],
    district: 'innenstadt',
    location: P.bibliothek,
    schedules: [monthly(4, ['FR'], '18:00', '21:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-frauentreff-zange',
    title: 'Interkultureller Frauentreff',
    summary: 'Frauen aus vielen Ländern treffen sich zum Reden, Lernen und für gemeinsame Ausflüge.',
    description: 'Bei Tee und Gebäck tauschen sich Frauen aus. Gelegentlich gibt es Vorträge oder Ausflüge. Kinderbetreuung ist vorhanden.',
    translations: {
      tr: {
        title: 'Kültürlerarası kadın buluşması',
        summary: 'Birçok ülkeden kadınlar sohbet etmek, öğrenmek ve birlikte gezmek için buluşuyor.',
        description: 'Çay ve kurabiye eşliğinde kadınlar sohbet eder. Zaman zaman konferanslar veya geziler düzenlenir. Çocuk bakımı vardır.',
      },
      uk: {
        title: 'Міжкультурна жіноча зустріч',
        summary: 'Жінки з багатьох країн зустрічаються, щоб поспілкуватися, навчатися та разом подорожувати.',
        description: 'За чаєм і печивом жінки обмінюються досвідом. Іноді бувають лекції або екскурсії. Є догляд за дітьми.',
      },
      ar: {
        title: 'ملتقى النساء متعدد الثقافات',
        summary: 'تلتقي نساء من بلدان كثيرة للحديث والتعلّم والقيام برحلات مشتركة.',
        description: 'تتبادل النساء الأحاديث مع الشاي والحلويات. تُنظَّم أحياناً محاضرات أو رحلات. تتوفر رعاية للأطفال.',
      },
    },
    organisation: { name: 'Integrationsagentur Siegburg', email: mail('frauentreff'), phone: phone(142) },
    interests: ['treffen', 'lernen', 'ausfluege'],
    age_groups: ['erwachsene'],
    district: 'zange',
    location: P.zange,
    schedules: [weekly(['WE'], '09:30', '11:30')],
    cost: { free: true },
    languages: ['de', 'tr', 'uk', 'ar'],
  }),
  offer({
    id: 'sample-erzaehlcafe-seligenthal',
    title: 'Erzählcafé „Weißt du noch?“',
    summary: 'Erinnerungen teilen: Wie war Siegburg früher? Mit alten Fotos und viel Zeit zum Zuhören.',
    description: 'Zu jedem Treffen gibt es ein Thema, etwa Schulzeit, Markttage oder das Hochwasser. Jüngere Gäste sind ausdrücklich eingeladen.',
    organisation: { name: 'Heimatverein Seligenthal', email: mail('heimatverein'), phone: phone(143) },
    interests: ['treffen', 'kultur'],
    age_groups: ['senioren', 'alle'],
    district: 'seligenthal',
    location: P.seligenthal,
    schedules: [monthly(3, ['MO'], '15:00', '17:00')],
    cost: { free: true },
  }),
  offer({
    id: 'sample-weihnachtsmarkt-begegnung',
    title: 'Begegnungsnachmittag im Advent',
    summary: 'Gemeinsam Plätzchen backen, singen und Geschichten hören – damit niemand die Adventszeit allein verbringt.',
    description: 'Ein Nachmittag für alle Generationen mit Musik, Basteln und Kaffee. Fahrdienst auf Anfrage.',
    organisation: { name: 'Nachbarschaftstreff Stallberg', email: mail('treff-stallberg'), phone: phone(126) },
    interests: ['treffen', 'kultur', 'essen'],
    age_groups: ['alle'],
    district: 'stallberg',
    location: P.stallberg,
    schedules: [once('2026-12-12', '14:00', '17:00')],
    cost: { free: true },
  }),
];
