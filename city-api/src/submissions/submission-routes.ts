import multipart from '@fastify/multipart';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { taxonomySchema, type Taxonomy } from '../../../shared/schemas/taxonomy';
import type { Offer } from '../../../shared/schemas/offer';
import type { KioskStorage } from '../storage/kiosk-storage';
import { reencodePhoto, type PhotoError, type PhotoType } from '../photo';
import { PIN_MISSING, parseSubmissionForm, valuesFromOffer, type FieldErrors, type FormValues } from './submission-form';
import { formText, type FormLang } from './submission-texts';
import { newOfferId, type Submission } from './submission-store';
import { PUBLIC_CSS, publicPage, submissionFormHtml } from './public-form-html';
import { html, type Raw } from '../staff-html';
import { placeName, webBase, type PlaceNames } from '../public-web/web-town';
import { formParams } from '../form-body';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** Spam protection without third parties: minimum time to fill, attempts and accepted submissions per address. */
export interface SpamLimits {
  minFillMs: number;
  maxFormAgeMs: number;
  attemptsPer10Min: number;
  acceptedPerHour: number;
}
export const DEFAULT_SPAM_LIMITS: SpamLimits = { minFillMs: 4000, maxFormAgeMs: 24 * 3600_000, attemptsPer10Min: 20, acceptedPerHour: 5 };

export interface SubmissionRoutesOptions {
  /** Submissions, images and taxonomy: SQLite or PostgreSQL (issue 19). */
  storage: Pick<KioskStorage, 'getTaxonomy' | 'putImage' | 'createSubmission' | 'submissionByToken' | 'updateSubmission' | 'withdrawSubmission' | 'setSubmissionTown'>;
  /** Public base URL used in private links (--public-url; never the request's Host). */
  publicUrl: () => string;
  spam?: Partial<SpamLimits>;
  now?: () => Date;
  /** The name on the form's header on addresses without town (--site-name; public-web/web-town.ts). */
  siteNames?: PlaceNames;
}

/**
 * Sliding-window counter per client address (req.ip: the visitor behind a --trust-proxy proxy). In memory, bounded:
 * expired entries go first, then the least recently seen addresses, so a flood of addresses cannot grow it.
 */
export function windowCounter(windowMs: number, maxKeys = 10_000) {
  const hits = new Map<string, number[]>();
  return {
    count(key: string, now: number): number {
      const list = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      hits.delete(key);
      hits.set(key, list);
      if (hits.size > maxKeys) {
        for (const k of hits.keys()) if ((hits.get(k) ?? []).every((t) => now - t >= windowMs)) hits.delete(k);
        for (const k of hits.keys()) {
          if (hits.size <= maxKeys) break;
          hits.delete(k);
        }
      }
      return list.length;
    },
    size: () => hits.size,
    add(key: string, now: number) {
      const list = hits.get(key) ?? [];
      list.push(now);
      hits.set(key, list);
    },
    oldest(key: string): number | undefined {
      return hits.get(key)?.[0];
    },
  };
}

const langOf = (q: unknown): FormLang => ((q as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'de');

/** The public, account-free submission form (`/submit`), the submitter's private page, feeds and the poster. */
export function registerSubmissionRoutes(app: FastifyInstance, opts: SubmissionRoutesOptions): void {
  const { storage } = opts;
  const now = opts.now ?? (() => new Date());
  const spam = { ...DEFAULT_SPAM_LIMITS, ...opts.spam };
  const secret = randomBytes(32);
  const attempts = windowCounter(10 * 60_000);
  const accepted = windowCounter(3600_000);

  const timeToken = (at = now().getTime()) => `${at}.${createHmac('sha256', secret).update(String(at)).digest('base64url')}`;
  const tokenAge = (token: string): number | null => {
    const [at, sig] = token.split('.');
    if (!at || !sig || !/^\d{1,15}$/.test(at)) return null;
    // Compared as text: base64url decoding ignores padding bits, so decoded bytes would accept a changed last letter.
    const want = Buffer.from(createHmac('sha256', secret).update(at).digest('base64url'), 'ascii');
    const got = Buffer.from(sig, 'ascii');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    return now().getTime() - Number(at);
  };

  const taxonomy = async (): Promise<Taxonomy> => {
    const row = await storage.getTaxonomy();
    return row ? taxonomySchema.parse(JSON.parse(row.json)) : { interests: [], age_groups: [], districts: [] };
  };
  const base = () => opts.publicUrl();
  const secure = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store');
  const send = (reply: FastifyReply, lang: FormLang, title: string, body: Raw, langHref: string | null, status = 200) =>
    secure(reply).code(status).type('text/html; charset=utf-8').send(publicPage(lang, title, body, langHref, placeName(reply.request, lang, opts.siteNames)));

  const showForm = async (reply: FastifyReply, lang: FormLang, values: FormValues, errors: FieldErrors, status: number, edit?: { token: string; submission: Submission }) => {
    const body = html`${edit ? statusBox(lang, edit.submission) : html`<p>${formText(lang, 'intro')}</p>`}
      ${submissionFormHtml({
        lang,
        values,
        errors,
        taxonomy: await taxonomy(),
        action: edit ? `/submit/edit/${edit.token}?lang=${lang}` : `/submit?lang=${lang}`,
        timeToken: timeToken(),
        submitLabel: edit ? 'save' : 'send',
        hasPhoto: !!edit?.submission.offer?.image,
      })}
      ${edit ? withdrawForm(lang, edit.token) : ''}`;
    const other = lang === 'de' ? 'en' : 'de';
    return send(reply, lang, formText(lang, edit ? 'editTitle' : 'pageTitle'), body, edit ? `/submit/edit/${edit.token}?lang=${other}` : `/submit?lang=${other}`, status);
  };

  /** Reads the multipart form; the photo comes last in the form, so every text field is in hand even when the photo is refused. */
  async function readForm(
    req: FastifyRequest,
    values: FormValues,
  ): Promise<{ values: FormValues; photo: { bytes: Buffer; contentType: PhotoType } | null; photoError: 'e_photoSize' | PhotoError | null }> {
    let photo: { bytes: Buffer; contentType: PhotoType } | null = null;
    let photoError: 'e_photoSize' | PhotoError | null = null;
    if (!req.isMultipart()) {
      const body = formParams(req);
      for (const [k, v] of body) values.set(k, [...(values.get(k) ?? []), v.slice(0, 10_000)]);
      return { values, photo, photoError };
    }
    for await (const part of req.parts({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 200, fieldSize: 20_000 } })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        if (part.file.truncated) photoError = 'e_photoSize';
        else if (bytes.length > 0) {
          // decoded and re-encoded: only the pixels reach the database and the kiosks
          const r = await reencodePhoto(bytes);
          if (r.ok) photo = { bytes: r.bytes, contentType: r.contentType };
          else photoError = r.error;
        }
      } else {
        const v = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        values.set(part.fieldname, [...(values.get(part.fieldname) ?? []), v]);
      }
    }
    return { values, photo, photoError };
  }

  /** Shared by new submissions and edits: spam checks, photo, validation with the shared Offer schema. */
  async function handlePost(
    req: FastifyRequest,
    reply: FastifyReply,
    edit: { token: string; submission: Submission } | null,
  ): Promise<{ offer: Offer; values: FormValues; contact: { name: string; email?: string; phone?: string } } | null> {
    const ip = req.ip;
    const t = now().getTime();
    // Fields read before a failure (an oversized or broken upload) are kept, so nothing typed is lost.
    const partial: FormValues = new Map();
    let form: Awaited<ReturnType<typeof readForm>>;
    try {
      form = await readForm(req, partial);
    } catch (_err) {
      form = { values: partial, photo: null, photoError: 'e_photoSize' };
    }
    const lang: FormLang = form.values.get('lang')?.[0] === 'en' ? 'en' : langOf(req.query);
    const errors: FieldErrors = new Map();

    if (attempts.count(ip, t) >= spam.attemptsPer10Min || (!edit && accepted.count(ip, t) >= spam.acceptedPerHour)) {
      const oldest = Math.min(attempts.oldest(ip) ?? t, accepted.oldest(ip) ?? t);
      const minutes = Math.max(1, Math.ceil((oldest + (accepted.count(ip, t) >= spam.acceptedPerHour ? 3600_000 : 600_000) - t) / 60_000));
      errors.set('form', { key: 'e_rateLimit', vars: { minutes } });
      reply.header('retry-after', String(minutes * 60));
      await showForm(reply, lang, form.values, errors, 429, edit ?? undefined);
      return null;
    }
    attempts.add(ip, t);

    if ((form.values.get('homepage')?.[0] ?? '') !== '') {
      errors.set('homepage', { key: 'e_spam' });
      await showForm(reply, lang, form.values, errors, 422, edit ?? undefined);
      return null;
    }
    const age = tokenAge(form.values.get('t')?.[0] ?? '');
    if (age === null || age > spam.maxFormAgeMs) errors.set('form', { key: 'e_expired' });
    else if (age < spam.minFillMs) errors.set('form', { key: 'e_tooFast' });

    let image = edit?.submission.offer?.image;
    if (form.photoError) errors.set('photo', { key: form.photoError });
    if (form.photo && !(form.values.get('image_alt')?.[0] ?? '').trim()) errors.set('image_alt', { key: 'e_photoAlt' });

    const offerId = edit?.submission.offerId ?? newOfferId();
    const parsed = parseSubmissionForm(form.values, await taxonomy(), { offerId, now: now(), image });
    if (!parsed.ok) for (const [k, v] of parsed.errors) if (!errors.has(k)) errors.set(k, v);
    if (errors.size > 0 || !parsed.ok) {
      await showForm(reply, lang, form.values, errors, 422, edit ?? undefined);
      return null;
    }
    let offer = parsed.value.offer;
    if (form.photo) {
      const stored = await storage.putImage(form.photo.bytes, form.photo.contentType);
      // stored relative: the kiosk API sends it with this server's --public-url, the web pages as is
      image = { url: `/images/${stored.sha256}`, alt: (form.values.get('image_alt')?.[0] ?? '').trim(), sha256: stored.sha256, bytes: stored.bytes };
      offer = { ...offer, image };
    } else if (image) offer = { ...offer, image: { ...image, alt: (form.values.get('image_alt')?.[0] ?? '').trim() || image.alt } };
    if (!edit) accepted.add(ip, t);
    return { offer, values: form.values, contact: parsed.value.contact };
  }

  const statusBox = (lang: FormLang, s: Submission) => {
    const stateText = formText(lang, `state_${s.state}`);
    return html`<div class="${s.state === 'approved' ? 'ok' : 'privacy'}" role="status"><p><strong>${formText(lang, 'status')}:</strong> ${stateText}</p>
      ${s.staffMessage ? html`<p>${s.staffMessage}</p>` : ''}</div>`;
  };
  const withdrawForm = (lang: FormLang, token: string) =>
    html`<form method="post" action="/submit/edit/${token}/withdraw?lang=${lang}" enctype="multipart/form-data"><fieldset><legend>${formText(lang, 'withdraw')}</legend>
      <p>${formText(lang, 'withdrawText')}</p><button type="submit" class="secondary">${formText(lang, 'withdrawConfirm')}</button></fieldset></form>`;

  void app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: false });

    scope.get('/submit/style.css', async (_req, reply) => secure(reply).type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PUBLIC_CSS));

    scope.get('/submit', async (req, reply) => showForm(reply, langOf(req.query), new Map([['city', [req.webTown?.names.de ?? 'Siegburg']]]), new Map(), 200));

    scope.post('/submit', async (req, reply) => {
      const r = await handlePost(req, reply, null);
      if (!r) return reply;
      const lang: FormLang = r.values.get('lang')?.[0] === 'en' ? 'en' : 'de';
      const { submission, editToken } = await storage.createSubmission(r.offer, r.contact, now());
      // made on a town's address (--town-site): that town's staff moderate it (staff/town-scope.ts)
      if (req.webTown) await storage.setSubmissionTown(submission.id, req.webTown.town);
      const link = `${webBase(req, base)}/submit/edit/${editToken}?lang=${lang}`;
      return send(
        reply,
        lang,
        formText(lang, 'thanksTitle'),
        html`<div class="ok" role="status"><p>${formText(lang, 'thanksText')}</p></div>
          <h2>${formText(lang, 'privateLink')}</h2><p>${formText(lang, 'privateLinkText')}</p>
          <p><a href="${link}"><code class="link">${link}</code></a></p>`,
        null,
        201,
      );
    });

    scope.get<{ Params: { token: string } }>('/submit/edit/:token', async (req, reply) => {
      const lang = langOf(req.query);
      const s = await storage.submissionByToken(req.params.token);
      if (!s) return send(reply, lang, formText(lang, 'editTitle'), html`<p role="alert">${formText(lang, 'notFound')}</p>`, null, 404);
      if (s.state === 'withdrawn' || !s.offer) return send(reply, lang, formText(lang, 'editTitle'), statusBox(lang, s), null);
      return showForm(reply, lang, valuesFromOffer(s.offer, s.contact), new Map(), 200, { token: req.params.token, submission: s });
    });

    scope.post<{ Params: { token: string } }>('/submit/edit/:token', async (req, reply) => {
      const lang = langOf(req.query);
      const s = await storage.submissionByToken(req.params.token);
      if (!s || s.state === 'withdrawn') return send(reply, lang, formText(lang, 'editTitle'), html`<p role="alert">${formText(lang, 'notFound')}</p>`, null, 404);
      const r = await handlePost(req, reply, { token: req.params.token, submission: s });
      if (!r) return reply;
      await storage.updateSubmission(s.id, r.offer, r.contact, now());
      const fresh = (await storage.submissionByToken(req.params.token))!;
      return send(reply, lang, formText(lang, 'editTitle'), html`<div class="ok" role="status"><p>${formText(lang, 'saved')}</p></div>${statusBox(lang, fresh)}`, null);
    });

    scope.post<{ Params: { token: string } }>('/submit/edit/:token/withdraw', async (req, reply) => {
      const lang = langOf(req.query);
      const s = await storage.submissionByToken(req.params.token);
      if (!s) return send(reply, lang, formText(lang, 'editTitle'), html`<p role="alert">${formText(lang, 'notFound')}</p>`, null, 404);
      await storage.withdrawSubmission(s.id, now());
      return send(reply, lang, formText(lang, 'editTitle'), statusBox(lang, (await storage.submissionByToken(req.params.token))!), null);
    });
  });
}

export { PIN_MISSING };
