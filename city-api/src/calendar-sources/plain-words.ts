/**
 * Text clean-up for imported calendar entries, and the problems of a feed in words a club understands.
 * The kiosk accepts only plain text (no markup, no entities, no control characters), so imported titles and
 * descriptions are turned into plain text here, once, on the server.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', euro: '€', ndash: '–', mdash: '—', bdquo: '„', ldquo: '“', rdquo: '”' };

/** Strips tags, decodes entities, removes control characters, collapses blank runs, cuts at `max` characters. */
export function plainFromFeed(v: unknown, max: number): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  s = s.replace(/<\s*(br|\/p|\/div|\/li)\b[^>]*>/gi, '\n').replace(/<[^>]*>/g, ' ');
  // Decode twice at most: feeds sometimes escape their HTML once more ("&amp;amp;").
  for (let i = 0; i < 2; i++) {
    s = s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 31 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? ' ';
    });
  }
  // A decoded "<b>" is markup again for the kiosk: drop what still looks like a tag.
  s = s.replace(/<\s*\/?\s*[a-z!?][^>]*>/gi, ' ');
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
  s = s
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if ([...s].length > max) s = [...s].slice(0, max - 1).join('').trimEnd() + '…';
  return s;
}

/** Problems found while reading a feed; counted per kind. */
export type ProblemKind =
  | 'floating'
  | 'unknown_tz'
  | 'no_uid'
  | 'no_start'
  | 'no_title'
  | 'broken'
  | 'duplicate'
  | 'too_many'
  | 'series_cut';

export type ProblemCounts = Partial<Record<ProblemKind, number>>;

const termine = (n: number) => (n === 1 ? '1 Termin' : `${n} Termine`);

/** One line per problem, e.g. "3 Termine ohne Zeitzone – als deutsche Zeit gelesen". */
export function problemLines(p: ProblemCounts): string[] {
  const out: string[] = [];
  const n = (k: ProblemKind) => p[k] ?? 0;
  if (n('floating')) out.push(`${termine(n('floating'))} ohne Zeitzone – als deutsche Zeit gelesen`);
  if (n('unknown_tz')) out.push(`${termine(n('unknown_tz'))} mit unbekannter Zeitzone – als deutsche Zeit gelesen`);
  if (n('no_start')) out.push(`${termine(n('no_start'))} ohne Beginn – nicht übernommen`);
  if (n('no_title')) out.push(`${termine(n('no_title'))} ohne Titel – nicht übernommen`);
  if (n('no_uid')) out.push(`${termine(n('no_uid'))} ohne Kennung (UID) – nicht übernommen`);
  if (n('broken')) out.push(`${termine(n('broken'))} konnten nicht gelesen werden – nicht übernommen`);
  if (n('duplicate')) out.push(`${termine(n('duplicate'))} doppelt im Kalender – nur einmal übernommen`);
  if (n('series_cut')) out.push(`${n('series_cut') === 1 ? '1 Terminserie' : `${n('series_cut')} Terminserien`} mit sehr vielen Terminen – nur die ersten übernommen`);
  if (n('too_many')) out.push(`Mehr Termine als erlaubt – ${termine(n('too_many'))} nicht übernommen`);
  return out;
}

/** Why a fetch failed, as a club would say it. */
export type FetchFailure =
  | { kind: 'timeout'; seconds: number }
  | { kind: 'too_large'; maxBytes: number }
  | { kind: 'http'; status: number }
  | { kind: 'not_found_host'; host: string }
  | { kind: 'unreachable' }
  | { kind: 'bad_url' }
  | { kind: 'not_a_calendar' }
  | { kind: 'unreadable' };

export function failureText(f: FetchFailure): string {
  switch (f.kind) {
    case 'timeout':
      return `Keine Antwort nach ${f.seconds} Sekunden`;
    case 'too_large':
      return `Kalender zu groß (mehr als ${Math.round(f.maxBytes / 1_000_000)} MB)`;
    case 'http':
      if (f.status === 404 || f.status === 410) return `Adresse nicht gefunden (Fehler ${f.status}) – bitte den Link prüfen`;
      if (f.status === 401 || f.status === 403) return `Kalender ist nicht öffentlich (Fehler ${f.status}) – bitte einen öffentlichen Link freigeben`;
      if (f.status >= 500) return `Der Kalender-Server meldet einen Fehler (Fehler ${f.status})`;
      return `Der Kalender-Server antwortet unerwartet (Fehler ${f.status})`;
    case 'not_found_host':
      return `Adresse nicht gefunden – den Server „${f.host}“ gibt es nicht`;
    case 'unreachable':
      return 'Kalender-Server nicht erreichbar';
    case 'bad_url':
      return 'Das ist keine gültige Internet-Adresse (sie muss mit https://, http:// oder webcal:// beginnen)';
    case 'not_a_calendar':
      return 'Unter dieser Adresse steht kein Kalender (weder iCal-Datei noch Termine im schema.org-Format)';
    case 'unreadable':
      return 'Die Kalender-Datei ist beschädigt und konnte nicht gelesen werden';
  }
}

/** "seit 5 Tagen nicht erreichbar" once a source has failed for at least a day. */
export function unreachableSince(sinceIso: string | null, now: Date): string | null {
  if (!sinceIso) return null;
  const days = Math.floor((now.getTime() - Date.parse(sinceIso)) / 86_400_000);
  if (days < 1) return null;
  return days === 1 ? 'seit 1 Tag nicht erreichbar' : `seit ${days} Tagen nicht erreichbar`;
}
