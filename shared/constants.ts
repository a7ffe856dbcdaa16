/**
 * Constants of the schemas and the contract, without zod (issue 20: the renderer imports its values from zod-free
 * modules, so its first screen loads no zod). The schema modules build their zod enums from these and re-export them.
 */
export const LANGUAGES = ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'] as const;
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export const WISH_TEXT_MAX = 1000;
export const MAX_SLIP_OFFERS = 20;
/** A printer_error's reason (the message's head before ':'); see shared/contract/printer-error.ts. */
export const PRINTER_ERROR_REASONS = [
  'not_configured', // no printer in kiosk.json
  'offline', // not reachable, unplugged, connection refused, or reports "offline"
  'timeout', // connected but no reply / could not send in time
  'paper_out',
  'cover_open',
  'busy', // too many jobs waiting
  'failed', // anything else (printer error state, write error)
] as const;
/** Per-visitor-session limits (shared/contract/visit.ts explains them). */
export const VISIT_LIMITS = { wishes: 3, slips: 5 } as const;
export const STAFF_ACTIONS = ['sync_now', 'test_print', 'reload', 'relaunch', 'check_update', 'clear_cache'] as const;
export const SYNC_PHASES = [
  /** taxonomy (interests, age groups, districts) */
  'taxonomy',
  /** offers pages of the cursor feed (or the HSDS snapshot) */
  'offers',
  /** first sync: the collected pages replace the shown data in one transaction */
  'applying',
  'events',
  'images',
] as const;
/** Limits of a wish's contact fields (shared/schemas/wish.ts builds its schema from them; the wish form checks them). */
export const WISH_CONTACT_MAX = { name: 100, phone: 40, email: 254 } as const;
/** A phone number as a person types it: digits, spaces, + ( ) / -, 3 to 40 characters. */
export const PHONE_PATTERN = /^[+0-9 ()/-]{3,40}$/;
/**
 * An e-mail address: zod's own default pattern (zod/v4/core regexes.email), kept here so the renderer can check without
 * loading zod; the wish schema passes it to z.email(), and tests/unit/wish-contact-checks.test.ts fails when zod's differs.
 */
// eslint-disable-next-line no-useless-escape -- written exactly as zod writes it, so the test can compare the sources
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** C0 control characters except TAB, LF and CR: never accepted in text. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
