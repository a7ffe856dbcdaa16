import { create } from 'zustand';
import { registerReset } from '../../app/reset';
import { EMPTY_CONTACT, WISH_STEP_COUNT, type ContactDraft, type ContactField, type WishDraft } from './wish-form';

export type WishPhase = 'form' | 'sending' | 'sent';

interface WishState extends WishDraft {
  /** 1-based step number while phase is 'form'/'sending'. */
  step: number;
  phase: WishPhase;
  /** Show problems only after the person tried to go on (never while typing the first letters). */
  showProblems: boolean;
  sendFailed: boolean;
  /** This visit already sent as many wishes as one visit may (issue 13, shared/contract/visit.ts). */
  sendLimited: boolean;
  /** Which contact field the keyboard writes into. */
  contactField: ContactField;
  /** The person declined after having typed contact data (it was deleted): say so once. */
  contactWithdrawn: boolean;
  /** Where "Weiter" goes after a "Ändern" from the summary. */
  returnToSummary: boolean;
  setText(text: string): void;
  toggleInterest(id: string): void;
  setAgeGroup(id: string | null): void;
  setDistrict(id: string | null): void;
  setConsent(consent: boolean): void;
  setContactField(field: ContactField): void;
  setContact(field: ContactField, value: string): void;
  setShowProblems(show: boolean): void;
  goTo(step: number, fromSummary?: boolean): void;
  next(): void;
  prev(): void;
  startSending(): void;
  sendDone(ok: boolean, limited?: boolean): void;
  reset(): void;
}

const initial = () => ({
  text: '',
  interests: [] as string[],
  ageGroup: null as string | null,
  district: null as string | null,
  consent: null as boolean | null,
  contact: { ...EMPTY_CONTACT } as ContactDraft,
  step: 1,
  phase: 'form' as WishPhase,
  showProblems: false,
  sendFailed: false,
  sendLimited: false,
  contactField: 'phone' as ContactField,
  contactWithdrawn: false,
  returnToSummary: false,
});

/** The wish form. Cleared by the idle reset (nothing typed survives a session), and after a wish was sent. */
export const useWishForm = create<WishState>((set, get) => ({
  ...initial(),
  setText: (text) => set({ text }),
  toggleInterest: (id) =>
    set((s) => ({ interests: s.interests.includes(id) ? s.interests.filter((i) => i !== id) : [...s.interests, id] })),
  setAgeGroup: (ageGroup) => set({ ageGroup }),
  setDistrict: (district) => set({ district }),
  setConsent: (consent) =>
    set((s) => {
      if (consent) return { consent, contactWithdrawn: false };
      // Declining deletes whatever was typed: without consent no contact data is kept, not even in memory.
      const typed = Object.values(s.contact).some((v) => v !== '');
      return { consent, contact: { ...EMPTY_CONTACT }, contactWithdrawn: typed, showProblems: false };
    }),
  setContactField: (contactField) => set({ contactField }),
  setContact: (field, value) => set((s) => ({ contact: { ...s.contact, [field]: value } })),
  setShowProblems: (showProblems) => set({ showProblems }),
  goTo: (step, fromSummary = false) =>
    set({ step: Math.min(Math.max(step, 1), WISH_STEP_COUNT), showProblems: false, sendFailed: false, returnToSummary: fromSummary }),
  next: () => {
    const s = get();
    const to = s.returnToSummary ? WISH_STEP_COUNT : s.step + 1;
    set({ step: Math.min(to, WISH_STEP_COUNT), showProblems: false, returnToSummary: to === WISH_STEP_COUNT ? false : s.returnToSummary });
  },
  prev: () => set((s) => ({ step: Math.max(1, s.step - 1), showProblems: false, returnToSummary: false })),
  startSending: () => set({ phase: 'sending', sendFailed: false, sendLimited: false }),
  sendDone: (ok, limited = false) =>
    set((s) =>
      ok
        ? // Sent: the form forgets the wish and the contact at once; only the confirmation remains.
          { ...initial(), phase: 'sent', consent: s.consent, step: WISH_STEP_COUNT }
        : limited
          ? { phase: 'form', sendLimited: true }
          : { phase: 'form', sendFailed: true },
    ),
  reset: () => set(initial()),
}));

registerReset(() => useWishForm.getState().reset());
