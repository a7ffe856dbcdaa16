import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';

export interface PinPadProps {
  /** Instruction above the pad. */
  prompt: string;
  onSubmit(pin: string): void;
  /** Message below the entered digits (wrong PIN, lockout …). */
  message?: string | null;
  disabled?: boolean;
  testId?: string;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const MAX_PIN_LENGTH = 12;

/** Big-key PIN pad; digits are shown as dots only. */
export function PinPad({ prompt, onSubmit, message, disabled = false, testId = 'pin-pad' }: PinPadProps) {
  const { t } = useTranslation('staff');
  const [pin, setPin] = useState('');
  const add = (d: string) => setPin((p) => (p.length >= MAX_PIN_LENGTH ? p : p + d));
  const submit = () => {
    if (pin.length === 0) return;
    const entered = pin;
    setPin('');
    onSubmit(entered);
  };
  return (
    <div className="pin-pad" data-testid={testId}>
      <p className="pin-prompt">{prompt}</p>
      <div className="pin-dots" aria-live="polite" aria-label={t('pinDigits', { count: pin.length })} data-testid="pin-dots">
        {pin.length === 0 ? <span className="pin-dots-empty">{t('pinEmpty')}</span> : '●'.repeat(pin.length)}
      </div>
      {message ? (
        <p className="pin-message" role="alert" data-testid="pin-message">
          {message}
        </p>
      ) : null}
      <div className="pin-keys" role="group" aria-label={t('pinKeys')}>
        {KEYS.map((k) => (
          <Button key={k} className="pin-key" variant="big" onPress={() => add(k)} disabled={disabled} testId={`pin-key-${k}`} guard={false}>
            {k}
          </Button>
        ))}
        <Button className="pin-key pin-key-aux" variant="big" onPress={() => setPin((p) => p.slice(0, -1))} disabled={disabled} testId="pin-key-delete">
          {t('keyDelete')}
        </Button>
        <Button className="pin-key" variant="big" onPress={() => add('0')} disabled={disabled} testId="pin-key-0" guard={false}>
          0
        </Button>
        <Button className="pin-key pin-key-ok" variant="primary" onPress={submit} disabled={disabled || pin.length === 0} testId="pin-key-ok">
          {t('keyOk')}
        </Button>
      </div>
    </div>
  );
}
