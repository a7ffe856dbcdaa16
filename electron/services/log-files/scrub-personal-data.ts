/**
 * Removes personal data from log text: e-mail addresses and phone numbers. Logs must never hold them
 * (wish contact details are the main risk), so every line written to disk passes through here.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/**
 * Phone numbers: an optional + or 00 country prefix, then digits with spaces, slashes, dots, dashes or brackets,
 * 7 or more digits in all. ISO dates and times (2026-11-25, 14:30:00) are not matched: they are handled first.
 */
const PHONE = /(?<![\w.:-])(?:\+|00)?\(?\d[\d\s/().-]{5,}\d(?![\w:])/g;
const ISO_DATETIME = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;

export function scrubPersonalData(text: string): string {
  // Protect ISO dates/times from the phone pattern.
  const kept: string[] = [];
  const masked = text.replace(ISO_DATETIME, (m) => {
    kept.push(m);
    return `\u0000${kept.length - 1}\u0000`;
  });
  const scrubbed = masked.replace(EMAIL, '[e-mail]').replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '').length;
    return digits >= 7 ? '[phone]' : m;
  });
  // eslint-disable-next-line no-control-regex
  return scrubbed.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)] ?? '');
}

/** JSON-serialises log metadata with personal data removed from every string; bounded in size. */
export function scrubMeta(meta: Record<string, unknown> | undefined, maxChars = 4000): string {
  if (!meta || Object.keys(meta).length === 0) return '';
  let json: string;
  try {
    json = JSON.stringify(meta, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    json = '"[unserialisable]"';
  }
  json = scrubPersonalData(json);
  return json.length > maxChars ? `${json.slice(0, maxChars)}…` : json;
}
