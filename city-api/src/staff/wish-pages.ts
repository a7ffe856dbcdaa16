/** Staff page: wishes from the kiosks (contact details only with consent), worked on by staff and grouped into topics (issue 18). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { groupWishes } from '../../../shared/logic/wish-topics';
import { html } from '../staff-html';
import { REPLY_CHANNELS, WISH_STATUS_LABEL, WISH_STATUSES, type WishStatus } from '../wish-work';
import { csrfField, requireStaff, sendStaffPage, staffForm, type StaffStorageContext } from './staff-kit';
import { accountTown } from './town-scope';

const wishId = z.string().regex(/^wish-[0-9a-f-]{36}$/);
const CHANNEL_LABEL: Record<(typeof REPLY_CHANNELS)[number], string> = { telefon: 'Telefon', email: 'E-Mail', brief: 'Brief', persoenlich: 'persönlich' };

export function registerWishPages(scope: FastifyInstance, ctx: StaffStorageContext): void {
  const { storage } = ctx;
  // ---------------------------------------------------------------- wishes
  scope.get('/wishes', async (req, reply) => {
    requireStaff(req);
    // a town account: the wishes from its town's kiosks and its public pages (town-storage.ts; web wishes on the
    // district's address and wishes of kiosks without town are the district's)
    const town = accountTown(req);
    const wishes = town ? await storage.listWishesOfTown(town, 500) : await storage.listWishes(500);
    const work = await storage.allWishWork();
    const { topics, topicOf } = groupWishes(wishes.map((w) => w.body.text));
    const topicLabel = new Map(topics.map((t) => [t.key, t.label]));
    const statusOf = (id: string): WishStatus => work.get(id)?.status ?? 'neu';
    return sendStaffPage(req, reply,
      'Wünsche',
      wishes.length === 0
        ? html`<p>Noch keine Wünsche eingegangen.</p>`
        : html`<h2>Themen</h2>
          <p>Ähnliche Wünsche sind zusammengefasst (gleiche Wortformen wie bei der Suche). Mehr unter <a href="/staff/bedarf">Bedarf</a>.</p>
          <table><thead><tr><th scope="col">Thema</th><th scope="col">Wünsche</th><th scope="col">davon offen</th></tr></thead><tbody>
          ${topics.slice(0, 30).map(
            (t) => html`<tr><td>${t.label}</td><td>${t.members.length}</td><td>${t.members.filter((i) => statusOf(wishes[i]!.id) !== 'erledigt').length}</td></tr>`,
          )}</tbody></table>
          <h2>Alle Wünsche</h2>
          <table><thead><tr><th scope="col">Eingang</th><th scope="col">Kiosk</th><th scope="col">Wunsch</th><th scope="col">Thema</th><th scope="col">Interessen</th><th scope="col">Sprache</th><th scope="col">Kontakt (nur mit Einwilligung)</th><th scope="col">Bearbeitung</th></tr></thead><tbody>
          ${wishes.map((w, i) => {
            const ww = work.get(w.id);
            const consent = w.body.contact_consent && w.body.contact && Object.keys(w.body.contact).length > 0;
            return html`<tr><td>${w.received_at.slice(0, 16).replace('T', ' ')}</td><td>${w.source === 'web' ? 'Web-Formular' : w.kiosk_id}</td><td>${w.body.text}</td>
              <td>${topicOf[i] ? (topicLabel.get(topicOf[i]!) ?? '') : '—'}</td>
              <td>${(w.body.interests ?? []).join(', ')}${w.body.age_group ? ` · ${w.body.age_group}` : ''}${w.body.district ? ` · ${w.body.district}` : ''}</td>
              <td>${w.body.language}</td>
              <td>${consent ? [w.body.contact!.name, w.body.contact!.phone, w.body.contact!.email].filter(Boolean).join(' · ') : '—'}</td>
              <td><form method="post" action="/staff/wishes/${w.id}">${csrfField(req)}
                <label>Status <select name="status">${WISH_STATUSES.map((s) => html`<option value="${s}"${s === statusOf(w.id) ? html` selected` : html``}>${WISH_STATUS_LABEL[s]}</option>`)}</select></label>
                <label>Notiz <input name="note" maxlength="2000" value="${ww?.note ?? ''}"></label>
                <button>Speichern</button></form>
                ${consent
                  ? html`<form method="post" action="/staff/wishes/${w.id}/reply">${csrfField(req)}
                    <label>Antwort per <select name="channel">${REPLY_CHANNELS.map((c) => html`<option value="${c}">${CHANNEL_LABEL[c]}</option>`)}</select></label>
                    <label>Was wurde gesagt <input name="summary" maxlength="1000" required></label>
                    <button>Antwort festhalten</button></form>${ww?.replies ? html`<p>${ww.replies} Antwort(en) festgehalten</p>` : html``}`
                  : html`<p>Keine Antwort möglich (keine Einwilligung)</p>`}</td></tr>`;
          })}</tbody></table>`,
    );
  });

  scope.post<{ Params: { id: string } }>('/wishes/:id', async (req, reply) => {
    requireStaff(req);
    const form = staffForm(req);
    const id = wishId.safeParse(req.params.id);
    const status = z.enum(WISH_STATUSES).safeParse(form.get('status'));
    if (!id.success || !status.success || !(await storage.setWishWork(id.data, status.data, String(form.get('note') ?? ''), ctx.now()))) {
      return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Unbekannter Wunsch oder Status.</p>`, 422);
    }
    return reply.redirect('/staff/wishes', 303);
  });

  scope.post<{ Params: { id: string } }>('/wishes/:id/reply', async (req, reply) => {
    requireStaff(req);
    const form = staffForm(req);
    const id = wishId.safeParse(req.params.id);
    const channel = z.enum(REPLY_CHANNELS).safeParse(form.get('channel'));
    const summary = String(form.get('summary') ?? '').trim();
    if (!id.success || !channel.success || !summary || !(await storage.addWishReply(id.data, channel.data, summary, ctx.now()))) {
      return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Eine Antwort wird nur festgehalten, wenn die Person einer Kontaktaufnahme zugestimmt hat.</p>`, 422);
    }
    return reply.redirect('/staff/wishes', 303);
  });
}
