import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/schemas/kiosk-config';
import { Button } from './Button';
import { applyKey, DIGIT_ROW, KEYBOARD_LAYOUTS, layoutForLanguage, type KeyboardLayout } from './keyboard-layouts';

export interface OnScreenKeyboardProps {
  value: string;
  onChange: (value: string) => void;
  /** The "Fertig" key; the keyboard is usually hidden by the caller then. */
  onDone?: () => void;
  /** Show a row of digits (contact details in forms). */
  withDigits?: boolean;
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
export function OnScreenKeyboard({ value, onChange, onDone, withDigits = false, maxLength = 200, layout, label, testId = 'osk', docked = true }: OnScreenKeyboardProps) {
  const { t, i18n } = useTranslation('ui');
  const own = layout ? KEYBOARD_LAYOUTS[layout] : layoutForLanguage(asLanguage(i18n.language));
  const [useGerman, setUseGerman] = useState(false);
  const [shift, setShift] = useState(false);
  const current = useGerman && own.id !== 'de' ? KEYBOARD_LAYOUTS.de : own;
  const other = own.id === 'de' ? null : useGerman ? own : KEYBOARD_LAYOUTS.de;

  const type = (char: string) => {
    const c = shift && current.hasCase ? char.toLocaleUpperCase(current.locale) : char;
    onChange(applyKey(value, { type: 'char', char: c }, maxLength));
    setShift(false);
  };

  const rows = withDigits ? [DIGIT_ROW, ...current.rows] : current.rows;

  const keyboard = (
    <div className="osk" role="group" aria-label={label ?? t('keyboard')} dir={current.dir} data-testid={testId} data-layout={current.id}>
      {rows.map((row, i) => (
        <div className="osk-row" key={`${current.id}-${i}`}>
          {row.map((ch) => {
            const shown = shift && current.hasCase ? ch.toLocaleUpperCase(current.locale) : ch;
            return (
              <Button key={ch} className="osk-key" onPress={() => type(ch)} testId={`key-${ch}`} ariaLabel={keyName(shown, t)}>
                <span lang={current.locale}>{shown}</span>
              </Button>
            );
          })}
        </div>
      ))}
      <div className="osk-row">
        {current.hasCase ? (
          <Button className="osk-key osk-key-wide" ariaPressed={shift} onPress={() => setShift((s) => !s)} testId="key-shift">
            {t('keyShift')}
          </Button>
        ) : null}
        {other ? (
          <Button className="osk-key osk-key-wide" onPress={() => setUseGerman((g) => !g)} testId="key-layout" ariaLabel={t('keyLayout', { name: other.name })}>
            <span lang={other.locale}>{other.name}</span>
          </Button>
        ) : null}
        <Button className="osk-key osk-key-space" onPress={() => onChange(applyKey(value, { type: 'space' }, maxLength))} testId="key-space">
          {t('keySpace')}
        </Button>
        <Button className="osk-key osk-key-wide" icon="backspace" onPress={() => onChange(applyKey(value, { type: 'backspace' }))} testId="key-backspace" ariaLabel={t('keyBackspace')}>
          <span aria-hidden="true">{t('keyBackspaceShort')}</span>
        </Button>
        <Button className="osk-key osk-key-wide" onPress={() => onChange('')} testId="key-clear">
          {t('keyClear')}
        </Button>
        {onDone ? (
          <Button className="osk-key osk-key-done" onPress={onDone} testId="key-done">
            {t('keyDone')}
          </Button>
        ) : null}
      </div>
    </div>
  );
  const dock = docked ? document.getElementById(KEYBOARD_DOCK_ID) : null;
  return dock ? createPortal(keyboard, dock) : keyboard;
}

/** The shell renders an element with this id between the screen and the fixed bar. */
export const KEYBOARD_DOCK_ID = 'keyboard-dock';

/** Punctuation keys get a spoken name; letters are their own name. */
function keyName(ch: string, t: (k: string) => string): string | undefined {
  const names: Record<string, string> = { ',': 'keyComma', '.': 'keyDot', '-': 'keyDash', "'": 'keyApostrophe', '،': 'keyComma', '؟': 'keyQuestion' };
  const k = names[ch];
  return k ? t(k) : undefined;
}
