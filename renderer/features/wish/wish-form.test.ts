import { beforeEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../app/reset';
import { wishInputSchema } from '../../../shared/schemas/wish';
import { buildWishInput, contactProblems, EMPTY_CONTACT, textProblem, type WishDraft } from './wish-form';
import { useWishForm } from './wish-store';

const draft = (d: Partial<WishDraft> = {}): WishDraft => ({
  text: '',
  interests: [],
  ageGroup: null,
  district: null,
  consent: null,
  contact: { ...EMPTY_CONTACT },
  ...d,
});
const labels = (ids: string[]) => ids.map((id) => `Label ${id}`);

describe('wish form rules', () => {
  it('text: empty only counts when no topic was tapped; too long counts code points; control characters are refused', () => {
    expect(textProblem('', 0)).toBe('empty');
    expect(textProblem('   ', 0)).toBe('empty');
    expect(textProblem('', 1)).toBeNull();
    expect(textProblem('🧶'.repeat(1000), 0)).toBeNull();
    expect(textProblem('🧶'.repeat(1001), 0)).toBe('tooLong');
    expect(textProblem('a\u0007b', 0)).toBe('badChars');
    expect(textProblem('Zeile 1\nZeile 2', 0)).toBeNull();
  });

  it('contact: phone or e-mail needed, an address that cannot be one is named', () => {
    expect(contactProblems({ name: 'Erika', phone: '', email: '' })).toEqual({ needPhoneOrEmail: true });
    expect(contactProblems({ name: '', phone: '02241 102-0', email: '' })).toEqual({});
    expect(contactProblems({ name: '', phone: '', email: 'erika@' })).toEqual({ email: 'email' });
    expect(contactProblems({ name: '', phone: '', email: 'erika@siegburg.de' })).toEqual({});
    expect(contactProblems({ name: '', phone: 'abc', email: 'x@y.de' })).toEqual({ phone: 'phone' });
    expect(contactProblems({ name: 'x'.repeat(101), phone: '123', email: '' })).toEqual({ name: 'nameTooLong' });
  });

  it('without consent no contact field leaves the form, even when something was typed', () => {
    const input = buildWishInput(draft({ text: 'Tanztee', consent: false, contact: { name: 'Erika', phone: '123', email: 'e@x.de' } }), 'de', labels);
    expect(input).toEqual({ text: 'Tanztee', language: 'de', contact_consent: false });
    expect(wishInputSchema.safeParse(input).success).toBe(true);
  });

  it('with consent only filled contact fields are sent, trimmed', () => {
    const input = buildWishInput(
      draft({ text: 'Tanztee', consent: true, ageGroup: 'senioren', district: 'zange', interests: ['musik'], contact: { name: ' Erika ', phone: '', email: 'e@x.de' } }),
      'tr',
      labels,
    );
    expect(input).toEqual({
      text: 'Tanztee',
      language: 'tr',
      interests: ['musik'],
      age_group: 'senioren',
      district: 'zange',
      contact_consent: true,
      contact: { name: 'Erika', email: 'e@x.de' },
    });
    expect(wishInputSchema.safeParse(input).success).toBe(true);
  });

  it('topics alone make the text; typed text is kept verbatim (markup, emoji, RTL)', () => {
    expect(buildWishInput(draft({ interests: ['a', 'b'] }), 'de', labels).text).toBe('Label a, Label b');
    const nasty = '<script>alert(1)</script> 🧶 مرحبا &amp;';
    expect(buildWishInput(draft({ text: nasty }), 'ar', labels).text).toBe(nasty);
  });
});

describe('wish form store', () => {
  beforeEach(() => useWishForm.getState().reset());

  it('declining consent deletes typed contact data and says so', () => {
    const s = useWishForm.getState();
    s.setConsent(true);
    s.setContact('email', 'erika@siegburg.de');
    s.setConsent(false);
    expect(useWishForm.getState().contact).toEqual(EMPTY_CONTACT);
    expect(useWishForm.getState().contactWithdrawn).toBe(true);
  });

  it('"Ändern" from the summary returns to the summary after "Weiter"', () => {
    const s = useWishForm.getState();
    s.goTo(5);
    s.goTo(2, true);
    useWishForm.getState().next();
    expect(useWishForm.getState().step).toBe(5);
    useWishForm.getState().goTo(1);
    useWishForm.getState().next();
    expect(useWishForm.getState().step).toBe(2);
  });

  it('a sent wish is forgotten by the form; the idle reset clears everything', () => {
    const s = useWishForm.getState();
    s.setText('Geheim');
    s.setConsent(true);
    s.setContact('phone', '0123');
    s.startSending();
    useWishForm.getState().sendDone(true);
    expect(useWishForm.getState()).toMatchObject({ phase: 'sent', text: '', contact: EMPTY_CONTACT, consent: true });
    useWishForm.getState().setText('Neuer Text');
    resetAll();
    expect(useWishForm.getState()).toMatchObject({ phase: 'form', step: 1, text: '', consent: null, interests: [] });
  });

  it('a failed send keeps everything that was typed', () => {
    const s = useWishForm.getState();
    s.setText('Bitte nicht verlieren');
    s.startSending();
    useWishForm.getState().sendDone(false);
    expect(useWishForm.getState()).toMatchObject({ phase: 'form', sendFailed: true, text: 'Bitte nicht verlieren' });
  });
});
