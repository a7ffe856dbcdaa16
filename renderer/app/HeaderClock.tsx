import { useEffect, useState } from 'react';
import { useLanguage, htmlLang } from './settings-store';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** One formatter per locale: building one is the costly part, formatting is cheap. */
function formatterFor(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });
    formatters.set(locale, f);
  }
  return f;
}

/**
 * Today's date and time in words, in the current language ("Mittwoch, 25. November, 14:40").
 * The first screen paints without it and the time follows right after: the page's first Intl.DateTimeFormat loads
 * the browser's date and time-zone data, 85 ms of the first render in the cold-start profile (issue 20).
 */
export function HeaderClock() {
  const language = useLanguage();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const first = window.setTimeout(() => setNow(new Date()), 0);
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, []);
  const locale = htmlLang(language) === 'ar' ? 'ar-u-nu-latn' : htmlLang(language);
  return <span className="shell-clock">{now ? formatterFor(locale).format(now) : ''}</span>;
}
