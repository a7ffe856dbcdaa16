import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/constants';
import type { Language } from '../../shared/schemas/kiosk-config';
import { Button } from './Button';
import {
  applyKey,
  DIGIT_ROW,
  KEYBOARD_LAYOUTS,
  LANDSCAPE_ROW_KEYS,
  landscapeRows,
  layoutForLanguage,
  NARROW_LANDSCAPE_MAX_WIDTH,
  NARROW_ROW_KEYS,
  type KeyboardLayout,
} from './keyboard-layouts';

export interface OnScreenKeyboardProps {
  value: string;
  onChange: (value: string) => void;
  /**
   * The "Fertig" key (always there); the keyboard is usually hidden by the caller then. Without `onDone` the keyboard
   * hides itself and leaves a "Tastatur zeigen" button in the dock.
   */
  onDone?: () => void;
  /** Always show a row of digits (contact details in forms); otherwise a "123" key shows it. */
  withDigits?: boolean;
  /** Capital first letter of the text and after . ! ? (free text, names), as phones do. */
  autoCapitalize?: boolean;
  maxLength?: number;
  /** Start with this layout instead of the one for the UI language. */
  layout?: KeyboardLayout['id'];
  /** Accessible name of the keyboard, e.g. "Tastatur für die Suche". */
  label?: string;
  /**
   * Show the keyboard in the shell's dock (full screen width, just above the fixed bar) instead of in place.
   * Default true: the dock gives every key its 72 px even on a portrait screen.
   */
  docked?: boolean;
  testId?: string;
}

const asLanguage = (l: string): Language => ((LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'de');

/**
 * The kiosk's own keyboard: the OS keyboard is never needed. Big keys (≥ 72 px, 16 px apart), a layout per
 * UI language, a one-tap switch to the German layout (offer names are German), one-shot capitals,
 * backspace, space, clear all and done.
 */
export function OnScreenKeyboard({
  value,
  onChange,
  onDone,
  withDigits = false,
  autoCapitalize = false,
  maxLength = 200,
  layout,
  label,
  testId = 'osk',
  docked = true,
}: OnScreenKeyboardProps) {
  const { t, i18n } = useTranslation('ui');
  const own = layout ? KEYBOARD_LAYOUTS[layout] : layoutForLanguage(asLanguage(i18n.language));
  const [useGerman, setUseGerman] = useState(false);
  /** the Shift key inverts the automatic capital for one letter */
  const [shift, setShift] = useState(false);
  const [digits, setDigits] = useState(false);
  const [hidden, setHidden] = useState(false);
  const current = useGerman && own.id !== 'de' ? KEYBOARD_LAYOUTS.de : own;
  const other = own.id === 'de' ? null : useGerman ? own : KEYBOARD_LAYOUTS.de;
  const upper = current.hasCase && shift !== (autoCapitalize && startsSentence(value));

  const type = (char: string) => {
    const c = upper ? char.toLocaleUpperCase(current.locale) : char;
    onChange(applyKey(value, { type: 'char', char: c }, maxLength));
    setShift(false);
  };
  const done = onDone ?? (() => setHidden(true));
  // one callback for every letter key, so a keystroke re-renders only the keys whose label changed (issue 15: the
  // 40-odd keys re-rendered on every keystroke, before the search request could leave)
  const typeNow = useRef(type);
  typeNow.current = type;
  const onLetter = useCallback((ch: string) => typeNow.current(ch), []);

  const landscape = useMedia(LANDSCAPE, true);
  const narrow = useMedia(NARROW, false);
  const letters = landscape ? landscapeRows(current.rows, narrow ? NARROW_ROW_KEYS : LANDSCAPE_ROW_KEYS) : current.rows;
  const rows = withDigits || digits ? [DIGIT_ROW, ...letters] : letters;
  // Every key is a `keyId` button: never dropped by the double-tap guard, only a bounce on the same key.
  const keyboard = hidden ? (
    <div className="osk osk-hidden" data-testid={testId}>
      <Button variant="big" keyId="show" onPress={() => setHidden(false)} testId="key-show">
        {t('keyShow')}
      </Button>
    </div>
  ) : (
    <div className="osk" role="region" aria-label={label ?? t('keyboard')} dir={current.dir} data-testid={testId} data-layout={current.id}>
      {rows.map((row, i) => (
        <div className="osk-row" key={`${current.id}-${i}`}>
          {row.map((ch) => {
            const shown = upper ? ch.toLocaleUpperCase(current.locale) : ch;
            return <LetterKey key={ch} ch={ch} shown={shown} locale={current.locale} ariaLabel={keyName(shown, t)} onLetter={onLetter} />;
          })}
        </div>
      ))}
      <div className="osk-row">
        {current.hasCase ? (
          <Button className="osk-key osk-key-wide" keyId="shift" ariaPressed={upper} onPress={() => setShift((s) => !s)} testId="key-shift">
            {t('keyShift')}
          </Button>
        ) : null}
        {withDigits ? null : (
          <Button className="osk-key osk-key-wide" keyId="digits" ariaPressed={digits} onPress={() => setDigits((d) => !d)} testId="key-digits" ariaLabel={`${t('keyDigitsShort')}: ${t('keyDigits')}`}>
            <span aria-hidden="true">{t('keyDigitsShort')}</span>
          </Button>
        )}
        {other ? (
          <Button className="osk-key osk-key-wide" keyId="layout" onPress={() => setUseGerman((g) => !g)} testId="key-layout" ariaLabel={t('keyLayout', { name: other.name })}>
            <span lang={other.locale}>{other.name}</span>
          </Button>
        ) : null}
        <Button className="osk-key osk-key-space" keyId="space" onPress={() => onChange(applyKey(value, { type: 'space' }, maxLength))} testId="key-space">
          {t('keySpace')}
        </Button>
        <Button
          className="osk-key osk-key-wide"
          keyId="backspace"
          icon="backspace"
          onPress={() => onChange(applyKey(value, { type: 'backspace' }))}
          testId="key-backspace"
          ariaLabel={`${t('keyBackspaceShort')}: ${t('keyBackspace')}`}
        >
          <span aria-hidden="true">{t('keyBackspaceShort')}</span>
        </Button>
        <Button className="osk-key osk-key-wide" keyId="clear" onPress={() => onChange('')} testId="key-clear">
          {t('keyClear')}
        </Button>
        <Button className="osk-key osk-key-done" keyId="done" onPress={done} testId="key-done">
          {t('keyDone')}
        </Button>
      </div>
    </div>
  );
  const dock = docked ? document.getElementById(KEYBOARD_DOCK_ID) : null;
  return dock ? createPortal(keyboard, dock) : keyboard;
}

const LetterKey = memo(function LetterKey({ ch, shown, locale, ariaLabel, onLetter }: { ch: string; shown: string; locale: string; ariaLabel: string | undefined; onLetter: (ch: string) => void }) {
  return (
    <Button className="osk-key" keyId={ch} onPress={() => onLetter(ch)} testId={`key-${ch}`} ariaLabel={ariaLabel}>
      <span lang={locale}>{shown}</span>
    </Button>
  );
});

/** Where a phone keyboard capitalises: at the start of the text and after the end of a sentence. */
export function startsSentence(value: string): boolean {
  return /^\s*$|[.!?]\s+$/u.test(value);
}

/** The screen is wider than high (the kiosk's 1920×1080): room for longer key rows, little height. */
const LANDSCAPE = '(orientation: landscape)';
/** A narrower landscape panel (1280×800): a row holds one key less. */
const NARROW = `(max-width: ${NARROW_LANDSCAPE_MAX_WIDTH}px)`;
function useMedia(query: string, fallback: boolean): boolean {
  const watch = useCallback((changed: () => void) => {
    const list = window.matchMedia?.(query);
    list?.addEventListener('change', changed);
    return () => list?.removeEventListener('change', changed);
  }, [query]);
  return useSyncExternalStore(watch, () => window.matchMedia?.(query).matches ?? fallback);
}

/** The shell renders an element with this id between the screen and the fixed bar. */
export const KEYBOARD_DOCK_ID = 'keyboard-dock';

/**
 * Keeps what a visitor types into in view above the docked keyboard: `ref` is the text box with what belongs to it
 * (its counter, the step's "Weiter"). At large text a screen's heading and hint above it push it under the keyboard
 * (issue 15); the screen scrolls just enough (block 'nearest') when the keyboard opens or changes height, when the
 * element changes size (text size, language, a message under the text) and on every change of `value` — not on other
 * renders, so a visitor who scrolled down to the topics is not pulled back by tapping one. `active`: the element is
 * rendered (the keyboard is open).
 */
export function useKeepAboveKeyboard(ref: RefObject<HTMLElement | null>, value: string, active = true, endFirst = false): void {
  useLayoutEffect(() => {
    if (active && ref.current) keepInView(ref.current, endFirst);
  }, [ref, value, active, endFirst]);
  useEffect(() => {
    const el = ref.current;
    if (!active || !el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => keepInView(el, endFirst));
    observer.observe(el);
    const dock = document.getElementById(KEYBOARD_DOCK_ID);
    if (dock) observer.observe(dock);
    return () => observer.disconnect();
  }, [ref, active, endFirst]);
}

/**
 * Scrolls `el` into view (block 'nearest'). `endFirst`: when it is taller than the space left above the keyboard
 * (1280×800 at extra large text: the wish's label, text box and counter), 'nearest' leaves its end under the keyboard;
 * then the screen scrolls on until its end is above the keyboard, so the text box, the counter and "Weiter" show and
 * only the label at the top goes under the header. Only the screen's own scroller moves, never the page.
 */
function keepInView(el: HTMLElement, endFirst: boolean): void {
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  if (!endFirst) return;
  const dock = document.getElementById(KEYBOARD_DOCK_ID);
  const scroller = el.closest<HTMLElement>('.shell-main');
  if (!dock?.firstElementChild || !scroller) return;
  const below = el.getBoundingClientRect().bottom - Math.min(dock.getBoundingClientRect().top, scroller.getBoundingClientRect().bottom) + 8;
  if (below > 0) scroller.scrollTop += below;
}

/** Punctuation keys get a spoken name; letters are their own name. */
function keyName(ch: string, t: (k: string) => string): string | undefined {
  const names: Record<string, string> = { ',': 'keyComma', '.': 'keyDot', '-': 'keyDash', "'": 'keyApostrophe', '،': 'keyComma', '؟': 'keyQuestion' };
  const k = names[ch];
  return k ? t(k) : undefined;
}
