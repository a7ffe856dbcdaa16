/**
 * Every page of the staff web page, registered inside the staff plugin's session scope (see staff-kit.ts for how
 * to write one). Routes are declared relative to /staff. Append new pages at the end; a page that needs only the
 * storage interface (KioskStorage) goes into STAFF_STORAGE_PAGES and then also runs on PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { registerBedarfPages } from '../bedarf/bedarf-pages';
import { registerModerationPages } from '../submissions/moderation-pages';
import { registerCalendarPages } from './calendar-pages';
import { registerKioskPages } from './kiosk-pages';
import { registerOfferPages } from './offer-pages';
import type { StaffContext, StaffStorageContext } from './staff-kit';
import { registerWishPages } from './wish-pages';

export type StaffPageRegistrar = (scope: FastifyInstance, ctx: StaffContext) => void | Promise<void>;
export type StaffStoragePageRegistrar = (scope: FastifyInstance, ctx: StaffStorageContext) => void | Promise<void>;

/** Pages on the storage interface: served on SQLite and on PostgreSQL (issue 19). Registered first. */
export const STAFF_STORAGE_PAGES: StaffStoragePageRegistrar[] = [
  registerOfferPages,
  registerWishPages,
  registerKioskPages,
  registerModerationPages,
  registerCalendarPages,
  registerBedarfPages,
];

/** Pages that use the SQLite database directly (not served on PostgreSQL): none any more (issue 19). */
export const STAFF_PAGES: StaffPageRegistrar[] = [];
