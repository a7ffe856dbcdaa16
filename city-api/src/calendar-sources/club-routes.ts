/**
 * A club registers its own calendar through the private edit link of its offer (issue 21):
 * GET /submit/edit/:token/calendar shows its sources and their health, POST …/preview shows what would be
 * imported, POST …/calendar registers it for the club's offer (with the contact e-mail it gave, and its consent).
 * The unguessable token in the path is the club's credential, as on the edit form itself.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { KioskStorage } from '../storage/kiosk-storage';
import { formParams } from '../form-body';
import { html, page, type Raw } from '../staff-html';
import { previewBody } from '../staff/calendar-pages';
import { secureStaff } from '../staff/staff-kit';
import type { Submission } from '../submissions/submission-store';
import { normaliseFeedUrl } from './fetch-feed';
import { problemLines, unreachableSince } from './plain-words';
import { previewUrl, refreshSource, type RefreshDeps } from './refresh';

/** On the storage interface (SQLite or PostgreSQL, issue 19). */
export interface ClubCalendarOptions {
  storage: KioskStorage;
  now?: () => Date;
  refreshDeps?: Partial<RefreshDeps>;
}

export function registerClubCalendarRoutes(app: FastifyInstance, opts: ClubCalendarOptions): void {
  const { storage } = opts;
  const now = opts.now ?? (() => new Date());
  const deps = (): RefreshDeps => ({ store: storage, now, ...opts.refreshDeps });
  const send = (reply: FastifyReply, title: string, body: Raw, status = 200) =>
    secureStaff(reply).code(status).type('text/html; charset=utf-8').send(page(title, body));
  const base = (token: string) => `/submit/edit/${encodeURIComponent(token)}/calendar`;
  const live = async (token: string): Promise<Submission | null> => {
    const s = await storage.submissionByToken(token);
    return s && s.state !== 'withdrawn' ? s : null;
  };
  const form = (token: string, url = ''): Raw =>
    html`<form method="post" action="${base(token)}/preview"><fieldset><legend>Eigenen Kalender verbinden</legend>
      <p><label for="club-cal-url">Adresse Ihres Kalenders (https://, http:// oder webcal://, auch Ihre Vereinsseite mit Terminen)</label><br>
      <input id="club-cal-url" name="url" type="url" inputmode="url" required size="60" value="${url}"></p>
      <button>Vorschau ansehen</button></fieldset></form>`;

  app.get<{ Params: { token: string } }>('/submit/edit/:token/calendar', async (req, reply) => {
    const s = await live(req.params.token);
    if (!s) return send(reply, 'Kalender', html`<p role="alert">Dieser Link ist nicht (mehr) gültig.</p>`, 404);
    const sources = await storage.listCalendarSources({ offerId: s.offerId });
    return send(
      reply,
      `Kalender für „${s.offer?.title ?? 'Ihr Angebot'}“`,
      html`${sources.length
        ? html`<ul>${sources.map((c) => {
            const problems = problemLines(c.problems);
            const since = c.lastResult === 'error' ? unreachableSince(c.failingSince, now()) : null;
            return html`<li><strong>${c.url}</strong>: ${c.state === 'paused' ? 'pausiert – 5 Fehler hintereinander, die Stadt ist informiert' : c.state === 'active' ? 'aktiv' : 'noch nicht aktiv'}
              · ${c.eventCount} Termine${c.lastError && c.lastResult === 'error' ? ` · ${c.lastError}` : ''}${since ? ` · ${since}` : ''}
              ${problems.length ? html`<ul>${problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}</li>`;
          })}</ul>`
        : html`<p>Noch kein Kalender verbunden. Ihre Termine erscheinen dann am Kiosk und auf der Angebotsseite.</p>`}
      ${form(req.params.token)}`,
    );
  });

  app.post<{ Params: { token: string } }>('/submit/edit/:token/calendar/preview', async (req, reply) => {
    const s = await live(req.params.token);
    if (!s) return send(reply, 'Kalender', html`<p role="alert">Dieser Link ist nicht (mehr) gültig.</p>`, 404);
    const url = (formParams(req).get('url') ?? '').trim().slice(0, 2000);
    if (!normaliseFeedUrl(url)) return send(reply, 'Vorschau', html`<p role="alert">Das ist keine gültige Internet-Adresse (sie muss mit https://, http:// oder webcal:// beginnen).</p>${form(req.params.token, url)}`, 422);
    const p = await previewUrl(deps(), url);
    return send(
      reply,
      'Vorschau',
      html`<p>${url}</p>${previewBody(p)}
      ${p.ok ? html`<form method="post" action="${base(req.params.token)}"><input type="hidden" name="url" value="${url}"><button>Kalender verbinden</button></form>` : form(req.params.token, url)}
      <p><a href="${base(req.params.token)}">Zurück</a></p>`,
      p.ok ? 200 : 422,
    );
  });

  app.post<{ Params: { token: string } }>('/submit/edit/:token/calendar', async (req, reply) => {
    const s = await live(req.params.token);
    if (!s) return send(reply, 'Kalender', html`<p role="alert">Dieser Link ist nicht (mehr) gültig.</p>`, 404);
    const url = (formParams(req).get('url') ?? '').trim().slice(0, 2000);
    if (!normaliseFeedUrl(url)) return send(reply, 'Kalender', html`<p role="alert">Das ist keine gültige Internet-Adresse.</p>${form(req.params.token, url)}`, 422);
    if ((await storage.listCalendarSources({ offerId: s.offerId })).length >= 5) return send(reply, 'Kalender', html`<p role="alert">Höchstens 5 Kalender pro Angebot.</p>`, 422);
    const email = s.contact?.email ?? null;
    const src = await storage.addCalendarSource({ url, label: s.offer?.title ?? s.contact?.name ?? 'Verein', offerId: s.offerId, addedBy: 'club', state: 'active', contactEmail: email, notifyConsent: !!email }, now());
    await refreshSource(deps(), src);
    return secureStaff(reply).redirect(base(req.params.token), 303);
  });
}
