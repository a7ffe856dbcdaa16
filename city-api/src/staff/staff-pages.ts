/**
 * Every page of the staff web page, registered inside the staff plugin's session scope (see staff-kit.ts for how
 * to write one). Routes are declared relative to /staff. Append new pages at the end.
 */
import type { FastifyInstance } from 'fastify';
import { registerBedarfPages } from '../bedarf/bedarf-pages';
import { registerModerationPages } from '../submissions/moderation-pages';
import { registerCalendarPages } from './calendar-pages';
import { registerKioskPages } from './kiosk-pages';
import { registerOfferPages } from './offer-pages';
import type { StaffContext } from './staff-kit';
import { registerWishPages } from './wish-pages';

export type StaffPageRegistrar = (scope: FastifyInstance, ctx: StaffContext) => void | Promise<void>;

export const STAFF_PAGES: StaffPageRegistrar[] = [registerOfferPages, registerWishPages, registerKioskPages, registerModerationPages, registerCalendarPages, registerBedarfPages];
