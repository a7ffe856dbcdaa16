/** Test wishes shared by the staff page tests on both backends (issue 19). */
import type { WishBody } from '../../shared/schemas/wish';

/** Kiosk 'rathaus''s wish with markup in its text and a phone number sent WITHOUT consent (never shown to staff). */
export const MARKUP_WISH_WITHOUT_CONSENT: WishBody = {
  text: '<img src=x onerror=alert(1)> Ein Lesekreis wäre schön',
  language: 'de',
  created_at: '2026-11-25T09:00:00Z',
  kiosk_id: 'rathaus',
  contact: { name: 'Erika', phone: '+49 221 4710 555' },
  contact_consent: false,
};

/** Kiosk 'rathaus''s wish whose visitor consented to be contacted by e-mail (staff see the contact and may reply). */
export const CONSENTED_WISH: WishBody = {
  text: 'Schachtreff am Vormittag',
  language: 'de',
  created_at: '2026-11-25T09:05:00Z',
  kiosk_id: 'rathaus',
  contact: { name: 'Hans', email: 'hans@example.org' },
  contact_consent: true,
};
