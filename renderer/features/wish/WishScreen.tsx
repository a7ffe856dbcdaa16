import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/kiosk-api';
import type { ScreenProps } from '../../app/screens';
import { useNav } from '../../app/nav-store';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import { OnScreenKeyboard, useKeepAboveKeyboard } from '../../ui/OnScreenKeyboard';
import { StepIndicator } from '../../ui/StepIndicator';
import { Toggle } from '../../ui/Toggle';
import { KioskApiError } from '../../../shared/contract/define';
import { VISIT_LIMITS, WISH_TEXT_MAX } from '../../../shared/constants';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import {
  buildWishInput,
  charCount,
  CONTACT_FIELDS,
  CONTACT_MAX,
  contactProblems,
  hasProblems,
  textProblem,
  WISH_STEP_COUNT,
  type ContactField,
} from './wish-form';
import { useWishForm } from './wish-store';
import { facetLabel, useTaxonomyFailed, useTaxonomyForWish } from './use-taxonomy-labels';
import './wish.css';

/** "Ich wünsche mir ein Angebot": one question per step, summary, then a confirmation of what happens next. */
export function WishScreen(_props: ScreenProps) {
  const phase = useWishForm((s) => s.phase);
  const step = useWishForm((s) => s.step);
  // Coming back to the form after a sent wish starts a new one.
  useEffect(() => {
    if (useWishForm.getState().phase === 'sent') useWishForm.getState().reset();
  }, []);
  if (phase === 'sent') return <WishSent />;
  return (
    <div className="screen stack wish" data-testid="wish-form" data-step={step}>
      {step === 1 ? <StepWhat /> : null}
      {step === 2 ? <StepChoice facet="age_groups" /> : null}
      {step === 3 ? <StepChoice facet="districts" /> : null}
      {step === 4 ? <StepContact /> : null}
      {step === 5 ? <StepSummary /> : null}
    </div>
  );
}

function StepHead({ step, question, hint }: { step: number; question: string; hint?: string }) {
  const { t } = useTranslation('wish');
  return (
    <>
      <p className="wish-kicker">{t('title')}</p>
      <StepIndicator current={step} total={WISH_STEP_COUNT} />
      <h1>{question}</h1>
      {hint ? <p>{hint}</p> : null}
    </>
  );
}

/** Back / skip / next at the end of every step. */
function StepNav({ onNext, skip, nextLabel, busy }: { onNext: () => void; skip?: () => void; nextLabel?: string; busy?: boolean }) {
  const { t } = useTranslation('wish');
  const step = useWishForm((s) => s.step);
  const prev = useWishForm((s) => s.prev);
  return (
    <div className="wish-nav">
      {step > 1 ? (
        <Button variant="big" icon="back" onPress={prev} testId="wish-back">
          {t('back')}
        </Button>
      ) : null}
      {skip ? (
        <Button variant="big" onPress={skip} testId="wish-skip">
          {t('skip')}
        </Button>
      ) : null}
      <Button variant="primary" icon={step === WISH_STEP_COUNT ? 'check' : 'forward'} onPress={onNext} disabled={busy} testId="wish-next">
        {nextLabel ?? t('next')}
      </Button>
    </div>
  );
}

function Problem({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="note note-warn wish-problem" role="alert" data-testid="wish-problem">
      {children}
    </p>
  );
}

function StepWhat() {
  const { t } = useTranslation('wish');
  const lang = useLanguage();
  const taxonomy = useTaxonomyForWish();
  const taxonomyFailed = useTaxonomyFailed();
  const { text, interests, showProblems, setText, toggleInterest, setShowProblems, next } = useWishForm();
  const textId = useId();
  const counterId = useId();
  const problemId = useId();
  const problem = textProblem(text, interests.length);
  // "too long" and "bad characters" are shown at once (typing more does not fix them); "empty" only on "Weiter".
  const visible = problem && (showProblems || problem !== 'empty') ? problem : null;
  const count = charCount(text);
  const answerRef = useRef<HTMLDivElement>(null);
  useKeepAboveKeyboard(answerRef, text, true, true);
  const goOn = () => {
    if (problem) setShowProblems(true);
    else next();
  };
  return (
    <>
      {/* the text side and the topics side: beside each other on a landscape screen while the keyboard is docked */}
      <div className="wish-what">
        <StepHead step={1} question={t('step1.question')} hint={t('step1.hint')} />
        {/* what the visitor types into and looks at while typing: kept in view above the docked keyboard */}
        <div className="wish-answer" ref={answerRef}>
          <label htmlFor={textId} className="wish-label">
            {t('step1.textLabel')}
          </label>
          <div className="wish-entry">
            <textarea
              id={textId}
              className="wish-text"
              value={text}
              onChange={(e) => setText(e.target.value)}
              inputMode="none"
              rows={3}
              dir="auto"
              spellCheck={false}
              aria-invalid={visible ? true : undefined}
              aria-describedby={[counterId, visible ? problemId : ''].filter(Boolean).join(' ')}
              data-testid="wish-text"
            />
            <StepNav onNext={goOn} />
          </div>
          <p id={counterId} className="wish-counter" data-testid="wish-counter">
            {t('step1.counter', { count, max: WISH_TEXT_MAX })}
            {count === WISH_TEXT_MAX ? ` ${t('problem.atLimit')}` : ''}
          </p>
          {visible ? <Problem id={problemId}>{t(`problem.${visible}`, { count, max: WISH_TEXT_MAX })}</Problem> : null}
        </div>
      </div>
      <OnScreenKeyboard value={text} onChange={setText} maxLength={WISH_TEXT_MAX} label={t('step1.textLabel')} autoCapitalize />
      {taxonomyFailed ? null : (
        <section className="wish-topics" aria-labelledby={`${textId}-topics`}>
          <h2 id={`${textId}-topics`}>{t('step1.topics')}</h2>
          {taxonomy ? (
            <ul className="choice-list">
              {taxonomy.interests.map((i) => (
                <li key={i.id}>
                  <Toggle label={facetLabel(taxonomy, 'interests', i.id, lang)} on={interests.includes(i.id)} onChange={() => toggleInterest(i.id)} testId={`wish-topic-${i.id}`} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('loadingTopics')}</p>
          )}
        </section>
      )}
    </>
  );
}

/** Step 2 (age group) and step 3 (part of town): one optional choice. */
function StepChoice({ facet }: { facet: 'age_groups' | 'districts' }) {
  const { t } = useTranslation('wish');
  const lang = useLanguage();
  const taxonomy = useTaxonomyForWish();
  const taxonomyFailed = useTaxonomyFailed();
  const step = facet === 'age_groups' ? 2 : 3;
  const value = useWishForm((s) => (facet === 'age_groups' ? s.ageGroup : s.district));
  const set = useWishForm((s) => (facet === 'age_groups' ? s.setAgeGroup : s.setDistrict));
  const next = useWishForm((s) => s.next);
  return (
    <>
      <StepHead step={step} question={t(step === 2 ? 'step2.question' : 'step3.question')} hint={t('optional')} />
      {taxonomy ? (
        <ul className="choice-list wish-choices">
          {taxonomy[facet].map((e) => (
            <li key={e.id}>
              <Toggle
                label={facetLabel(taxonomy, facet, e.id, lang)}
                on={value === e.id}
                onChange={(on) => set(on ? e.id : null)}
                testId={`wish-${facet}-${e.id}`}
              />
            </li>
          ))}
        </ul>
      ) : taxonomyFailed ? (
        <p className="note">{t('choicesUnavailable')}</p>
      ) : (
        <p>{t('loadingTopics')}</p>
      )}
      <StepNav
        onNext={next}
        skip={() => {
          set(null);
          next();
        }}
      />
    </>
  );
}

const EXTRA_KEYS: Partial<Record<ContactField, string[]>> = {
  email: ['@', '.', '-', '_', '.de', '.com'],
  phone: ['+', '/', '(', ')', '-'],
};

/**
 * Step 4's row: back, "no contact" (asked: "Nein, ohne Antwort weiter"; after typing: "Doch ohne Antwort weiter") — both go on
 * without contact details — and the step's primary action.
 */
function ContactNav({ decline, children }: { decline: 'no' | 'withdraw'; children: ReactNode }) {
  const { t } = useTranslation('wish');
  const prev = useWishForm((s) => s.prev);
  const setConsent = useWishForm((s) => s.setConsent);
  const next = useWishForm((s) => s.next);
  return (
    <div className="wish-nav">
      <Button variant="big" icon="back" onPress={prev} testId="wish-back">
        {t('back')}
      </Button>
      <Button
        variant="big"
        onPress={() => {
          setConsent(false);
          next();
        }}
        testId={decline === 'no' ? 'wish-consent-no' : 'wish-consent-withdraw'}
      >
        {t(decline === 'no' ? 'step4.no' : 'step4.withdraw')}
      </Button>
      {children}
    </div>
  );
}

function StepContact() {
  const { t } = useTranslation('wish');
  const { consent, contact, contactField, showProblems, contactWithdrawn, setConsent, setContact, setContactField, setShowProblems, next } =
    useWishForm();
  const baseId = useId();
  if (consent !== true) {
    return (
      <>
        <StepHead step={4} question={t('step4.question')} hint={t('optional')} />
        {contactWithdrawn ? (
          <p className="note" role="status" data-testid="wish-contact-withdrawn">
            {t('step4.withdrawn')}
          </p>
        ) : null}
        <div className="card wish-consent" data-testid="wish-consent">
          <p>{t('step4.explain1')}</p>
          <p>{t('step4.explain2')}</p>
          <p>{t('step4.explain3')}</p>
        </div>
        <ContactNav decline="no">
          <Button variant="primary" icon="check" onPress={() => setConsent(true)} testId="wish-consent-yes">
            {t('step4.yes')}
          </Button>
        </ContactNav>
      </>
    );
  }
  const problems = contactProblems(contact);
  const fieldProblem = (f: ContactField) => {
    const p = problems[f];
    // A wrong e-mail or phone shows once the person moved on from it or tried "Weiter".
    return p && (showProblems || contactField !== f) && contact[f].trim() !== '' ? p : null;
  };
  const goOn = () => {
    if (hasProblems(problems)) setShowProblems(true);
    else next();
  };
  const value = contact[contactField];
  const extra = EXTRA_KEYS[contactField];
  return (
    <>
      <StepHead step={4} question={t('step4.contactTitle')} hint={t('step4.fieldHint')} />
      <div className="wish-fields">
        {CONTACT_FIELDS.map((f) => {
          const p = fieldProblem(f);
          const id = `${baseId}-${f}`;
          return (
            <div key={f} className={`wish-field${contactField === f ? ' is-active' : ''}`}>
              <label htmlFor={id} className="wish-label">
                {t(`step4.${f}`)}
              </label>
              <input
                id={id}
                className="wish-input"
                type="text"
                inputMode="none"
                autoComplete="off"
                spellCheck={false}
                dir={f === 'name' ? 'auto' : 'ltr'}
                value={contact[f]}
                onFocus={() => setContactField(f)}
                onPointerDown={() => setContactField(f)}
                onChange={(e) => setContact(f, e.target.value)}
                aria-invalid={p ? true : undefined}
                aria-describedby={p ? `${id}-problem` : undefined}
                data-testid={`wish-contact-${f}`}
              />
              {p ? <Problem id={`${id}-problem`}>{t(`problem.${p}`)}</Problem> : null}
            </div>
          );
        })}
      </div>
      {showProblems && problems.needPhoneOrEmail ? <Problem>{t('problem.needPhoneOrEmail')}</Problem> : null}
      <ContactNav decline="withdraw">
        <Button variant="primary" icon="forward" onPress={goOn} testId="wish-next">
          {t('next')}
        </Button>
      </ContactNav>
      <OnScreenKeyboard
        key={contactField}
        value={value}
        onChange={(v) => setContact(contactField, v)}
        maxLength={CONTACT_MAX[contactField]}
        withDigits={contactField !== 'name'}
        autoCapitalize={contactField === 'name'}
        layout={contactField === 'name' ? undefined : 'de'}
        label={t(`step4.${contactField}`)}
      />
      {extra ? (
        <div className="osk-row wish-extra-keys" dir="ltr">
          {extra.map((k) => (
            <Button
              key={k}
              className="osk-key"
              keyId={`extra-${k}`}
              onPress={() => setContact(contactField, [...value].length + [...k].length <= CONTACT_MAX[contactField] ? value + k : value)}
              testId={`wish-key-${k}`}
            >
              {k}
            </Button>
          ))}
        </div>
      ) : null}
    </>
  );
}

function summaryTopics(taxonomy: Taxonomy | null, ids: string[], lang: ReturnType<typeof useLanguage>) {
  return ids.map((id) => facetLabel(taxonomy, 'interests', id, lang));
}

function StepSummary() {
  const { t } = useTranslation('wish');
  const lang = useLanguage();
  const taxonomy = useTaxonomyForWish();
  const s = useWishForm();
  const topics = summaryTopics(taxonomy, s.interests, lang);
  const send = async () => {
    const state = useWishForm.getState();
    if (state.phase !== 'form') return;
    const input = buildWishInput(state, lang, (ids) => ids.map((id) => facetLabel(taxonomy, 'interests', id, 'de')));
    state.startSending();
    try {
      await api.submitWish(input);
      useWishForm.getState().sendDone(true);
    } catch (err) {
      useWishForm.getState().sendDone(false, err instanceof KioskApiError && err.code === 'limit_reached');
    }
  };
  const contactLines = s.consent ? CONTACT_FIELDS.filter((f) => s.contact[f].trim()).map((f) => `${t(`step4.${f}`)}: ${s.contact[f].trim()}`) : [];
  const rows: { label: string; step: number; value: ReactNode; testId: string }[] = [
    {
      label: t('step5.wish'),
      step: 1,
      testId: 'wish-summary-text',
      value: s.text.trim() ? <span className="wish-verbatim" dir="auto">{s.text}</span> : t('step5.none'),
    },
    { label: t('step5.topics'), step: 1, testId: 'wish-summary-topics', value: topics.length ? topics.join(', ') : t('step5.none') },
    { label: t('step5.age'), step: 2, testId: 'wish-summary-age', value: s.ageGroup ? facetLabel(taxonomy, 'age_groups', s.ageGroup, lang) : t('step5.none') },
    { label: t('step5.district'), step: 3, testId: 'wish-summary-district', value: s.district ? facetLabel(taxonomy, 'districts', s.district, lang) : t('step5.none') },
    {
      label: t('step5.contact'),
      step: 4,
      testId: 'wish-summary-contact',
      value: contactLines.length ? (
        <span className="wish-contact-lines">
          {contactLines.map((l) => (
            <span key={l} dir="auto">
              {l}
            </span>
          ))}
        </span>
      ) : (
        t('step5.noContact')
      ),
    },
  ];
  return (
    <>
      <StepHead step={5} question={t('step5.question')} />
      {/* above the summary: on a landscape screen a message under it would sit below the fold */}
      {s.sendLimited ? <Problem>{t('problem.limit', { count: VISIT_LIMITS.wishes })}</Problem> : null}
      <dl className="wish-summary">
        {rows.map((r) => (
          <div key={r.testId} className="wish-summary-row">
            <dt>{r.label}</dt>
            <dd data-testid={r.testId}>{r.value}</dd>
            <dd className="wish-summary-change">
              <Button onPress={() => s.goTo(r.step, true)} ariaLabel={t('step5.change', { what: r.label })} testId={`${r.testId}-change`}>
                {t('step5.changeShort')}
              </Button>
            </dd>
          </div>
        ))}
      </dl>
      {s.sendFailed ? <Problem>{t('problem.sendFailed')}</Problem> : null}
      <StepNav onNext={() => void send()} nextLabel={s.phase === 'sending' ? t('step5.sending') : t('step5.send')} busy={s.phase === 'sending'} />
    </>
  );
}

function WishSent() {
  const { t } = useTranslation('wish');
  const consent = useWishForm((s) => s.consent);
  const home = useNav((s) => s.home);
  return (
    <div className="screen wish wish-sent" data-testid="wish-sent">
      <h1>{t('done.title')}</h1>
      <div className="card stack">
        <p>{t('done.next1')}</p>
        <p>{t('done.next2')}</p>
        <p>{consent ? t('done.contact') : t('done.noContact')}</p>
      </div>
      <div className="wish-nav">
        <Button variant="big" icon="wish" onPress={() => useWishForm.getState().reset()} testId="wish-again">
          {t('done.again')}
        </Button>
        <Button
          variant="primary"
          icon="home"
          onPress={() => {
            useWishForm.getState().reset();
            home();
          }}
          testId="wish-home"
        >
          {t('done.home')}
        </Button>
      </div>
    </div>
  );
}
