/** Staff page: wishes from the kiosks (contact details only with consent). */
import type { FastifyInstance } from 'fastify';
import { html } from '../staff-html';
import { listWishes } from '../wish-store';
import { requireStaff, sendStaffPage, type StaffContext } from './staff-kit';

export function registerWishPages(scope: FastifyInstance, ctx: StaffContext): void {
  const { db } = ctx;
  // ---------------------------------------------------------------- wishes
  scope.get('/wishes', async (req, reply) => {
    requireStaff(req);
    const wishes = listWishes(db, 500);
    return sendStaffPage(req, reply,
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
    );
  });
}
