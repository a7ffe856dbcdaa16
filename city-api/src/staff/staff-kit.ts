/**
 * What a staff page needs: the verified session, the page's CSRF token, the security headers and the page frame.
 *
 * How to add a staff page (H18 Bedarf, H21 feed health, …): write `registerXyzPages(scope, ctx)` in your own file,
 * declare routes RELATIVE to /staff (`scope.get('/bedarf', …)` answers `/staff/bedarf`), start every handler with
 * `const s = requireStaff(req)` and add the function to `STAFF_PAGES` in `city-api/src/staff/staff-pages.ts`.
 * Add its routes with the least role to STAFF_ROUTE_ROLES in staff-roles.ts — a route missing there needs admin.
 * The scope's onRequest hook has already checked the session; POST/PUT/PATCH/DELETE have had their CSRF token
 * checked (form field `csrf` or header `x-csrf-token`) before the handler runs. Put `csrfField(req)` in each form.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CityDb } from '../city-db';
import type { KioskStorage } from '../storage/kiosk-storage';
import type { StaffAccount } from '../storage/staff-accounts';
import { formParams } from '../form-body';
import { html, page, type Raw, type StaffPageOptions } from '../staff-html';

export interface StaffSession {
  /** Opaque session id from the cookie (already checked against the database). */
  id: string;
  /** CSRF token for forms on this page, bound to this session. */
  csrf: string;
  /** The logged-in staff account; null for the shared password (only while no account exists: the district's admin). */
  account: StaffAccount | null;
}

/** What a staff page on the storage interface gets (SQLite or PostgreSQL, issue 19): see STAFF_STORAGE_PAGES. */
export interface StaffStorageContext {
  storage: KioskStorage;
  now: () => Date;
  /** Public base URL of the server (--public-url) for absolute links; never the request's Host. */
  publicUrl: () => string;
}

/** What a SQLite-only staff page gets (STAFF_PAGES): the database as well. */
export interface StaffContext extends StaffStorageContext {
  db: CityDb;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the staff scope's onRequest hook once the session cookie is verified; null everywhere else. */
    staffSession: StaffSession | null;
    /** The session's CSRF token (kept for pages written before the staff plugin: same as staffSession.csrf). */
    staffCsrf: string | null;
  }
}

export class StaffAuthError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('staff session required');
  }
}

/** The verified staff session; throws (403) when the request did not pass the staff scope's session check. */
export function requireStaff(req: FastifyRequest): StaffSession {
  const s = req.staffSession;
  if (!s || !s.id || !s.csrf) throw new StaffAuthError();
  return s;
}

export const STAFF_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Security headers of every staff answer (helmet sets most of them globally; these are the staff page's stricter ones). */
export const secureStaff = (reply: FastifyReply): FastifyReply =>
  reply
    .header('content-security-policy', STAFF_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store');

/** A full staff page with navigation (needs the session's CSRF token for the logout form). */
export function sendStaffPage(req: FastifyRequest, reply: FastifyReply, title: string, body: Raw, status = 200): FastifyReply {
  const s = requireStaff(req);
  return secureStaff(reply).code(status).type('text/html; charset=utf-8').send(page(title, body, staffPageOptions(req, s.csrf)));
}

/** The page frame of a logged-in request: navigation for the account's role and town (issue 19). */
export const staffPageOptions = (req: FastifyRequest, csrf: string): StaffPageOptions => ({
  csrf,
  nav: true,
  role: req.staffSession?.account?.role,
  town: req.staffSession?.account?.town ?? null,
});

/** Hidden CSRF field for a form on a staff page. */
export const csrfField = (req: FastifyRequest): Raw => html`<input type="hidden" name="csrf" value="${requireStaff(req).csrf}">`;

/** The urlencoded form body as URLSearchParams. */
export const staffForm = (req: FastifyRequest): URLSearchParams => formParams(req);
