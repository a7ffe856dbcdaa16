/**
 * Town limits on the staff pages (issue 19): an account with a town sees and changes only its town's things; an
 * account without town (and the shared password while no account exists) is the district's and sees everything.
 *
 * Two parts, like the role check (staff-roles.ts):
 * - Every route that acts on ONE thing by id is in STAFF_ROUTE_ITEMS with the parameter that names it and its kind.
 *   The staff plugin's session hook (staff-plugin.ts), right after the role check and before any handler, looks up
 *   that thing's town (TownStorage.townOf) and answers a town account 404 "Nicht gefunden" when it belongs to
 *   another town or to the district — the same answer as for an id that does not exist, so guessing ids tells
 *   nothing. Keyed on the matched route (`req.routeOptions.url`), so every spelling of the URL that reaches the
 *   route reaches this check. A route with a parameter that is not in the table is refused to town accounts
 *   (fail closed): a new page with `:id` must be added here.
 * - Lists filter by `accountTown(req)` in the storage query (offers, kiosks, audit, accounts) or with the town maps
 *   (wishes by their kiosk's town, submissions, the 12-month review).
 *
 * Pages of the district as a whole (calendar sources, Bedarf) are refused to town accounts (DISTRICT_ONLY_ROUTES).
 */
import type { FastifyRequest } from 'fastify';
import type { TownItemKind } from '../storage/town-storage';

/** [route pattern as registered (with /staff), parameter naming the thing, its kind] */
export const STAFF_ROUTE_ITEMS: readonly (readonly [string, string, TownItemKind])[] = [
  ['/staff/offers/:id', 'id', 'offer'],
  ['/staff/offers/:id/edit', 'id', 'offer'],
  ['/staff/offers/:id/status', 'id', 'offer'],
  ['/staff/offers/:id/state', 'id', 'offer'],
  ['/staff/review/:offerId/confirm', 'offerId', 'offer'],
  ['/staff/wishes/:id', 'id', 'wish'],
  ['/staff/wishes/:id/reply', 'id', 'wish'],
  ['/staff/submissions/:id', 'id', 'submission'],
  ['/staff/submissions/:id/decide', 'id', 'submission'],
  ['/staff/kiosks/:id/commands', 'id', 'kiosk'],
  ['/staff/accounts/:name/role', 'name', 'account'],
  ['/staff/accounts/:name/disable', 'name', 'account'],
  ['/staff/accounts/:name/password', 'name', 'account'],
];

/** Routes (or prefixes ending in '/*') about the whole district: only for accounts without town. */
export const DISTRICT_ONLY_ROUTES: readonly string[] = ['/staff/calendars', '/staff/calendars/*', '/staff/bedarf', '/staff/bedarf.csv', '/staff/bedarf.pdf', '/staff/bedarf/*'];

export type TownCheck = { kind: 'all' } | { kind: 'district-only' } | { kind: 'item'; item: TownItemKind; param: string } | { kind: 'unknown-param' };

/** What the town check has to do for a matched route. */
export function townCheckFor(route: string): TownCheck {
  if (DISTRICT_ONLY_ROUTES.some((p) => (p.endsWith('/*') ? route.startsWith(p.slice(0, -1)) : route === p))) return { kind: 'district-only' };
  const hit = STAFF_ROUTE_ITEMS.find(([pattern]) => pattern === route);
  if (hit) return { kind: 'item', item: hit[2], param: hit[1] };
  return route.includes(':') || route.includes('*') ? { kind: 'unknown-param' } : { kind: 'all' };
}

/** The town the logged-in account is limited to; null = the district's staff (every town). */
export const accountTown = (req: FastifyRequest): string | null => req.staffSession?.account?.town ?? null;

/** Whether a thing of `town` (null: the district's) is visible to the account. */
export const townVisible = (req: FastifyRequest, town: string | null | undefined): boolean => {
  const mine = accountTown(req);
  return mine === null || mine === (town ?? null);
};
