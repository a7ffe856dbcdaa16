/**
 * Staff pages: calendar sources (issue 21). Register an iCal/webcal/JSON-LD address for the town or an offer,
 * see a preview (what would be imported, what not and why) before it goes live, and the feed health of every
 * source: last fetch, result, number of events, problems in plain words, paused state and re-enable.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { normaliseFeedUrl } from '../calendar-sources/fetch-feed';
import { problemLines, unreachableSince } from '../calendar-sources/plain-words';
import { previewUrl, refreshSource, type Preview, type RefreshDeps } from '../calendar-sources/refresh';
import type { CalendarSource } from '../calendar-sources/source-store';
import type { StaffOfferRow } from '../storage/staff-storage';
import { html, type Raw } from '../staff-html';
import { csrfField, requireStaff, secureStaff, sendStaffPage, staffForm, type StaffStorageContext } from './staff-kit';

const idParam = z.string().uuid();

const berlinTime = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) + ' Uhr' : 'noch nie';

const resultText = (s: CalendarSource): string =>
  s.lastResult === 'ok' ? 'gelesen' : s.lastResult === 'not_modified' ? 'unverändert' : s.lastResult === 'error' ? (s.lastError ?? 'Fehler') : '—';

const stateText = (s: CalendarSource): string => (s.state === 'active' ? 'aktiv' : s.state === 'paused' ? 'pausiert' : 'Vorschau (noch nicht aktiv)');

/** What a source would import and what not, and why (staff preview and the club's own page). */
export const previewBody = (p: Preview): Raw =>
  p.ok
    ? html`<h2>Würde übernommen (${p.events.length})</h2>
      ${p.events.length ? html`<ul>${p.events.slice(0, 50).map((e) => html`<li>${e.allDay ? `${e.startDate} (ganztägig)` : berlinTime(e.start)} – ${e.summary}${e.location ? ` (${e.location})` : ''}</li>`)}</ul>${p.events.length > 50 ? html`<p>… und ${p.events.length - 50} weitere</p>` : ''}` : html`<p>Keine kommenden Termine.</p>`}
      <h2>Würde nicht übernommen</h2>
      ${p.skipped.length || p.past ? html`<ul>${p.skipped.map((s) => html`<li>${s.summary}${s.when ? ` (${s.when})` : ''}: ${s.reason}</li>`)}${p.past ? html`<li>${p.past === 1 ? '1 Termin liegt' : `${p.past} Termine liegen`} in der Vergangenheit</li>` : ''}</ul>` : html`<p>Nichts.</p>`}
      ${p.problems.length ? html`<h2>Hinweise</h2><ul>${p.problems.map((x) => html`<li>${x}</li>`)}</ul>` : ''}`
    : html`<p role="alert"><strong>${p.error ?? 'Fehler'}</strong></p>`;

/** Options for the staff pages; tests shorten the timeout or inject fetch. */
export interface CalendarPagesOptions {
  refreshDeps?: Partial<RefreshDeps>;
}

/** On the storage interface (SQLite or PostgreSQL, issue 19): a STAFF_STORAGE_PAGE. */
export function calendarPages(opts: CalendarPagesOptions = {}) {
  return function registerCalendarPages(scope: FastifyInstance, ctx: StaffStorageContext): void {
    const { storage } = ctx;
    const deps = (): RefreshDeps => ({ store: storage, now: ctx.now, ...opts.refreshDeps });
    /** The offers a source can belong to (the staff list's first 500), read once per request. */
    const offers = async () => (await storage.listOffersForStaff(500)).filter((o) => o.state !== 'deleted');

    const registerForm = (req: Parameters<typeof csrfField>[0], offers: StaffOfferRow[], values: { url?: string; label?: string; offerId?: string } = {}): Raw =>
      html`<form method="post" action="/staff/calendars/preview"><fieldset><legend>Kalender eintragen</legend>
        ${csrfField(req)}
        <p><label for="cal-url">Adresse des Kalenders (https://, http:// oder webcal://, auch eine Vereinsseite mit Terminen)</label><br>
        <input id="cal-url" name="url" type="url" inputmode="url" required size="60" value="${values.url ?? ''}"></p>
        <p><label for="cal-label">Name (z. B. „Veranstaltungskalender der Stadt“)</label><br>
        <input id="cal-label" name="label" required maxlength="120" size="40" value="${values.label ?? ''}"></p>
        <p><label for="cal-offer">Gehört zu</label><br>
        <select id="cal-offer" name="offerId"><option value="">der Stadt (Termine ohne Angebot)</option>
        ${offers.map((o) => html`<option value="${o.id}"${o.id === values.offerId ? html` selected` : ''}>${o.title}</option>`)}</select></p>
        <button>Vorschau ansehen</button></fieldset></form>`;

    const healthRow = (req: Parameters<typeof csrfField>[0], offers: StaffOfferRow[], s: CalendarSource): Raw => {
      const problems = [...problemLines(s.problems)];
      const since = s.lastResult === 'error' ? unreachableSince(s.failingSince, ctx.now()) : null;
      if (since) problems.unshift(since);
      const offerTitle = s.offerId ? (offers.find((o) => o.id === s.offerId)?.title ?? s.offerId) : 'Stadt';
      const act = (path: string, label: string) =>
        html`<form method="post" action="/staff/calendars/${s.id}/${path}">${csrfField(req)}<button>${label}</button></form>`;
      return html`<tr${s.state === 'paused' ? html` class="paused"` : ''}>
        <th scope="row">${s.label}<br><small>${s.url}</small><br><small>${offerTitle} · eingetragen von ${s.addedBy === 'club' ? 'Verein' : 'Stadt'}</small></th>
        <td>${stateText(s)}${s.state === 'paused' ? html`<br><strong>${s.failures} Fehler hintereinander – wird nicht mehr abgerufen</strong>` : ''}</td>
        <td>${berlinTime(s.lastFetchAt)}</td>
        <td>${resultText(s)}</td>
        <td>${s.eventCount}</td>
        <td>${problems.length ? html`<ul>${problems.map((p) => html`<li>${p}</li>`)}</ul>` : 'keine'}</td>
        <td>${s.state === 'active' ? act('pause', 'Pausieren') : act('activate', s.state === 'paused' ? 'Wieder aktivieren' : 'Aktivieren')}
          ${act('refresh', 'Jetzt abrufen')}${act('delete', 'Entfernen')}</td></tr>`;
    };

    scope.get('/calendars', async (req, reply) => {
      requireStaff(req);
      const [sources, list] = await Promise.all([storage.listCalendarSources(), offers()]);
      const paused = sources.filter((s) => s.state === 'paused').length;
      return sendStaffPage(
        req,
        reply,
        'Kalender',
        html`${paused ? html`<p role="status"><strong>${paused === 1 ? '1 Kalender ist pausiert' : `${paused} Kalender sind pausiert`}</strong> (5 Fehler hintereinander). Bitte den Link prüfen und wieder aktivieren.</p>` : ''}
        <h2>Zustand der Kalender</h2>
        ${sources.length
          ? html`<table><thead><tr><th scope="col">Kalender</th><th scope="col">Zustand</th><th scope="col">Zuletzt abgerufen</th><th scope="col">Ergebnis</th><th scope="col">Termine</th><th scope="col">Probleme</th><th scope="col">Aktionen</th></tr></thead>
            <tbody>${sources.map((s) => healthRow(req, list, s))}</tbody></table>`
          : html`<p>Noch kein Kalender eingetragen.</p>`}
        <h2>Neuen Kalender eintragen</h2>
        ${registerForm(req, list)}`,
      );
    });

    const readForm = async (req: Parameters<typeof staffForm>[0]) => {
      const f = staffForm(req);
      const list = await offers();
      const url = (f.get('url') ?? '').trim().slice(0, 2000);
      const label = (f.get('label') ?? '').trim().slice(0, 120);
      const offerId = (f.get('offerId') ?? '').trim();
      const errors: string[] = [];
      if (!normaliseFeedUrl(url)) errors.push('Das ist keine gültige Internet-Adresse (sie muss mit https://, http:// oder webcal:// beginnen).');
      if (!label) errors.push('Bitte einen Namen angeben.');
      if (offerId && !list.some((o) => o.id === offerId)) errors.push('Dieses Angebot gibt es nicht.');
      return { url, label, offerId, errors, list };
    };

    scope.post('/calendars/preview', async (req, reply) => {
      requireStaff(req);
      const f = await readForm(req);
      if (f.errors.length) return sendStaffPage(req, reply, 'Kalender eintragen', html`<ul role="alert">${f.errors.map((e) => html`<li>${e}</li>`)}</ul>${registerForm(req, f.list, f)}`, 422);
      const p = await previewUrl(deps(), f.url);
      return sendStaffPage(
        req,
        reply,
        `Vorschau: ${f.label}`,
        html`<p>${f.url}</p>${previewBody(p)}
        ${p.ok
          ? html`<form method="post" action="/staff/calendars">${csrfField(req)}
              <input type="hidden" name="url" value="${f.url}"><input type="hidden" name="label" value="${f.label}"><input type="hidden" name="offerId" value="${f.offerId}">
              <button>Kalender übernehmen</button></form>`
          : ''}
        <p><a href="/staff/calendars">Zurück</a></p>`,
        p.ok ? 200 : 422,
      );
    });

    scope.post('/calendars', async (req, reply) => {
      requireStaff(req);
      const f = await readForm(req);
      if (f.errors.length) return sendStaffPage(req, reply, 'Kalender eintragen', html`<ul role="alert">${f.errors.map((e) => html`<li>${e}</li>`)}</ul>${registerForm(req, f.list, f)}`, 422);
      const s = await storage.addCalendarSource({ url: f.url, label: f.label, offerId: f.offerId || null, addedBy: 'staff', state: 'active' }, ctx.now());
      await refreshSource(deps(), s);
      return secureStaff(reply).redirect('/staff/calendars', 303);
    });

    scope.post<{ Params: { id: string; action: string } }>('/calendars/:id/:action', async (req, reply) => {
      requireStaff(req);
      const id = idParam.safeParse(req.params.id);
      const s = id.success ? await storage.getCalendarSource(id.data) : null;
      if (!s) return sendStaffPage(req, reply, 'Nicht gefunden', html`<p>Diesen Kalender gibt es nicht.</p>`, 404);
      switch (req.params.action) {
        case 'activate':
          await storage.activateCalendarSource(s.id, ctx.now());
          break;
        case 'pause':
          await storage.pauseCalendarSource(s.id);
          break;
        case 'refresh':
          await refreshSource(deps(), s);
          break;
        case 'delete':
          await storage.deleteCalendarSource(s.id);
          break;
        default:
          return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Unbekannte Aktion.</p>`, 404);
      }
      return secureStaff(reply).redirect('/staff/calendars', 303);
    });
  };
}

export const registerCalendarPages = calendarPages();
