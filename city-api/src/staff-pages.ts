import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KIOSK_COMMAND_TYPES, kioskCommandTypeSchema } from '../../shared/schemas/city-api';
import { offerSchema, WEEKDAYS, type Offer } from '../../shared/schemas/offer';
import { taxonomySchema, type Taxonomy } from '../../shared/schemas/taxonomy';
import type { CityDb } from './city-db';
import { listKiosks, queueCommand } from './kiosk-store';
import { getStoredOffer, getTaxonomyRow, listOffersForStaff, putOffer, setOfferState } from './offer-store';
import {
  createLoginThrottle,
  createSession,
  endSession,
  hashPassword,
  parseCookies,
  randomToken,
  sameToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionCsrf,
  verifyPassword,
} from './staff-auth';
import { html, page, raw, STAFF_CSS, type Raw } from './staff-html';
import { listWishes } from './wish-store';

export interface StaffPagesOptions {
  db: CityDb;
  password: string;
  secureCookies: boolean;
}

const LOGIN_CSRF_COOKIE = 'city_login_csrf';
const idParam = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);

declare module 'fastify' {
  interface FastifyRequest {
    staffCsrf: string | null;
  }
}

/** The staff web page: login, offers (add, edit, pause, hide), wishes, kiosks (last heartbeat, queue commands). */
export function registerStaffPages(app: FastifyInstance, opts: StaffPagesOptions): void {
  const { db } = opts;
  const pw = hashPassword(opts.password);
  const throttle = createLoginThrottle();
  const cookieAttrs = (maxAgeS: number, path = '/staff') =>
    `Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${opts.secureCookies ? '; Secure' : ''}`;

  app.decorateRequest('staffCsrf', null);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  const secure = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store');

  const sendPage = (reply: FastifyReply, title: string, body: Raw, csrf: string | null, status = 200) =>
    secure(reply).code(status).type('text/html; charset=utf-8').send(page(title, body, { csrf: csrf ?? undefined, nav: csrf !== null }));

  const form = (req: FastifyRequest) => (req.body instanceof URLSearchParams ? req.body : new URLSearchParams());

  /** Session check for every page but login; POSTs also need the session's CSRF token. */
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/staff') || path === '/staff/login' || path === '/staff/style.css') return;
    const csrf = sessionCsrf(db, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    if (!csrf) return secure(reply).redirect('/staff/login', 303);
    if (req.method === 'POST' && !sameToken(form(req).get('csrf') ?? undefined, csrf)) {
      return sendPage(reply, 'Sitzung abgelaufen', html`<p>Das Formular war veraltet. Bitte laden Sie die Seite neu.</p>`, csrf, 403);
    }
    req.staffCsrf = csrf;
  });

  app.get('/staff/style.css', async (_req, reply) => secure(reply).type('text/css; charset=utf-8').send(STAFF_CSS));

  const loginPage = (reply: FastifyReply, error: string | null, status = 200) => {
    const token = randomToken();
    reply.header('set-cookie', `${LOGIN_CSRF_COOKIE}=${token}; ${cookieAttrs(600, '/staff/login')}`);
    return sendPage(
      reply,
      'Anmeldung',
      html`${error ? html`<p class="errors" role="alert">${error}</p>` : ''}
        <form method="post" action="/staff/login">
          <input type="hidden" name="csrf" value="${token}">
          <label for="password">Passwort</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required>
          <p><button>Anmelden</button></p>
        </form>`,
      null,
      status,
    );
  };

  app.get('/staff/login', async (_req, reply) => loginPage(reply, null));
  app.post('/staff/login', async (req, reply) => {
    const f = form(req);
    if (!sameToken(f.get('csrf') ?? undefined, parseCookies(req.headers.cookie)[LOGIN_CSRF_COOKIE])) {
      return loginPage(reply, 'Das Formular war veraltet. Bitte erneut versuchen.', 403);
    }
    if (throttle.blocked(req.ip)) return loginPage(reply, 'Zu viele Versuche. Bitte eine Minute warten.', 429);
    if (!verifyPassword(f.get('password') ?? '', pw)) {
      throttle.fail(req.ip);
      return loginPage(reply, 'Das Passwort stimmt nicht.', 401);
    }
    throttle.reset(req.ip);
    const s = createSession(db);
    reply.header('set-cookie', [
      `${SESSION_COOKIE}=${s.id}; ${cookieAttrs(SESSION_TTL_MS / 1000)}`,
      `${LOGIN_CSRF_COOKIE}=; ${cookieAttrs(0, '/staff/login')}`,
    ]);
    return secure(reply).redirect('/staff/offers', 303);
  });
  app.post('/staff/logout', async (req, reply) => {
    endSession(db, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    reply.header('set-cookie', `${SESSION_COOKIE}=; ${cookieAttrs(0)}`);
    return secure(reply).redirect('/staff/login', 303);
  });
  app.get('/staff', async (_req, reply) => secure(reply).redirect('/staff/offers', 303));

  // ---------------------------------------------------------------- offers
  const taxonomy = (): Taxonomy => {
    const row = getTaxonomyRow(db);
    return row ? taxonomySchema.parse(JSON.parse(row.json)) : { interests: [], age_groups: [], districts: [] };
  };

  app.get('/staff/offers', async (req, reply) => {
    const rows = listOffersForStaff(db, 1000);
    const csrf = req.staffCsrf!;
    const action = (id: string, path: string, name: string, value: string, label: string) =>
      html`<form method="post" action="/staff/offers/${encodeURIComponent(id)}/${path}" class="inline">
        <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="${name}" value="${value}"><button>${label}</button></form>`;
    return sendPage(
      reply,
      'Angebote',
      html`<p><a href="/staff/offers/new">Neues Angebot anlegen</a></p>
      <table><thead><tr><th>Titel</th><th>Status</th><th>Sichtbar</th><th>Geändert</th><th>Aktionen</th></tr></thead><tbody>
      ${rows.map(
        (r) => html`<tr class="${r.state === 'hidden' ? 'state-hidden' : ''}"><td><a href="/staff/offers/${encodeURIComponent(r.id)}/edit">${r.title ?? r.id}</a><br><span class="note">${r.id}</span></td>
          <td>${statusLabel(r.status)}</td><td>${r.state === 'published' ? 'ja' : 'verborgen'}</td><td>${r.changed_at.slice(0, 16).replace('T', ' ')}</td>
          <td>${r.status === 'active' ? action(r.id, 'status', 'status', 'paused', 'Pausieren') : action(r.id, 'status', 'status', 'active', 'Aktivieren')}
              ${r.state === 'published' ? action(r.id, 'state', 'state', 'hidden', 'Verbergen') : action(r.id, 'state', 'state', 'published', 'Veröffentlichen')}</td></tr>`,
      )}
      </tbody></table>`,
      csrf,
    );
  });

  app.get('/staff/offers/new', async (req, reply) => sendPage(reply, 'Neues Angebot', offerForm(null, null, [], taxonomy(), req.staffCsrf!), req.staffCsrf));

  app.get<{ Params: { id: string } }>('/staff/offers/:id/edit', async (req, reply) => {
    const id = idParam.safeParse(req.params.id);
    const stored = id.success ? getStoredOffer(db, id.data) : null;
    if (!stored || stored.state === 'deleted') return sendPage(reply, 'Nicht gefunden', html`<p>Dieses Angebot gibt es nicht.</p>`, req.staffCsrf, 404);
    const offer = offerSchema.safeParse(stored.offer);
    return sendPage(reply, 'Angebot bearbeiten', offerForm(id.data!, offer.success ? offer.data : null, [], taxonomy(), req.staffCsrf!), req.staffCsrf);
  });

  const saveOffer = async (req: FastifyRequest, reply: FastifyReply, existingId: string | null) => {
    const f = form(req);
    const previous = existingId ? getStoredOffer(db, existingId) : null;
    const prevOffer = previous ? offerSchema.safeParse(previous.offer) : null;
    let built = offerFromForm(f, existingId, prevOffer?.success ? prevOffer.data : null);
    if (!existingId && built.ok && getStoredOffer(db, built.offer.id)) {
      built = { ok: false, errors: ['Diese Kennung ist schon vergeben.'], draft: { ...built.offer, id: '' } };
    }
    const tax = taxonomy();
    if (!built.ok) return sendPage(reply, existingId ? 'Angebot bearbeiten' : 'Neues Angebot', offerForm(existingId, built.draft, built.errors, tax, req.staffCsrf!), req.staffCsrf, 422);
    putOffer(db, built.offer, previous?.state === 'hidden' ? 'hidden' : 'published');
    return secure(reply).redirect('/staff/offers', 303);
  };
  app.post('/staff/offers', async (req, reply) => saveOffer(req, reply, null));
  app.post<{ Params: { id: string } }>('/staff/offers/:id', async (req, reply) => {
    const id = idParam.safeParse(req.params.id);
    if (!id.success || !getStoredOffer(db, id.data)) return sendPage(reply, 'Nicht gefunden', html`<p>Dieses Angebot gibt es nicht.</p>`, req.staffCsrf, 404);
    return saveOffer(req, reply, id.data);
  });

  app.post<{ Params: { id: string } }>('/staff/offers/:id/status', async (req, reply) => {
    const id = idParam.safeParse(req.params.id);
    const status = z.enum(['active', 'paused', 'ended']).safeParse(form(req).get('status'));
    const stored = id.success ? getStoredOffer(db, id.data) : null;
    const offer = stored ? offerSchema.safeParse(stored.offer) : null;
    if (!stored || !status.success || !offer?.success) return sendPage(reply, 'Nicht möglich', html`<p>Der Status konnte nicht geändert werden.</p>`, req.staffCsrf, 422);
    putOffer(db, { ...offer.data, status: status.data, updated_at: new Date().toISOString() }, stored.state);
    return secure(reply).redirect('/staff/offers', 303);
  });

  app.post<{ Params: { id: string } }>('/staff/offers/:id/state', async (req, reply) => {
    const id = idParam.safeParse(req.params.id);
    const state = z.enum(['published', 'hidden']).safeParse(form(req).get('state'));
    if (!id.success || !state.success || !setOfferState(db, id.data, state.data)) {
      return sendPage(reply, 'Nicht möglich', html`<p>Die Sichtbarkeit konnte nicht geändert werden.</p>`, req.staffCsrf, 422);
    }
    return secure(reply).redirect('/staff/offers', 303);
  });

  // ---------------------------------------------------------------- wishes
  app.get('/staff/wishes', async (req, reply) => {
    const wishes = listWishes(db, 500);
    return sendPage(
      reply,
      'Wünsche',
      wishes.length === 0
        ? html`<p>Noch keine Wünsche eingegangen.</p>`
        : html`<table><thead><tr><th>Eingang</th><th>Kiosk</th><th>Wunsch</th><th>Themen</th><th>Sprache</th><th>Kontakt (nur mit Einwilligung)</th></tr></thead><tbody>
          ${wishes.map(
            (w) => html`<tr><td>${w.received_at.slice(0, 16).replace('T', ' ')}</td><td>${w.kiosk_id}</td><td>${w.body.text}</td>
              <td>${(w.body.interests ?? []).join(', ')}${w.body.age_group ? ` · ${w.body.age_group}` : ''}${w.body.district ? ` · ${w.body.district}` : ''}</td>
              <td>${w.body.language}</td>
              <td>${w.body.contact_consent && w.body.contact ? [w.body.contact.name, w.body.contact.phone, w.body.contact.email].filter(Boolean).join(' · ') : '—'}</td></tr>`,
          )}</tbody></table>`,
      req.staffCsrf,
    );
  });

  // ---------------------------------------------------------------- kiosks
  app.get('/staff/kiosks', async (req, reply) => {
    const csrf = req.staffCsrf!;
    const kiosks = listKiosks(db);
    return sendPage(
      reply,
      'Kiosks',
      html`<table><thead><tr><th>Kiosk</th><th>Letztes Lebenszeichen</th><th>Zustand</th><th>Befehle</th></tr></thead><tbody>
      ${kiosks.map(
        (k) => html`<tr><td>${k.id}</td>
          <td>${k.last_heartbeat_at ? k.last_heartbeat_at.slice(0, 16).replace('T', ' ') : 'noch nie'}</td>
          <td>${k.heartbeat
            ? html`Version ${k.heartbeat.version} · ${k.heartbeat.offers_count} Angebote · Drucker: ${k.heartbeat.printer.state} · Warteschlange: ${k.heartbeat.outbox_pending} · frei: ${Math.round(k.heartbeat.disk_free_mb)} MB
              ${k.heartbeat.errors_since_last.length ? html`<br>Fehler: ${k.heartbeat.errors_since_last.slice(0, 3).map((e) => `${e.code}: ${e.message}`).join(' | ')}` : ''}`
            : '—'}</td>
          <td><form method="post" action="/staff/kiosks/${encodeURIComponent(k.id)}/commands">
              <input type="hidden" name="csrf" value="${csrf}">
              <label for="cmd-${k.id}">Befehl</label>
              <select id="cmd-${k.id}" name="type">${KIOSK_COMMAND_TYPES.map((t) => html`<option value="${t}">${commandLabel(t)}</option>`)}</select>
              <button>Senden</button></form>
            <ul>${k.commands.map((c) => html`<li>${commandLabel(c.type)} – ${c.state === 'done' ? 'erledigt' : c.state === 'sent' ? 'übermittelt' : 'wartet'} (${c.created_at.slice(0, 16).replace('T', ' ')})</li>`)}</ul></td></tr>`,
      )}</tbody></table>`,
      csrf,
    );
  });

  app.post<{ Params: { id: string } }>('/staff/kiosks/:id/commands', async (req, reply) => {
    const id = idParam.safeParse(req.params.id);
    const type = kioskCommandTypeSchema.safeParse(form(req).get('type'));
    if (!id.success || !type.success || !listKiosks(db).some((k) => k.id === id.data)) {
      return sendPage(reply, 'Nicht möglich', html`<p>Unbekannter Kiosk oder Befehl.</p>`, req.staffCsrf, 422);
    }
    queueCommand(db, id.data, type.data);
    return secure(reply).redirect('/staff/kiosks', 303);
  });
}

function statusLabel(s: string | null): string {
  return s === 'active' ? 'aktiv' : s === 'paused' ? 'pausiert' : s === 'ended' ? 'beendet' : (s ?? '?');
}

function commandLabel(t: string): string {
  return (
    { sync_now: 'Jetzt synchronisieren', reload: 'Oberfläche neu laden', relaunch: 'App neu starten', check_update: 'Nach Update suchen', clear_cache: 'Zwischenspeicher leeren' } as Record<
      string,
      string
    >
  )[t] ?? t;
}

type Draft = Partial<Offer> & { schedules_json?: string };

/** Builds an offer from the form, validated with the shared offer schema. */
function offerFromForm(
  f: URLSearchParams,
  existingId: string | null,
  previous: Offer | null,
): { ok: true; offer: Offer } | { ok: false; errors: string[]; draft: Draft } {
  const t = (k: string) => (f.get(k) ?? '').replace(/\r\n/g, '\n').trim();
  const opt = (k: string) => t(k) || undefined;
  const errors: string[] = [];
  let schedules: unknown = [];
  try {
    schedules = JSON.parse(t('schedules_json') || '[]');
  } catch {
    errors.push('Termine: kein gültiges JSON.');
  }
  const hasLocation = !!(t('loc_name') || t('loc_street') || t('loc_lat'));
  const candidate = {
    ...(previous ?? {}),
    id: existingId ?? t('id'),
    updated_at: new Date().toISOString(),
    status: t('status') || 'active',
    title: t('title'),
    summary: t('summary'),
    description: t('description'),
    easy_read: opt('easy_read'),
    organisation: {
      name: t('org_name'),
      website: opt('org_website'),
      email: opt('org_email'),
      phone: opt('org_phone'),
    },
    interests: f.getAll('interests'),
    age_groups: f.getAll('age_groups'),
    district: opt('district'),
    location: hasLocation
      ? {
          name: t('loc_name'),
          street: t('loc_street'),
          postal_code: t('loc_postal'),
          city: t('loc_city') || 'Siegburg',
          lat: Number(t('loc_lat').replace(',', '.')),
          lon: Number(t('loc_lon').replace(',', '.')),
          wheelchair: t('loc_wheelchair') || 'unknown',
          accessibility_notes: opt('loc_notes'),
          transit_stop: opt('loc_transit'),
        }
      : undefined,
    schedules,
    cost: { free: f.get('cost_free') === 'on', note: opt('cost_note') },
    registration_required: f.get('registration_required') === 'on',
    contact_person: opt('contact_person'),
    url: opt('url'),
  };
  const parsed = offerSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (parsed.success && errors.length === 0) return { ok: true, offer: parsed.data };
  if (!parsed.success) for (const i of parsed.error.issues.slice(0, 12)) errors.push(`${i.path.join('.') || 'Angebot'}: ${i.message}`);
  return { ok: false, errors, draft: { ...(candidate as unknown as Draft), schedules_json: t('schedules_json') } };
}

function offerForm(existingId: string | null, o: Draft | null, errors: string[], tax: Taxonomy, csrf: string): Raw {
  const v = o ?? {};
  const l = v.location;
  const text = (name: string, label: string, value: unknown, type = 'text') =>
    html`<label for="${name}">${label}</label><input type="${type}" id="${name}" name="${name}" value="${value ?? ''}">`;
  const area = (name: string, label: string, value: unknown) =>
    html`<label for="${name}">${label}</label><textarea id="${name}" name="${name}">${value ?? ''}</textarea>`;
  const checks = (name: string, legend: string, items: { id: string; label: { de: string } }[], selected: string[]) =>
    html`<fieldset class="checks"><legend>${legend}</legend>${items.map(
      (i) => html`<label><input type="checkbox" name="${name}" value="${i.id}" ${raw(selected.includes(i.id) ? 'checked' : '')}> ${i.label.de}</label>`,
    )}</fieldset>`;
  const select = (name: string, label: string, options: [string, string][], value: string | undefined) =>
    html`<label for="${name}">${label}</label><select id="${name}" name="${name}">${options.map(
      ([val, lab]) => html`<option value="${val}" ${raw(val === (value ?? '') ? 'selected' : '')}>${lab}</option>`,
    )}</select>`;
  const schedulesJson = v.schedules_json ?? JSON.stringify(v.schedules ?? [{ freq: 'weekly', byday: ['TU'], opens_at: '15:00', closes_at: '17:00' }], null, 1);
  return html`${errors.length ? html`<div class="errors" role="alert"><p>Bitte korrigieren:</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
  <form method="post" action="${existingId ? `/staff/offers/${encodeURIComponent(existingId)}` : '/staff/offers'}">
    <input type="hidden" name="csrf" value="${csrf}">
    ${existingId ? html`<p>Kennung: <strong>${existingId}</strong></p>` : text('id', 'Kennung (Buchstaben, Ziffern, - _ . :)', v.id)}
    ${select('status', 'Status', [['active', 'aktiv'], ['paused', 'pausiert'], ['ended', 'beendet']], v.status)}
    ${text('title', 'Titel', v.title)}
    ${area('summary', 'Kurzbeschreibung (höchstens 280 Zeichen)', v.summary)}
    ${area('description', 'Beschreibung (nur Text)', v.description)}
    ${area('easy_read', 'Leichte Sprache (optional)', v.easy_read)}
    ${text('org_name', 'Träger / Verein', v.organisation?.name)}
    ${text('org_website', 'Webseite des Trägers', v.organisation?.website, 'url')}
    ${text('org_email', 'E-Mail', v.organisation?.email, 'email')}
    ${text('org_phone', 'Telefon', v.organisation?.phone)}
    ${text('contact_person', 'Ansprechperson', v.contact_person)}
    ${text('url', 'Öffentliche Seite des Angebots', v.url, 'url')}
    ${checks('interests', 'Interessen', tax.interests, v.interests ?? [])}
    ${checks('age_groups', 'Altersgruppen', tax.age_groups, v.age_groups ?? [])}
    ${select('district', 'Stadtteil', [['', '—'], ...tax.districts.map((d): [string, string] => [d.id, d.label.de])], v.district)}
    <fieldset><legend>Ort</legend>
      ${text('loc_name', 'Name des Ortes', l?.name)}${text('loc_street', 'Straße und Hausnummer', l?.street)}
      ${text('loc_postal', 'PLZ', l?.postal_code)}${text('loc_city', 'Ort', l?.city ?? 'Siegburg')}
      ${text('loc_lat', 'Breite (z. B. 50.7969)', l?.lat)}${text('loc_lon', 'Länge (z. B. 7.2079)', l?.lon)}
      ${select('loc_wheelchair', 'Rollstuhlgerecht', [['yes', 'ja'], ['partial', 'teilweise'], ['no', 'nein'], ['unknown', 'unbekannt']], l?.wheelchair)}
      ${text('loc_notes', 'Hinweise zur Barrierefreiheit', l?.accessibility_notes)}${text('loc_transit', 'Haltestelle', l?.transit_stop)}
    </fieldset>
    ${area('schedules_json', `Termine als JSON (freq: weekly | monthly | once | by_arrangement; byday: ${WEEKDAYS.join(', ')})`, schedulesJson)}
    <fieldset class="checks"><legend>Kosten und Anmeldung</legend>
      <label><input type="checkbox" name="cost_free" ${raw(v.cost?.free ?? true ? 'checked' : '')}> kostenlos</label>
      <label><input type="checkbox" name="registration_required" ${raw(v.registration_required ? 'checked' : '')}> Anmeldung nötig</label>
    </fieldset>
    ${text('cost_note', 'Hinweis zu Kosten', v.cost?.note)}
    <p><button>Speichern</button> <a href="/staff/offers">Abbrechen</a></p>
  </form>`;
}
