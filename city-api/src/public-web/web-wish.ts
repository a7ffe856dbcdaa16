import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { taxonomySchema, type Taxonomy } from '../../../shared/schemas/taxonomy';
import { WISH_TEXT_MAX, wishContactSchema, type WishContact } from '../../../shared/schemas/wish';
import type { CityDb } from '../city-db';
import { formParams } from '../form-body';
import { html, raw, type Raw } from '../staff-html';
import { DEFAULT_SPAM_LIMITS, windowCounter, type SpamLimits } from '../submissions/submission-routes';
import type { KioskStorage } from '../storage/kiosk-storage';
import { sqliteStorage } from '../storage/sqlite-storage';
import { taxonomyForTowns } from '../storage/town-storage';
import type { WebWishBody } from '../wish-store';
import { labelOf } from './web-pages';
import { webPage, withLang } from './web-html';
import { placeName, webBase } from './web-town';
import { parseLang, WEB_TEXTS, type WebLang, type WebTexts } from './web-texts';

/**
 * The web wish form `/wuensche/neu` (issue 17): the kiosk's "Ich suche …" for people at home. Stored like a kiosk
 * wish (same body, `kiosk_id: null`, source 'web'), so it shows in the staff wish list and in Bedarf. Works without
 * JavaScript; on a mistake the form comes back with everything typed and a message per field.
 *
 * Spam protection as on the club form (no third parties, no cookies): a hidden honeypot field, a signed time token
 * (not sent faster than `minFillMs`, not older than `maxFormAgeMs`), attempts per 10 minutes and accepted wishes per
 * hour per address. The token carries a random nonce that is the wish's idempotency key: a replayed or double-sent
 * form stores one wish. Cross-site posts (another site's form aimed at this one) are refused by Origin /
 * Sec-Fetch-Site — the form has no session to protect, but nobody else may send wishes in a visitor's name.
 */

export interface WebWishOptions {
  /** Where wishes go and the taxonomy comes from (SQLite or PostgreSQL, issue 19); absent: `db` through sqliteStorage. */
  storage?: Pick<KioskStorage, 'getTaxonomy' | 'storeWebWish'>;
  db?: CityDb;
  publicUrl: () => string;
  now: () => Date;
  spam?: Partial<SpamLimits>;
  sendHtml: (reply: FastifyReply, body: string, status?: number) => FastifyReply;
  /** The name on the request's pages (web-town.ts placeName); default: the town's, else Siegburg. */
  placeOf?: (req: FastifyRequest, lang: WebLang) => string;
}

type Field = 'text' | 'phone' | 'email' | 'consent' | 'form';
type ErrorKey = 'e_text' | 'e_tooLong' | 'e_phone' | 'e_email' | 'e_consent' | 'e_contact' | 'e_tooFast' | 'e_expired' | 'e_spam' | 'e_control' | 'e_already' | 'e_origin' | 'e_rate';
type Errors = Map<Field, { key: ErrorKey; minutes?: number }>;

interface WishValues {
  text: string;
  interests: string[];
  ageGroup: string;
  district: string;
  name: string;
  phone: string;
  email: string;
  consent: boolean;
}

const EMPTY: WishValues = { text: '', interests: [], ageGroup: '', district: '', name: '', phone: '', email: '', consent: false };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
const LIMITS = { text: 4 * WISH_TEXT_MAX, name: 100, phone: 40, email: 254 } as const;

/** What the form sent, bounded (a huge paste is cut far beyond the limit, so the message still shows the text). */
export function readWishValues(p: URLSearchParams): WishValues {
  const one = (k: string, max: number) => (p.get(k) ?? '').slice(0, max);
  return {
    text: one('text', LIMITS.text).replace(/\r\n?/g, '\n'),
    interests: p.getAll('interest').slice(0, 20).map((s) => s.slice(0, 128)),
    ageGroup: one('age_group', 128),
    district: one('district', 128),
    name: one('name', LIMITS.name),
    phone: one('phone', LIMITS.phone),
    email: one('email', LIMITS.email),
    consent: p.get('consent') === 'ja',
  };
}

/** Checks the values; on success the wish body (unknown taxonomy ids are dropped, not errors). */
export function checkWish(v: WishValues, lang: WebLang, taxonomy: Taxonomy, now: Date): { ok: true; body: WebWishBody } | { ok: false; errors: Errors; values: WishValues } {
  const errors: Errors = new Map();
  let values = v;
  if (CONTROL.test(v.text) || CONTROL.test(v.name)) {
    // removed, and shown again for a look before sending: nothing visible is lost
    values = { ...v, text: v.text.replace(CONTROLS, ''), name: v.name.replace(CONTROLS, '') };
    errors.set('text', { key: 'e_control' });
  }
  const text = values.text.trim();
  if (!errors.has('text')) {
    if (!text) errors.set('text', { key: 'e_text' });
    else if ([...text].length > WISH_TEXT_MAX) errors.set('text', { key: 'e_tooLong' });
  }
  const contact: WishContact = {};
  const name = values.name.trim();
  const phone = values.phone.trim();
  const email = values.email.trim();
  if (name) contact.name = name;
  if (phone) {
    if (wishContactSchema.shape.phone.safeParse(phone).success) contact.phone = phone;
    else errors.set('phone', { key: 'e_phone' });
  }
  if (email) {
    if (wishContactSchema.shape.email.safeParse(email).success) contact.email = email;
    else errors.set('email', { key: 'e_email' });
  }
  // contact details are kept only with consent; typed without the tick, we ask instead of dropping them silently
  if (!values.consent && (phone || email)) errors.set('consent', { key: 'e_consent' });
  if (values.consent && !phone && !email) errors.set('consent', { key: 'e_contact' });
  if (errors.size) return { ok: false, errors, values };
  const ids = (list: { id: string }[]) => new Set(list.map((x) => x.id));
  const interests = ids(taxonomy.interests);
  const body: WebWishBody = {
    text,
    language: lang,
    contact_consent: values.consent,
    created_at: now.toISOString(),
    kiosk_id: null,
    source: 'web',
  };
  const chosen = [...new Set(values.interests)].filter((i) => interests.has(i));
  if (chosen.length) body.interests = chosen;
  if (ids(taxonomy.age_groups).has(values.ageGroup)) body.age_group = values.ageGroup;
  if (ids(taxonomy.districts).has(values.district)) body.district = values.district;
  if (values.consent) body.contact = contact;
  return { ok: true, body };
}

const fieldId: Record<Field, string> = { text: 'text', phone: 'phone', email: 'email', consent: 'consent', form: 'text' };

function message(t: WebTexts, e: { key: ErrorKey; minutes?: number }): string {
  return e.key === 'e_rate' ? t.e_rate(e.minutes ?? 10) : t[e.key];
}

export function wishFormBody(o: { lang: WebLang; taxonomy: Taxonomy; values: WishValues; errors: Errors; token: string }): Raw {
  const { lang, taxonomy, values: v, errors } = o;
  const t = WEB_TEXTS[lang];
  const err = (f: Field) => errors.get(f);
  const described = (f: Field, hint?: string) => {
    const ids = [hint, err(f) ? `${f}-error` : ''].filter(Boolean).join(' ');
    return raw(`${ids ? ` aria-describedby="${ids}"` : ''}${err(f) ? ' aria-invalid="true"' : ''}`);
  };
  const errorLine = (f: Field) => (err(f) ? html`<p class="error" id="${f}-error">${message(t, err(f)!)}</p>` : '');
  const summary = errors.size
    ? html`<div class="summary" role="alert" tabindex="-1" id="fehler"><p><strong>${t.errorSummary}</strong></p><ul>${[...errors].map(
        ([f, e]) => html`<li><a href="#${fieldId[f]}">${message(t, e)}</a></li>`,
      )}</ul></div>`
    : '';
  const choice = (type: 'checkbox' | 'radio', name: string, id: string, value: string, label: string, checked: boolean) =>
    html`<div class="choice"><input type="${type}" id="${id}" name="${name}" value="${value}"${checked ? raw(' checked') : ''}><label for="${id}">${label}</label></div>`;
  return html`<p>${t.wishIntro}</p>
    ${summary}
    <form method="post" action="${withLang('/wuensche/neu', lang)}" novalidate>
      <input type="hidden" name="t" value="${o.token}">
      <input type="hidden" name="lang" value="${lang}">
      <label class="block" for="text">${t.wishText}</label>
      <p class="hint" id="text-hint">${t.wishTextHint}</p>
      ${errorLine('text')}
      <textarea id="text" name="text" rows="6"${described('text', 'text-hint')}>${v.text}</textarea>
      <div class="hp" aria-hidden="true"><label for="homepage">${t.honeypot}</label><input type="text" id="homepage" name="homepage" tabindex="-1" autocomplete="off"></div>
      <details class="filters"${v.interests.length || v.ageGroup || v.district ? raw(' open') : ''}><summary>${t.wishAbout}</summary>
        <fieldset><legend>${t.interests}</legend><div class="choices">${taxonomy.interests.map((i, n) =>
          choice('checkbox', 'interest', `interest-${n}`, i.id, labelOf(i.label, lang), v.interests.includes(i.id)),
        )}</div></fieldset>
        <fieldset><legend>${t.ageGroups}</legend><div class="choices">${taxonomy.age_groups.map((a, n) =>
          choice('radio', 'age_group', `age-${n}`, a.id, labelOf(a.label, lang), v.ageGroup === a.id),
        )}</div></fieldset>
        <label class="block" for="district">${t.district}</label>
        <select id="district" name="district"><option value="">${t.districtAny}</option>${taxonomy.districts.map(
          (d) => html`<option value="${d.id}"${v.district === d.id ? raw(' selected') : ''}>${labelOf(d.label, lang)}</option>`,
        )}</select>
      </details>
      <fieldset><legend>${t.wishContactLegend}</legend>
        <label class="block" for="name">${t.wishName}</label>
        <input type="text" id="name" name="name" value="${v.name}" maxlength="${LIMITS.name}" autocomplete="name">
        <label class="block" for="phone">${t.wishPhone}</label>
        ${errorLine('phone')}
        <input type="tel" id="phone" name="phone" value="${v.phone}" maxlength="${LIMITS.phone}" autocomplete="tel" dir="ltr"${described('phone')}>
        <label class="block" for="email">${t.wishEmail}</label>
        ${errorLine('email')}
        <input type="email" id="email" name="email" value="${v.email}" maxlength="${LIMITS.email}" autocomplete="email" dir="ltr"${described('email')}>
        ${errorLine('consent')}
        <div class="choice"><input type="checkbox" id="consent" name="consent" value="ja"${v.consent ? raw(' checked') : ''}${described('consent')}><label for="consent">${t.wishConsent}</label></div>
      </fieldset>
      <div class="actions"><button type="submit">${t.wishSend}</button></div>
    </form>
    <p>${t.wishClub} <a href="/submit${lang === 'en' ? '?lang=en' : ''}">${t.navClub}</a></p>`;
}

export function registerWebWishRoutes(app: FastifyInstance, opts: WebWishOptions): void {
  const { now, sendHtml } = opts;
  const placeOf = opts.placeOf ?? ((req: FastifyRequest, lang: WebLang) => placeName(req, lang));
  if (!opts.storage && !opts.db) throw new Error('registerWebWishRoutes: needs storage or db');
  const storage = opts.storage ?? sqliteStorage(opts.db!);
  const spam = { ...DEFAULT_SPAM_LIMITS, ...opts.spam };
  const secret = randomBytes(32);
  const attempts = windowCounter(10 * 60_000);
  const accepted = windowCounter(3600_000);

  const sign = (payload: string) => createHmac('sha256', secret).update(`wish ${payload}`).digest('base64url');
  /** `<ms>.<nonce>.<hmac>`: when the form was handed out, and which form it is. */
  const newToken = () => {
    const payload = `${now().getTime()}.${randomBytes(12).toString('base64url')}`;
    return `${payload}.${sign(payload)}`;
  };
  const readToken = (token: string): { age: number; nonce: string } | null => {
    const m = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    // Compared as text, not as decoded bytes: base64url decoding ignores the last character's padding bits, so a
    // signature with a changed last letter could otherwise still be accepted.
    const want = Buffer.from(sign(`${m[1]}.${m[2]}`), 'ascii');
    const got = Buffer.from(m[3]!, 'ascii');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    return { age: now().getTime() - Number(m[1]), nonce: m[2]! };
  };
  /** The taxonomy of the request's pages: on a town's address without other towns' districts (as its kiosks get it). */
  const taxonomy = async (req: FastifyRequest): Promise<Taxonomy> => {
    const row = await storage.getTaxonomy();
    if (!row) return { interests: [], age_groups: [], districts: [] };
    return taxonomySchema.parse(JSON.parse(req.webTown ? taxonomyForTowns(row, [req.webTown.town]).json : row.json));
  };
  /** A post from another site: the browser says so (Sec-Fetch-Site) or names another origin than this page's address. */
  const crossSite = (req: FastifyRequest): boolean => {
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return true;
    const origin = req.headers.origin;
    if (!origin || origin === 'null') return false;
    try {
      return new URL(origin).origin !== new URL(webBase(req, opts.publicUrl)).origin;
    } catch {
      return true;
    }
  };

  const page = async (req: FastifyRequest, reply: FastifyReply, lang: WebLang, values: WishValues, errors: Errors, status: number) => {
    const t = WEB_TEXTS[lang];
    return sendHtml(
      reply.header('cache-control', 'no-store'),
      webPage(
        { lang, place: placeOf(req, lang), title: errors.size ? `${t.errorSummary} ${t.wishTitle}` : t.wishTitle, path: '/wuensche/neu', base: webBase(req, opts.publicUrl), nav: 'wish', description: t.wishIntro, noindex: errors.size > 0 },
        wishFormBody({ lang, taxonomy: await taxonomy(req), values, errors, token: newToken() }),
      ),
      status,
    );
  };
  const thanks = (req: FastifyRequest, reply: FastifyReply, lang: WebLang, status: number) => {
    const t = WEB_TEXTS[lang];
    return sendHtml(
      reply.header('cache-control', 'no-store'),
      webPage(
        { lang, place: placeOf(req, lang), title: t.wishThanksTitle, path: '/wuensche/neu', base: webBase(req, opts.publicUrl), nav: 'wish', noindex: true },
        html`<div class="ok" role="status"><p>${t.wishThanks}</p></div>
          <p><a class="button" href="${withLang('/wuensche/neu', lang)}">${t.wishAgain}</a> <a class="button secondary" href="${withLang('/angebote', lang)}">${t.navList}</a></p>`,
      ),
      status,
    );
  };

  app.get('/wuensche/neu', async (req, reply) => page(req, reply, parseLang((req.query as Record<string, unknown>).lang), EMPTY, new Map(), 200));
  app.get('/wuensche', async (req, reply) => reply.redirect(withLang('/wuensche/neu', parseLang((req.query as Record<string, unknown>).lang)), 301));

  app.post('/wuensche/neu', async (req, reply) => {
    const p = formParams(req);
    const lang = parseLang(p.get('lang') ?? (req.query as Record<string, unknown>).lang);
    const values = readWishValues(p);
    const t = now().getTime();
    const ip = req.ip;
    const fail = (key: ErrorKey, status: number, minutes?: number) => page(req, reply, lang, values, new Map([['form', { key, minutes }]]), status);

    if (crossSite(req)) return fail('e_origin', 403);
    if (attempts.count(ip, t) >= spam.attemptsPer10Min || accepted.count(ip, t) >= spam.acceptedPerHour) {
      const overAccepted = accepted.count(ip, t) >= spam.acceptedPerHour;
      const oldest = (overAccepted ? accepted.oldest(ip) : attempts.oldest(ip)) ?? t;
      const minutes = Math.max(1, Math.ceil((oldest + (overAccepted ? 3600_000 : 600_000) - t) / 60_000));
      reply.header('retry-after', String(minutes * 60));
      return fail('e_rate', 429, minutes);
    }
    attempts.add(ip, t);
    if ((p.get('homepage') ?? '') !== '') return fail('e_spam', 422);
    const token = readToken(p.get('t') ?? '');
    if (!token || token.age > spam.maxFormAgeMs) return fail('e_expired', 422);
    if (token.age < spam.minFillMs) return fail('e_tooFast', 422);

    const checked = checkWish(values, lang, await taxonomy(req), now());
    if (!checked.ok) return page(req, reply, lang, checked.values, checked.errors, 422);
    // the town whose address the form was sent on (the --town-site allow-list, never the Host header itself)
    const stored = await storage.storeWebWish(token.nonce, checked.body, req.webTown?.town ?? null);
    if (stored.outcome === 'conflict') return fail('e_already', 409);
    // a replay of the same form (back button, double tap, a resend) thanks again and stores nothing more
    if (stored.outcome === 'created') accepted.add(ip, t);
    return thanks(req, reply, lang, stored.outcome === 'created' ? 201 : 200);
  });
}
