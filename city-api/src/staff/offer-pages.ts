/** Staff page: offers (add, edit, pause, hide). Registered inside the staff plugin's session scope. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { offerSchema, WEEKDAYS, type Offer } from '../../../shared/schemas/offer';
import { taxonomySchema, townIdSchema, type Taxonomy } from '../../../shared/schemas/taxonomy';
import { html, raw, type Raw } from '../staff-html';
import { requireStaff, secureStaff, sendStaffPage, staffForm, type StaffStorageContext } from './staff-kit';
import { accountTown } from './town-scope';

const idParam = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);

export function registerOfferPages(scope: FastifyInstance, ctx: StaffStorageContext): void {
  const { storage } = ctx;
  // ---------------------------------------------------------------- offers
  const taxonomy = async (): Promise<Taxonomy> => {
    const row = await storage.getTaxonomy();
    return row ? taxonomySchema.parse(JSON.parse(row.json)) : { interests: [], age_groups: [], districts: [] };
  };

  scope.get('/offers', async (req, reply) => {
    const csrf = requireStaff(req).csrf;
    const rows = await storage.listOffersForStaff(1000, 0, accountTown(req));
    const action = (id: string, path: string, name: string, value: string, label: string) =>
      html`<form method="post" action="/staff/offers/${encodeURIComponent(id)}/${path}" class="inline">
        <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="${name}" value="${value}"><button>${label}</button></form>`;
    return sendStaffPage(req, reply,
      'Angebote',
      html`<p><a href="/staff/offers/new">Neues Angebot anlegen</a></p>
      ${rows.length === 0 && accountTown(req)
        ? html`<p>Für ${accountTown(req)} gibt es noch keine Angebote. Was Sie hier anlegen, gehört zu ${accountTown(req)}. Angebote ohne Stadt pflegt das Team des Kreises.</p>`
        : ''}
      <table><thead><tr><th>Titel</th><th>Status</th><th>Sichtbar</th><th>Geändert</th><th>Aktionen</th></tr></thead><tbody>
      ${rows.map(
        (r) => html`<tr class="${r.state === 'hidden' ? 'state-hidden' : ''}"><td><a href="/staff/offers/${encodeURIComponent(r.id)}/edit">${r.title ?? r.id}</a><br><span class="note">${r.id}</span></td>
          <td>${statusLabel(r.status)}</td><td>${r.state === 'published' ? 'ja' : 'verborgen'}</td><td>${r.changed_at.slice(0, 16).replace('T', ' ')}</td>
          <td>${r.status === 'active' ? action(r.id, 'status', 'status', 'paused', 'Pausieren') : action(r.id, 'status', 'status', 'active', 'Aktivieren')}
              ${r.state === 'published' ? action(r.id, 'state', 'state', 'hidden', 'Verbergen') : action(r.id, 'state', 'state', 'published', 'Veröffentlichen')}</td></tr>`,
      )}
      </tbody></table>`,
    );
  });

  /** The town field of the form: only for the district's staff (a town account's offers are its town's); undefined = no field. */
  const townField = (req: FastifyRequest, value: string | null): string | null | undefined => (accountTown(req) ? undefined : value);

  scope.get('/offers/new', async (req, reply) =>
    sendStaffPage(req, reply, 'Neues Angebot', offerForm(null, null, [], await taxonomy(), requireStaff(req).csrf, townField(req, null))),
  );

  scope.get<{ Params: { id: string } }>('/offers/:id/edit', async (req, reply) => {
    requireStaff(req);
    const id = idParam.safeParse(req.params.id);
    const stored = id.success ? await storage.getStoredOffer(id.data) : null;
    if (!stored || stored.state === 'deleted') return sendStaffPage(req, reply, 'Nicht gefunden', html`<p>Dieses Angebot gibt es nicht.</p>`, 404);
    const offer = offerSchema.safeParse(stored.offer);
    const town = (await storage.townOf('offer', id.data!))?.town ?? null;
    return sendStaffPage(req, reply, 'Angebot bearbeiten', offerForm(id.data!, offer.success ? offer.data : null, [], await taxonomy(), requireStaff(req).csrf, townField(req, town)));
  });

  const saveOffer = async (req: FastifyRequest, reply: FastifyReply, existingId: string | null) => {
    requireStaff(req);
    const f = staffForm(req);
    const previous = existingId ? await storage.getStoredOffer(existingId) : null;
    const prevOffer = previous ? offerSchema.safeParse(previous.offer) : null;
    let built = offerFromForm(f, existingId, prevOffer?.success ? prevOffer.data : null);
    if (!existingId && built.ok && (await storage.getStoredOffer(built.offer.id))) {
      built = { ok: false, errors: ['Diese Kennung ist schon vergeben.'], draft: { ...built.offer, id: '' } };
    }
    // the offer's town: a town account's own; the district's staff choose it in the form ('' = the whole district)
    const sentTown = (f.get('offer_town') ?? '').trim().toLowerCase();
    if (!accountTown(req) && sentTown && !townIdSchema.safeParse(sentTown).success) {
      const errors = ['Stadt: kleine Buchstaben, Ziffern und Bindestriche, zum Beispiel sankt-augustin; leer für den ganzen Kreis.'];
      built = built.ok ? { ok: false, errors, draft: built.offer } : { ...built, errors: [...built.errors, ...errors] };
    }
    const tax = await taxonomy();
    if (!built.ok) {
      const form = offerForm(existingId, built.draft, built.errors, tax, requireStaff(req).csrf, townField(req, sentTown || null));
      return sendStaffPage(req, reply, existingId ? 'Angebot bearbeiten' : 'Neues Angebot', form, 422);
    }
    const town = accountTown(req) ?? (f.has('offer_town') ? sentTown || null : existingId ? ((await storage.townOf('offer', existingId))?.town ?? null) : null);
    if (!existingId && town) {
      // a town account's new offer is its town's: stored hidden, given the town, then published — so no kiosk of
      // another town gets it in between (three changes in the feed)
      await storage.putOffer(built.offer, 'hidden');
      await storage.setOfferTowns([{ id: built.offer.id, town }]);
      await storage.setOfferState(built.offer.id, 'published');
    } else {
      await storage.putOffer(built.offer, previous?.state === 'hidden' ? 'hidden' : 'published');
      // moving an offer is a change of its own (its old town's kiosks get a tombstone); nothing when it stays
      if (existingId) await storage.setOfferTowns([{ id: existingId, town }]);
    }
    return secureStaff(reply).redirect('/staff/offers', 303);
  };
  scope.post('/offers', async (req, reply) => saveOffer(req, reply, null));
  scope.post<{ Params: { id: string } }>('/offers/:id', async (req, reply) => {
    requireStaff(req);
    const id = idParam.safeParse(req.params.id);
    if (!id.success || !(await storage.getStoredOffer(id.data))) return sendStaffPage(req, reply, 'Nicht gefunden', html`<p>Dieses Angebot gibt es nicht.</p>`, 404);
    return saveOffer(req, reply, id.data);
  });

  scope.post<{ Params: { id: string } }>('/offers/:id/status', async (req, reply) => {
    requireStaff(req);
    const id = idParam.safeParse(req.params.id);
    const status = z.enum(['active', 'paused', 'ended']).safeParse(staffForm(req).get('status'));
    const stored = id.success ? await storage.getStoredOffer(id.data) : null;
    const offer = stored ? offerSchema.safeParse(stored.offer) : null;
    if (!stored || !status.success || !offer?.success) return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Der Status konnte nicht geändert werden.</p>`, 422);
    await storage.putOffer({ ...offer.data, status: status.data, updated_at: new Date().toISOString() }, stored.state);
    return secureStaff(reply).redirect('/staff/offers', 303);
  });

  scope.post<{ Params: { id: string } }>('/offers/:id/state', async (req, reply) => {
    requireStaff(req);
    const id = idParam.safeParse(req.params.id);
    const state = z.enum(['published', 'hidden']).safeParse(staffForm(req).get('state'));
    if (!id.success || !state.success || !(await storage.setOfferState(id.data, state.data))) {
      return sendStaffPage(req, reply, 'Nicht möglich', html`<p>Die Sichtbarkeit konnte nicht geändert werden.</p>`, 422);
    }
    return secureStaff(reply).redirect('/staff/offers', 303);
  });
}

function statusLabel(s: string | null): string {
  return s === 'active' ? 'aktiv' : s === 'paused' ? 'pausiert' : s === 'ended' ? 'beendet' : (s ?? '?');
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

/** `town`: the offer's town for the district's staff to change (null: none); undefined: no field (a town account). */
function offerForm(existingId: string | null, o: Draft | null, errors: string[], tax: Taxonomy, csrf: string, town?: string | null): Raw {
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
    ${town !== undefined ? text('offer_town', 'Stadt (leer lassen: Angebot für den ganzen Kreis)', town) : ''}
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
