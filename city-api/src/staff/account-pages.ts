/**
 * Staff page: accounts (issue 19), for the role Verwaltung (admin). List (name, role, town, active, last login),
 * add, change role and town, disable, new password. The server makes each new password (16 random letters and
 * digits); it is shown ONCE on the answer page for the admin to hand over in person, and only its scrypt hash is
 * stored (storage/staff-accounts.ts). Every change is an entry of the audit trail (/staff/audit) with the town of
 * the account changed.
 *
 * Town limits (town-scope.ts): a town's admin sees and changes only its town's accounts and creates accounts only
 * for its town; an admin without town (or the shared password while no account exists) manages all. Nobody changes
 * or disables their own account here (so the last admin cannot lock everyone out by mistake): the CLI
 * `npm run city-api -- staff-add` stays for that. POST forms carry the session's CSRF token (the scope checks it).
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { townIdSchema } from '../../../shared/schemas/taxonomy';
import { html, raw, type Raw } from '../staff-html';
import { STAFF_ROLES, staffAccountInputSchema, type StaffAccountListItem, type StaffRole } from '../storage/staff-accounts';
import { csrfField, requireStaff, sendStaffPage, staffForm, type StaffStorageContext } from './staff-kit';
import { ROLE_NAMES } from './staff-roles';
import { accountTown } from './town-scope';

const ROLE_HELP: Record<StaffRole, string> = {
  editor: 'Angebote pflegen, Wünsche lesen',
  moderator: 'dazu: Wünsche bearbeiten, Einreichungen von Vereinen prüfen, Protokoll',
  admin: 'dazu: Kiosks, Bedarf und Konten',
};
// no 0/O, 1/l/I: read aloud or copied by hand without mix-ups
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A new password: 16 characters in 4 groups (about 80 bits), e.g. "k7mq-x2wp-fh9d-tr4e". */
export function newStaffPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'noch nie');
const townLabel = (t: string | null) => t ?? 'ganzer Kreis';

export function registerAccountPages(scope: FastifyInstance, ctx: StaffStorageContext): void {
  const { storage } = ctx;
  const actorOf = (req: FastifyRequest) => requireStaff(req).account?.name ?? 'gemeinsames Passwort';
  const self = (req: FastifyRequest, name: string) => requireStaff(req).account?.name === name;

  /** The town field of a form: a town admin's own town whatever was sent; else the field ('' = the whole district). */
  const townFrom = (req: FastifyRequest, f: URLSearchParams): { ok: true; town: string | null } | { ok: false } => {
    const mine = accountTown(req);
    if (mine) return { ok: true, town: mine };
    const t = (f.get('town') ?? '').trim().toLowerCase();
    if (!t) return { ok: true, town: null };
    return townIdSchema.safeParse(t).success ? { ok: true, town: t } : { ok: false };
  };

  const listPage = async (req: FastifyRequest, reply: FastifyReply, notice: Raw | null, status = 200) => {
    const mine = accountTown(req);
    const accounts = await storage.listStaffAccounts(mine);
    const noAccounts = !(await storage.hasStaffAccounts());
    return sendStaffPage(
      req,
      reply,
      'Konten',
      html`${notice ?? ''}
        ${noAccounts
          ? html`<p class="note">Noch gibt es kein Konto: Sie sind mit dem gemeinsamen Passwort angemeldet. Sobald das erste Konto angelegt ist, gilt das gemeinsame Passwort nicht mehr – legen Sie zuerst ein Konto mit der Rolle Verwaltung für sich an.</p>`
          : ''}
        <h2>Neues Konto</h2>
        <form method="post" action="/staff/accounts" class="card">
          ${csrfField(req)}
          <label for="new-name">Name zum Anmelden</label>
          <input type="text" id="new-name" name="name" required minlength="2" maxlength="64" pattern="[A-Za-z0-9._@\\-]{2,64}" autocapitalize="none" spellcheck="false" aria-describedby="new-name-help">
          <p class="note" id="new-name-help">Buchstaben ohne Umlaute, Ziffern und . _ @ - , zum Beispiel vorname.nachname</p>
          ${roleSelect('new-role', 'editor')}
          ${townField(mine, 'new-town', null)}
          <p><button>Konto anlegen</button></p>
          <p class="note">Das Passwort erzeugt der Server. Sie sehen es nur einmal und geben es der Person persönlich weiter.</p>
        </form>
        <h2>Alle Konten${mine ? html` in ${mine}` : ''} (${accounts.length})</h2>
        ${accounts.length ? html`<div class="cards">${accounts.map((a) => accountCard(req, a, mine, self(req, a.name)))}</div>` : html`<p>Noch keine Konten.</p>`}`,
      status,
    );
  };

  scope.get('/accounts', async (req, reply) => listPage(req, reply, null));

  const shownOnce = (name: string, password: string, what: string) =>
    html`<div class="notice" role="status"><p><strong>${what}</strong></p>
      <p>Passwort für <strong>${name}</strong>: <code class="password">${password}</code></p>
      <p>Bitte jetzt notieren und der Person persönlich geben. Es wird nicht gespeichert und hier nicht wieder angezeigt.</p></div>`;
  const problem = (text: string) => html`<div class="errors" role="alert"><p>${text}</p></div>`;

  scope.post('/accounts', async (req, reply) => {
    const f = staffForm(req);
    const name = (f.get('name') ?? '').trim();
    const role = z.enum(STAFF_ROLES).safeParse(f.get('role'));
    const town = townFrom(req, f);
    if (!staffAccountInputSchema.shape.name.safeParse(name).success) return listPage(req, reply, problem('Der Name passt nicht: 2 bis 64 Zeichen, nur Buchstaben ohne Umlaute, Ziffern und . _ @ -'), 422);
    if (!role.success) return listPage(req, reply, problem('Bitte eine Rolle wählen.'), 422);
    if (!town.ok) return listPage(req, reply, problem('Die Stadt passt nicht: kleine Buchstaben, Ziffern und Bindestriche, zum Beispiel sankt-augustin. Leer lassen für den ganzen Kreis.'), 422);
    if ((await storage.townOf('account', name)) !== null) return listPage(req, reply, problem(`Ein Konto „${name}“ gibt es schon. Bitte einen anderen Namen wählen.`), 409);
    const password = newStaffPassword();
    await storage.putStaffAccount({ name, password, role: role.data, town: town.town });
    await storage.logStaffAccountChange({ action: 'account_created', actor: actorOf(req), detail: `${name}: ${ROLE_NAMES[role.data]}, ${townLabel(town.town)}`, town: town.town, at: ctx.now() });
    return listPage(req, reply, shownOnce(name, password, `Konto ${name} angelegt.`));
  });

  /** The account named in the URL; the town check (town-scope.ts) already refused another town's. */
  const target = async (req: FastifyRequest<{ Params: { name: string } }>) => (await storage.listStaffAccounts(accountTown(req))).find((a) => a.name === req.params.name) ?? null;
  const notFound = (req: FastifyRequest, reply: FastifyReply) => listPage(req, reply, problem('Dieses Konto gibt es nicht.'), 404);
  const notSelf = (req: FastifyRequest, reply: FastifyReply) =>
    listPage(req, reply, problem('Ihr eigenes Konto können Sie hier nicht ändern. Das macht eine andere Person mit der Rolle Verwaltung.'), 403);

  scope.post<{ Params: { name: string } }>('/accounts/:name/role', async (req, reply) => {
    const a = await target(req);
    if (!a) return notFound(req, reply);
    if (self(req, a.name)) return notSelf(req, reply);
    const f = staffForm(req);
    const role = z.enum(STAFF_ROLES).safeParse(f.get('role'));
    const town = townFrom(req, f);
    if (!role.success || !town.ok) return listPage(req, reply, problem('Rolle oder Stadt passen nicht. Stadt: kleine Buchstaben, Ziffern und Bindestriche, leer für den ganzen Kreis.'), 422);
    await storage.setStaffAccountRole(a.name, role.data, town.town);
    const detail = `${a.name}: ${ROLE_NAMES[a.role]}, ${townLabel(a.town)} → ${ROLE_NAMES[role.data]}, ${townLabel(town.town)}`;
    // logged under the old and (if it moved) the new town, so both towns' audit shows it
    await storage.logStaffAccountChange({ action: 'account_changed', actor: actorOf(req), detail, town: a.town, at: ctx.now() });
    if (town.town !== a.town) await storage.logStaffAccountChange({ action: 'account_changed', actor: actorOf(req), detail, town: town.town, at: ctx.now() });
    return listPage(req, reply, html`<div class="notice" role="status"><p>Konto ${a.name} geändert: ${ROLE_NAMES[role.data]}, ${townLabel(town.town)}.</p></div>`);
  });

  scope.post<{ Params: { name: string } }>('/accounts/:name/disable', async (req, reply) => {
    const a = await target(req);
    if (!a) return notFound(req, reply);
    if (self(req, a.name)) return notSelf(req, reply);
    if (await storage.disableStaffAccount(a.name)) {
      await storage.logStaffAccountChange({ action: 'account_disabled', actor: actorOf(req), detail: a.name, town: a.town, at: ctx.now() });
    }
    return listPage(req, reply, html`<div class="notice" role="status"><p>Konto ${a.name} gesperrt. Wer damit angemeldet ist, wird beim nächsten Klick abgemeldet.</p></div>`);
  });

  scope.post<{ Params: { name: string } }>('/accounts/:name/password', async (req, reply) => {
    const a = await target(req);
    if (!a) return notFound(req, reply);
    if (self(req, a.name)) return notSelf(req, reply);
    const password = newStaffPassword();
    // same role and town; a disabled account is enabled again with the new password
    await storage.putStaffAccount({ name: a.name, password, role: a.role, town: a.town });
    await storage.logStaffAccountChange({ action: 'account_password', actor: actorOf(req), detail: `${a.name}${a.disabled ? ' (wieder freigegeben)' : ''}`, town: a.town, at: ctx.now() });
    return listPage(req, reply, shownOnce(a.name, password, a.disabled ? `Konto ${a.name} wieder freigegeben.` : `Neues Passwort für ${a.name}.`));
  });
}

function roleSelect(id: string, value: StaffRole): Raw {
  // the help beside the select, not in its options: a phone cuts a long option off
  return html`<label for="${id}">Rolle</label>
    <select id="${id}" name="role" aria-describedby="${id}-help">${STAFF_ROLES.map((r) => html`<option value="${r}"${raw(r === value ? ' selected' : '')}>${ROLE_NAMES[r]}</option>`)}</select>
    <ul class="note" id="${id}-help">${STAFF_ROLES.map((r) => html`<li><strong>${ROLE_NAMES[r]}</strong>: ${ROLE_HELP[r]}</li>`)}</ul>`;
}

/** A town admin's accounts are always of its town (no field); an admin without town types the town or leaves it empty. */
function townField(mine: string | null, id: string, value: string | null): Raw {
  if (mine) return html`<p>Stadt: <strong>${mine}</strong></p>`;
  return html`<label for="${id}">Stadt (leer lassen für den ganzen Kreis)</label>
    <input type="text" id="${id}" name="town" value="${value ?? ''}" maxlength="63" autocapitalize="none" spellcheck="false" placeholder="zum Beispiel siegburg">`;
}

function accountCard(req: FastifyRequest, a: StaffAccountListItem, mine: string | null, isSelf: boolean): Raw {
  const base = `/staff/accounts/${encodeURIComponent(a.name)}`;
  const fid = a.name.replace(/[^A-Za-z0-9_-]/g, '_');
  return html`<section class="card${a.disabled ? ' disabled' : ''}" aria-labelledby="acc-${fid}">
    <h3 id="acc-${fid}">${a.name}${isSelf ? ' (Sie)' : ''}</h3>
    <dl>
      <dt>Rolle</dt><dd>${ROLE_NAMES[a.role]}</dd>
      <dt>Stadt</dt><dd>${townLabel(a.town)}</dd>
      <dt>Aktiv</dt><dd>${a.disabled ? 'nein, gesperrt' : 'ja'}</dd>
      <dt>Zuletzt angemeldet</dt><dd>${when(a.lastLoginAt)}</dd>
    </dl>
    ${isSelf
      ? html`<p class="note">Ihr eigenes Konto ändert eine andere Person mit der Rolle Verwaltung.</p>`
      : html`<details><summary>Ändern</summary>
          <form method="post" action="${base}/role">${csrfField(req)}
            ${roleSelect(`role-${fid}`, a.role)}
            ${townField(mine, `town-${fid}`, a.town)}
            <p><button>Rolle und Stadt speichern</button></p>
          </form>
          <form method="post" action="${base}/password">${csrfField(req)}
            <p><button>${a.disabled ? 'Wieder freigeben mit neuem Passwort' : 'Neues Passwort erzeugen'}</button></p>
          </form>
          ${a.disabled
            ? ''
            : html`<form method="post" action="${base}/disable">${csrfField(req)}<p><button>Konto sperren</button></p></form>`}
        </details>`}
  </section>`;
}
