/** Distance for people: metres rounded to 50 below one kilometre, else kilometres with one decimal. */
export function distanceWords(
  km: number | null,
  lang: string,
  t: (key: 'distanceKm' | 'distanceM', vars: Record<string, string>) => string,
): string | null {
  if (km === null || !Number.isFinite(km) || km < 0) return null;
  // German digits for Leichte Sprache; Western digits for Arabic, as on Siegburg's street signs (same as the offers list).
  const locale = lang === 'de-LS' ? 'de' : lang === 'ar' ? 'ar-u-nu-latn' : lang;
  if (km < 1) {
    const m = Math.max(50, Math.round((km * 1000) / 50) * 50);
    return t('distanceM', { m: new Intl.NumberFormat(locale).format(m) });
  }
  return t('distanceKm', { km: new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: km < 10 ? 1 : 0 }).format(km) });
}
