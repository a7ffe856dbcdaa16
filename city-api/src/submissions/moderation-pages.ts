import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { offerSchema, type Offer } from '../../../shared/schemas/offer';
import type { KioskStorage } from '../storage/kiosk-storage';
import { formParams } from '../form-body';
import { requireStaff, staffPageOptions } from '../staff/staff-kit';
import { accountTown } from '../staff/town-scope';
import { html, page, raw, type Raw } from '../staff-html';
import { PIN_MISSING } from './submission-form';
import type { Submission } from './submission-store';

const idParam = z.string().uuid();
const offerIdParam = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);
const actorSchema = z.string().trim().min(2).max(100);
const reasonSchema = z.string().trim().min(3).max(2000);

const STATE_DE: Record<string, string> = {
  pending: 'neu / geändert – wartet auf Prüfung',
  changes_requested: 'Rückfrage gestellt',
  approved: 'freigegeben',
  rejected: 'abgelehnt',
  withdrawn: 'zurückgezogen',
};

/** Flattened, human-readable fields of an offer for the side-by-side comparison. */
export function offerFields(o: Offer | null): [string, string][] {
  if (!o) return [];
  const s = o.schedules[0];
  return [
    ['Titel', o.title],
    ['Kurzbeschreibung', o.summary],
    ['Beschreibung', o.description],
    ['Verein / Gruppe', o.organisation.name],
    ['E-Mail (öffentlich)', o.organisation.email ?? ''],
    ['Telefon (öffentlich)', o.organisation.phone ?? ''],
    ['Internetseite Verein', o.organisation.website ?? ''],
    ['Ansprechperson', o.contact_person ?? ''],
    ['Themen', o.interests.join(', ')],
    ['Altersgruppen', o.age_groups.join(', ')],
    ['Stadtteil', o.district ?? ''],
    ['Zeit', s ? [s.freq, s.setpos ?? '', (s.byday ?? []).join(' '), s.date ?? '', s.opens_at ?? '', s.closes_at ?? '', s.note ?? ''].filter(Boolean).join(' · ') : ''],
    ['Ort', o.location ? `${o.location.name}, ${o.location.street}, ${o.location.postal_code} ${o.location.city}` : ''],
    ['Kartenpunkt', o.location ? `${o.location.lat}, ${o.location.lon}` : ''],
    ['Rollstuhl', o.location?.wheelchair ?? ''],
    ['Hinweise Barrierefreiheit', o.location?.accessibility_notes ?? ''],
    ['Haltestelle', o.location?.transit_stop ?? ''],
    ['Kosten', o.cost.free ? `kostenlos ${o.cost.note ?? ''}`.trim() : (o.cost.note ?? 'kostet etwas')],
    ['Anmeldung nötig', o.registration_required ? 'ja' : 'nein'],
    ['Internetseite Angebot', o.url ?? ''],
    ['Foto', o.image ? `${o.image.alt} (${Math.round(o.image.bytes / 1024)} KB)` : ''],
  ];
}

/** Moderation in the staff web page: queue, side-by-side comparison, decisions with audit trail, 12-month review. */
/** Registered inside the staff plugin's session scope (routes relative to /staff); SQLite or PostgreSQL (issue 19). */
export function registerModerationPages(app: FastifyInstance, opts: { storage: KioskStorage; now?: () => Date }): void {
  const { storage } = opts;
  const now = opts.now ?? (() => new Date());
  const secure = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store');
  /** The staff plugin's onRequest hook verified the session; requireStaff refuses anything it did not vouch for. */
  const csrfOf = (req: FastifyRequest): string | null => req.staffSession?.csrf ?? null;
  const sendPage = (req: FastifyRequest, reply: FastifyReply, title: string, body: Raw, status = 200) => {
    const csrf = csrfOf(req);
    if (!csrf) return secure(reply).code(403).send('forbidden');
    const sub = html`<p><a href="/staff/submissions">Einreichungen</a> · <a href="/staff/review">Zu prüfen (12 Monate)</a> · <a href="/staff/audit">Protokoll</a></p>`;
    return secure(reply).code(status).type('text/html; charset=utf-8').send(page(title, html`${sub}${body}`, staffPageOptions(req, csrf)));
  };
  const form = (req: FastifyRequest) => formParams(req);
  const hidden = (req: FastifyRequest) => html`<input type="hidden" name="csrf" value="${csrfOf(req) ?? ''}">`;

  app.get('/submissions', async (req, reply) => {
    requireStaff(req);
    const town = accountTown(req);
    const towns = town ? await storage.submissionTowns() : null;
    const mine = (list: Submission[]) => (towns ? list.filter((s) => towns.get(s.id) === town) : list);
    const open = mine(await storage.listSubmissions(['pending', 'changes_requested']));
    const done = mine(await storage.listSubmissions(['approved', 'rejected', 'withdrawn'])).slice(-50).reverse();
    // which submissions change an offer that already exists
    const ids = [...new Set([...open, ...done].map((s) => s.offerId))];
    const existing = new Set((await Promise.all(ids.map(async (id) => ((await storage.getStoredOffer(id)) ? id : null)))).filter(Boolean));
    const row = (s: Submission) =>
      html`<tr><td><a href="/staff/submissions/${s.id}">${s.offer?.title ?? '(gelöscht)'}</a></td><td>${s.offer?.organisation.name ?? ''}</td>
        <td>${existing.has(s.offerId) ? 'Änderung' : 'neu'}</td><td>${STATE_DE[s.state]}</td><td>${s.updatedAt.slice(0, 16).replace('T', ' ')}</td></tr>`;
    return sendPage(
      req,
      reply,
      'Einreichungen von Vereinen',
      html`<h2>Offen (${open.length})</h2>
        ${open.length ? html`<table><tr><th>Angebot</th><th>Verein</th><th>Art</th><th>Stand</th><th>Eingang / Änderung (UTC)</th></tr>${open.map(row)}</table>` : html`<p>Keine offenen Einreichungen.</p>`}
        <h2>Zuletzt entschieden</h2>
        ${done.length ? html`<table><tr><th>Angebot</th><th>Verein</th><th>Art</th><th>Stand</th><th>Datum (UTC)</th></tr>${done.map(row)}</table>` : html`<p>Noch nichts.</p>`}`,
    );
  });

  app.get<{ Params: { id: string } }>('/submissions/:id', async (req, reply) => {
    requireStaff(req);
    const id = idParam.safeParse(req.params.id);
    const s = id.success ? await storage.getSubmission(id.data) : null;
    if (!s) return sendPage(req, reply, 'Nicht gefunden', html`<p>Diese Einreichung gibt es nicht.</p>`, 404);
    const stored = await storage.getStoredOffer(s.offerId);
    const current = stored ? offerSchema.safeParse(stored.offer) : null;
    const before = new Map(offerFields(current?.success ? current.data : null));
    const after = offerFields(s.offer);
    const pinMissing = s.offer?.location && s.offer.location.lat === PIN_MISSING.lat && s.offer.location.lon === PIN_MISSING.lon;
    const decisions =
      s.state === 'pending' || s.state === 'changes_requested'
        ? html`<h2>Entscheidung</h2>
          <form method="post" action="/staff/submissions/${s.id}/decide">${hidden(req)}
            <label for="actor">Ihr Name (für das Protokoll)</label><input type="text" id="actor" name="actor" required maxlength="100">
            <fieldset><legend>Freigeben</legend>
              ${pinMissing ? html`<p class="errors">Kartenpunkt fehlt: bitte Breite und Länge nach der Adresse setzen.</p>` : ''}
              <label for="lat">Breite</label><input type="text" id="lat" name="lat" value="${s.offer?.location?.lat ?? ''}">
              <label for="lon">Länge</label><input type="text" id="lon" name="lon" value="${s.offer?.location?.lon ?? ''}">
              <p><button name="decision" value="approve">Freigeben und veröffentlichen</button></p>
            </fieldset>
            <fieldset><legend>Rückfrage oder Ablehnung</legend>
              <label for="reason">Nachricht an den Verein (erscheint auf seiner privaten Seite)</label><textarea id="reason" name="reason" maxlength="2000"></textarea>
              <p><button name="decision" value="changes">Um Änderungen bitten</button> <button name="decision" value="reject">Ablehnen</button></p>
            </fieldset>
          </form>`
        : html`<p>Stand: ${STATE_DE[s.state]}</p>`;
    return sendPage(
      req,
      reply,
      s.offer?.title ?? 'Einreichung',
      html`<p>${stored ? 'Änderung eines veröffentlichten Angebots' : 'Neues Angebot'} · Stand: ${STATE_DE[s.state]}</p>
        ${s.contact ? html`<p class="note">Kontakt für Rückfragen (nicht öffentlich): ${s.contact.name}${s.contact.email ? `, ${s.contact.email}` : ''}${s.contact.phone ? `, ${s.contact.phone}` : ''}</p>` : ''}
        ${s.staffMessage ? html`<p class="note">Letzte Nachricht an den Verein: ${s.staffMessage}</p>` : ''}
        <table><tr><th>Feld</th><th>Jetzt veröffentlicht</th><th>Eingereicht</th></tr>
        ${after.map(([label, value]) => {
          const old = before.get(label) ?? '';
          const changed = stored !== null && old !== value;
          return html`<tr${changed ? raw(' class="changed"') : ''}><th scope="row">${label}${changed ? ' (geändert)' : ''}</th><td>${stored ? old : '–'}</td><td>${value}</td></tr>`;
        })}</table>
        ${decisions}`,
    );
  });

  app.post<{ Params: { id: string } }>('/submissions/:id/decide', async (req, reply) => {
    requireStaff(req);
    if (!csrfOf(req)) return secure(reply).code(403).send('forbidden');
    const id = idParam.safeParse(req.params.id);
    const s = id.success ? await storage.getSubmission(id.data) : null;
    if (!s || !s.offer) return sendPage(req, reply, 'Nicht gefunden', html`<p>Diese Einreichung gibt es nicht.</p>`, 404);
    const f = form(req);
    const actor = actorSchema.safeParse(f.get('actor') ?? '');
    if (!actor.success) return sendPage(req, reply, 'Bitte Namen angeben', html`<p class="errors">Bitte geben Sie Ihren Namen für das Protokoll an. <a href="/staff/submissions/${s.id}">Zurück</a></p>`, 422);
    const decision = f.get('decision');
    if (decision === 'approve') {
      const lat = Number((f.get('lat') ?? '').replace(',', '.'));
      const lon = Number((f.get('lon') ?? '').replace(',', '.'));
      const offer = s.offer.location && Number.isFinite(lat) && Number.isFinite(lon) ? { ...s.offer, location: { ...s.offer.location, lat, lon } } : s.offer;
      const valid = offerSchema.safeParse(offer);
      if (!valid.success) return sendPage(req, reply, 'Nicht freigegeben', html`<p class="errors">Das Angebot ist so nicht gültig: ${z.prettifyError(valid.error)}</p>`, 422);
      await storage.approveSubmission(s.id, valid.data, actor.data, now());
      // a submission made on a town's public pages makes an offer of that town (an existing offer keeps its town)
      const town = (await storage.townOf('submission', s.id))?.town;
      if (town && (await storage.townOf('offer', valid.data.id))?.town == null) await storage.setOfferTowns([{ id: valid.data.id, town }]);
    } else if (decision === 'changes' || decision === 'reject') {
      const reason = reasonSchema.safeParse(f.get('reason') ?? '');
      if (!reason.success) return sendPage(req, reply, 'Bitte Begründung angeben', html`<p class="errors">Bitte schreiben Sie dem Verein kurz, was fehlt oder warum. <a href="/staff/submissions/${s.id}">Zurück</a></p>`, 422);
      if (decision === 'changes') await storage.requestChanges(s.id, actor.data, reason.data, now());
      else await storage.rejectSubmission(s.id, actor.data, reason.data, now());
    } else return sendPage(req, reply, 'Unbekannte Entscheidung', html`<p class="errors">Bitte eine der Schaltflächen benutzen.</p>`, 400);
    return secure(reply).redirect(`/staff/submissions/${s.id}`, 303);
  });

  app.get('/review', async (req, reply) => {
    requireStaff(req);
    const town = accountTown(req);
    const towns = town ? await storage.offerTowns() : null;
    const due = (await storage.offersDueForReview(now())).filter((d) => !towns || towns.get(d.offerId) === town);
    return sendPage(
      req,
      reply,
      'Angebote zur Prüfung (seit 12 Monaten nicht bestätigt)',
      html`<p>Damit die Angebotslandkarte aktuell bleibt: Fragen Sie beim Verein nach, ob es das Angebot noch gibt, und bestätigen Sie es hier – oder pausieren Sie es unter „Angebote“.</p>
        ${due.length
          ? html`<table><tr><th>Angebot</th><th>Zuletzt bestätigt (UTC)</th><th></th></tr>${due.map(
              (d) => html`<tr><td>${d.title}</td><td>${d.lastConfirmed.slice(0, 10)}</td><td><form method="post" action="/staff/review/${d.offerId}/confirm">${hidden(req)}
                <label for="actor-${d.offerId}">Ihr Name</label><input type="text" id="actor-${d.offerId}" name="actor" required maxlength="100"><button>Noch aktuell</button></form></td></tr>`,
            )}</table>`
          : html`<p>Alle Angebote sind in den letzten 12 Monaten bestätigt worden.</p>`}`,
    );
  });

  app.post<{ Params: { offerId: string } }>('/review/:offerId/confirm', async (req, reply) => {
    requireStaff(req);
    if (!csrfOf(req)) return secure(reply).code(403).send('forbidden');
    const id = offerIdParam.safeParse(req.params.offerId);
    const actor = actorSchema.safeParse(form(req).get('actor') ?? '');
    if (!id.success || !(await storage.getStoredOffer(id.data))) return sendPage(req, reply, 'Nicht gefunden', html`<p>Dieses Angebot gibt es nicht.</p>`, 404);
    if (!actor.success) return sendPage(req, reply, 'Bitte Namen angeben', html`<p class="errors">Bitte geben Sie Ihren Namen an. <a href="/staff/review">Zurück</a></p>`, 422);
    await storage.confirmOffer(id.data, actor.data, now());
    return secure(reply).redirect('/staff/review', 303);
  });

  app.get('/audit', async (req, reply) => {
    requireStaff(req);
    const entries = await storage.auditTrail(500, accountTown(req));
    return sendPage(
      req,
      reply,
      'Protokoll der Prüfungen',
      html`<table><tr><th>Zeit (UTC)</th><th>Aktion</th><th>Wer</th><th>Angebot</th><th>Begründung</th></tr>${entries.map(
        (e) => html`<tr><td>${e.at.slice(0, 19).replace('T', ' ')}</td><td>${e.action}</td><td>${e.actor}</td><td>${e.offerId ?? ''}</td><td>${e.reason ?? ''}</td></tr>`,
      )}</table>`,
    );
  });
}
