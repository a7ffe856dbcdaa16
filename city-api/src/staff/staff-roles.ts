/**
 * Which role each staff route needs (issue 19): ONE table, checked in ONE place — the staff plugin's session hook
 * (staff-plugin.ts), after the session and before any handler. The key is the route the router matched
 * (`req.routeOptions.url`, e.g. `/staff/offers/:id/edit`), never the URL as spelled: `/%73taff/KIOSKS`,
 * `//staff//kiosks` or `/staff/kiosks.` either reach that same route (and so this check) or no route at all (404).
 *
 * Roles include the lower ones (editor < moderator < admin; storage/staff-accounts.ts). The groups follow the roles
 * written there: editors keep the offers and may read wishes; moderators also work on wishes, decide on the club
 * form's submissions (audit, 12-month review) and keep calendar sources; admins also run kiosks and the Bedarf
 * export. A staff route that is not in this table needs admin (fail closed): a new page must be added here.
 * docs/city-api.md "Staff accounts and roles" has the same table.
 */
import { STAFF_ROLES, type StaffRole } from '../storage/staff-accounts';

/** [method or '*', route pattern (as registered, with the /staff prefix) or prefix ending in '/*', least role] */
export const STAFF_ROUTE_ROLES: readonly (readonly [string, string, StaffRole])[] = [
  ['*', '/staff', 'editor'],
  ['*', '/staff/', 'editor'],
  ['POST', '/staff/logout', 'editor'],
  ['*', '/staff/offers', 'editor'],
  ['*', '/staff/offers/*', 'editor'],
  ['GET', '/staff/wishes', 'editor'],
  ['POST', '/staff/wishes/*', 'moderator'],
  ['*', '/staff/submissions', 'moderator'],
  ['*', '/staff/submissions/*', 'moderator'],
  ['*', '/staff/review', 'moderator'],
  ['*', '/staff/review/*', 'moderator'],
  ['*', '/staff/audit', 'moderator'],
  ['*', '/staff/calendars', 'moderator'],
  ['*', '/staff/calendars/*', 'moderator'],
  ['*', '/staff/kiosks', 'admin'],
  ['*', '/staff/kiosks/*', 'admin'],
  ['*', '/staff/bedarf', 'admin'],
  ['*', '/staff/bedarf.csv', 'admin'],
  ['*', '/staff/bedarf.pdf', 'admin'],
  ['*', '/staff/bedarf/*', 'admin'],
  ['*', '/staff/accounts', 'admin'],
  ['*', '/staff/accounts/*', 'admin'],
];

/** The least role for a matched route; 'admin' for a route not in the table. */
export function leastRoleFor(method: string, route: string): StaffRole {
  for (const [m, pattern, role] of STAFF_ROUTE_ROLES) {
    if (m !== '*' && m !== method) continue;
    if (pattern.endsWith('/*') ? route.startsWith(pattern.slice(0, -1)) : route === pattern) return role;
  }
  return 'admin';
}

export const roleAtLeast = (role: StaffRole, least: StaffRole): boolean => STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(least);

export const ROLE_NAMES: Record<StaffRole, string> = { editor: 'Redaktion', moderator: 'Moderation', admin: 'Verwaltung' };
