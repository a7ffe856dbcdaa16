/** The club form (/submit) as a browser sends it, for tests of the form on either backend and the attack tables. */

/** A multipart body as a browser sends it: text fields first, the photo last. */
export function multipart(fields: [string, string][], file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----gemeinsamtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A complete, valid club form. */
export function clubFormFields(t: string, overrides: Record<string, string> = {}): [string, string][] {
  const base: Record<string, string> = {
    t,
    lang: 'de',
    title: 'Spieletreff für Jung und Alt',
    summary: 'Wir spielen Brettspiele und Karten. Alle sind willkommen.',
    description: 'Jeden Donnerstag im Gemeindehaus. Kaffee gibt es auch.',
    freq: 'weekly',
    opens_at: '15:00',
    closes_at: '17:00',
    loc_name: 'Gemeindehaus Kaldauen',
    street: 'Hauptstraße 1',
    postal_code: '53721',
    city: 'Siegburg',
    district: '',
    lat: '50.7851',
    lon: '7.2402',
    wheelchair: 'yes',
    cost_free: 'yes',
    registration: 'no',
    org_name: 'Spielefreunde Kaldauen e. V.',
    org_email: 'spiele@example.org',
    sub_name: 'Erika Beispiel',
    sub_email: 'erika@example.org',
    privacy: 'yes',
    homepage: '',
    image_alt: '',
    ...overrides,
  };
  return [...Object.entries(base), ['interests', 'spielen'], ['age_groups', 'alle'], ['byday', 'TH']];
}
