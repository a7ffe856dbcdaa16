/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): a parameter with it fails the whole statement
 * ('invalid byte sequence for encoding "UTF8": 0x00', SQLSTATE 22021) and the request answers 500 where SQLite
 * stores the text (issue 19; found by sending NUL in every form field on both backends). Free text nobody can see
 * a NUL in (names, reasons, labels, error messages, imported calendar texts) is stored without it; the pages and
 * calendars written from either backend drop control characters anyway. A URL keeps its meaning instead: NUL is
 * written as %00, as the URL parser does when the address is fetched (fetch-feed.ts normaliseFeedUrl).
 */
export function pgText<T extends string | null | undefined>(v: T): T {
  return typeof v === 'string' && v.includes('\u0000') ? (v.replaceAll('\u0000', '') as T) : v;
}

export function pgUrl(v: string): string {
  return v.includes('\u0000') ? v.replaceAll('\u0000', '%00') : v;
}
