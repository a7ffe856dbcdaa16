import { useEffect, useState } from 'react';
import { useLanguage, htmlLang } from './settings-store';

/** Today's date and time in words, in the current language ("Mittwoch, 25. November, 14:40"). */
export function HeaderClock() {
  const language = useLanguage();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  const locale = htmlLang(language) === 'ar' ? 'ar-u-nu-latn' : htmlLang(language);
  const text = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(now);
  return <span className="shell-clock">{text}</span>;
}
