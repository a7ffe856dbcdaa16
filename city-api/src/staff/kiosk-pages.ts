/** Staff page: kiosks (last heartbeat, queue commands). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { KIOSK_COMMAND_TYPES, kioskCommandTypeSchema } from '../../../shared/schemas/city-api';
import { html } from '../staff-html';
import { requireStaff, secureStaff, sendStaffPage, staffForm, type StaffStorageContext } from './staff-kit';
import { accountTown } from './town-scope';

const idParam = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);

export function registerKioskPages(scope: FastifyInstance, ctx: StaffStorageContext): void {
  const { storage } = ctx;
  // ---------------------------------------------------------------- kiosks
  scope.get('/kiosks', async (req, reply) => {
    const csrf = requireStaff(req).csrf;
    const kiosks = await storage.listKiosksForStaff(accountTown(req));
    return sendStaffPage(req, reply,
      'Kiosks',
      html`<table><thead><tr><th>Kiosk</th><th>Stadt</th><th>Letztes Lebenszeichen</th><th>Zustand</th><th>Befehle</th></tr></thead><tbody>
      ${kiosks.map(
        (k) => html`<tr><td>${k.id}</td><td>${k.town ?? 'ganzer Kreis'}</td>
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
    );
  });

  scope.post<{ Params: { id: string } }>('/kiosks/:id/commands', async (req, reply) => {
    requireStaff(req);
    const id = idParam.safeParse(req.params.id);
    const type = kioskCommandTypeSchema.safeParse(staffForm(req).get('type'));
    if (!id.success || !type.success || !(await storage.listKiosksForStaff(accountTown(req))).some((k) => k.id === id.data)) {
      return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Unbekannter Kiosk oder Befehl.</p>`, 422);
    }
    await storage.queueCommand(id.data, type.data);
    return secureStaff(reply).redirect('/staff/kiosks', 303);
  });
}

function commandLabel(t: string): string {
  return (
    { sync_now: 'Jetzt synchronisieren', reload: 'Oberfläche neu laden', relaunch: 'App neu starten', check_update: 'Nach Update suchen', clear_cache: 'Zwischenspeicher leeren', send_stats: 'Nutzungszahlen senden' } as Record<
      string,
      string
    >
  )[t] ?? t;
}

