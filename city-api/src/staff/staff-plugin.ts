/**
 * The staff web page as one encapsulated Fastify plugin, registered with `prefix: '/staff'`.
 *
 * The checks are bound to the routes, not to path strings: every route of the inner scope has the onRequest
 * session hook and the preHandler CSRF hook, whatever spelling of the URL the router matched (`/%73taff/wishes`
 * reaches the same route, hence the same hooks; spellings the router does not match are 404).
 * Only `/staff/login` and `/staff/style.css` live outside the session scope.
 *
 * Accounts (issue 19): once any staff account exists (storage/staff-accounts.ts, `npm run city-api -- staff-add`),
 * the login asks for name and password and the shared password (--admin-password) no longer logs in — its open
 * sessions end too. Without accounts the shared password logs in as the district's admin (the one-command start).
 * The same session hook then checks the account's role against the matched route (staff-roles.ts): 403 page.
 */
import csrfProtection from '@fastify/csrf-protection';
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CityDb } from '../city-db';
import { hashPassword, hasPasswordControl, PASSWORD_CONTROL_MESSAGE, SESSION_COOKIE, SESSION_TTL_MS, verifyPassword } from '../staff-auth';
import { html, page, STAFF_CSS } from '../staff-html';
import { secureStaff, StaffAuthError, staffForm, staffPageOptions, type StaffStorageContext } from './staff-kit';
import { registerAccountPages } from './account-pages';
import { STAFF_PAGES, STAFF_STORAGE_PAGES } from './staff-pages';
import { leastRoleFor, roleAtLeast, ROLE_NAMES } from './staff-roles';
import { townCheckFor } from './town-scope';

/**
 * Sessions and the offer, moderation, wish and kiosk pages go through `storage` (SQLite or PostgreSQL, issue 19);
 * the other pages (STAFF_PAGES: calendars, Bedarf) need `db` and are not registered without it.
 */
export interface StaffPluginOptions extends StaffStorageContext {
  db?: CityDb;
  password: string;
  secureCookies: boolean;
  /** Login attempts per client address and minute (default 10). */
  loginAttemptsPerMinute?: number;
}

/** Cookie holding the (signed) CSRF secret; tokens in forms are derived from it and bound to the session. */
export const CSRF_COOKIE = 'city_csrf';
const ANONYMOUS = 'login';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function staffPlugin(staff: FastifyInstance, opts: StaffPluginOptions): Promise<void> {
  const { db, storage } = opts;
  const pw = hashPassword(opts.password);
  const cookieBase = { path: '/staff', httpOnly: true, sameSite: 'strict' as const, secure: opts.secureCookies };

  staff.decorateRequest('staffSession', null);
  staff.decorateRequest('staffCsrf', null);
  await staff.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { ...cookieBase, signed: true, maxAge: SESSION_TTL_MS / 1000 },
    csrfOpts: { hmacKey: randomBytes(32).toString('base64url') },
    // Bound to the session: a token taken from one session (or from the login page) is worth nothing in another.
    getUserInfo: (req: FastifyRequest) => req.staffSession?.id ?? ANONYMOUS,
    getToken: (req: FastifyRequest) => staffForm(req).get('csrf') ?? (req.headers['x-csrf-token'] as string | undefined),
  });

  const loginPage = async (reply: FastifyReply, error: string | null, status = 200) => {
    const token = reply.generateCsrf({ userInfo: ANONYMOUS });
    const withName = await storage.hasStaffAccounts();
    return secureStaff(reply)
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Anmeldung',
          html`${error ? html`<p class="errors" role="alert">${error}</p>` : ''}
            <form method="post" action="/staff/login">
              <input type="hidden" name="csrf" value="${token}">
              ${withName
                ? html`<label for="name">Name</label>
                    <input type="text" id="name" name="name" autocomplete="username" autocapitalize="none" spellcheck="false" required>`
                : ''}
              <label for="password">Passwort</label>
              <input type="password" id="password" name="password" autocomplete="current-password" required>
              <p><button>Anmelden</button></p>
            </form>`,
        ),
      );
  };

  // Refusals as pages a person can read (CSRF, rate limit, a handler without session) — never a stack trace.
  staff.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err.statusCode === 429) return loginPage(reply.header('retry-after', '60'), 'Zu viele Versuche. Bitte eine Minute warten.', 429);
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
      if (!req.staffSession) return loginPage(reply, 'Das Formular war veraltet. Bitte erneut versuchen.', 403);
      req.staffCsrf = req.staffSession.csrf;
      return secureStaff(reply)
        .code(403)
        .type('text/html; charset=utf-8')
        .send(page('Sitzung abgelaufen', html`<p>Das Formular war veraltet. Bitte laden Sie die Seite neu.</p>`, staffPageOptions(req, req.staffSession.csrf)));
    }
    if (err instanceof StaffAuthError) return secureStaff(reply).redirect('/staff/login', 303);
    if (err.statusCode && err.statusCode < 500) return secureStaff(reply).code(err.statusCode).type('text/plain; charset=utf-8').send(err.message);
    req.log.error(err);
    return secureStaff(reply).code(500).type('text/plain; charset=utf-8').send('Interner Fehler');
  });

  // ---------------------------------------------------------------- outside the session: login, style sheet
  staff.get('/style.css', async (_req, reply) => secureStaff(reply).type('text/css; charset=utf-8').send(STAFF_CSS));
  staff.get('/login', async (_req, reply) => loginPage(reply, null));
  staff.post(
    '/login',
    {
      config: { rateLimit: { max: opts.loginAttemptsPerMinute ?? 10, timeWindow: 60_000 } },
      preHandler: staff.csrfProtection,
    },
    async (req, reply) => {
      const form = staffForm(req);
      const password = form.get('password') ?? '';
      // said plainly instead of "wrong password": such a password can never be right (staff-auth.ts)
      if (hasPasswordControl(password)) return loginPage(reply, PASSWORD_CONTROL_MESSAGE, 422);
      let accountId: string | null = null;
      if (await storage.hasStaffAccounts()) {
        // accounts exist: name + password of an enabled account; the shared password no longer logs in
        const account = await storage.verifyStaffAccount((form.get('name') ?? '').trim(), password);
        if (!account) return loginPage(reply, 'Name oder Passwort stimmt nicht (oder das Konto ist gesperrt).', 401);
        accountId = account.id;
      } else if (!verifyPassword(password, pw)) return loginPage(reply, 'Das Passwort stimmt nicht.', 401);
      const s = await storage.createStaffSession();
      if (accountId) await storage.attachStaffSessionAccount(s.id, accountId);
      reply.setCookie(SESSION_COOKIE, s.id, { ...cookieBase, maxAge: SESSION_TTL_MS / 1000 });
      return secureStaff(reply).redirect('/staff/offers', 303);
    },
  );

  // ---------------------------------------------------------------- everything else: verified session + CSRF
  await staff.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      const id = req.cookies[SESSION_COOKIE];
      if (!id || !(await storage.staffSessionCsrf(id))) return secureStaff(reply).redirect('/staff/login', 303);
      // whose session: an enabled account, or the shared password while no account exists (= the district's admin)
      const who = await storage.staffSessionAccount(id);
      if (who === null || (who === 'shared' && (await storage.hasStaffAccounts()))) {
        await storage.endStaffSession(id);
        reply.clearCookie(SESSION_COOKIE, { path: '/staff' });
        return secureStaff(reply).redirect('/staff/login', 303);
      }
      const account = who === 'shared' ? null : who;
      req.staffSession = { id, csrf: '', account };
      const csrf = reply.generateCsrf({ userInfo: id });
      req.staffSession.csrf = csrf;
      req.staffCsrf = csrf;
      // THE role check of every staff route: keyed on the route the router matched, not on the URL's spelling
      const route = req.routeOptions.url ?? '';
      const least = leastRoleFor(req.method, route);
      const refuse = (status: number, title: string, body: ReturnType<typeof html>) =>
        secureStaff(reply)
          .code(status)
          .type('text/html; charset=utf-8')
          .send(page(title, body, staffPageOptions(req, csrf)));
      if (account && !roleAtLeast(account.role, least)) {
        return refuse(
          403,
          'Keine Berechtigung',
          html`<p role="alert">Diese Seite ist für Ihr Konto nicht freigegeben.</p>
            <p>Sie sind angemeldet als <strong>${account.name}</strong> (${ROLE_NAMES[account.role]}). Diese Seite braucht die Rolle
              <strong>${ROLE_NAMES[least]}</strong>. Wenn Sie diese Seite für Ihre Arbeit brauchen, kann jemand mit der Rolle Verwaltung Ihr Konto ändern.</p>
            <p><a href="/staff/offers">Zu den Angeboten</a></p>`,
        );
      }
      // THE town check (town-scope.ts): a town account acts only on its town's things, whatever id it sends
      if (account?.town) {
        const check = townCheckFor(route);
        if (check.kind === 'district-only' || check.kind === 'unknown-param') {
          return refuse(
            403,
            'Keine Berechtigung',
            html`<p role="alert">Diese Seite gilt für den ganzen Kreis und ist für Konten einer Stadt nicht freigegeben.</p>
              <p>Sie sind angemeldet als <strong>${account.name}</strong> (${ROLE_NAMES[account.role]}, ${account.town}).</p>
              <p><a href="/staff/offers">Zu den Angeboten</a></p>`,
          );
        }
        if (check.kind === 'item') {
          const id = (req.params as Record<string, unknown> | undefined)?.[check.param];
          const found = typeof id === 'string' && id.length <= 200 ? await storage.townOf(check.item, id) : null;
          // another town's (or the district's) thing answers exactly like a thing that does not exist
          if (found?.town !== account.town) return refuse(404, 'Nicht gefunden', html`<p>Das gibt es nicht – oder es gehört nicht zu Ihrer Stadt.</p>`);
        }
      }
    });
    scope.addHook('preHandler', (req, reply, done) => {
      if (!UNSAFE.has(req.method)) return done();
      staff.csrfProtection(req, reply, done);
    });

    scope.post('/logout', async (req, reply) => {
      await storage.endStaffSession(req.staffSession?.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/staff' });
      return secureStaff(reply).redirect('/staff/login', 303);
    });
    scope.get('/', async (_req, reply) => secureStaff(reply).redirect('/staff/offers', 303));

    for (const register of STAFF_STORAGE_PAGES) await register(scope, opts);
    registerAccountPages(scope, opts);
    if (db) for (const register of STAFF_PAGES) await register(scope, { ...opts, db });
  });
}
